"""Reconciling a form's header: coded fields, ejes and líneas de acción.

The whole document is the witness: a spelling is the one the document prints
most often for the same code, and a code every copy of a form lost is the one
the document prints beside the same name in other forms (the same ramo, the
same finalidad).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ruta.common.text.folding import label_key
from ruta.ingest.poa.model import (
    EJE,
    EXECUTING_UNIT,
    FIELD_WORDS,
    FINALIDAD,
    FUNCION,
    INFO,
    LINE,
    PROGRAM,
    RAMO,
    SUBFUNCION,
    Alternative,
    CodedName,
    FormCopy,
    HeaderItem,
    Reading,
    Source,
    Status,
)
from ruta.ingest.poa.voting import (
    SIMILAR,
    Printed,
    similarity,
    vote_exact,
    vote_name,
)
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

FIELD_NAMES = {
    RAMO: "ramo",
    PROGRAM: "programa",
    EXECUTING_UNIT: "unidad ejecutora",
    FINALIDAD: "finalidad",
    FUNCION: "función",
    SUBFUNCION: "subfunción",
    EJE: "eje de gobierno",
    LINE: "línea de acción",
}


@dataclass
class DocumentContext:
    """What the whole document prints: the witness for spellings and codes."""

    names: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    coded: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    persons: list[str] = field(default_factory=list)
    form_codes: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    periods: list[tuple[int, int]] = field(default_factory=list)


def document_context(copies: Sequence[FormCopy]) -> DocumentContext:
    """Return every coded name, signature, form code and period printed."""
    context = DocumentContext()
    for copy in copies:
        for item in copy.items:
            if item.code and item.name:
                context.names.setdefault((item.field, item.code), []).append(item.name)
                context.coded.setdefault(item.field, []).append((item.code, item.name))
        context.persons += [person.name for person in copy.persons]
        if copy.form_code:
            context.form_codes.append(copy.form_code)
        if copy.issuer:
            context.issuers.append(copy.issuer)
        period = copy.period
        if period and period.year and period.quarter:
            context.periods.append((period.year, period.quarter))
    return context


def _pick(copy: FormCopy, name: str) -> tuple[str | None, HeaderItem | None]:
    """Return a copy's code for a field and the item whose name to read.

    A label printed beside another field's code ("PROGRAMA: 54202 …") gives
    its name to the labelled field while the code goes by its shape.
    """
    items = copy.field_items(name)
    code = next((item.code for item in items if item.code), None)
    named = sorted(items, key=lambda item: not item.by_label)
    return code, (named[0] if named else None)


def coded_name(
    copies: Sequence[FormCopy], name: str, context: DocumentContext
) -> CodedName:
    what = FIELD_NAMES[name]
    codes, names = [], []
    for copy in copies:
        code, item = _pick(copy, name)
        source = Source(copy.index, item.line if item else copy.first_line)
        codes.append(Printed(code, source))
        names.append(Printed(item.name if item else None, source))
    voted = vote_exact(codes, what=f"{what} code")
    if voted.value is None:
        voted = _code_from_document(name, names, context, voted)
    pool = context.names.get((name, voted.value), []) if voted.value else []
    return CodedName(voted, vote_name(names, what=f"{what} name", pool=pool))


def _code_from_document(
    name: str,
    names: Sequence[Printed],
    context: DocumentContext,
    fallback: Reading[str],
) -> Reading[str]:
    """Return the code the document prints beside the same name elsewhere."""
    printed = [p.value for p in names if p.value]
    votes = Counter(
        code
        for code, other in context.coded.get(name, [])
        if printed and _best(other, printed) >= SIMILAR
    )
    ranked = votes.most_common()
    if not ranked:
        reason = (
            f"no copy prints the {FIELD_NAMES[name]} code and no other form in the "
            "document prints a code beside this name"
        )
        return _unsettled(reason, "not_printed", fallback.candidates)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        tied = tuple(Alternative(code) for code, n in ranked if n == ranked[0][1])
        reason = "no copy prints the code; the document pairs this name with several"
        return _unsettled(reason, "no_majority", tied)
    code, count = ranked[0]
    reason = (
        f"no copy of this form prints the {FIELD_NAMES[name]} code; the document "
        f"prints {code} beside this name {count} times"
    )
    return Reading(code, Status.RECONCILED, reason, "document_context")


def _unsettled(
    reason: str, rule: str, candidates: tuple[Alternative, ...]
) -> Reading[str]:
    return Reading(None, Status.NEEDS_REVIEW, reason, rule, candidates=candidates)


# ---------------------------------------------------------------- lists


def listed(
    copies: Sequence[FormCopy],
    name: str,
    context: DocumentContext,
    notes: list[Finding],
    where: str,
) -> tuple[CodedName, ...]:
    """Return the ejes or líneas de acción most copies list, each with readings."""
    listing = [copy for copy in copies if copy.field_items(name)]
    found = _entries(listing, name, context)
    kept, dropped = [], []
    for key, entries in sorted(found.items(), key=lambda kv: _order(kv[0])):
        if len(entries) * 2 < len(listing):
            dropped.append((key, entries))
            continue
        kept.append(_entry(key, entries, listing, copies, name, context))
    if dropped:
        notes.append(_dropped(name, dropped, len(listing), where))
    return tuple(kept)


def _entries(
    listing: Sequence[FormCopy], name: str, context: DocumentContext
) -> dict[str, list[tuple[FormCopy, HeaderItem, bool]]]:
    """Return, per code (or name), the copies listing it; True if code printed."""
    found: dict[str, list[tuple[FormCopy, HeaderItem, bool]]] = {}
    for copy in listing:
        seen: set[str] = set()
        for item in copy.field_items(name):
            code = item.code or _document_code(name, item.name, context)
            key = code or "~" + label_key(item.name)
            if key not in seen:
                seen.add(key)
                found.setdefault(key, []).append((copy, item, item.code is not None))
    return found


def _document_code(name: str, text: str, context: DocumentContext) -> str | None:
    votes = Counter(
        code
        for code, other in context.coded.get(name, [])
        if similarity(text, other) >= SIMILAR
    )
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _order(key: str) -> tuple[int, tuple[int, ...], str]:
    if key.startswith("~"):
        return 1, (), key
    return 0, tuple(int(part) for part in key.split(".") if part.isdigit()), key


def _entry(
    key: str,
    entries: Sequence[tuple[FormCopy, HeaderItem, bool]],
    listing: Sequence[FormCopy],
    copies: Sequence[FormCopy],
    name: str,
    context: DocumentContext,
) -> CodedName:
    code = None if key.startswith("~") else key
    membership = _membership(code, entries, len(listing), len(copies))
    names = [
        Printed(item.name or None, Source(copy.index, item.line))
        for copy, item, _ in entries
    ]
    pool = context.names.get((name, code), []) if code else []
    what = f"name of {FIELD_NAMES[name]} {code or ''}".strip()
    return CodedName(membership, vote_name(names, what=what, pool=pool))


def _membership(
    code: str | None,
    entries: Sequence[tuple[FormCopy, HeaderItem, bool]],
    listing: int,
    copies: int,
) -> Reading[str]:
    """Return the reading of an entry's code: do the copies list it?"""
    sources = tuple(Source(copy.index, item.line) for copy, item, _ in entries)
    listed = ", ".join(str(s.copy) for s in sources)
    all_printed = all(printed for _, _, printed in entries)
    if len(entries) == copies and all_printed:
        reason = f"all {copies} copies list {code}"
        return Reading(code, Status.VERIFIED, reason, "unanimous", sources)
    if len(entries) * 2 > listing:
        reason = f"listed by copies {listed} of {copies}"
        if not all_printed:
            reason += "; where a copy prints no code, the document's code for the name"
        return Reading(code, Status.RECONCILED, reason, "majority", sources)
    reason = f"listed by copies {listed} only: half of the copies that list any"
    return Reading(code, Status.NEEDS_REVIEW, reason, "no_majority", sources)


@finding_kind(
    "POA-LISTED-BY-MINORITY",
    summary=sentence(
        "Una entrada que imprimen menos de la mitad de las copias no se tomó."
    ),
)
def listed_by_minority(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Entradas de %(field)s que imprimen menos de la mitad de las "
            "%(copies)s copias no se tomaron: %(dropped)s."
        )
    ) % {
        "field": say(FIELD_WORDS[values["field"]]),
        "copies": values["copies"],
        "dropped": values["dropped"],
    }


def _dropped(
    name: str,
    dropped: Sequence[tuple[str, Sequence[tuple[FormCopy, HeaderItem, bool]]]],
    listing: int,
    where: str,
) -> Finding:
    return listed_by_minority.found(
        where=where,
        severity=INFO,
        values={
            "entries": len(dropped),
            "field": name,
            "copies": listing,
            "dropped": ", ".join(key.lstrip("~") for key, _ in dropped),
        },
    )


def _best(name: str, others: Sequence[str]) -> float:
    return max((similarity(name, other) for other in others if other), default=0.0)
