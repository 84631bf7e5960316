"""Choosing one value among the copies' readings: exact values and names.

Exact values (codes, counts, lists of codes) go by the most printed reading;
a tie is left for review. Names go by spelling: readings that differ only by
scan errors fall in one cluster, and the cluster's spelling is the one the
document prints most often for the same thing (the same person, the same
code), so a misspelling that happens to win inside one form ("ASCENZO" twice
out of three) still loses to the document. Different names (not spelling
variants) are never merged: with no majority they are left for review.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ruta.ingest.poa.model import Alternative, Reading, Source, Status

SIMILAR = 0.8  # SequenceMatcher ratio above which two names are one spelling


@dataclass(frozen=True)
class Printed:
    """One copy's reading of a value; ``value`` None when the copy lost it."""

    value: Any
    source: Source


def fold(text: str) -> str:
    """Return ``text`` upper-cased, without accents, with single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.upper().replace("*", " ").split()).strip(" .:-")


def similarity(left: str, right: str) -> float:
    """Return how alike two names are, ignoring case and accents (0 to 1)."""
    return SequenceMatcher(None, fold(left), fold(right)).ratio()


def sources_of(printed: Sequence[Printed], value: Any) -> tuple[Source, ...]:
    return tuple(p.source for p in printed if p.value == value)


def alternatives(printed: Sequence[Printed], chosen: Any) -> tuple[Alternative, ...]:
    """Return the readings other than ``chosen``, each with its sources."""
    seen: dict[Any, list[Source]] = {}
    for p in printed:
        if p.value is not None and p.value != chosen:
            seen.setdefault(p.value, []).append(p.source)
    return tuple(Alternative(value, tuple(src)) for value, src in seen.items())


def missing(reason: str) -> Reading[Any]:
    """Return the reading of a value no copy prints."""
    return Reading(None, Status.NEEDS_REVIEW, reason, rule="not_printed")


def _print(sources: Sequence[Source]) -> str:
    """Return "copy 3 prints" or "copies 1, 2 print" for messages."""
    return f"{_copies(sources)} {'prints' if len(sources) == 1 else 'print'}"


def _copies(sources: Sequence[Source]) -> str:
    """Return "copy 3" or "copies 1, 2" for messages."""
    numbers = [str(s.copy) for s in sources]
    if len(numbers) == 1:
        return f"copy {numbers[0]}"
    return f"copies {', '.join(numbers)}" if numbers else "no copy"


def vote_exact(printed: Sequence[Printed], *, what: str) -> Reading[Any]:
    """Return the most printed reading of an exact value (code, count, list)."""
    present = [p for p in printed if p.value is not None]
    if not present:
        return missing(f"{what} is not printed in any copy")
    counts = Counter(_hashable(p.value) for p in present)
    ranked = counts.most_common()
    top, top_count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == top_count:
        return _tie(printed, [key for key, n in ranked if n == top_count], what)
    value = next(p.value for p in present if _hashable(p.value) == top)
    return _settled(
        printed, value, what=what, rule=_count_rule(top_count, len(present))
    )


def _hashable(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


def _count_rule(count: int, present: int) -> str:
    """Name the rule that let ``count`` readings out of ``present`` win."""
    if present == 1:
        return "sole_reading"
    return "majority" if count * 2 > present else "plurality"


def _tie(printed: Sequence[Printed], values: Sequence[Any], what: str) -> Reading[Any]:
    candidates = tuple(Alternative(v, sources_of(printed, v)) for v in values)
    listed = "; ".join(f"{c.value!r} ({_copies(c.sources)})" for c in candidates)
    return Reading(
        None,
        Status.NEEDS_REVIEW,
        f"copies disagree on {what} with no majority: {listed}",
        rule="no_majority",
        candidates=candidates,
    )


def _settled(
    printed: Sequence[Printed], value: Any, *, what: str, rule: str
) -> Reading[Any]:
    """Return ``value`` as verified when every copy prints it, else reconciled."""
    agreeing = sources_of(printed, value)
    others = alternatives(printed, value)
    lost = [p.source for p in printed if p.value is None]
    if len(agreeing) == len(printed):
        reason = f"all {len(printed)} copies print {what} {value!r}"
        return Reading(
            value, Status.VERIFIED, reason, rule="unanimous", sources=agreeing
        )
    if agreeing:
        parts = [f"{_print(agreeing)} {what} {value!r}"]
    else:
        parts = [f"the document prints {what} {value!r} for the same entry elsewhere"]
    parts += [f"{_print(a.sources)} {a.value!r}" for a in others]
    if lost:
        parts.append(f"{_copies(lost)} lost it")
    return Reading(
        value,
        Status.RECONCILED,
        "; ".join(parts) + f" ({rule.replace('_', ' ')})",
        rule=rule,
        sources=agreeing,
        discarded=others,
    )


def vote_name(
    printed: Sequence[Printed],
    *,
    what: str,
    pool: Sequence[str] = (),
    strict: bool = False,
) -> Reading[str]:
    """Return the spelling of a name the copies print, with the document's help.

    ``pool`` holds every spelling the document prints for the same thing (the
    same code, or every signature for persons). A tie of spellings is left for
    review when ``strict`` (names); free text settles it on the reading most
    alike to the others.
    """
    present = [p for p in printed if p.value]
    if not present:
        return missing(f"{what} is not printed in any copy")
    clusters = _clusters([p.value for p in present])
    ranked = sorted(clusters, key=lambda c: -_members(c, present))
    best = _members(ranked[0], present)
    tied = [c for c in ranked if _members(c, present) == best]
    if len(tied) > 1:
        tied = _break_by_pool(tied, pool) if pool else tied
    if len(tied) > 1:
        return _tie(printed, [_best_spelling(c, present) for c in tied], what)
    value, rule = _spelling(tied[0], present, pool, strict=strict)
    if value is None:
        spellings = sorted({p.value for p in present if fold(p.value) in tied[0]})
        return _tie(printed, spellings, what)
    return _settled(printed, value, what=what, rule=rule)


def _clusters(names: Sequence[str]) -> list[set[str]]:
    """Return groups of folded names linked by spelling likeness (transitively)."""
    groups: list[set[str]] = []
    for key in dict.fromkeys(fold(name) for name in names):
        linked = [g for g in groups if _near(key, g)]
        merged = {key}.union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def _near(key: str, group: set[str]) -> bool:
    return any(SequenceMatcher(None, key, other).ratio() >= SIMILAR for other in group)


def _members(cluster: set[str], present: Sequence[Printed]) -> int:
    return sum(1 for p in present if fold(p.value) in cluster)


def _break_by_pool(tied: list[set[str]], pool: Sequence[str]) -> list[set[str]]:
    scores = [sum(1 for name in pool if _near(fold(name), c)) for c in tied]
    best = max(scores)
    return [c for c, score in zip(tied, scores, strict=True) if score == best]


def _best_spelling(cluster: set[str], present: Sequence[Printed]) -> str:
    counts = Counter(p.value for p in present if fold(p.value) in cluster)
    return counts.most_common(1)[0][0]


def _spelling(
    cluster: set[str], present: Sequence[Printed], pool: Sequence[str], *, strict: bool
) -> tuple[str | None, str]:
    """Return the cluster's spelling and the rule that chose it.

    The folded form (letters) is chosen first, by the document's count when a
    pool is given, then by this form's count; the accents come from the most
    printed exact spelling of that form. ``None`` when letters stay tied.
    """
    form_keys = Counter(fold(p.value) for p in present if fold(p.value) in cluster)
    pool_keys = Counter(fold(n) for n in pool if _near(fold(n), cluster))
    keys = set(form_keys) | set(pool_keys)
    ranked = sorted(keys, key=lambda k: (-pool_keys[k], -form_keys[k], k))
    top = ranked[0]
    tie = len(ranked) > 1 and (pool_keys[ranked[1]], form_keys[ranked[1]]) == (
        pool_keys[top],
        form_keys[top],
    )
    if tie and strict:
        return None, "no_majority"
    if tie:
        return _medoid([p.value for p in present if fold(p.value) in cluster]), "medoid"
    rule = _spelling_rule(top, form_keys, pool_keys, len(present))
    return _accented(top, present, pool), rule


def _accented(top: str, present: Sequence[Printed], pool: Sequence[str]) -> str:
    """Return how to spell ``top``: as this form does, else as the document."""
    in_form = Counter(p.value for p in present if fold(p.value) == top)
    in_pool = Counter(name for name in pool if fold(name) == top)
    spellings = set(in_form) or set(in_pool)
    return max(sorted(spellings), key=lambda s: (in_form[s], in_pool[s]))


def _spelling_rule(
    top: str, form_keys: Counter[str], pool_keys: Counter[str], present: int
) -> str:
    """Name the rule that chose ``top``: this form's count, or the document's."""
    others = [n for key, n in form_keys.items() if key != top]
    if form_keys[top] > max(others, default=0):
        return _count_rule(form_keys[top], present)
    return "document_majority"


def _medoid(names: Sequence[str]) -> str:
    """Return the name most alike to all the others (ties: first printed)."""
    return max(names, key=lambda n: sum(similarity(n, other) for other in names))
