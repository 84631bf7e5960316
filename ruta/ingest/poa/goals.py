"""Reconciling the goal rows of one form's copies, goal by goal.

Rows are matched to goals by number unless the descriptions say otherwise:
where a copy prints a number twice ("504.-" where 501 and 502 belong), or
prints a goal once under another goal's number, the row goes to the number
the copies print its description under most consistently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import combinations
from typing import TypeVar

from ruta.common.text.folding import label_key
from ruta.ingest.poa.alignment import RowFigures
from ruta.ingest.poa.model import (
    QUARTER_LABELS,
    Alternative,
    FormCopy,
    GoalRow,
    QuarterReading,
    Reading,
    ReconciledGoal,
    Source,
    Status,
)
from ruta.ingest.poa.quarters import settle
from ruta.ingest.poa.voting import Printed, vote_exact, vote_name
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

T = TypeVar("T")

SAME_GOAL = 0.8  # description likeness that identifies a goal


@dataclass(frozen=True)
class Entry:
    """A copy's row for a goal."""

    copy: FormCopy
    row: GoalRow

    @property
    def source(self) -> Source:
        return Source(self.copy.index, self.row.line)


def reconcile_goals(
    copies: Sequence[FormCopy], notes: list[Finding], where: str
) -> tuple[ReconciledGoal, ...]:
    """Return one reconciled goal per goal number the copies print."""
    entries = assign_rows(copies, notes, where)
    return tuple(
        reconcile_goal(number, entries[number], len(copies))
        for number in sorted(entries)
    )


def assign_rows(
    copies: Sequence[FormCopy], notes: list[Finding], where: str
) -> dict[int, list[Entry]]:
    """Return the rows of every copy grouped by the goal they belong to."""
    consensus = _consensus(copies)
    assigned: dict[int, list[Entry]] = {}
    for copy in copies:
        for row in copy.rows:
            number = _goal_of(row, consensus)
            kept = assigned.setdefault(number, [])
            if any(entry.copy.index == copy.index for entry in kept):
                notes.append(_unmatched(copy, row, number, where))
                continue
            kept.append(Entry(copy, row))
    return assigned


def _consensus(copies: Sequence[FormCopy]) -> dict[int, list[str]]:
    """Return, per number, the descriptions of rows printed once in their copy.

    Descriptions are folded (upper case, no accents), as they are compared.
    """
    found: dict[int, list[str]] = {}
    for copy in copies:
        counts = Counter(row.number for row in copy.rows)
        for row in copy.rows:
            if counts[row.number] == 1:
                found.setdefault(row.number, []).append(label_key(row.description))
    return found


def _alike(left: str, right: str) -> bool:
    """Tell whether two folded descriptions are one goal's (likeness ≥ SAME_GOAL).

    The quick upper bounds of the likeness turn most unlike pairs away
    before it is computed.
    """
    matcher = SequenceMatcher(None, left, right)
    return (
        matcher.real_quick_ratio() >= SAME_GOAL
        and matcher.quick_ratio() >= SAME_GOAL
        and matcher.ratio() >= SAME_GOAL
    )


def _support(description: str, known: Sequence[str]) -> tuple[int, float]:
    """Return how the copies support a description under one number.

    How many print an alike description under it, and what share of all
    those printing it once that is: a number a copy gave this goal by
    mistake is also printed by the other copies with another description.
    """
    if not known:
        return 0, 0.0
    alike = sum(_alike(description, other) for other in known)
    return alike, alike / len(known)


def _goal_of(row: GoalRow, consensus: dict[int, list[str]]) -> int:
    """Return the goal a row belongs to: its number, unless its text says otherwise.

    The number whose printed descriptions best support the row's text wins,
    its own number on a tie: a copy that prints a goal once under another
    goal's number must not keep it because its own words vouch for it.
    """
    text = label_key(row.description)
    own = _support(text, consensus.get(row.number, []))
    scores = {
        n: _support(text, texts)
        for n, texts in consensus.items()
        if (len(texts), 1.0) > own  # the most it could score beats its own
    }
    best = max(scores, key=lambda n: scores[n], default=row.number)
    return best if scores.get(best, (0, 0.0)) > own else row.number


@finding_kind(
    "POA-ROW-UNMATCHED",
    summary=sentence("Un renglón de una copia no corresponde a ninguna meta."),
)
def row_unmatched(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Un segundo renglón de la meta %(goal)s en una misma copia; no se usó."
        )
    ) % {"goal": values["goal"]}


def _unmatched(copy: FormCopy, row: GoalRow, number: int, where: str) -> Finding:
    return row_unmatched.found(
        where=f"{where}, copy {copy.index} line {row.line}",
        values={"goal": number},
    )


