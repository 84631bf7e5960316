"""Turning the chosen reading of a goal's figures into per-value readings.

``alignment.choose`` says which readings of the quarter cells fit; this
module says, value by value, whether the copies agreed (verified), one
reading was forced (reconciled, with the rule and the readings set aside), or
several still fit (needs review, with the candidates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from ruta.ingest.poa.alignment import (
    Choice,
    RowFigures,
    Scored,
    align,
    choose,
    positional,
)
from ruta.ingest.poa.model import (
    QUARTER_SLOTS,
    Alternative,
    QuarterCandidate,
    Reading,
    Source,
    Status,
)
from ruta.programs.rules import Accumulation, accumulated_name, relative_percent

SLOT_NAMES = ("P1", "A1", "P2", "A2", "P3", "A3", "P4", "A4")
T = TypeVar("T")
LOST = object()  # the copy has no cell aligned with the slot

Read = tuple[RowFigures, object, bool]  # copy, what it prints there, in its column


@dataclass(frozen=True)
class Settled:
    """The settled figures of one goal."""

    slots: tuple[Reading[int], ...]  # eight readings, P1 … A4
    absolute: Reading[int]
    relative: Reading[Decimal]
    candidates: tuple[QuarterCandidate, ...]
    accumulation: Reading[str]


def settle(rows: Sequence[RowFigures], target: int) -> Settled:
    """Return the readings of the eight quarter cells, absolute and relative."""
    choice = choose(rows, target)
    chosen = choice.kept[0]
    maps = {row.source: align(row, chosen.cells)[1] for row in rows}
    note = _rules_note(choice)
    slots = tuple(
        _slot_reading(slot, rows, choice, maps, note) for slot in range(QUARTER_SLOTS)
    )
    absolute = _absolute_reading(rows, choice)
    relative = _relative_reading(rows, absolute, target)
    kept = choice.kept if len(choice.kept) > 1 else ()
    candidates = tuple(QuarterCandidate(s.cells, s.absolute, s.cost) for s in kept)
    return Settled(slots, absolute, relative, candidates, _accumulation(choice))


def _accumulation(choice: Choice) -> Reading[str]:
    """Return how the goal accumulates, as the form's own figures settle it."""
    kind = choice.accumulation
    if not choice.fits:
        reason = (
            "no reading fits the form's arithmetic; the quarters are taken to add up"
        )
        return Reading(str(kind), Status.NEEDS_REVIEW, reason, "arithmetic_fails")
    if kind == Accumulation.SUM:
        reason = "the achieved quarters add up to the absolute advance"
        return Reading(str(kind), Status.VERIFIED, reason, "adds_up")
    reason = (
        f"the quarters do not add up to the absolute advance, but "
        f"{accumulated_name(kind)} equals it: each quarter restates the goal"
    )
    return Reading(str(kind), Status.RECONCILED, reason, "accumulation_from_figures")


def _show(value: object) -> str:
    if value is LOST:
        return "nothing (lost)"
    return "blank" if value is None else str(value)


def _copies(rows: Sequence[RowFigures]) -> str:
    """Return "copy 3" or "copies 1, 2" for messages."""
    numbers = [str(row.source.copy) for row in rows]
    if len(numbers) == 1:
        return f"copy {numbers[0]}"
    return f"copies {', '.join(numbers)}" if numbers else "no copy"


def _print(rows: Sequence[RowFigures]) -> str:
    """Return "copy 3 prints" or "copies 1, 2 print" for messages."""
    return f"{_copies(rows)} {'prints' if len(rows) == 1 else 'print'}"


def _rules_note(choice: Choice) -> str:
    """Return which of the form's rules set the chosen reading apart."""
    if not choice.fits or len(choice.kept) > 1:
        return ""
    chosen = choice.kept[0]
    rivals = [s for s in choice.near if s is not chosen]
    reasons = []
    if choice.programmed_excluded:
        reasons.append(
            f"{choice.programmed_excluded} other reading(s) set aside because a copy's "
            "columns show Σ programmed = annual target and theirs does not"
        )
    if any(
        s.cost <= chosen.cost + 1 and s.programmed_off > chosen.programmed_off
        for s in rivals
    ):
        reasons.append(
            "preferred to as likely readings whose Σ programmed ≠ annual target"
        )
    if any(
        s.cost <= chosen.cost + 1 and s.unprogrammed > chosen.unprogrammed
        for s in rivals
    ):
        reasons.append(
            "preferred to as likely readings achieving in a quarter with nothing "
            "programmed"
        )
    return f" ({'; '.join(reasons)})" if reasons else ""


