"""Small readings of the report's text: cells, questions, links, figures, dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ruta.common.text.folding import SPANISH_MONTHS, fold

_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s<>\"'()]+")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*%")
# "?" ends a question; a parenthesis right after it belongs to it
# ("¿Cuántas personas …? (nombre, área y cargo)").
_QUESTION_END = re.compile(r"\?(?:\s*\([^()]*\))?")
_MONTHS = SPANISH_MONTHS
_DATE = re.compile(r"\b(\d{1,2}) de (" + "|".join(_MONTHS) + r") de (\d{4})\b")
_KEY = re.compile(r"[^a-z0-9]+")


def clean(text: str) -> str:
    """Return ``text`` without HTML tags, bold marks and repeated spaces."""
    text = _TAG.sub(" ", _AUTOLINK.sub(r"\1", text)).replace("**", "")
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """Return a name folded to letters and digits, to compare two printings."""
    return _KEY.sub(" ", fold(clean(text))).strip()


def links(text: str) -> tuple[str, ...]:
    """Return the web addresses ``text`` prints, in order, once each."""
    found = (url.rstrip(".,;:") for url in _URL.findall(text))
    return tuple(dict.fromkeys(found))


def percentages(text: str) -> list[Decimal]:
    """Return every percentage from 0 to 100 that ``text`` states."""
    values = (Decimal(raw.replace(",", ".")) for raw in _PERCENT.findall(text))
    return [value for value in values if 0 <= value <= 100]


def dates(text: str) -> list[date]:
    """Return every full date ("05 de febrero de 2020") ``text`` states."""
    found = []
    for day, month, year in _DATE.findall(fold(text)):
        try:
            found.append(date(int(year), _MONTHS.index(month) + 1, int(day)))
        except ValueError:
            continue
    return found


def _inside_link(text: str, position: int) -> bool:
    return any(url.start() <= position < url.end() for url in _URL.finditer(text))


def question_pairs(text: str) -> list[tuple[str, str]]:
    """Split an information cell into (question, answer) pairs.

    The three-column tables print questions and answers in one cell: a
    question ends at "?" and starts at "¿" (or where the previous answer
    ended); text before the first question introduces it, and two questions
    with nothing between them are one ("¿Existe …? ¿Cuáles?"). A cell with
    no question is an answer alone.
    """
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    position = 0
    for end in _QUESTION_END.finditer(text):
        if _inside_link(text, end.start()):
            continue
        opening = text.rfind("¿", position, end.start())
        start = position if opening == -1 else opening
        before = clean(text[position:start])
        asked = clean(text[start : end.end()])
        if question is None:
            question = clean(f"{before} {asked}")
        elif not before:
            question = f"{question} {asked}"
        else:
            pairs.append((question, before))
            question = asked
        position = end.end()
    rest = clean(text[position:])
    if question is None:
        return [("", rest)]
    pairs.append((question, rest))
    return pairs


def is_heading(line: str) -> bool:
    """Return whether ``line`` is a section heading: capitals only, no cells."""
    text = clean(line)
    letters = [char for char in text if char.isalpha()]
    return (
        "\t" not in line
        and len(letters) >= 4
        and text == text.upper()
        and not text.startswith("-")
    )


def not_applicable(answer: str) -> bool:
    """Return whether an answer says only that the question does not apply."""
    folded = key(answer)
    return folded in {"n a", "na", "no aplica"} or fold(answer).startswith(
        ("n/a", "no aplica")
    )
