"""Rows in PostgreSQL's COPY text format, encoded where the rows are read.

A bulk import reads and checks rows apart (``ruta.common.fast.readahead``) while
the caller writes to the database; psycopg's ``write_row`` adapts each
value in the caller, while the server waits. Encoding a chunk's rows here,
as they are read, leaves the caller one ``write`` of text per chunk.

The format is PostgreSQL's (``COPY ... FROM STDIN``, text): cells apart by a
tab, a row ended by a newline, ``\\N`` for NULL, and a backslash, tab,
newline or carriage return inside a cell written as its backslash escape.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

NULL = "\\N"
# Each character COPY's text format escapes, with its escape; the backslash
# first, so the others' backslashes are not escaped again.
_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def copy_cell(value: object) -> str:
    """Return ``value`` as one cell of COPY's text format.

    Text, whole numbers, decimals, dates, booleans and None: what the
    import's tables take. A datetime is refused (its zone would be the
    session's, not the value's); so is anything else, rather than guessed.
    """
    if value is None:
        return NULL
    if isinstance(value, str):
        return _escaped(value) if _special(value) else value
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | Decimal) or (
        isinstance(value, date) and not isinstance(value, datetime)
    ):
        return str(value)
    raise TypeError(f"no COPY text for a {type(value).__name__}: {value!r}")


def copy_cells(values: Iterable[object]) -> str:
    """Return ``values`` as COPY text cells, without the row's newline."""
    return "\t".join(map(copy_cell, values))


def copy_line(values: Iterable[object]) -> str:
    """Return ``values`` as one row of COPY's text format, newline included."""
    return copy_cells(values) + "\n"


def _special(text: str) -> bool:
    """Return whether ``text`` holds a character COPY escapes.

    Four scans in C: a set of the text's characters costs twenty times as
    much, and every cell of an import passes here.
    """
    return "\\" in text or "\t" in text or "\n" in text or "\r" in text


def _escaped(text: str) -> str:
    for char, escape in _ESCAPES:
        text = text.replace(char, escape)
    return text