def _read_at(
    row: RowFigures, mapping: dict[int, int], slot: int
) -> tuple[object, bool]:
    """Return what the copy prints where it aligns with ``slot``, and if in place."""
    if slot not in mapping:
        return LOST, False
    at = mapping[slot]
    return row.cells[at], at < len(row.template) and row.template[at] == slot


def _printed_here(row: RowFigures, mapping: dict[int, int], slot: int) -> object:
    """Return what a reader taking the copy's columns at face value would read."""
    by_column = positional(row)
    if by_column is not None:
        return by_column[slot]
    return _read_at(row, mapping, slot)[0]


def _slot_reading(
    slot: int,
    rows: Sequence[RowFigures],
    choice: Choice,
    maps: dict[Source, dict[int, int]],
    note: str,
) -> Reading[int]:
    values = list(dict.fromkeys(s.cells[slot] for s in choice.kept))
    if len(values) > 1:
        return _several(slot, rows, choice.kept, values)
    value = values[0]
    reads: list[Read] = [(row, *_read_at(row, maps[row.source], slot)) for row in rows]
    discarded = _discarded(slot, rows, maps, value)
    sources = tuple(row.source for row, read, _ in reads if read == value)
    name = SLOT_NAMES[slot]
    if not choice.fits and slot % 2:
        return _unfit(name, value, sources, discarded)
    if all(read == value and exact for _, read, exact in reads):
        reason = f"all {len(rows)} copies print {_show(value)} as {name} in its column"
        reason += ", and the goal's arithmetic holds" if choice.fits else ""
        return Reading(value, Status.VERIFIED, reason, "unanimous", sources)
    rule = _slot_rule(value, reads)
    reason = _slot_reason(name, value, rule, reads) + note
    return Reading(value, Status.RECONCILED, reason, rule, sources, discarded)


def _unfit(
    name: str,
    value: int | None,
    sources: tuple[Source, ...],
    discarded: tuple[Alternative, ...],
) -> Reading[int]:
    """Return an achieved cell of a goal no reading of which adds up."""
    reason = (
        f"{name} read {_show(value)}, but no reading of the copies makes Σ "
        "achieved equal the printed absolute"
    )
    candidates = (Alternative(value, sources),)
    status, rule = Status.NEEDS_REVIEW, "arithmetic_fails"
    return Reading(value, status, reason, rule, sources, discarded, candidates)


def _slot_rule(value: int | None, reads: Sequence[Read]) -> str:
    supporters = [row for row, read, _ in reads if read == value]
    in_place = [row for row, read, exact in reads if read == value and exact]
    if value is not None and not supporters:
        return "restored_from_sum"
    if len(in_place) * 2 > len(reads):
        return "majority_and_arithmetic"
    return "alignment_and_arithmetic"


def _slot_reason(name: str, value: int | None, rule: str, reads: Sequence[Read]) -> str:
    shown = _show(value)
    if rule == "restored_from_sum":
        return (
            f"{name} is lost in every copy; restored as {shown} so that Σ achieved "
            "equals the absolute"
        )
    in_place = [row for row, read, exact in reads if read == value and exact]
    shifted = [row for row, read, exact in reads if read == value and not exact]
    others = [row for row, read, _ in reads if read != value]
    parts = [f"{name} = {shown}"]
    if in_place:
        parts.append(f"in its column in {_copies(in_place)}")
    if shifted:
        parts.append(f"shifted to another column in {_copies(shifted)}")
    if others:
        parts.append(f"{_copies(others)}: something else or nothing")
    if rule == "majority_and_arithmetic":
        ending = "the majority reading fits the arithmetic"
    else:
        ending = (
            "the only placement of the printed cells that fits the arithmetic "
            "with the fewest assumed scan errors"
        )
    return "; ".join(parts) + f"; {ending}"


def _discarded(
    slot: int,
    rows: Sequence[RowFigures],
    maps: dict[Source, dict[int, int]],
    value: int | None,
) -> tuple[Alternative, ...]:
    found: dict[object, list[Source]] = {}
    for row in rows:
        printed = _printed_here(row, maps[row.source], slot)
        if printed != value:
            found.setdefault(printed, []).append(row.source)
    return tuple(
        Alternative(None if v is LOST else v, tuple(src), note=_show(v))
        for v, src in found.items()
    )


def _several(
    slot: int,
    rows: Sequence[RowFigures],
    kept: Sequence[Scored],
    values: Sequence[int | None],
) -> Reading[int]:
    candidates = []
    for value in values:
        supporters = {
            row.source
            for s in kept
            if s.cells[slot] == value
            for row in rows
            if _read_at(row, align(row, s.cells)[1], slot)[0] == value
        }
        ordered = tuple(sorted(supporters, key=lambda s: (s.copy, s.line)))
        candidates.append(Alternative(value, ordered, note=_show(value)))
    candidates.sort(key=_by_evidence)
    reason = (
        f"{len(kept)} readings of the quarter cells fit the arithmetic and none is "
        f"better on every count; {SLOT_NAMES[slot]} is "
        f"{' or '.join(_show(c.value) for c in candidates)}"
    )
    return Reading(
        None, Status.NEEDS_REVIEW, reason, "several_fit", candidates=tuple(candidates)
    )


