"""Read a question in Spanish: what is asked (intent) and about what (subjects).

Pure: the names it can recognise (municipalities, programs, indicators, the
years with data) come in a ``Vocabulary`` the caller reads from the
database. Matching ignores case and accents and takes the longest name that
appears as whole words, so "San Luis Río Colorado" wins over a shorter name
inside it. Nothing of the question reaches the database but the codes of
names it matched, a year and a folio's characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ruta.common.text import fold

MAX_QUESTION_LENGTH = 300
YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-9]{2})\b")
# A work's public folio: letters or digits in two to four parts joined by
# hyphens with at least one digit ("GSE-2024-0001"), or a federal key of
# eleven to fourteen digits.
FOLIO = re.compile(
    r"\b(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9]{2,10}(?:-[A-Za-z0-9]{1,10}){1,3}\b"
    r"|\b[0-9]{11,14}\b"
)
WORD = re.compile(r"[a-z0-9ñ]+")
# Words too common to tell indicators apart.
STOPWORDS = frozenset(
    {
        "a",
        "al",
        "como",
        "cual",
        "cuales",
        "de",
        "del",
        "el",
        "en",
        "es",
        "esta",
        "este",
        "indicador",
        "indicadores",
        "la",
        "las",
        "lo",
        "los",
        "para",
        "por",
        "que",
        "se",
        "semaforo",
        "su",
        "sus",
        "un",
        "una",
        "va",
        "y",
    }
)


class Intent(StrEnum):
    INVESTMENT = "investment"
    WORK_COUNT = "work_count"
    WORKS_IN_PLACE = "works_in_place"
    WORK_PROGRESS = "work_progress"
    INDICATOR = "indicator"


class Decline(StrEnum):
    """Why a question gets no answer; the page says it plainly."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_UNDERSTOOD = "not_understood"
    NO_WORK = "no_work"
    NO_INDICATOR = "no_indicator"
    NO_DATA_FOR_YEAR = "no_data_for_year"
    SEVERAL_YEARS = "several_years"
    SEVERAL_PLACES = "several_places"
    SEVERAL_PROGRAMS = "several_programs"
    PLACE_ELSEWHERE = "place_elsewhere"


@dataclass(frozen=True)
class Vocabulary:
    """The names a question may use, folded, each with what it stands for."""

    municipalities: Mapping[str, str]  # folded name → INEGI code
    programs: Mapping[str, str]  # folded name → program code
    indicators: Mapping[str, int]  # folded indicator name → card id
    years: frozenset[int]
    # Names of municipalities outside the platform's state: asked about, the
    # box says so instead of answering for the whole state.
    elsewhere: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Question:
    """What a question asks and about what; empty subjects mean "all"."""

    intent: Intent
    municipality: str = ""
    program: str = ""
    year: int | None = None
    folio: str = ""
    indicator: int | None = None


@dataclass(frozen=True)
class Declined:
    """A question the platform cannot answer, and why."""

    reason: Decline
    year: int | None = None


def name_words(text: str) -> str:
    """Return a name as the parser matches it: folded words, single spaces."""
    return " ".join(WORD.findall(fold(text)))


# Words a program's name shares with many others: "Programa de … en Apoyo a …".
PROGRAM_FILLER = frozenset(
    {"programa", "de", "del", "la", "el", "los", "las", "en", "a", "y", "para"}
)


