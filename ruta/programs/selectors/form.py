"""The TMM-F004 "Avance físico programático" of one unit and quarter, from data.

``form_sheet`` gathers what the printed form shows, in its order: the
header block, the goal table (P and A per quarter, absolute, relative,
observations) and the signatures. The HTML page and the XLSX workbook are
both drawn from it, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404

from ruta.accounts.selectors import user_labels
from ruta.catalog.models import PlanElementKind
from ruta.programs.models import (
    QuarterSignatures,
    UnitProgram,
    UnitProgramReference,
    ValueStatus,
)
from ruta.programs.selectors.progress import GoalView, goal_views, period_label

FORM_CODE = "TMM-F004"
TITLE = "AVANCE FÍSICO PROGRAMÁTICO"


@dataclass(frozen=True)
class HeaderLine:
    label: str
    code: str
    name: str
    pending: bool = False  # a part the copies left for a validator's decision


@dataclass(frozen=True)
class Signature:
    """A responsible the form prints: the name printed, and who signed it here."""

    role: str
    name: str
    signed_by: str = ""  # the account that signed on the site, as the reader may see it
    signed_at: datetime | None = None


@dataclass(frozen=True)
class FormSheet:
    """Everything the printed form shows, in the form's words."""

    unit_program: UnitProgram
    quarter: int
    government: str
    year: int
    period: str
    header: tuple[HeaderLine, ...]
    ejes: tuple[HeaderLine, ...]
    lines: tuple[HeaderLine, ...]
    goals: tuple[GoalView, ...]
    signatures: tuple[Signature, ...]
    # The quarter's signatures on the site (None: a form read from a document).
    signing: QuarterSignatures | None = None
    form_code: str = FORM_CODE
    title: str = TITLE

    @property
    def pending(self) -> bool:
        """Return whether a figure of the form waits for a validator."""
        return any(
            goal.absolute is None and not goal.shows_printed for goal in self.goals
        ) or any(q.needs_review for goal in self.goals for q in goal.quarters)

    @property
    def shows_printed(self) -> bool:
        """Return whether some accumulated figure is shown as the form prints it."""
        return any(goal.shows_printed for goal in self.goals)


def form_sheet(
    unit_program: UnitProgram, quarter: int, reader: Any = None
) -> FormSheet:
    """Return the form of ``unit_program`` for ``quarter``; 404 if not reported.

    Who signed it on the site is named as ``reader`` may see accounts
    (``user_labels``: a role and a number to the public).
    """
    if not 1 <= quarter <= (unit_program.reported_quarter or 0):
        raise Http404("quarter not reported")
    program = unit_program.program
    unit = unit_program.executing_unit
    readings = unit_program.readings
    header = tuple(
        HeaderLine(label, code, name, _waits(readings, field))
        for label, field, code, name in (
            ("RAMO", "ramo", program.ramo.code, program.ramo.name),
            ("PROGRAMA", "program", program.code, program.name),
            ("UNIDAD EJECUTORA", "executing_unit", unit.code, unit.name),
            (
                "FINALIDAD",
                "finalidad",
                unit_program.finalidad_code,
                unit_program.finalidad_name,
            ),
            (
                "FUNCIÓN",
                "funcion",
                unit_program.funcion_code,
                unit_program.funcion_name,
            ),
            (
                "SUBFUNCIÓN",
                "subfuncion",
                unit_program.subfuncion_code,
                unit_program.subfuncion_name,
            ),
        )
    )
    signing = QuarterSignatures.objects.filter(
        unit_program=unit_program, quarter=quarter
    ).first()
    references = UnitProgramReference.objects.filter(
        unit_program=unit_program
    ).select_related("reference")
    return FormSheet(
        unit_program=unit_program,
        quarter=quarter,
        government=_government(unit_program),
        year=program.fiscal_year_id,
        period=period_label(unit_program, quarter),
        header=header,
        ejes=_listed(references, PlanElementKind.AXIS, readings, "ejes"),
        lines=_listed(
            references, PlanElementKind.LINE_OF_ACTION, readings, "lines_of_action"
        ),
        goals=tuple(goal_views(unit_program, through=quarter)),
        signatures=_signatures(unit_program, signing, reader),
        signing=signing,
    )


# The responsibles in the order the form prints them, with the prefix of the
# fields that say who signed each on the site.
RESPONSIBLES = (
    ("RESPONSABLE DEL PROGRAMA", "responsible_program", "program_signed"),
    ("RESPONSABLE DE LA UNIDAD EJECUTORA", "responsible_unit", "unit_signed"),
    ("RESPONSABLE DEL RAMO", "responsible_ramo", "ramo_signed"),
)


def _signatures(
    unit_program: UnitProgram, signing: QuarterSignatures | None, reader: Any
) -> tuple[Signature, ...]:
    if signing is None:
        return tuple(
            Signature(role, getattr(unit_program, field))
            for role, field, _prefix in RESPONSIBLES
        )
    signers = [getattr(signing, f"{prefix}_by_id") for *_rest, prefix in RESPONSIBLES]
    names = user_labels(signers, reader=reader, purpose="poa_form_signatures")
    return tuple(
        Signature(
            role,
            getattr(unit_program, field),
            names.get(getattr(signing, f"{prefix}_by_id"), ""),
            getattr(signing, f"{prefix}_at"),
        )
        for role, field, prefix in RESPONSIBLES
    )


def _waits(readings: dict, field: str) -> bool:
    """Return whether the code or the name of a header field waits for review."""
    return any(
        (readings.get(f"{field}.{part}") or {}).get("status")
        == ValueStatus.NEEDS_REVIEW
        for part in ("code", "name")
    )


def _listed(
    links: Iterable[UnitProgramReference], kind: str, readings: dict, listed: str
) -> tuple[HeaderLine, ...]:
    """Return the header's ejes or líneas in code order, named as this form names them.

    A name the copies left for review is blank, and marked, until a validator
    decides it.
    """
    chosen = sorted(
        (link for link in links if link.reference.kind == kind),
        key=lambda link: code_key(link.reference.code),
    )
    waiting = {
        (readings.get(field.replace(".name", ".code")) or {}).get("value")
        for field, reading in readings.items()
        if field.startswith(f"{listed}.")
        and field.endswith(".name")
        and reading.get("status") == ValueStatus.NEEDS_REVIEW
    }
    return tuple(
        HeaderLine(
            "", link.reference.code, link.printed_name, link.reference.code in waiting
        )
        for link in chosen
    )


def code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Return a sort key putting "2.10.1" after "2.9.1"."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in code.split("."))


def _government(unit_program: UnitProgram) -> str:
    """Return the government the form's title names, as read from its copies.

    "XXIV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA"; for a form captured
    here or read without that line, the catalog's government of the ramo.
    """
    issuer = unit_program.readings.get("issuer") or {}
    if issuer.get("value") and issuer.get("status") != ValueStatus.NEEDS_REVIEW:
        return issuer["value"]
    agency = unit_program.program.ramo.agency
    while agency is not None and agency.parent_id is not None:
        agency = agency.parent
    return agency.name.upper() if agency is not None else ""
