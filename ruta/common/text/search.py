"""Accent-insensitive Spanish search without database extensions.

The embedded PostgreSQL has no ``unaccent``, so text is folded with the
built-in ``translate()``: the same character map (``ruta.common.text.folding``) is
applied in Python to the query and in SQL to a stored, generated, indexed
column. ``to_tsvector`` with an explicit ``spanish`` configuration is
immutable, so the full-text vector can be a generated column with a GIN index
as well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ruta.common.db.versioning import data_version, version_kept
from ruta.common.text.folding import ACCENTED, PLAIN, fold
from ruta.common.web.scope import instance_scope

# ``fold`` and its map live in the Django-free ``ruta.common.text.folding``; they are
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
# What the site search takes, as a pattern a document can state: one to
# ``SEARCH_WORDS_MAX`` words of letters that fold to a-z (Spanish and the
# Latin accents) or digits, between spaces and punctuation; nothing else.
_LETTER = "0-9A-Za-zÁÉÍÓÚÜÑáéíóúüñÀÈÌÒÙàèìòùÂÊÎÔÛâêîôûÄËÏÖäëïöÇç"
_BETWEEN = r"\s!-/:-@\[-`{-~¡¿«»·°–—“”‘’"
SEARCH_TEXT_PATTERN = (
    rf"^[{_BETWEEN}]*(?:[{_LETTER}]+[{_BETWEEN}]+){{0,{SEARCH_WORDS_MAX - 1}}}"
    rf"[{_LETTER}]+[{_BETWEEN}]*$"
)
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
    # The keys the next page begins after, when the kind pages by key.
    next_keys: tuple[Any, ...] | None = None


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


def _words_vector(fields: Sequence[str]) -> Expression:
    """Return the folded Spanish vector of ``fields`` joined.

    Anything but letters and digits parts words first: PostgreSQL's parser
    reads "informe_2024.pdf" as one file name, which no word would find.
    """
    parts: list[Any] = []
    for name in fields:
        parts += [Coalesce(F(name), Value(""), output_field=TextField()), Value(" ")]
    return Func(
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


# A kept record: the lexemes of its vector and its hit.
Entry = tuple[frozenset[str], Hit]
_LEXEME = re.compile(r"'([^']*)'")


def entries_kept(
    name: str, rows: Callable[[], QuerySet], fields: Sequence[str], hit: Any
) -> list[Entry]:
    """Return a small kind's records as lexemes and hits, read once per version.

    For the small tables (a few thousand rows at most): each record's folded
    Spanish vector is read with it when the data changes, and every search
    until the next change matches in the process (``entries_found``), not
    one query per kind and search. Keyed by the instance and the language
    (a hit's address and words are the language's).
    """
    key = ("search-entries", name, instance_scope(), get_language() or "")

    def build() -> list[Entry]:
        read = rows().annotate(search_found=_words_vector(fields)).order_by("pk")
        return [
            (frozenset(_LEXEME.findall(str(row.search_found))), hit(row))
            for row in read
        ]

    return version_kept(data_version().token, key, build)


@lru_cache(maxsize=4096)
def word_stems(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return the Spanish stems of ``words``, as ``to_tsquery`` reads them.

    Stop words ("de", "durante") have none and are left out, as PostgreSQL
    leaves them out of a query. A dictionary's stems never change: kept.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(array_agg(lexeme ORDER BY at), ' ') FROM ("
            " SELECT at, unnest(ts_lexize('spanish_stem', word)) AS lexeme"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, at)"
            " WHERE word !~ '^[0-9]+$'"
            " UNION ALL SELECT at, word FROM unnest(%s::text[])"
            " WITH ORDINALITY AS typed(word, at) WHERE word ~ '^[0-9]+$'"
            ") AS stems",
            [list(words), list(words)],
        )
        (joined,) = cursor.fetchone() or ("",)
    return tuple((joined or "").split())


def entries_found(
    entries: Sequence[Entry], words: Sequence[str], offset: int, limit: int
) -> Found:
    """Return a page of the entries holding every word, best first.

    What ``vector @@ 'stem:* & …'`` matches: each word's stem begins a
    lexeme of the record. Ranked by the stems matched whole, then as read.
    """
    stems = word_stems(tuple(words))
    ranked = []
    if stems:
        for position, (lexemes, hit) in enumerate(entries):
            whole = 0
            for stem in stems:
                if stem in lexemes:
                    whole += 1
                elif not any(lexeme.startswith(stem) for lexeme in lexemes):
                    break
            else:
                ranked.append((-whole, position, hit))
    ranked.sort(key=lambda item: item[:2])
    return Found(
        hits=tuple(hit for _whole, _position, hit in ranked[offset : offset + limit]),
        total=len(ranked),
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