def _by_evidence(candidate: Alternative) -> tuple[int, bool, int, int, bool, int]:
    """Order a slot's candidates: read by most copies, then first in the document.

    Values as well supported that start at the same place (or that no copy
    prints) go figure before blank, smaller figures first.
    """
    first = candidate.sources[0] if candidate.sources else Source(0, 0)
    value = candidate.value
    return (
        -len(candidate.sources),
        not candidate.sources,
        first.copy,
        first.line,
        value is None,
        value or 0,
    )


def most_printed(values: Sequence[T]) -> T:
    """Return the value printed most often; on a tie, the one printed first."""
    return max(dict.fromkeys(values), key=values.count)


# ---------------------------------------------------------------- totals


def _absolute_reading(rows: Sequence[RowFigures], choice: Choice) -> Reading[int]:
    printing = [row for row in rows if row.has_absolute]
    totals = list(dict.fromkeys(s.absolute for s in choice.kept))
    named = accumulated_name(choice.accumulation)
    if not choice.fits:
        return _absolute_unfit(printing, totals[0])
    if len(totals) > 1:
        candidates = tuple(Alternative(t) for t in totals)
        reason = "the readings that fit give different absolutes"
        return Reading(
            None, Status.NEEDS_REVIEW, reason, "several_fit", candidates=candidates
        )
    value = totals[0]
    if not printing:
        reason = f"no copy prints the absolute; {named} = {value}"
        return Reading(value, Status.RECONCILED, reason, "computed_from_sum")
    agreeing = [row for row in printing if row.absolute == value]
    sources = tuple(row.source for row in agreeing)
    discarded = tuple(
        Alternative(row.absolute, (row.source,), note=_show(row.absolute))
        for row in printing
        if row.absolute != value
    )
    if not discarded:
        reason = f"{_print(printing)} {value} and {named} = {value}"
        return Reading(value, Status.VERIFIED, reason, "unanimous", sources)
    rule = (
        "majority_and_arithmetic" if len(agreeing) * 2 > len(printing) else "arithmetic"
    )
    reason = f"{_print(agreeing)} {value}, which {named} confirms"
    return Reading(value, Status.RECONCILED, reason, rule, sources, discarded)


def _absolute_unfit(printing: Sequence[RowFigures], total: int) -> Reading[int]:
    values = [row.absolute for row in printing if row.absolute is not None]
    value = most_printed(values) if values else total
    sources = tuple(row.source for row in printing if row.absolute == value)
    reason = f"the copies print {value} but Σ achieved of every reading is {total}"
    candidates = tuple(Alternative(v) for v in dict.fromkeys([value, total]))
    return Reading(
        value,
        Status.NEEDS_REVIEW,
        reason,
        "arithmetic_fails",
        sources,
        candidates=candidates,
    )


def _relative_reading(
    rows: Sequence[RowFigures], absolute: Reading[int], target: int
) -> Reading[Decimal]:
    printed = [row for row in rows if row.relative is not None]
    if absolute.value is None or target <= 0:
        values = [row.relative for row in printed]
        value = most_printed(values) if values else None
        reason = "the absolute is unsettled, so the relative cannot be checked"
        candidates = tuple(
            Alternative(v, tuple(r.source for r in printed if r.relative == v))
            for v in dict.fromkeys(values)
        )
        return Reading(
            value, Status.NEEDS_REVIEW, reason, "unchecked", candidates=candidates
        )
    value = relative_percent(absolute.value, target)
    agreeing = [row for row in printed if row.relative == value]
    sources = tuple(row.source for row in agreeing)
    discarded = tuple(
        Alternative(row.relative, (row.source,))
        for row in printed
        if row.relative != value
    )
    if not discarded and printed:
        reason = (
            f"all copies print {value}% = {absolute.value} ÷ {target}, rounded half up"
        )
        return Reading(value, Status.VERIFIED, reason, "unanimous", sources)
    rule = (
        "majority_and_arithmetic" if len(agreeing) * 2 > len(printed) else "arithmetic"
    )
    reason = f"{absolute.value} ÷ {target} rounds to {value}%"
    reason += f"; printed by {_copies(agreeing)}"
    return Reading(value, Status.RECONCILED, reason, rule, sources, discarded)
