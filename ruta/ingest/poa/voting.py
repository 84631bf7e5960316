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

from ruta.common.text.folding import label_key, strip_accents
from ruta.ingest.poa.model import Alternative, Reading, Source, Status

SIMILAR = 0.8  # SequenceMatcher ratio above which two names are one spelling


@dataclass(frozen=True)
class Printed:
    """One copy's reading of a value; ``value`` None when the copy lost it."""

    value: Any
    source: Source


def similarity(left: str, right: str) -> float:
    """Return how alike two names are, ignoring case and accents (0 to 1),
    whichever is given first."""
    return _ratio(label_key(left), label_key(right))


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
) -> Reading[str]:
    """Return the spelling of a name the copies print, with the document's help.

    ``pool`` holds every spelling the document prints for the same thing (the
    same code, or every signature for persons). The letters are chosen first
    (``_letters``), then their accents and case (``_accented``). Whenever more
    than one reading fits, the value is left for review with every candidate,
    for names and free text (descriptions, observations) alike.
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
    letters, rule = _letters(tied[0], present, pool)
    if letters is None:
        spellings = sorted({p.value for p in present if label_key(p.value) in tied[0]})
        return _tie(printed, spellings, what)
    spelling = _accented(letters, tied[0], present, pool)
    if spelling.value is None:
        return _tie(printed, spelling.tied, f"the accents or case of {what}")
    return _spelled(printed, spelling, what=what, rule=rule)


def _clusters(names: Sequence[str]) -> list[set[str]]:
    """Return groups of folded names linked by spelling likeness (transitively)."""
    groups: list[set[str]] = []
    for key in dict.fromkeys(label_key(name) for name in names):
        linked = [g for g in groups if _near(key, g)]
        merged = {key}.union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def _near(key: str, group: set[str]) -> bool:
    """Return whether ``key`` is a spelling of a name in ``group``.

    ``autojunk`` is off: on texts of 200 characters or more it would ignore
    the common letters and make the ratio depend on the order of the two
    texts (an observation would fall outside its own cluster).
    """
    return any(_ratio(key, other) >= SIMILAR for other in group)


def _ratio(left: str, right: str) -> float:
    """Return how alike two texts are, the same in either order.

    ``SequenceMatcher`` aligns the second text to the first, so its ratio can
    differ with the order ("EMPODERAMIENTO …" and "FORTALECIMIENTO …" are one
    spelling one way and two the other): the pair is always compared in one
    order, so the copies' order never changes a reading.
    """
    first, second = sorted((left, right))
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def _members(cluster: set[str], present: Sequence[Printed]) -> int:
    return sum(1 for p in present if label_key(p.value) in cluster)


def _break_by_pool(tied: list[set[str]], pool: Sequence[str]) -> list[set[str]]:
    scores = [sum(1 for name in pool if _near(label_key(name), c)) for c in tied]
    best = max(scores)
    return [c for c, score in zip(tied, scores, strict=True) if score == best]


def _best_spelling(cluster: set[str], present: Sequence[Printed]) -> str:
    counts = Counter(p.value for p in present if label_key(p.value) in cluster)
    return counts.most_common(1)[0][0]


def _letters(
    cluster: set[str], present: Sequence[Printed], pool: Sequence[str]
) -> tuple[str | None, str]:
    """Return the cluster's folded form (letters) and the rule that chose it.

    The form goes by the document's count when a pool is given, then by this
    form's count. ``(None, "no_majority")`` when two forms stay tied: several
    readings fit, and the caller leaves the value for review.
    """
    form_keys = Counter(
        label_key(p.value) for p in present if label_key(p.value) in cluster
    )
    pool_keys = Counter(label_key(n) for n in pool if _near(label_key(n), cluster))
    keys = set(form_keys) | set(pool_keys)
    ranked = sorted(keys, key=lambda k: (-pool_keys[k], -form_keys[k], k))
    top = ranked[0]
    tie = len(ranked) > 1 and (pool_keys[ranked[1]], form_keys[ranked[1]]) == (
        pool_keys[top],
        form_keys[top],
    )
    if tie:
        return None, "no_majority"
    return top, _spelling_rule(top, form_keys, pool_keys, len(present))


def _spelling_rule(
    top: str, form_keys: Counter[str], pool_keys: Counter[str], present: int
) -> str:
    """Name the rule that chose ``top``: this form's count, or the document's."""
    others = [n for key, n in form_keys.items() if key != top]
    if form_keys[top] > max(others, default=0):
        return _count_rule(form_keys[top], present)
    return "document_majority"


# ---------------------------------------------------------------- accents


@dataclass(frozen=True)
class _Word:
    """A word the voters spell differently, and how its spelling was chosen."""

    chosen: str
    votes: tuple[tuple[str, tuple[Source | None, ...]], ...]  # most voted first
    accent_tie: bool  # an equal number print it without the accent


@dataclass(frozen=True)
class _Spelling:
    """The accents and case of the winning letters, and how they were chosen.

    ``how`` is "copies" (most of the copies printing these letters print
    them so), "document" (as the document prints them most often for the
    same entry) or "words" (word by word). ``value`` is None when a word's
    spellings stay tied; ``tied`` then holds the spellings for review.
    """

    value: str | None
    letters: tuple[Source, ...]  # the copies that print these letters
    how: str
    words: tuple[_Word, ...] = ()
    pool: tuple[int, int] = (0, 0)  # for "document": times printed so, of all
    tied: tuple[str, ...] = ()


def _accented(
    top: str, cluster: set[str], present: Sequence[Printed], pool: Sequence[str]
) -> _Spelling:
    """Return how to spell the letters ``top``: accents and case, by majority.

    In order: the spelling more than half of the copies printing these letters
    print; else (names) the spelling the document prints for the same entry
    more than half of the times it prints these letters; else word by word:
    each word takes the spelling most copies of the cluster print for it (a
    copy whose letters differ elsewhere still votes on the words it prints
    alike). When a word's spellings tie and differ only by accents, the
    accented one is taken: OCR loses accents far more often than it invents
    them. Any other tie (case, or accents on different letters) leaves the
    value for review.
    """
    agreeing = [p for p in present if label_key(p.value) == top]
    letters = tuple(p.source for p in agreeing)
    spellings = [p.value for p in agreeing]
    won = _majority(spellings)
    if won is not None:
        return _Spelling(won, letters, "copies")
    in_pool = [name for name in pool if label_key(name) == top]
    won = _majority(in_pool)
    if won is not None:
        times = (in_pool.count(won), len(in_pool))
        return _Spelling(won, letters, "document", pool=times)
    voters: list[tuple[str, Source | None]]
    if agreeing:
        base = spellings[0]
        voters = [(p.value, p.source) for p in present if label_key(p.value) in cluster]
    else:
        base = in_pool[0]
        voters = [(name, None) for name in in_pool]
    value, words = _by_word(base, voters)
    if value is None:
        tied = tuple(sorted(set(spellings or in_pool)))
        return _Spelling(None, letters, "words", words, tied=tied)
    return _Spelling(value, letters, "words", words)


def _majority(spellings: Sequence[str]) -> str | None:
    """Return the spelling more than half of ``spellings`` are, if any."""
    if not spellings:
        return None
    value, count = Counter(spellings).most_common(1)[0]
    return value if count * 2 > len(spellings) else None


def _by_word(
    base: str, voters: Sequence[tuple[str, Source | None]]
) -> tuple[str | None, tuple[_Word, ...]]:
    """Return ``base`` with each word spelled as most voters spell it.

    A voter's word counts when it has the same letters and punctuation as the
    base's word, accents and case aside, at the same place (the two texts
    aligned word by word). None when a word's spellings stay tied.
    """
    words = base.split()
    keys = [_bare(w) for w in words]
    ballots: list[list[tuple[str, Source | None]]] = [[] for _ in words]
    for value, source in voters:
        theirs = value.split()
        theirs_keys = [_bare(w) for w in theirs]
        matcher = SequenceMatcher(None, keys, theirs_keys, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                ballots[a + k].append((theirs[b + k], source))
    chosen, disputed, settled = [], [], True
    for word, ballot in zip(words, ballots, strict=True):
        votes = _votes(ballot)  # never empty: the base votes for its own words
        spelled, accent_tie = _word_winner(votes)
        chosen.append(spelled or word)
        settled = settled and spelled is not None
        if len(votes) > 1:
            disputed.append(_Word(spelled or word, votes, accent_tie))
    if not settled:
        return None, tuple(disputed)
    if chosen == words:
        return base, tuple(disputed)
    return " ".join(chosen), tuple(disputed)


def _votes(
    ballot: Sequence[tuple[str, Source | None]],
) -> tuple[tuple[str, tuple[Source | None, ...]], ...]:
    """Return each spelling of a word with its voters, most voted first."""
    grouped: dict[str, list[Source | None]] = {}
    for word, source in ballot:
        grouped.setdefault(word, []).append(source)
    ranked = sorted(grouped.items(), key=lambda item: -len(item[1]))
    return tuple((word, tuple(sources)) for word, sources in ranked)


def _word_winner(
    votes: Sequence[tuple[str, Sequence[Source | None]]],
) -> tuple[str | None, bool]:
    """Return the winning spelling of a word (None if tied) and if accents won."""
    most = len(votes[0][1])
    best = [word for word, sources in votes if len(sources) == most]
    if len(best) == 1:
        return best[0], False
    accented = max(best, key=_marks)
    only_accents = len({strip_accents(w) for w in best}) == 1
    if only_accents and sum(_marks(w) == _marks(accented) for w in best) == 1:
        return accented, True
    return None, False


def _bare(word: str) -> str:
    """Return ``word`` upper-cased and without accents, punctuation kept."""
    return strip_accents(word).upper()


def _marks(word: str) -> int:
    """Return how many accents ``word`` carries."""
    decomposed = unicodedata.normalize("NFKD", word)
    return sum(1 for ch in decomposed if unicodedata.combining(ch))


def _spelled(
    printed: Sequence[Printed], spelling: _Spelling, *, what: str, rule: str
) -> Reading[str]:
    """Return the spelled name, its reason saying how letters and accents won.

    ``rule`` names how the letters won. When every copy printing them prints
    the same accents, or the copies printing exactly this win by the same
    rule, this is ``_settled``'s reading; otherwise the reason also says how
    the accents were chosen. The sources are the copies that print the value
    exactly, or when none does (spelled word by word, or as the document
    spells it) the copies that print its letters.
    """
    value = spelling.value
    exact = sources_of(printed, value)
    counts = Counter(p.value for p in printed if p.value)
    alone = all(n < len(exact) for v, n in counts.items() if v != value)
    wins = alone and _count_rule(len(exact), counts.total()) == rule
    if exact and (exact == spelling.letters or wins):
        return _settled(printed, value, what=what, rule=rule)
    label = rule.replace("_", " ")
    if spelling.letters:
        head = f"{_print(spelling.letters)} {what} {value!r} up to accents and case"
    else:
        head = f"the document prints {what} {value!r} for the same entry elsewhere"
        head += ", up to accents and case"
    parts = [f"{head} ({label})", _how_accented(spelling, exact)]
    others = alternatives(printed, value)
    parts += [f"{_print(a.sources)} {a.value!r}" for a in others]
    lost = [p.source for p in printed if p.value is None]
    if lost:
        parts.append(f"{_copies(lost)} lost it")
    return Reading(
        value,
        Status.RECONCILED,
        "; ".join(parts),
        rule=rule,
        sources=exact or spelling.letters,
        discarded=others,
    )


def _how_accented(spelling: _Spelling, exact: Sequence[Source]) -> str:
    """Return the reason's words on how the accents and case were chosen."""
    printed_so = (
        f"{_print(exact)} exactly this" if exact else "no copy prints exactly this"
    )
    if spelling.how == "copies":
        return f"{printed_so}, a majority of them"
    if spelling.how == "document":
        times, of = spelling.pool
        return (
            "accents and case as the document prints these letters most often "
            f"for the same entry ({times} of {of} times); {printed_so}"
        )
    words = "; ".join(_word_note(w) for w in spelling.words)
    by_word = "accents and case word by word, as most copies print each word"
    return f"{by_word}: {words}; {printed_so}"


def _word_note(word: _Word) -> str:
    """Return "'así' (copies 1, 3) over 'asi' (copy 2)" for the reason."""
    won = next(sources for w, sources in word.votes if w == word.chosen)
    rest = [f"{w!r} ({_voters(s)})" for w, s in word.votes if w != word.chosen]
    note = f"{word.chosen!r} ({_voters(won)}) over {', '.join(rest)}"
    return note + (", the accented form on a tie" if word.accent_tie else "")


def _voters(sources: Sequence[Source | None]) -> str:
    """Return "copies 1, 3" for copies, or "2 times in the document"."""
    copies = [s for s in sources if s is not None]
    if len(copies) == len(sources):
        return _copies(copies)
    return f"{len(sources)} times in the document"