def program_names(programs: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Return the names a question may give each program (code, name, acronym).

    Its whole name; and, when no other program shares them, its acronym and
    its first two telling words ("transforma sonora" for "Programa Transforma
    Sonora en Apoyo a los Municipios").
    """
    names: dict[str, str] = {}
    shared: dict[str, set[str]] = {}
    for code, name, acronym in programs:
        names[name_words(name)] = code
        telling = [
            word for word in name_words(name).split() if word not in PROGRAM_FILLER
        ]
        others = [name_words(acronym)] if acronym else []
        if len(telling) >= 2:
            others.append(" ".join(telling[:2]))
        for other in others:
            shared.setdefault(other, set()).add(code)
    for words, codes in shared.items():
        if len(codes) == 1:
            names.setdefault(words, codes.pop())
    return names


def _words(text: str) -> str:
    """Return ``text`` as ``name_words`` gives it, padded to match whole words."""
    return f" {name_words(text)} "


def _names_found(words: str, names: Mapping[str, str]) -> set[str]:
    """Return what the names in ``words`` stand for, longest names first.

    Each name found is taken out before looking again, so a short name
    inside a longer one ("Colorado" in "San Luis Río Colorado") is not
    found twice.
    """
    found: set[str] = set()
    while True:
        present = [name for name in names if name and f" {name} " in words]
        if not present:
            return found
        longest = max(present, key=len)
        found.add(names[longest])
        words = words.replace(f" {longest} ", " | ")


def _intent(words: str, has_folio: bool) -> Intent | None:
    """Return what is asked, from the question's folded words."""
    if " avance " in words or " avanza " in words or " progreso " in words:
        return Intent.WORK_PROGRESS
    if " semaforo " in words or " indicador " in words:
        return Intent.INDICATOR
    if re.search(r" cuantas obras | numero de obras ", words):
        return Intent.WORK_COUNT
    if re.search(r" cuant[oa]s? | monto ", words) and re.search(
        r" invirt\w* | invers\w* | gast\w* | dinero | pesos | destin\w* | monto ",
        words,
    ):
        return Intent.INVESTMENT
    if re.search(
        r" (que|cuales) obras | obras (hay|tiene|se hicieron|se hacen) |"
        r" lista de obras | obras de | obras en ",
        words,
    ):
        return Intent.WORKS_IN_PLACE
    if has_folio:
        return Intent.WORK_PROGRESS
    return None


def _indicator(words: str, indicators: Mapping[str, int]) -> int | None:
    """Return the indicator whose name shares the most telling words, if any."""
    asked = set(words.split()) - STOPWORDS
    best, best_score = None, 1
    for name, card in indicators.items():
        named = set(name.split()) - STOPWORDS
        score = len(asked & named)
        if score > best_score or (score == best_score and best is None and score > 1):
            best, best_score = card, score
    return best


def parse_question(text: str, vocabulary: Vocabulary) -> Question | Declined:
    """Return what ``text`` asks, or why it cannot be answered."""
    text = text.strip()
    if not text:
        return Declined(Decline.EMPTY)
    if len(text) > MAX_QUESTION_LENGTH:
        return Declined(Decline.TOO_LONG)
    words = _words(text)
    folio_match = FOLIO.search(text)
    intent = _intent(words, folio_match is not None)
    if intent is None:
        return Declined(Decline.NOT_UNDERSTOOD)
    if intent is Intent.WORK_PROGRESS:
        if folio_match is None:
            return Declined(Decline.NO_WORK)
        return Question(intent, folio=folio_match.group(0).upper())
    if intent is Intent.INDICATOR:
        card = _indicator(words, vocabulary.indicators)
        if card is None:
            return Declined(Decline.NO_INDICATOR)
        year = _year(text)
        return Question(intent, indicator=card, year=year)
    years = {int(year) for year in YEAR.findall(text)}
    if len(years) > 1:
        return Declined(Decline.SEVERAL_YEARS)
    year = years.pop() if years else None
    if year is not None and year not in vocabulary.years:
        return Declined(Decline.NO_DATA_FOR_YEAR, year=year)
    places = _names_found(words, vocabulary.municipalities)
    if len(places) > 1:
        return Declined(Decline.SEVERAL_PLACES)
    if not places and any(f" {name} " in words for name in vocabulary.elsewhere):
        return Declined(Decline.PLACE_ELSEWHERE)
    programs = _names_found(words, vocabulary.programs)
    if len(programs) > 1:
        return Declined(Decline.SEVERAL_PROGRAMS)
    return Question(
        intent,
        municipality=places.pop() if places else "",
        program=programs.pop() if programs else "",
        year=year,
    )


def _year(text: str) -> int | None:
    match = YEAR.search(text)
    return int(match.group(1)) if match else None
