"""Accent folding of Spanish text: the one home of every fold, free of Django.

Every app and reader folds text through this module (pure parsers too); a
variant exists only where the job differs:

- ``fold`` lower-cases and replaces the accented letters of ``ACCENTED`` by
  ``PLAIN``. It must give exactly what PostgreSQL's ``translate()`` gives with
  the same map, because search compares a folded query with a folded, indexed
  column (``ruta.common.text.search.folded``); a wider map here would stop matching
  the stored column.
- ``strip_accents`` removes every combining mark after Unicode compatibility
  decomposition (NFKD), whatever the letter ("ã", "º" and "³" included). It
  reads printed labels, where nothing has to agree with SQL. Stored keys
  (``IndicatorCard.key``) were computed with it, so it must not narrow to
  the ``fold`` map.
- ``normalize_key`` keys printed labels and names: ``strip_accents``, upper
  case, single spaces. ``label_key`` also drops the footnote asterisks and
  the punctuation forms print around a name ("JUAN PÉREZ*:" is "JUAN PEREZ").
"""

from __future__ import annotations

import unicodedata

# The months as Spanish documents print them, January first (dates such as
# "15 de marzo de 2024" are read and written with them).
SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ACCENTED = "áàäâéèëêíìïîóòöôúùüûñç"
PLAIN = "aaaaeeeeiiiioooouuuunc"
_TABLE = str.maketrans(ACCENTED, PLAIN)


def fold(text: str) -> str:
    """Return ``text`` lower-cased and without accents ("Álamos" → "alamos")."""
    return text.lower().translate(_TABLE)


def strip_accents(text: str) -> str:
    """Return ``text`` decomposed (NFKD) without combining marks ("Río" → "Rio")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_key(text: str) -> str:
    """Return ``text`` upper-cased, without accents and with single spaces.

    Printed labels vary in accents between tables ("TRES RÍOS", "TRES RIOS");
    readers key rows by it and reports match regenerated rows by it.
    """
    return " ".join(strip_accents(text).upper().split())


def label_key(text: str) -> str:
    """Return ``normalize_key(text)`` without asterisks or the " .:-" around it."""
    return normalize_key(text.replace("*", " ")).strip(" .:-")
