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

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Expression, F, Func, TextField, Value
from django.db.models.functions import Lower

from ruta.common.text import ACCENTED, PLAIN, fold

# ``fold`` and its map live in the Django-free ``ruta.common.text``; they are
# re-exported here, beside the SQL expression that mirrors them.
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