def reconcile_goal(
    number: int, entries: Sequence[Entry], copies: int
) -> ReconciledGoal:
    """Return the goal the copies' rows support, every value with its reading."""
    target = vote_exact(
        [Printed(e.row.target, e.source) for e in entries], what="annual target"
    )
    settled = settle([_figures(e) for e in entries], _target_value(target, entries))
    description = vote_name(_printed(entries, "description"), what="description")
    confirm = _confirmation(number, len(entries), copies, description)
    quarters = tuple(
        QuarterReading(
            label, confirm(settled.slots[2 * i]), confirm(settled.slots[2 * i + 1])
        )
        for i, label in enumerate(QUARTER_LABELS)
    )
    return ReconciledGoal(
        number=confirm(_number(number, entries, copies)),
        description=confirm(description),
        unit=confirm(vote_name(_printed(entries, "unit"), what="unit of measure")),
        annual_target=confirm(target),
        lines_of_action=confirm(_codes(entries)),
        quarters=quarters,
        absolute=confirm(settled.absolute),
        relative_pct=confirm(settled.relative),
        observation=confirm(_observation(entries)),
        accumulation=confirm(settled.accumulation),
        candidates=settled.candidates,
        sources=tuple(e.source for e in entries),
    )


def _confirmation(
    number: int, printing: int, copies: int, description: Reading[str]
) -> Callable[[Reading[T]], Reading[T]]:
    """Return how a goal's readings stand when its rows may not confirm them.

    A value is verified only when every copy of the form prints it for this
    very goal. A copy whose row for the goal is unreadable, or printed under
    a number the descriptions could not give back, confirms nothing; nor do
    rows that print different descriptions, which may be two goals' rows
    under one number. What the rows agree on is then reconciled: by the
    count of the form's copies printing it, or because the descriptions
    differ.
    """
    notes, rule = [], ""
    missing = copies - printing
    if missing > 0:
        notes.append(f"{missing} of the form's {copies} copies print no row for it")
        rule = _count_rule(printing, copies)
    if _descriptions_differ(description):
        notes.append("its rows print different descriptions, so may be other goals'")
        rule = rule or "descriptions_differ"
    if not notes:
        return lambda reading: reading
    note = f"; goal {number}: " + "; ".join(notes)

    def confirm(reading: Reading[T]) -> Reading[T]:
        if reading.status != Status.VERIFIED:
            return reading
        return replace(
            reading, status=Status.RECONCILED, reason=reading.reason + note, rule=rule
        )

    return confirm


def _count_rule(printing: int, copies: int) -> str:
    """Name the rule a value printed by ``printing`` of ``copies`` copies rests on."""
    if printing * 2 > copies:
        return "majority"
    return "sole_reading" if printing == 1 else "plurality"


def _descriptions_differ(description: Reading[str]) -> bool:
    """Tell whether a goal's rows print descriptions of different goals.

    A description left for review between spellings of one text (accents,
    case) is one goal's; between unlike texts, the rows may be two goals'.
    """
    texts = [label_key(c.value) for c in description.candidates if c.value]
    return any(not _alike(a, b) for a, b in combinations(texts, 2))


def _target_value(target: Reading[int], entries: Sequence[Entry]) -> int:
    if target.value is not None:
        return target.value
    return entries[0].row.target


def _figures(entry: Entry) -> RowFigures:
    layout = entry.copy.layout
    return RowFigures(
        source=entry.source,
        cells=entry.row.quarter_cells,
        template=layout.template(),
        has_absolute=layout.has_absolute,
        absolute=entry.row.absolute,
        relative=entry.row.relative,
    )


def _printed(entries: Sequence[Entry], attribute: str) -> list[Printed]:
    return [Printed(getattr(e.row, attribute) or None, e.source) for e in entries]


def _number(number: int, entries: Sequence[Entry], copies: int) -> Reading[int]:
    sources = tuple(e.source for e in entries)
    other = tuple(
        Alternative(e.row.number, (e.source,), note="printed number")
        for e in entries
        if e.row.number != number
    )
    missing = copies - len(entries)
    if not other and not missing:
        reason = f"all {copies} copies print goal {number}"
        return Reading(number, Status.VERIFIED, reason, "unanimous", sources)
    parts = []
    if other:
        lines = ", ".join(f"{a.value} at {a.sources[0]}" for a in other)
        parts.append(f"printed as {lines}; the description matches goal {number}")
    if missing:
        parts.append(f"{missing} copies do not print this goal")
    rule = "description_match" if other else "majority"
    return Reading(number, Status.RECONCILED, "; ".join(parts), rule, sources, other)


def _codes(entries: Sequence[Entry]) -> Reading[tuple[str, ...]]:
    printed = [
        Printed(None if e.row.codes_artifact else e.row.codes, e.source)
        for e in entries
    ]
    return vote_exact(printed, what="lines of action")


def _observation(entries: Sequence[Entry]) -> Reading[str]:
    printed = _printed(entries, "observation")
    if all(p.value is None for p in printed):
        sources = tuple(p.source for p in printed)
        reason = "no copy prints an observation"
        return Reading("", Status.VERIFIED, reason, "unanimous", sources)
    return vote_name(printed, what="observation")
