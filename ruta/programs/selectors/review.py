"""Reads for validators and capture staff: the review queue and the open quarter.

The queue lists every value the reader left for review, with its reason and
candidates, for the units the validator may validate. A goal's quarters are
one item: the copies' whole readings of the goal fit its arithmetic
together, so they are offered as options for all its quarters at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice, product
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ruta.accounts.permissions import Action, can
from ruta.accounts.selectors import user_labels
from ruta.programs.models import (
    QUARTERS_FIELD,
    Goal,
    Pair,
    QuarterProgress,
    ReviewDecision,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.reasons import join_reasons, review_reasons, review_rules
from ruta.programs.selectors.progress import unit_programs
from ruta.sources.models import PublishedRow, SourceDocument
from ruta.sources.records import row_anchor, row_place

MAX_OPTIONS = 24

FIELD_LABELS = {
    "number": _("Número de meta"),
    "description": _("Meta y acción"),
    "unit": _("Unidad de medida"),
    "annual_target": _("Meta anual"),
    "lines_of_action": _("Líneas de acción de la meta"),
    "absolute": _("Avance absoluto impreso"),
    "relative_pct": _("Acumulado relativo impreso"),
    "observation": _("Observaciones"),
    "form_code": _("Clave del formato"),
    "issuer": _("Gobierno que emite el formato"),
    "period": _("Periodo"),
    "persons.program": _("Responsable del programa"),
    "persons.executing_unit": _("Responsable de la unidad ejecutora"),
    "persons.ramo": _("Responsable del ramo"),
    QUARTERS_FIELD: _("Programado y alcanzado por trimestre"),
}
PART_LABELS = {"code": _("clave"), "name": _("nombre")}
HEADER_LABELS = {
    "ramo": _("Ramo"),
    "program": _("Programa"),
    "executing_unit": _("Unidad ejecutora"),
    "finalidad": _("Finalidad"),
    "funcion": _("Función"),
    "subfuncion": _("Subfunción"),
    "ejes": _("Eje de gobierno"),
    "lines_of_action": _("Línea de acción"),
}


@dataclass(frozen=True)
class SourceLink:
    """Where a value under review was printed: its document, the lines of the
    document's text it was read from and, for a goal, the goal's row on the
    document's page (``anchor``; ``place`` opens the page at that row).
    """

    sha256: str
    name: str
    lines: tuple[int, ...] = ()
    row: int | None = None
    anchor: str = ""
    place: str = ""


@dataclass(frozen=True)
class ReviewItem:
    """A value left for review: where it is, why, and what it could be."""

    unit_program: UnitProgram
    goal: Goal | None
    field: str
    label: str
    value: Any
    reason: str  # the reader's own words, in English
    candidates: tuple[Any, ...] = ()
    quarters: tuple[QuarterProgress, ...] = ()
    options: tuple[tuple[Pair, ...], ...] = ()
    rules: tuple[str, ...] = ()  # the reader's rule codes, for ``explanations``
    lines: tuple[int, ...] = ()  # the document's lines the value was read from
    source: SourceLink | None = None

    @property
    def explanations(self) -> tuple[str, ...]:
        """Return why the value waits for review, in the page's language."""
        return review_reasons(self.rules)

    @property
    def candidate_texts(self) -> tuple[str, ...]:
        """Return the candidates as the page shows them."""
        return tuple(shown(c) for c in self.candidates)

    @property
    def option_texts(self) -> tuple[str, ...]:
        """Return each whole reading of the quarters as "T2: P 1 / A 1; …"."""
        return tuple(
            "; ".join(
                f"T{row.quarter}: P {shown(p)} / A {shown(a)}"
                for row, (p, a) in zip(self.quarters, option, strict=True)
            )
            for option in self.options
        )


