"""Accent-insensitive Spanish search without database extensions.

The embedded PostgreSQL has no ``unaccent``, so text is folded with the
built-in ``translate()``: the same character map (``ruta.common.text``) is
applied in Python to the query and in SQL to a stored, generated, indexed
column. ``to_tsvector`` with an explicit ``spanish`` configuration is
immutable, so the full-text vector can be a generated column with a GIN index
as well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import Expression, F, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.translation import gettext as _
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ruta.common.text import ACCENTED, PLAIN, fold

# ``fold`` and its map live in the Django-free ``ruta.common.text``; they are
# re-exported here, beside the SQL expression that mirrors them.
T = TypeVar("T")

__all__ = [
    "ACCENTED",
    "PLAIN",
    "fold",
    "folded",
    "spanish_prefix_query",
    "spanish_query",
    "spanish_vector",
]


def folded(field: str | Expression) -> Expression:
    """Return the SQL expression that folds ``field`` exactly like ``fold``.

    ``field`` is a column name or an expression (several columns joined).
    """
    return Func(
        Lower(F(field) if isinstance(field, str) else field),
        Value(ACCENTED),
        Value(PLAIN),
        function="translate",
        output_field=TextField(),
    )


def spanish_vector(field: str | Expression) -> Expression:
    """Return ``to_tsvector('spanish', folded(field))`` for a generated column."""
    return Func(
        folded(field),
        template="to_tsvector('spanish'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )


def spanish_query(text: str) -> SearchQuery:
    """Return a web-style Spanish query for ``text``, folded like the column."""
    return SearchQuery(fold(text), config="spanish", search_type="websearch")


_WORD = re.compile(r"[a-z0-9]+")


def spanish_prefix_query(text: str) -> SearchQuery | None:
    """Return a query for words starting like every word of ``text``, or None.

    "pavim vad" finds "Pavimentación de vado": each word is stemmed and
    matched as a prefix (``to_tsquery('spanish', 'pavim:* & vad:*')``).
    Only letters and digits are kept, so the query is always well formed.
    """
    words = _WORD.findall(fold(text))
    if not words:
        return None
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="spanish", search_type="raw"
    )


# ------------------------------------------------------------ the site search
#
# One search over every public kind (``ruta.portal.search`` assembles them):
# each domain app offers a selector for its own kind that matches through
# ``rows_matching`` (small tables: the vector computed as they are read) or
# its own index (the works' ``search_vector``), and the words its names are
# made of, which mend a typo by edit distance here in the application (the
# embedded server has no ``pg_trgm``).

SEARCH_MAX_LENGTH = 100
SEARCH_WORDS_MAX = 8
# A one-letter slip is mended in a word of this many letters or more; two
# letters in a word of ``TWO_SLIPS_LENGTH`` or more.
MENDED_LENGTH = 4
TWO_SLIPS_LENGTH = 9


class SearchRefused(ValueError):
    """A search that cannot be run: empty, too long, or words of nothing."""


@dataclass(frozen=True)
class Hit:
    """One record found: what it is called, where its page is, a line about it."""

    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Found:
    """A page of one kind's hits and how many there are (``capped``: at least)."""

    hits: tuple[Hit, ...]
    total: int
    capped: bool = False


def search_words(text: str) -> list[str]:
    """Return the folded words of ``text`` a search looks for, or refuse it.

    Only letters and digits count, so any text makes a well-formed query.
    """
    if len(text) > SEARCH_MAX_LENGTH:
        raise SearchRefused(
            _("La búsqueda es demasiado larga: hasta %(max)s caracteres.")
            % {"max": SEARCH_MAX_LENGTH}
        )
    words = _WORD.findall(fold(text))
    if not words:
        raise SearchRefused(_("Escriba una o más palabras para buscar."))
    if len(words) > SEARCH_WORDS_MAX:
        raise SearchRefused(
            _("La búsqueda tiene demasiadas palabras: hasta %(max)s.")
            % {"max": SEARCH_WORDS_MAX}
        )
    return words


def words_of(texts: Iterable[str]) -> set[str]:
    """Return the folded words of ``texts``: a kind's part of the word list."""
    found: set[str] = set()
    for text in texts:
        found.update(_WORD.findall(fold(text or "")))
    return found


def words_mended(words: Sequence[str], known: Sequence[str]) -> list[tuple[str, str]]:
    """Return each typed word no record holds and the known word it was meant for.

    ``known`` is sorted. A word that is known, or begins a known word (typed
    in part), or is short or a number, is left as typed; otherwise the
    nearest known word by edit distance (one letter, two in a long word)
    replaces it, the most similar first.
    """
    mended = []
    for word in words:
        if len(word) < MENDED_LENGTH or word.isdigit() or _begins(word, known):
            continue
        slips = 2 if len(word) >= TWO_SLIPS_LENGTH else 1
        found = process.extractOne(
            word, known, scorer=Levenshtein.distance, score_cutoff=slips
        )
        if found is not None:
            mended.append((word, found[0]))
    return mended


def _begins(word: str, known: Sequence[str]) -> bool:
    at = bisect_left(known, word)
    return at < len(known) and known[at].startswith(word)


def words_query(words: Sequence[str]) -> SearchQuery:
    """Return the query for records holding every word, each maybe cut short.

    Stemmed in Spanish and matched as prefixes (``pavim:* & vad:*``), so
    "pavimentacion", "pavimentación" and "pavim" find the same records.
    """
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="spanish", search_type="raw"
    )


def rows_matching(
    rows: QuerySet, fields: Sequence[str], words: Sequence[str]
) -> QuerySet:
    """Return ``rows`` whose ``fields`` hold every word, best match first.

    For the small tables (a few thousand rows at most): the folded Spanish
    vector is computed as the rows are read, no column or index is kept.
    Anything but letters and digits parts words first: PostgreSQL's parser
    reads "informe_2024.pdf" as one file name, which no word would find.
    ``search_rank`` is annotated for the order.
    """
    parts: list[Any] = []
    for name in fields:
        parts += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    vector = Func(
        Func(
            folded(Concat(*parts, output_field=TextField())),
            Value("[^a-z0-9]+"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        ),
        template="to_tsvector('spanish'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )
    query = words_query(words)
    return (
        rows.annotate(search_found=vector)
        .filter(search_found=query)
        .annotate(search_rank=SearchRank(F("search_found"), query))
        .order_by("-search_rank", "pk")
    )


def page_found(rows: QuerySet, offset: int, limit: int, hit: Any) -> Found:
    """Return a page of matched small-table ``rows`` as hits, with their count."""
    return Found(
        hits=tuple(hit(row) for row in rows[offset : offset + limit]),
        total=rows.count(),
    )


def texts_matching(entries: Iterable[tuple[str, T]], words: Sequence[str]) -> list[T]:
    """Return the entries whose text holds every word (or a word it begins).

    For lists read in the application (a registry, a list kept per version):
    ranked by the words matched whole, then as given.
    """
    ranked = []
    for position, (text, entry) in enumerate(entries):
        held = words_of([text])
        whole = 0
        for word in words:
            if word in held:
                whole += 1
            elif not any(own.startswith(word) for own in held):
                break
        else:
            ranked.append((-whole, position, entry))
    ranked.sort(key=lambda item: item[:2])
    return [entry for _whole, _position, entry in ranked]