def shown(value: Any) -> str:
    """Return a value as pages show it: lists joined, blanks as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value)
    return str(value)


def field_label(field: str) -> str:
    """Return the Spanish label of a reading key ("ramo.code" → "Ramo (clave)")."""
    if field in FIELD_LABELS:
        return str(FIELD_LABELS[field])
    parts = field.split(".")
    name = HEADER_LABELS.get(parts[0], parts[0])
    part = PART_LABELS.get(parts[-1], parts[-1])
    return f"{name} ({part})"


def review_queue(user: Any) -> list[ReviewItem]:
    """Return every value needing review in the units ``user`` may validate."""
    waiting = Q(status=ValueStatus.NEEDS_REVIEW) | Q(
        goals__status=ValueStatus.NEEDS_REVIEW
    )
    waiting |= Q(goals__quarters__status=ValueStatus.NEEDS_REVIEW)
    pending = UnitProgram.objects.filter(waiting).values("pk").distinct()
    items = []
    for unit_program in unit_programs().filter(pk__in=pending):
        if can(user, Action.VALIDATE, unit_program):
            items += unit_program_items(unit_program)
    return with_sources(items)


def _lines(places: Sequence[Sequence[int]]) -> tuple[int, ...]:
    """Return the document lines of ``[copy, line]`` places, in order, once."""
    return tuple(sorted({line for _copy, line in places}))


def _goal_rows(items: Sequence[ReviewItem]) -> dict[tuple[int, int], PublishedRow]:
    """Return the published row of each goal of ``items`` by (document, number).

    The POA loader keeps a goal's row at the first line any copy printed it.
    """
    goals = {item.goal.pk: item.goal for item in items if item.goal}
    wanted = Q(pk__in=[])
    for goal in goals.values():
        if goal.source_document_id and goal.source_lines:
            first = min(_lines(goal.source_lines))
            wanted |= Q(
                document_id=goal.source_document_id, row_number=goal.number, line=first
            )
    rows = PublishedRow.objects.filter(wanted).order_by("table_id", "pk")
    found: dict[tuple[int, int], PublishedRow] = {}
    for row in rows:
        found.setdefault((row.document_id, row.row_number), row)
    return found


def with_sources(items: Sequence[ReviewItem]) -> list[ReviewItem]:
    """Return ``items`` each with where it was printed, read in two queries.

    A goal's value links to the goal's row of its document; a header value
    (no goal) to its unit program's document.
    """
    rows = _goal_rows(items)
    holders = [item.goal or item.unit_program for item in items]
    documents = SourceDocument.objects.in_bulk(
        {holder.source_document_id for holder in holders} - {None}
    )
    linked = []
    for item, holder in zip(items, holders, strict=True):
        document = documents.get(holder.source_document_id)
        source = None
        if document is not None:
            row = rows.get((document.pk, item.goal.number)) if item.goal else None
            source = SourceLink(
                sha256=document.sha256,
                name=document.name,
                lines=item.lines,
                row=row.row_number if row else None,
                anchor=row_anchor(row.table_id, row.row_number) if row else "",
                place=row_place(row.table_id, row.row_number) if row else "",
            )
        linked.append(replace(item, source=source))
    return linked


def unit_program_items(unit_program: UnitProgram) -> list[ReviewItem]:
    """Return the items of one unit program: header first, then each goal."""
    items = _reading_items(unit_program, None, unit_program.readings)
    for goal in unit_program.goals.all():
        items += _reading_items(unit_program, goal, goal.readings)
        quarters = goal_quarters_item(unit_program, goal)
        if quarters is not None:
            items.append(quarters)
    return items


def _reading_items(
    unit_program: UnitProgram, goal: Goal | None, readings: dict[str, Any]
) -> list[ReviewItem]:
    return [
        ReviewItem(
            unit_program=unit_program,
            goal=goal,
            field=key,
            label=field_label(key),
            value=reading["value"],
            reason=reading["reason"],
            candidates=tuple(c["value"] for c in reading["candidates"]),
            rules=(reading.get("rule", ""),),
            lines=_lines(reading.get("sources", ())),
        )
        for key, reading in readings.items()
        if reading.get("status") == ValueStatus.NEEDS_REVIEW
    ]


def goal_quarters_item(unit_program: UnitProgram, goal: Goal) -> ReviewItem | None:
    """Return the item for a goal's quarters left for review, if any."""
    rows = tuple(
        row for row in goal.quarters.all() if row.status == ValueStatus.NEEDS_REVIEW
    )
    if not rows:
        return None
    return ReviewItem(
        unit_program=unit_program,
        goal=goal,
        field=QUARTERS_FIELD,
        label=field_label(QUARTERS_FIELD),
        value=[(row.programmed, row.achieved) for row in rows],
        reason=join_reasons([row.reason for row in rows]),
        quarters=rows,
        options=quarter_options(goal, rows),
        rules=tuple(
            dict.fromkeys(rule for row in rows for rule in review_rules(row.readings))
        ),
        # The quarter cells are printed on the goal's row of each copy.
        lines=_lines([place for row in rows for place in row.source_lines])
        or _lines(goal.source_lines),
    )


def quarter_options(
    goal: Goal, rows: Sequence[QuarterProgress]
) -> tuple[tuple[Pair, ...], ...]:
    """Return the readings offered for ``rows``: whole-goal ones, else combinations."""
    whole = [
        tuple(
            (c["cells"][2 * r.quarter - 2], c["cells"][2 * r.quarter - 1]) for r in rows
        )
        for c in goal.quarter_candidates
    ]
    if not whole:
        per_row = [
            [(c["programmed"], c["achieved"]) for c in row.candidates]
            or [(row.programmed, row.achieved)]
            for row in rows
        ]
        whole = list(islice(product(*per_row), MAX_OPTIONS))
    return tuple(dict.fromkeys(whole))


def review_item(
    user: Any, unit_program_id: int, goal_id: int | None, field_name: str
) -> ReviewItem | None:
    """Return one queue item if it still waits and ``user`` may decide it."""
    unit_program = unit_programs().filter(pk=unit_program_id).first()
    if unit_program is None or not can(user, Action.VALIDATE, unit_program):
        return None
    for item in unit_program_items(unit_program):
        if (
            item.field == field_name
            and (item.goal.pk if item.goal else None) == goal_id
        ):
            return with_sources([item])[0]
    return None


@dataclass(frozen=True)
class DecisionRow:
    """A decision as a page lists it, its decider named as the reader may see."""

    decision: ReviewDecision
    decider: str


def recent_decisions(
    user: Any,
    unit_program: UnitProgram | None = None,
    limit: int = 20,
    purpose: str = "",
) -> list[DecisionRow]:
    """Return the latest decisions in units ``user`` may validate, newest first.

    Only for validators of the unit: without ``unit_program``, those of
    every unit the user may validate. Who decided is named as the audit
    history names users (``user_labels``; a name read is logged with
    ``purpose``).
    """
    if unit_program is not None:
        allowed = [unit_program] if can(user, Action.VALIDATE, unit_program) else []
    else:
        decided = UnitProgram.objects.filter(
            pk__in=ReviewDecision.objects.values("unit_program")
        ).select_related("executing_unit__agency")
        allowed = [up for up in decided if can(user, Action.VALIDATE, up)]
    visible = ReviewDecision.objects.select_related(
        "goal", "unit_program__executing_unit"
    ).filter(unit_program__in=allowed)
    decisions = list(visible.order_by("-decided_at", "-pk")[:limit])
    names = user_labels(
        {decision.decided_by_id for decision in decisions},
        reader=user,
        purpose=purpose,
    )
    return [
        DecisionRow(
            d, "" if d.decided_by_id is None else names.get(d.decided_by_id, "")
        )
        for d in decisions
    ]
