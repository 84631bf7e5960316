"""Read a question in Spanish: what is asked, about what, or why it is declined.

Pure: the names a question may use (places, programs, subprograms,
agencies, contractors, organisations, calls, indicators, commitments, POA
goals, the years with data) come in a ``Vocabulary`` the caller reads from
the database. Matching ignores case and accents, reads numbers written in
words ("dos mil veinticuatro"), mends small typos against the known words
(saying so) and takes the longest name that appears, so "San Luis Río
Colorado" wins over "Colorado".

A question is answered only when every word of it was understood: a word
that is not grammar, a known measure or subject, or a name in the data,
declines the question and is named back to the person. A part that does not
apply to what is asked (a contractor for an indicator) declines it too: the
box never answers a different question from the one it was asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import cast

from rapidfuzz import fuzz, process
from text_to_num import alpha2digit

from ruta.common.text.folding import fold
from ruta.portal.questions.lexicon import (
    ACCENTED_NUMERALS,
    AGE_WORDS,
    AID_CONCEPT_WORDS,
    CHAPTER_WORDS,
    COLOUR_WORDS,
    GROUP_WORDS,
    LATE_WORDS,
    MOMENT_WORDS,
    PARTY_WORDS,
    PHASE_WORDS,
    PROCEDURE_WORDS,
    PUBLIC_INVESTMENT,
    QUARTER_WORDS,
    REVENUE_MOMENT_WORDS,
    SEX_WORDS,
    SMALL_NUMBERS,
    STATUS_WORDS,
    THESAURUS,
    WORDS,
    Role,
)

MAX_QUESTION_LENGTH = 300
# The words a question opens with, folded: the header's one box sends a
# text that opens with one (or with "¿", or ends with "?") to the question
# box, anything else to the site search.
QUESTION_OPENERS = frozenset(
    (
        *("que", "cual", "cuales", "cuanto", "cuanta", "cuantos", "cuantas"),
        *("quien", "quienes", "como", "donde", "cuando", "porque"),
        *("what", "which", "how", "who", "whom", "where", "when", "why"),
    )
)
# A work's public folio: letters or digits in two to four parts joined by
# hyphens with at least one digit ("GSE-2024-0001"), or a federal key of
# eleven to fourteen digits.
FOLIO = re.compile(
    r"\b(?=[A-Za-z0-9-]*[0-9])(?=[A-Za-z0-9-]*[A-Za-z])"
    r"[A-Za-z0-9]{2,10}(?:-[A-Za-z0-9]{1,10}){1,3}\b"
    r"|\b[0-9]{11,14}\b"
)
WORD = re.compile(r"[a-z0-9ñ]+")
ORIGINAL_WORD = re.compile(r"\w+")
YEAR_RANGE = range(1950, 2100)
QUARTER = re.compile(
    r"\b(?:(?P<before>" + "|".join(QUARTER_WORDS) + r"|[1-4])\s+trimestre"
    r"|trimestre\s+(?P<after>[1-4]))\b"
)
# A quarter said against today ("este trimestre", "el trimestre pasado"):
# read only when the instance's date is known, as the quarter and its year.
THIS_QUARTER = re.compile(
    r"\b(?:(?:este|el presente) trimestre|(?:el )?trimestre (?:actual|en curso)"
    r"|this quarter|current quarter)\b"
)
LAST_QUARTER = re.compile(
    r"\b(?:(?:el )?trimestre (?:pasado|anterior)|(?:el )?ultimo trimestre"
    r"|last quarter|previous quarter)\b"
)
QUARTER_MONTHS = 3
ABBREVIATED_POR = re.compile(r"(?<=[a-z]) x (?=[a-z])")
# An English possessive ("Sonora's budget") says whose, as "de" does.
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
# A count of works a group has more or fewer of ("municipios con más de 5
# obras"): read before amounts, so "más de 1000 obras" is never pesos.
COUNT_BOUND = re.compile(
    r"\b(?P<than>mas de|menos de|more than|fewer than|less than)\s+"
    r"(?P<number>[0-9]+)\s+(?P<noun>obras|proyectos|works|projects)\b"
)
COUNT_BELOW = frozenset({"menos de", "fewer than", "less than"})
# "municipios sin obras de …": fewer than one.
NO_WORKS = re.compile(
    r"\b(?P<than>sin|without|with no|have no|has no)\s+(?:ninguna\s+|public\s+)?"
    r"(?P<noun>obras|obra|proyectos|works|projects)\b"
)
# An amount a work's investment is above or below ("obras de más de 5
# millones", "mayores a un millón", "over 2 million"), read after numbers in
# words became digits ("un millón" is "1000000", "5 millones" "5 1000000").
THRESHOLD = re.compile(
    r"\b(?P<than>mas de|mayor(?:es)? (?:a|de|que)|arriba de|superior(?:es)? a"
    r"|more than|over|above|menos de|menor(?:es)? (?:a|de|que)|debajo de"
    r"|inferior(?:es)? a|less than|under|below)"
    r"\s+(?P<number>[0-9]+)"
    r"(?:\s+(?P<times>1000000|1000|millon|millones|mil|million|millions|thousand))?"
    r"(?P<pesos>\s+(?:de\s+)?(?:pesos|mxn))?\b"
)
BELOW = frozenset(
    {"menos de", "menor a", "menores a", "menor de", "menores de", "menor que"}
    | {"menores que", "debajo de", "inferior a", "inferiores a", "less than"}
    | {"under", "below"}
)
TIMES = {
    "1000000": 1_000_000,
    "millon": 1_000_000,
    "millones": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "1000": 1_000,
    "mil": 1_000,
    "thousand": 1_000,
}
# Typos are mended only in words this long, and only to a word this close.
MENDED_LENGTH = 4
MENDED_SCORE = 84
LONGEST_PHRASE = 12


class Slot(StrEnum):
    """A part of a question that narrows what is asked."""

    MUNICIPALITY = "municipality"
    REGION = "region"
    PROGRAM = "program"
    SUBPROGRAM = "subprogram"
    STATUS = "status"
    AGENCY = "agency"
    CONTRACTOR = "contractor"
    ORGANIZATION = "organization"
    CALL = "call"
    YEAR = "year"
    FOLIO = "folio"
    GOAL = "goal"
    INDICATOR = "indicator"
    COMMITMENT = "commitment"
    PHASE = "phase"
    QUARTER = "quarter"
    BY_PLACE = "by_place"
    MOMENT = "moment"  # a budget moment (``glossary.BudgetMoment``)
    PARTY = "party"  # a funding party (``FundingSource``)
    LATE = "late"  # works behind their period
    ABOVE = "above"  # works whose investment is more than this many pesos
    BELOW = "below"  # works whose investment is less than this many pesos
    NO_COMMITTEE = "no_committee"  # works without a committee
    NO_CONTRACT = "no_contract"  # works without a contract
    AID_CONCEPT = "aid_concept"  # an aid's concept (``AidConcept``)
    SEX = "sex"  # the sex of whoever an aid went to (``RecipientSex``)
    AGE = "age"  # their age group (``AgeGroup``)
    COLOUR = "colour"  # an indicator's semáforo (``Semaphore``)
    CHAPTER = "chapter"  # a chapter of the budget by object of expense
    PROCEDURE = "procedure"  # how a contract was awarded (``ProcurementProcedure``)
    OPEN = "open"  # consultations taking comments on the question's day


class Ask(StrEnum):
    """What a question asks for."""

    WORKS_AMOUNT = "works_amount"
    WORKS_COUNT = "works_count"
    WORKS_LIST = "works_list"
    CONTRACTS = "contracts"
    WORK_PROGRESS = "work_progress"
    WORK_CONTRACTOR = "work_contractor"
    WORK_PAYMENTS = "work_payments"
    WORK_AMOUNT = "work_amount"
    GOAL_PROGRESS = "goal_progress"
    GOAL_COUNT = "goal_count"
    INDICATOR = "indicator"
    INDICATOR_COUNT = "indicator_count"
    COMMITMENT_PROGRESS = "commitment_progress"
    COMMITMENT_COUNT = "commitment_count"
    CALLS = "calls"
    GRANTS_AMOUNT = "grants_amount"
    GRANTS_COUNT = "grants_count"
    ORGANIZATIONS = "organizations"  # registered: the public directory's
    REVENUE = "revenue"  # the revenue statement: estimated, collected
    APPLICATIONS = "applications"  # a call's, as its published result lists
    COMMITTEE_COUNT = "committee_count"
    BUDGET = "budget"
    CONTRIBUTION = "contribution"
    RANKING = "ranking"
    COMPARISON = "comparison"
    BENEFICIARIES = "beneficiaries"
    AIDS = "aids"
    AGREEMENTS = "agreements"  # the concertation agreements with municipalities
    CONSULTATIONS = "consultations"  # public consultations on draft regulations


WORKS_SLOTS = frozenset(
    {
        Slot.MUNICIPALITY,
        Slot.REGION,
        Slot.PROGRAM,
        Slot.SUBPROGRAM,
        Slot.STATUS,
        Slot.AGENCY,
        Slot.CONTRACTOR,
        Slot.YEAR,
    }
)
# What narrows each kind of answer; anything else declines the question.
ACCEPTS: dict[Ask, frozenset[Slot]] = {
    Ask.WORKS_AMOUNT: WORKS_SLOTS | {Slot.PHASE},
    # A party counts the works with money from it ("con recursos federales").
    Ask.WORKS_COUNT: WORKS_SLOTS | {Slot.PHASE, Slot.PARTY},
    Ask.WORKS_LIST: WORKS_SLOTS | {Slot.PHASE},
    # "¿Cuántos contratos fueron por adjudicación directa?"
    Ask.CONTRACTS: WORKS_SLOTS | {Slot.PROCEDURE},
    # "¿Ya se terminó la obra …?": its progress says its status.
    Ask.WORK_PROGRESS: frozenset({Slot.FOLIO, Slot.STATUS}),
    Ask.WORK_CONTRACTOR: frozenset({Slot.FOLIO}),
    Ask.WORK_PAYMENTS: frozenset({Slot.FOLIO}),
    Ask.WORK_AMOUNT: frozenset({Slot.FOLIO, Slot.PHASE}),
    Ask.GOAL_PROGRESS: frozenset({Slot.GOAL, Slot.QUARTER, Slot.YEAR}),
    Ask.GOAL_COUNT: frozenset({Slot.YEAR, Slot.QUARTER}),
    Ask.INDICATOR: frozenset({Slot.INDICATOR, Slot.YEAR}),
    Ask.INDICATOR_COUNT: frozenset({Slot.COLOUR}),
    Ask.COMMITMENT_PROGRESS: frozenset({Slot.COMMITMENT}),
    Ask.COMMITMENT_COUNT: frozenset(),
    Ask.CALLS: frozenset({Slot.YEAR}),
    Ask.GRANTS_AMOUNT: frozenset(
        {Slot.ORGANIZATION, Slot.CALL, Slot.YEAR, Slot.MUNICIPALITY}
    ),
    Ask.GRANTS_COUNT: frozenset({Slot.CALL, Slot.YEAR, Slot.MUNICIPALITY}),
    Ask.ORGANIZATIONS: frozenset(),
    Ask.REVENUE: frozenset({Slot.YEAR, Slot.AGENCY, Slot.MOMENT}),
    Ask.APPLICATIONS: frozenset({Slot.CALL, Slot.YEAR}),
    Ask.AGREEMENTS: frozenset({Slot.YEAR, Slot.MUNICIPALITY}),
    # "el comité de la obra del parque en Bácum": the works' filters.
    Ask.COMMITTEE_COUNT: WORKS_SLOTS | {Slot.BY_PLACE},
    Ask.BUDGET: frozenset({Slot.YEAR, Slot.MOMENT, Slot.AGENCY, Slot.CHAPTER}),
    Ask.CONTRIBUTION: WORKS_SLOTS | {Slot.PARTY},
    # A call narrows a ranking of organisations (checked by the answer); a
    # money phase ranks places by their cancelled works or approved money.
    # A procedure narrows the companies' contracts (checked by the answer).
    Ask.RANKING: WORKS_SLOTS | {Slot.LATE, Slot.CALL, Slot.PHASE, Slot.PROCEDURE},
    Ask.COMPARISON: WORKS_SLOTS | {Slot.LATE},
    Ask.BENEFICIARIES: WORKS_SLOTS | {Slot.LATE},
    Ask.AIDS: frozenset(
        {Slot.YEAR, Slot.MUNICIPALITY, Slot.AID_CONCEPT, Slot.SEX, Slot.AGE}
    ),
    Ask.CONSULTATIONS: frozenset({Slot.YEAR, Slot.OPEN}),
}
for _ask in (Ask.WORKS_AMOUNT, Ask.WORKS_COUNT, Ask.WORKS_LIST):
    ACCEPTS[_ask] |= {Slot.LATE, Slot.ABOVE, Slot.BELOW}
ACCEPTS[Ask.WORKS_COUNT] |= {Slot.NO_COMMITTEE, Slot.NO_CONTRACT}
ACCEPTS[Ask.WORKS_LIST] |= {Slot.NO_COMMITTEE, Slot.NO_CONTRACT}
# Only to exclude it: "beneficiarios de obras no canceladas".
ACCEPTS[Ask.BENEFICIARIES] |= {Slot.PHASE, Slot.STATUS}
# When one name stands for several things (a place and an agency), the
# first of these the answer accepts is meant.
SLOT_PREFERENCE = (
    Slot.MUNICIPALITY,
    Slot.SUBPROGRAM,
    Slot.PROGRAM,
    Slot.ORGANIZATION,
    Slot.CALL,
    Slot.CONTRACTOR,
    Slot.AGENCY,
    Slot.REGION,
    Slot.STATUS,
    Slot.MOMENT,
    Slot.PARTY,
)


class Decline(StrEnum):
    """Why a question gets no answer; the page says it plainly."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_UNDERSTOOD = "not_understood"
    NO_MEASURE = "no_measure"
    NOT_APPLICABLE = "not_applicable"
    NO_WORK = "no_work"
    NO_DATA_FOR_YEAR = "no_data_for_year"
    SEVERAL = "several"
    AMBIGUOUS = "ambiguous"
    PLACE_ELSEWHERE = "place_elsewhere"
    WHY = "why"


@dataclass(frozen=True)
class Named:
    """A thing asked about by the words of its name or its number."""

    key: str
    words: frozenset[str]
    number: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The names a question may use, folded, each with what it stands for."""

    names: Mapping[Slot, Mapping[str, str]]  # slot → folded name → key
    named: Mapping[Slot, Sequence[Named]]  # indicators, commitments, goals
    years: frozenset[int]  # years with published works
    # The instance's own state, read as "everywhere this platform covers".
    state_names: frozenset[str] = frozenset()
    # Places outside the instance: asked about, the box says so.
    elsewhere: frozenset[str] = frozenset()
    # Everyday words read as a name (``lexicon.THESAURUS``): phrase → meaning.
    synonyms: Mapping[str, tuple[Slot, str]] = field(default_factory=dict)

    @cached_property
    def phrases(self) -> dict[tuple[str, ...], list[tuple[str, object]]]:
        """Return every phrase a question may contain and what each may mean."""
        return _phrase_index(self)

    @cached_property
    def known(self) -> list[str]:
        """Return every word a question may contain, for mending typos."""
        return _known_words(self)

    @cached_property
    def known_set(self) -> frozenset[str]:
        return frozenset(self.known)

    @cached_property
    def mendable(self) -> list[str]:
        """Return the words a typo may be mended into: never a word of grammar.

        Mended into "estado", "estadio" would vanish from the question as if
        it had said nothing, and the box would answer another question.
        """
        return [word for word in self.known if WORDS.get(word) is not Role.FILLER]


@dataclass(frozen=True)
class Rank:
    """A ranking: what it lists, by which measure, which end first, how many."""

    group: str  # municipality, subprogram, program, region or work
    measure: str  # invested, count or beneficiaries
    descending: bool = True
    limit: int = 1
    # "municipios con más de 5 obras": every group whose count of works is
    # above (or below) this, rather than the first ``limit``.
    above: int | None = None
    below: int | None = None

    @property
    def bounded(self) -> bool:
        return self.above is not None or self.below is not None


@dataclass(frozen=True)
class Question:
    """What a question asks and what it was narrowed by.

    One small structured query: the ask (the measure), its filters
    (``slots``), the filters it excludes (``negated``), a ranking, the two
    values compared, the years of a relative period and the words read
    through the thesaurus, each said back in the answer.
    """

    ask: Ask
    slots: Mapping[Slot, str | int] = field(default_factory=dict)
    mended: tuple[tuple[str, str], ...] = ()  # (as typed, as read)
    negated: frozenset[Slot] = frozenset()
    rank: Rank | None = None
    compared: tuple[tuple[Slot, str | int], ...] = ()
    measure: str = ""  # of a comparison: invested, count or beneficiaries
    period: tuple[int, ...] = ()  # the years of a relative period, oldest first
    period_said: str = ""  # as the question said it ("el año pasado")
    synonyms: tuple[tuple[str, Slot, str], ...] = ()  # (word, slot, key)
    # The day it was asked on: what is late or open is judged on it.
    today: date | None = None

    def get(self, slot: Slot) -> str | int | None:
        return self.slots.get(slot)


@dataclass(frozen=True)
class Declined:
    """A question the platform does not answer, why, and what it did understand."""

    reason: Decline
    words: tuple[str, ...] = ()  # the words not understood, or the slots at fault
    slots: Mapping[Slot, str | int] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()  # the keys a name could stand for
    slot: Slot | None = None  # the slot the candidates or the reason are of
    ask: Ask | None = None
    mended: tuple[tuple[str, str], ...] = ()


def name_words(text: str) -> str:
    """Return a name as the parser matches it: folded words, single spaces."""
    return " ".join(WORD.findall(fold(text)))


# Words a name shares with many others: "Programa de … en Apoyo a …".
NAME_FILLER = frozenset(
    {"programa", "de", "del", "la", "el", "los", "las", "en", "a", "y", "para", "por"}
)
LEGAL_SUFFIX = re.compile(
    r"\b(s a b|s a|s de r l|s c|a c|i a p|s a p i)( de c v)?$|\bde c v$"
)


def name_aliases(
    entries: Iterable[tuple[str, str, str]], *, acronyms: bool = False
) -> dict[str, str]:
    """Return the names a question may give each thing (key, name, acronym).

    Its whole name (without a company's legal suffix too); and, when no other
    thing shares them, its acronym, its first two telling words ("transforma
    sonora" for "Programa Transforma Sonora en Apoyo a los Municipios") and,
    for a name of one or two telling words, the first of them. With
    ``acronyms`` (public bodies, as people name them), also the capitals a
    name carries ("SCT" of "Centro SCT Sonora") and the initials of a name
    of three words or more ("IMSS" of "Instituto Mexicano del Seguro Social").
    """
    names: dict[str, str] = {}
    shared: dict[str, set[str]] = {}
    for key, name, acronym in entries:
        whole = name_words(name)
        if not whole:
            continue
        names[whole] = key
        bare = LEGAL_SUFFIX.sub("", whole).strip()
        if bare and bare != whole:
            names.setdefault(bare, key)
        telling = [word for word in bare.split() if word not in NAME_FILLER]
        others = [name_words(acronym)] if acronym else []
        if acronyms:
            others += _acronyms_of(name)
        if len(telling) >= 2:
            others.append(" ".join(telling[:2]))
        if 0 < len(telling) <= 2:
            others.append(telling[0])
        for other in others:
            shared.setdefault(other, set()).add(key)
    for words, keys in shared.items():
        if words and len(keys) == 1 and not _lexicon_word(words):
            names.setdefault(words, keys.pop())
    return names


CAPITALS = re.compile(r"\b[A-ZÑ]{2,8}\b")


def _acronyms_of(name: str) -> list[str]:
    """Return the acronyms a public body's name says or implies, folded."""
    found = []
    if not name.isupper():
        found += [fold(word) for word in CAPITALS.findall(name)]
    capitalised = [word for word in name.split() if word[:1].isupper()]
    if len(capitalised) >= 3 and len(capitalised) == len(
        [word for word in name.split() if fold(word) not in NAME_FILLER]
    ):
        found.append(fold("".join(word[0] for word in capitalised)))
    return found


def _lexicon_word(phrase: str) -> bool:
    """Return whether a short name would hide a word of the lexicon ("obras")."""
    return any(
        phrase in table or phrase.rstrip("s") in table
        for table in (WORDS, PHASE_WORDS, STATUS_WORDS)
    )


@dataclass
class _Span:
    """Words of the question and what they were read as."""

    start: int
    end: int
    roles: tuple[Role, ...] = ()
    slots: tuple[tuple[Slot, str | int], ...] = ()
    elsewhere: bool = False
    everywhere: bool = False


@dataclass
class _Reading:
    """The question's words, as read so far."""

    words: list[str]
    shown: dict[str, str]
    mended: list[tuple[str, str]]
    folios: list[str]
    quarter: int | None = None
    amounts: dict[Slot, int] = field(default_factory=dict)  # ABOVE, BELOW
    # A quarter said against today: its year and the words that said it.
    quarter_year: int | None = None
    quarter_said: str = ""
    # Counts of works a group is bounded by (ABOVE, BELOW), and as said.
    counted: dict[Slot, int] = field(default_factory=dict)
    counted_said: tuple[str, ...] = ()


def parse_question(
    text: str, vocabulary: Vocabulary, today: date | None = None
) -> Question | Declined:
    """Return what ``text`` asks, or why it is not answered.

    ``today`` (the instance's date) reads relative periods ("el año
    pasado"); without it they are not understood.
    """
    text = text.strip()
    if not text:
        return Declined(Decline.EMPTY)
    if len(text) > MAX_QUESTION_LENGTH:
        return Declined(Decline.TOO_LONG)
    reading = _read(text, vocabulary, today)
    named = _named_kind(reading.words)
    if named is not None:
        return _named_question(named, reading, vocabulary, today)
    return _data_question(reading, vocabulary, today)


def _read(text: str, vocabulary: Vocabulary, today: date | None = None) -> _Reading:
    """Return the question's folded words with its folio and quarter taken out."""
    folios = [match.group(0).upper() for match in FOLIO.finditer(text)]
    for folio in folios:
        text = text.replace(folio, " ").replace(folio.lower(), " ")
    text = POSSESSIVE.sub("", text)
    shown = {fold(word): word for word in ORIGINAL_WORD.findall(text)}
    # "peso x peso": an "x" between words is "por", as people write it.
    folded = ABBREVIATED_POR.sub(" por ", " ".join(WORD.findall(fold(text))))
    quarter = None
    relative = _relative_quarter(folded, today)
    if relative is not None:
        folded, quarter, quarter_year, quarter_said = relative
    else:
        quarter_year, quarter_said = None, ""
        match = QUARTER.search(folded)
        if match:
            said = match.group("before") or match.group("after")
            quarter = QUARTER_WORDS.get(said) or int(said)
            folded = folded[: match.start()] + " " + folded[match.end() :]
    amounts: dict[Slot, int] = {}
    counted: dict[Slot, int] = {}
    counted_said: list[str] = []
    numbered = _counts_read(_numbers_read(folded), counted, counted_said)
    words = _amounts_read(numbered, amounts).split()
    mended: list[tuple[str, str]] = []
    words = _mended(words, vocabulary, mended)
    for typed, read in mended:
        shown.setdefault(read, shown.get(typed, typed))
    return _Reading(
        words=words,
        shown=shown,
        mended=mended,
        folios=folios,
        quarter=quarter,
        amounts=amounts,
        quarter_year=quarter_year,
        quarter_said=quarter_said,
        counted=counted,
        counted_said=tuple(counted_said),
    )


def _counts_read(text: str, counted: dict[Slot, int], said: list[str]) -> str:
    """Return ``text`` with the counts of works it bounds groups by taken out
    (the noun kept), put in ``counted``; two bounds the same way are left."""

    def taken(match: re.Match[str]) -> str:
        slot = Slot.BELOW if match.group("than") in COUNT_BELOW else Slot.ABOVE
        if slot in counted:
            return match.group(0)
        counted[slot] = int(match.group("number"))
        said.append(match.group(0))
        return f" {match.group('noun')} "

    def none_taken(match: re.Match[str]) -> str:
        if Slot.BELOW in counted:
            return match.group(0)
        counted[Slot.BELOW] = 1
        said.append(match.group(0))
        return f" {match.group('noun')} "

    return NO_WORKS.sub(none_taken, COUNT_BOUND.sub(taken, text))


def _relative_quarter(
    folded: str, today: date | None
) -> tuple[str, int, int, str] | None:
    """Return ``folded`` without a quarter said against ``today``, the quarter,
    its year and the words as said; None when there is none."""
    if today is None:
        return None
    current = (today.month - 1) // QUARTER_MONTHS + 1
    for pattern, back in ((THIS_QUARTER, 0), (LAST_QUARTER, 1)):
        match = pattern.search(folded)
        if match is None:
            continue
        index = today.year * 4 + current - 1 - back
        rest = folded[: match.start()] + " " + folded[match.end() :]
        return rest, index % 4 + 1, index // 4, match.group(0)
    return None


def _amounts_read(text: str, amounts: dict[Slot, int]) -> str:
    """Return ``text`` without the amounts it bounds the works by, put in
    ``amounts``; a number without a money word ("más de 5 obras") is left."""

    def taken(match: re.Match[str]) -> str:
        number = int(match.group("number"))
        times = match.group("times")
        if times is None and match.group("pesos") is None and number < 1000:
            return match.group(0)
        amount = number * TIMES.get(times or "", 1)
        slot = Slot.BELOW if match.group("than") in BELOW else Slot.ABOVE
        if slot in amounts and amounts[slot] != amount:
            return match.group(0)  # two bounds the same way: not understood
        amounts[slot] = amount
        return " "

    return THRESHOLD.sub(taken, text)


def _numbers_read(folded: str) -> str:
    """Return ``folded`` with numbers written in words as digits."""
    accented = " ".join(ACCENTED_NUMERALS.get(word, word) for word in folded.split())
    return " ".join(WORD.findall(fold(alpha2digit(accented, "es"))))


def _known_words(vocabulary: Vocabulary) -> list[str]:
    """Return every word a question may contain, for mending typos."""
    known: set[str] = set()
    for phrase in (
        *WORDS,
        *PHASE_WORDS,
        *STATUS_WORDS,
        *MOMENT_WORDS,
        *PARTY_WORDS,
        *LATE_WORDS,
        *AID_CONCEPT_WORDS,
        *CHAPTER_WORDS,
        *PROCEDURE_WORDS,
        *SEX_WORDS,
        *AGE_WORDS,
        *COLOUR_WORDS,
        *vocabulary.synonyms,
        *SMALL_NUMBERS,
    ):
        known.update(phrase.split())
    for names in vocabulary.names.values():
        for name in names:
            known.update(name.split())
    for entries in vocabulary.named.values():
        for entry in entries:
            known.update(entry.words)
    known.update(word for name in vocabulary.state_names for word in name.split())
    # Another state's places are never a typo's mending: a near match
    # ("aporto" and Michoacán's "Aporo") would refuse a question of this
    # state's. Typed exactly, they are still recognised (``_phrase_index``).
    return sorted(known)


def _mended(
    words: list[str], vocabulary: Vocabulary, mended: list[tuple[str, str]]
) -> list[str]:
    """Return ``words``, each unknown word replaced by a known word it resembles."""
    result = []
    for word in words:
        if word in vocabulary.known_set or word.isdigit() or len(word) < MENDED_LENGTH:
            result.append(word)
            continue
        found = process.extractOne(
            word, vocabulary.mendable, scorer=fuzz.ratio, score_cutoff=MENDED_SCORE
        )
        if found is None:
            result.append(word)
            continue
        mended.append((word, found[0]))
        result.append(found[0])
    return result


def _named_kind(words: list[str]) -> Slot | None:
    """Return the kind of thing named by its words that the question is about."""
    present = {WORDS.get(word) for word in words}
    for role, slot in (
        (Role.INDICATORS, Slot.INDICATOR),
        (Role.COMMITMENTS, Slot.COMMITMENT),
        (Role.GOALS, Slot.GOAL),
    ):
        if role in present:
            return slot
    return None


# Words that only say how a named thing is asked about.
NAMED_ASKING = frozenset(
    {Role.FILLER, Role.HOW_MUCH, Role.COUNT, Role.LIST, Role.PROGRESS}
)
NAMED_TRIGGERS = {
    Slot.INDICATOR: Role.INDICATORS,
    Slot.COMMITMENT: Role.COMMITMENTS,
    Slot.GOAL: Role.GOALS,
}
NAMED_ASKS = {
    Slot.INDICATOR: (Ask.INDICATOR, Ask.INDICATOR_COUNT),
    Slot.COMMITMENT: (Ask.COMMITMENT_PROGRESS, Ask.COMMITMENT_COUNT),
    Slot.GOAL: (Ask.GOAL_PROGRESS, Ask.GOAL_COUNT),
}
# A named kind said in the plural: a count of them, never one of them.
PLURAL_TRIGGERS = frozenset(
    {"indicadores", "compromisos", "metas", "indicators", "commitments", "goals"}
)
# Words a name's telling words must be read against, folded once.
VALUE_WORDS = frozenset(
    {"valor", "resultado", "resultados", "color", "estatus", "linea", "base", "meta"}
)


def _met_next(words: list[str]) -> bool:
    """Return whether the first of ``words`` that is not a filler says "met"."""
    said = next((word for word in words if WORDS.get(word) is not Role.FILLER), "")
    return WORDS.get(said) is Role.MET


def _named_question(
    kind: Slot, reading: _Reading, vocabulary: Vocabulary, today: date | None = None
) -> Question | Declined:
    """Return a question about an indicator, a commitment or a POA goal."""
    one, many = NAMED_ASKS[kind]
    slots: dict[Slot, str | int] = {}
    numbers: list[int] = []
    content: list[str] = []
    roles: set[Role] = set()
    period_said = reading.quarter_said
    words = _phrases_joined(reading.words)
    for at, word in enumerate(words):
        role = WORDS.get(word)
        if role in RELATIVE_YEARS and today is not None and reading.quarter is None:
            # "¿Se cumplieron las metas este año?": the year against today.
            year = today.year + RELATIVE_YEARS[role]
            if slots.get(Slot.YEAR, year) != year:
                return Declined(Decline.SEVERAL, slot=Slot.YEAR, ask=one)
            slots[Slot.YEAR] = year
            period_said = RELATIVE_SAID[role]
        elif word.isdigit():
            value = int(word)
            if value in YEAR_RANGE:
                if slots.get(Slot.YEAR, value) != value:
                    return Declined(Decline.SEVERAL, slot=Slot.YEAR, ask=one)
                slots[Slot.YEAR] = value
            else:
                numbers.append(value)
        elif word in SMALL_NUMBERS and kind is not Slot.INDICATOR:
            numbers.append(SMALL_NUMBERS[word])
        elif role is NAMED_TRIGGERS[kind] or (
            kind is Slot.INDICATOR and word in VALUE_WORDS
        ):
            continue
        elif kind is Slot.INDICATOR and word in COLOUR_WORDS:
            slots[Slot.COLOUR] = COLOUR_WORDS[word]
        elif kind is Slot.GOAL and (
            role is Role.MET or (role is Role.NOT and _met_next(words[at + 1 :]))
        ):
            # "¿Cuántas metas (no) se cumplieron?": the count says how many
            # were met, and how many fell below or have no progress known.
            continue
        elif role is not None and role in NAMED_ASKING:
            roles.add(role)
        else:
            content.append(word)
    mended = tuple(reading.mended)
    content.extend(folio.lower() for folio in reading.folios)
    if reading.quarter is not None:
        slots[Slot.QUARTER] = reading.quarter
    if reading.quarter_year is not None:
        if slots.get(Slot.YEAR, reading.quarter_year) != reading.quarter_year:
            return Declined(Decline.SEVERAL, slot=Slot.YEAR, ask=one)
        slots[Slot.YEAR] = reading.quarter_year
    slots.update(reading.amounts)  # no named thing takes them: declined
    entries = vocabulary.named.get(kind, ())
    if len(numbers) > 1:
        return Declined(Decline.SEVERAL, slot=kind, ask=one, mended=mended)
    plural = bool(PLURAL_TRIGGERS & set(reading.words))
    if not content and not numbers and (roles & {Role.COUNT, Role.LIST} or plural):
        return _checked(Question(many, slots, mended, period_said=period_said))
    if Role.COUNT in roles and not numbers and plural:
        # "¿Cuántos indicadores tiene el CECOP?" counts; the words after it
        # narrow nothing a count reads, and one card is not the answer.
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=tuple(reading.shown.get(word, word) for word in content),
            slot=kind,
            ask=many,
            mended=mended,
        )
    found = [
        entry
        for entry in entries
        if (not numbers or entry.number == numbers[0])
        and all(_in_name(word, entry.words) for word in content)
    ]
    if Slot.YEAR in slots and kind is Slot.GOAL:
        in_year = [entry for entry in found if entry.year == slots[Slot.YEAR]]
        if found and not in_year:
            # Another year's goal of that number is not the one asked.
            return Declined(
                Decline.NO_DATA_FOR_YEAR, slots=slots, ask=one, mended=mended
            )
        found = in_year
    if not found:
        unknown = [
            word
            for word in content
            if not any(_in_name(word, entry.words) for entry in entries)
        ]
        if unknown or not numbers:
            return Declined(
                Decline.NOT_UNDERSTOOD,
                words=tuple(reading.shown.get(word, word) for word in unknown),
                slot=kind,
                ask=one,
                mended=_kept_mendings(reading, unknown),
            )
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=(str(numbers[0]),),
            slot=kind,
            ask=one,
            mended=mended,
        )
    if len(found) > 1:
        return Declined(
            Decline.AMBIGUOUS,
            candidates=tuple(entry.key for entry in found),
            slot=kind,
            ask=one,
            slots=slots,
            mended=mended,
        )
    slots[kind] = found[0].key
    return _checked(Question(one, slots, mended, period_said=period_said))


# A named thing's year said against today: this one, or the one before.
RELATIVE_YEARS = {Role.THIS: 0, Role.PAST: -1}
RELATIVE_SAID = {Role.THIS: "este año", Role.PAST: "el año pasado"}
# The two-word phrases a named thing's question reads as one.
JOINED_ROLES = NAMED_ASKING | set(RELATIVE_YEARS) | set(NAMED_TRIGGERS.values())
JOINED_LONGEST = 4


def _phrases_joined(words: list[str]) -> list[str]:
    """Return ``words`` with each phrase that only says how a thing is asked,
    a year against today, or the kind of thing asked, as one ("how many",
    "este año", "programa operativo anual"); a phrase that may be part of a
    name ("ayudas sociales") stays apart to match it."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        for length in range(min(JOINED_LONGEST, len(words) - index), 1, -1):
            phrase = " ".join(words[index : index + length])
            if WORDS.get(phrase) in JOINED_ROLES:
                joined.append(phrase)
                index += length
                break
        else:
            joined.append(words[index])
            index += 1
    return joined


def _kept_mendings(
    reading: _Reading, unknown: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """Return the typos mended, but those whose mended word was not understood."""
    missed = set(unknown)
    return tuple(pair for pair in reading.mended if pair[1] not in missed)


def _in_name(word: str, name: frozenset[str]) -> bool:
    """Return whether ``word`` is one of ``name``'s words, or its plural or singular."""
    return (
        word in name
        or f"{word}s" in name
        or f"{word}es" in name
        or (word.endswith("s") and word[:-1] in name)
        or (word.endswith("es") and word[:-2] in name)
    )


def _phrase_index(
    vocabulary: Vocabulary,
) -> dict[tuple[str, ...], list[tuple[str, object]]]:
    """Return every phrase a question may contain and what each may mean."""
    index: dict[tuple[str, ...], list[tuple[str, object]]] = {}

    def add(phrase: str, meaning: tuple[str, object]) -> None:
        index.setdefault(tuple(phrase.split()), []).append(meaning)

    for phrase, role in WORDS.items():
        add(phrase, ("role", role))
    for phrase, phase in PHASE_WORDS.items():
        add(phrase, ("slot", (Slot.PHASE, phase)))
    for phrase, status in STATUS_WORDS.items():
        add(phrase, ("slot", (Slot.STATUS, status)))
    for phrase, moment in MOMENT_WORDS.items():
        add(phrase, ("slot", (Slot.MOMENT, moment)))
    for phrase, moment in REVENUE_MOMENT_WORDS.items():
        add(phrase, ("slot", (Slot.MOMENT, moment)))
    for phrase in CHAPTER_WORDS:
        if CHAPTER_WORDS[phrase] == PUBLIC_INVESTMENT and not phrase.startswith(
            "capitulo"
        ):
            add(phrase, ("role", Role.MONEY))
    for table, slot in (
        (CHAPTER_WORDS, Slot.CHAPTER),
        (PROCEDURE_WORDS, Slot.PROCEDURE),
        (AID_CONCEPT_WORDS, Slot.AID_CONCEPT),
        (SEX_WORDS, Slot.SEX),
        (AGE_WORDS, Slot.AGE),
    ):
        for phrase, key in table.items():
            add(phrase, ("slot", (slot, key)))
    for phrase, party in PARTY_WORDS.items():
        # "municipio" and "estado" also just say where ("el municipio de
        # Cajeme"): read as a party only beside a contribution (``_party``).
        if phrase not in WORDS and phrase not in OTHER_ROLE_WORDS:
            add(phrase, ("slot", (Slot.PARTY, party)))
    for slot, names in vocabulary.names.items():
        for phrase, key in names.items():
            add(phrase, ("slot", (slot, key)))
    for phrase in LATE_WORDS:
        add(phrase, ("slot", (Slot.LATE, 1)))
    for phrase, meaning in vocabulary.synonyms.items():
        if tuple(phrase.split()) not in index:
            add(phrase, ("slot", meaning))
    for phrase in vocabulary.state_names:
        add(phrase, ("everywhere", None))
    for phrase in vocabulary.elsewhere:
        add(phrase, ("elsewhere", None))
    return index


def _spans(words: list[str], vocabulary: Vocabulary) -> list[_Span]:
    """Return the question's words grouped by the longest phrase each is part of."""
    index = vocabulary.phrases
    spans = []
    start = 0
    while start < len(words):
        for length in range(min(LONGEST_PHRASE, len(words) - start), 0, -1):
            meanings = index.get(tuple(words[start : start + length]))
            if meanings is None:
                continue
            span = _Span(start, start + length)
            for kind, value in meanings:
                if kind == "role":
                    span.roles += (cast(Role, value),)
                elif kind == "slot":
                    span.slots += (cast(tuple[Slot, str | int], value),)
                elif kind == "elsewhere":
                    span.elsewhere = True
                else:
                    span.everywhere = True
            spans.append(span)
            start += length
            break
        else:
            spans.append(_Span(start, start + 1))
            start += 1
    return spans


@dataclass
class _Parts:
    """What the words of a data question were read as, before its ask."""

    roles: set[Role] = field(default_factory=set)
    choices: list[tuple[tuple[Slot, str | int], ...]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    numbers: list[int] = field(default_factory=list)
    last: int | None = None  # "los últimos N (años)"
    negated: set[Slot] = field(default_factory=set)
    negated_keys: dict[Slot, str | int] = field(default_factory=dict)
    without_committee: bool = False
    without_contract: bool = False
    synonyms: list[tuple[str, Slot, str]] = field(default_factory=list)


# What "no" may exclude, and the words that may stand between them.
NEGATABLE = frozenset({Slot.STATUS, Slot.PHASE, Slot.PROCEDURE})


def _parts(words: list[str], vocabulary: Vocabulary) -> _Parts:
    """Return the question's words read as roles, names, years and numbers."""
    parts = _Parts()
    pending = ""  # "no" or "sin", waiting for what it excludes
    expecting_last = False
    for span in _spans(words, vocabulary):
        said = " ".join(words[span.start : span.end])
        if pending:
            if span.roles and set(span.roles) <= {Role.FILLER} or said in NONE_WORDS:
                # "no tienen ningún comité": the second "no" says it again.
                continue
            pending = _excluded(pending, span, parts, said)
        if Role.NOT in span.roles or Role.WITHOUT in span.roles:
            pending = said
            continue
        if Role.COMMITTEES in span.roles and parts.without_committee:
            continue
        if said in CONTRACT_NOUNS_SAID and parts.without_contract:
            continue
        parts.roles.update(span.roles)
        if said in vocabulary.synonyms and span.slots:
            slot, key = vocabulary.synonyms[said]
            parts.synonyms.append((said, slot, key))
        if Role.LAST in span.roles:
            expecting_last = True
        if span.slots:
            parts.choices.append(span.slots)
        elif span.elsewhere and not span.roles:
            parts.elsewhere.append(said)
        elif span.roles or span.everywhere:
            continue
        elif said.isdigit() or said in SMALL_NUMBERS:
            value = int(said) if said.isdigit() else SMALL_NUMBERS[said]
            if expecting_last and value < YEAR_RANGE.start:
                parts.last, expecting_last = value, False
            elif value in YEAR_RANGE:
                parts.years.add(value)
            else:
                parts.numbers.append(value)
        else:
            parts.unknown.append(said)
    if pending:
        parts.unknown.append(pending)
    return parts


# After "no", "ningún" says no again ("no tienen ningún comité").
NONE_WORDS = frozenset({"ningun", "ninguna", "ninguno", "ningunos", "ningunas"})
# What "sin"/"no tienen" leaves a work without when it is its contract.
CONTRACT_NOUNS_SAID = frozenset(
    {
        "contrato",
        "contratos",
        "contratista",
        "contratistas",
        "contratista asignado",
        "contratista asignada",
        "empresa asignada",
        "contract",
        "contracts",
        "contractor",
    }
)


def _excluded(pending: str, span: _Span, parts: _Parts, said: str) -> str:
    """Read what "no"/"sin" excludes; return it still pending if nothing, else ""."""
    negatable = [slot for slot, _ in span.slots if slot in NEGATABLE]
    role = WORDS.get(pending)
    if negatable and (
        role is Role.NOT
        or (role is Role.WITHOUT and negatable[0] in (Slot.STATUS, Slot.PROCEDURE))
    ):
        # "no terminadas", "sin terminar": a status left out; "sin
        # licitación": the contracts awarded otherwise.
        parts.negated.add(negatable[0])
        parts.negated_keys[negatable[0]] = dict(span.slots)[negatable[0]]
    elif role in (Role.WITHOUT, Role.NOT) and Role.COMMITTEES in span.roles:
        # "sin comité", "no tienen comité"
        parts.without_committee = True
    elif role in (Role.WITHOUT, Role.NOT) and Role.AGREEMENTS in span.roles:
        # "¿Qué municipios no tienen convenio?": the agreements' answer
        # names those without a signed one.
        parts.roles.add(Role.AGREEMENTS)
    elif role in (Role.WITHOUT, Role.NOT) and said in CONTRACT_NOUNS_SAID:
        # "obras sin contrato", "no tienen contratista asignado"
        parts.without_contract = True
    elif role is Role.NOT and Role.MET in span.roles:
        # "¿Cuántas metas no se cumplieron?": the goals' standing counts
        # those below what they programmed and those with no progress known.
        parts.roles.add(Role.MET)
    else:
        parts.unknown.append(pending)
    return ""


def _data_question(
    reading: _Reading, vocabulary: Vocabulary, today: date | None
) -> Question | Declined:
    """Return a question about works, contracts, grants or committees."""
    words = reading.words
    mended = tuple(reading.mended)
    parts = _parts(words, vocabulary)
    _budget_paid(parts, words)
    _named_and_not(parts)
    roles, choices = parts.roles, parts.choices
    period, period_said = _period(parts, today, reading)
    if parts.numbers and not _ranks(roles):
        parts.unknown.extend(str(number) for number in parts.numbers)
    if parts.unknown:
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=tuple(reading.shown.get(word, word) for word in parts.unknown),
            slots=_plain_slots(choices, parts.years),
            mended=_kept_mendings(reading, parts.unknown),
        )
    if parts.elsewhere:
        return Declined(
            Decline.PLACE_ELSEWHERE, words=tuple(parts.elsewhere), mended=mended
        )
    years = set(parts.years)
    if reading.quarter_year is not None:
        if years - {reading.quarter_year}:
            return Declined(Decline.SEVERAL, slot=Slot.YEAR, mended=mended)
        years, period_said = {reading.quarter_year}, reading.quarter_said
    if period and years:
        return Declined(Decline.SEVERAL, slot=Slot.YEAR, mended=mended)
    if len(period) == 1:
        years = {period[0]}
        period = ()
    if Role.WHY in roles:
        return Declined(Decline.WHY, slots=_plain_slots(choices, years), mended=mended)
    if Role.FORMED in roles and Role.COMMITTEES not in roles:
        return Declined(
            Decline.NO_MEASURE, slots=_plain_slots(choices, years), mended=mended
        )
    # "¿Dónde se invirtió más, en Huatabampo o en Etchojoa?": two values and
    # "más … o …" compare them, as "compara" does.
    either = _ranks(roles) and _either_said(words)
    compared = _compared(parts, years, either)
    if compared and either:
        roles = roles - {Role.MOST, Role.LEAST, Role.GROUP}
    idle = _idle_shapers(roles, compared, bool(reading.counted))
    if idle:
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=_idle_words(words, idle, reading),
            slots=_plain_slots(choices, years),
            mended=mended,
        )
    slot_kinds = {slot for choice in choices for slot, _ in choice}
    ask = _data_ask(roles, slot_kinds, bool(reading.folios))
    if ask is Ask.GRANTS_COUNT and _counted(words) is Role.CALLS:
        # "¿Cuántas convocatorias hay para organizaciones?": the calls.
        ask = Ask.CALLS
    if ask in (
        None,
        Ask.WORKS_AMOUNT,
        Ask.CONTRACTS,
        Ask.CONTRIBUTION,
    ) and _budget_chapter(choices, words):
        # "¿cuánto se gastó en servicios personales?": a chapter of the
        # budget is asked of the budget, whatever the verb.
        ask = Ask.BUDGET
    if compared:
        ask = _compared_ask(compared[0][0], ask)
    rank = _rank(parts, words) if _ranks(roles) else None
    if rank is None and _split_by_place(roles, ask, compared):
        # "obras atrasadas por municipio", "¿en qué municipios se concentran?":
        # the municipalities, most first.
        rank = Rank("municipality", PLACE_MEASURES[cast(Ask, ask)], True, RANK_MOST)
        ask = Ask.RANKING
    if _ranks(roles) and rank is None and parts.numbers:
        # "obras de más de un millón": a threshold, not a ranking.
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=tuple(
                reading.shown.get(word, word)
                for word in words
                if WORDS.get(word) in (Role.MOST, Role.LEAST)
            )
            + tuple(str(number) for number in parts.numbers),
            slots=_plain_slots(choices, years),
            mended=mended,
        )
    if ask is Ask.BUDGET and (_ranks(roles) or Role.BREAKDOWN in roles):
        # "¿En qué capítulo se gasta más?", "presupuesto por dependencia":
        # the statements' chapters or agencies, ordered by the moment asked.
        rank = _budget_rank(parts, words)
        if rank is None:
            return Declined(
                Decline.NO_MEASURE, slots=_plain_slots(choices, years), mended=mended
            )
    elif Role.BREAKDOWN in roles:
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=_idle_words(words, {Role.BREAKDOWN}, reading),
            slots=_plain_slots(choices, years),
            mended=mended,
        )
    elif _ranks(roles) and ask is Ask.COMMITTEE_COUNT:
        # "¿Qué municipio tiene más comités?", "¿Qué obra tiene el comité con
        # más integrantes?": committees or their seats, by place or work.
        rank = _committees_rank(rank, parts, words)
        if rank is None:
            return Declined(
                Decline.NO_MEASURE, slots=_plain_slots(choices, years), mended=mended
            )
        ask = Ask.RANKING
    elif _ranks(roles) and ask is Ask.AIDS:
        # "¿Qué municipio recibió más ayudas sociales?": the aids page's table
        # by municipality or by concept, ordered; any other is declined.
        if rank is None or rank.group not in AID_GROUPS:
            return Declined(
                Decline.NO_MEASURE, slots=_plain_slots(choices, years), mended=mended
            )
        rank = replace(rank, measure=_aid_measure(words))
    elif _ranks(roles):
        ranked = (
            rank is not None
            and rank.group not in OTHER_GROUPS
            and (
                ask in RANKED_ASKS
                or rank.group in PARTY_GROUPS
                # "¿Qué municipio tiene más adjudicaciones directas?" is told
                # that only companies rank by their contracts' procedure.
                or (ask is Ask.CONTRACTS and Slot.PROCEDURE in slot_kinds)
            )
        )
        ask = Ask.RANKING if ranked else None
    if reading.counted:
        rank = None if rank is not None else _bounded_rank(words, reading.counted)
        if rank is None or (ask not in RANKED_ASKS and rank.group not in PARTY_GROUPS):
            return Declined(
                Decline.NOT_UNDERSTOOD,
                words=reading.counted_said,
                slots=_plain_slots(choices, years),
                mended=mended,
            )
        ask = Ask.RANKING
    if ask is Ask.WORKS_AMOUNT and Role.BENEFICIARIES in roles:
        ask = None
    if ask is None:
        if Role.PROGRESS in roles or Role.WHO in roles:
            # What would be asked of the work, were its folio given: the
            # answer looks for it by the places and kinds the question names.
            return Declined(
                Decline.NO_WORK,
                slots=_plain_slots(choices, years),
                ask=_data_ask(roles, slot_kinds, True),
            )
        return Declined(
            Decline.NO_MEASURE, slots=_plain_slots(choices, years), mended=mended
        )
    if (parts.negated or period) and not _negation_read(ask, parts.negated, period):
        return Declined(
            Decline.NOT_UNDERSTOOD,
            words=("no",) if parts.negated else (period_said,),
            slots=_plain_slots(choices, years),
            ask=ask,
            mended=mended,
        )
    slots: dict[Slot, str | int] = {}
    if compared and compared[0][0] is Slot.YEAR:
        years = set()
    if len(years) > 1:
        return Declined(Decline.SEVERAL, slot=Slot.YEAR, mended=mended)
    if years:
        slots[Slot.YEAR] = years.pop()
    if len(reading.folios) > 1:
        return Declined(Decline.SEVERAL, slot=Slot.FOLIO, ask=ask, mended=mended)
    if reading.folios:
        slots[Slot.FOLIO] = reading.folios[0]
    if Role.BY_PLACE in roles and rank is None and not compared:
        # "apoyos por municipio, ¿quién recibió más?": the ranking is by place.
        slots[Slot.BY_PLACE] = 1
    if Role.OPEN in roles:
        slots[Slot.OPEN] = 1
    if parts.without_committee:
        slots[Slot.NO_COMMITTEE] = 1
    if parts.without_contract:
        slots[Slot.NO_CONTRACT] = 1
    if ask is Ask.CONTRIBUTION or (
        ask is Ask.WORKS_COUNT and Role.CONTRIBUTION in roles
    ):
        party = _party(words)
        if party is not None:
            slots[Slot.PARTY] = party
            choices = [
                choice
                for choice in choices
                if not all(slot is Slot.PARTY for slot, _ in choice)
            ]
    if ask in GIVEN_ASKS:
        # "¿Cuántos apoyos se entregaron?": aids and grants are handed out,
        # not works handed over.
        choices = [
            choice for choice in choices if choice != ((Slot.STATUS, "handed_over"),)
        ]
    if ask is not Ask.BUDGET:
        # "inversión pública" outside a budget question is the works' money.
        choices = [
            choice
            for choice in choices
            if choice != ((Slot.CHAPTER, PUBLIC_INVESTMENT),)
        ]
    if ask is Ask.AIDS and _sexes_both(choices):
        # Women and men, both named: the answer breaks every row into them.
        choices = [c for c in choices if not all(s is Slot.SEX for s, _k in c)]
        compared = ()
    compared_slot = compared[0][0] if compared else None
    for choice in choices:
        slot, key = _chosen(choice, ACCEPTS[ask])
        if slot is compared_slot:
            continue
        if slots.get(slot, key) != key:
            return Declined(Decline.SEVERAL, slot=slot, ask=ask, mended=mended)
        slots[slot] = key
    if reading.quarter is not None:
        slots[Slot.QUARTER] = reading.quarter
    slots.update(reading.amounts)
    if ask is Ask.BUDGET and Slot.MOMENT not in slots and PAID_WORDS & set(words):
        # "¿Qué capítulo tiene más pagado?": of the budget, its paid moment.
        slots[Slot.MOMENT] = "paid"
    if ask is Ask.BENEFICIARIES and slots.get(Slot.PHASE) == "invested":
        # "las obras realizadas": the only works whose people count anyway.
        del slots[Slot.PHASE]
    if (
        ask is Ask.BENEFICIARIES
        and Slot.PHASE in slots
        and Slot.PHASE not in parts.negated
    ):
        # Only invested works' people count (``glossary.BENEFICIARIES``).
        return Declined(
            Decline.NOT_APPLICABLE,
            words=(str(Slot.PHASE),),
            slots=slots,
            ask=ask,
            mended=mended,
        )
    question = _checked(
        Question(
            ask,
            slots,
            mended,
            negated=frozenset(parts.negated),
            rank=rank,
            compared=compared,
            measure=_either_measure(words) if compared and either else _measure(roles),
            period=period,
            period_said=period_said,
            synonyms=tuple(parts.synonyms),
        )
    )
    asked_years = [slots[Slot.YEAR]] if Slot.YEAR in slots else []
    asked_years += [key for slot, key in compared if slot is Slot.YEAR]
    if (
        isinstance(question, Question)
        and ask in WORKS_ASKS | MEASURED_ASKS | {Ask.COMPARISON}
        and any(year not in vocabulary.years for year in asked_years)
    ):
        missing = next(year for year in asked_years if year not in vocabulary.years)
        return Declined(
            Decline.NO_DATA_FOR_YEAR,
            slots={**slots, Slot.YEAR: missing},
            ask=ask,
            mended=mended,
        )
    return question


# Asks about what is given to people and organisations: "se entregaron".
GIVEN_ASKS = frozenset({Ask.AIDS, Ask.GRANTS_AMOUNT, Ask.GRANTS_COUNT})
# Asks that a comparison, a ranking, "no" or a period of years may shape.
MEASURED_ASKS = frozenset(
    {Ask.WORKS_AMOUNT, Ask.WORKS_COUNT, Ask.BENEFICIARIES, Ask.WORKS_LIST}
)
RANKED_ASKS = MEASURED_ASKS
NEGATED_ASKS = frozenset(
    {Ask.WORKS_AMOUNT, Ask.WORKS_COUNT, Ask.WORKS_LIST, Ask.BENEFICIARIES}
)


def _named_and_not(parts: _Parts) -> None:
    """Keep the value named when another of the same kind is excluded
    ("adjudicadas directamente, sin licitación", "terminadas que no se han
    entregado"): a work or contract has one, so the one named is within the
    rest and the exclusion adds nothing."""
    for slot in list(parts.negated):
        excluded = parts.negated_keys[slot]
        named = [
            choice
            for choice in parts.choices
            if choice and choice[0][0] is slot and choice[0][1] != excluded
        ]
        if named:
            parts.choices = [
                choice for choice in parts.choices if choice != ((slot, excluded),)
            ]
            parts.negated.discard(slot)


def _budget_paid(parts: _Parts, words: list[str]) -> None:
    """Read "paid" said of the budget (or beside its chapter or another of
    its moments) as its paid moment, not a work's payments ("How much of the
    budget was paid versus approved?", "¿cuánto se aprobó y cuánto se pagó
    en el capítulo 6000?")."""
    budget = Role.BUDGET in parts.roles or any(
        slot in (Slot.MOMENT, Slot.CHAPTER)
        for choice in parts.choices
        for slot, _ in choice
    )
    if not budget or not PAID_WORDS & set(words):
        return
    paid = ((Slot.MOMENT, "paid"),)
    if paid not in parts.choices:
        parts.choices.append(paid)
    parts.roles.discard(Role.PAYMENTS)


def _negation_read(ask: Ask, negated: set[Slot], period: tuple[int, ...]) -> bool:
    """Return whether the answer to ``ask`` reads its "no" and its period:
    the works' answers both; the contracts' "no por licitación" alone, and
    so the companies ranked by them."""
    if ask in NEGATED_ASKS:
        return True
    return (
        ask in (Ask.CONTRACTS, Ask.RANKING)
        and not period
        and negated == {Slot.PROCEDURE}
    )


# Asks answered from the budget statements, which two years may compare.
STATEMENT_ASKS = frozenset({Ask.BUDGET, Ask.REVENUE})
# The answers that set two values of a slot side by side themselves: two
# moments of the budget ("diferencia entre el modificado y el devengado"),
# two procedures ("¿cuántos por licitación y cuántos por invitación?"),
# women and men, a statement in two years. Two moments, procedures or sexes
# are compared there only; two of anything else, between works.
COMPARED_WITHIN = {
    Slot.MOMENT: frozenset({Ask.BUDGET}),
    Slot.PROCEDURE: frozenset({Ask.CONTRACTS}),
    Slot.SEX: frozenset({Ask.AIDS}),
    Slot.YEAR: STATEMENT_ASKS,
}
WITHIN_ONLY = frozenset({Slot.MOMENT, Slot.PROCEDURE, Slot.SEX})


# What the works' answers split by municipality are measured by.
PLACE_MEASURES = {
    Ask.WORKS_COUNT: "count",
    Ask.WORKS_LIST: "count",
    Ask.WORKS_AMOUNT: "invested",
    Ask.BENEFICIARIES: "beneficiaries",
}


def _split_by_place(
    roles: set[Role], ask: Ask | None, compared: tuple[tuple[Slot, str | int], ...]
) -> bool:
    """Return whether a question about works asks for them by municipality."""
    return Role.BY_PLACE in roles and ask in PLACE_MEASURES and not compared


def _compared_ask(slot: Slot, ask: Ask | None) -> Ask | None:
    """Return what a question comparing two values of ``slot`` asks."""
    if ask in COMPARED_WITHIN.get(slot, frozenset()):
        return ask
    if slot in WITHIN_ONLY:
        return None
    # "diferencia entre 2020 y 2024" asks for the money unless it says else.
    return Ask.COMPARISON if ask is None or ask in MEASURED_ASKS else None


# The roles of a question about the grants to organisations.
GRANT_ROLES = frozenset({Role.ORGANIZATIONS, Role.GRANTS, Role.CALLS})
# A ranking lists at most this many.
RANK_MOST = 20
# Groups ranked from their own records (contracts, a call's allocation),
# whatever the works' ask the rest of the question reads as.
PARTY_GROUPS = frozenset({"contractor", "organization", "grant_project"})
# A project of an organisation: ranked among a call's projects, not works.
GRANT_RANKED = frozenset({"work", "organization"})
RANK_PLURAL = 5
# Ranked or compared, these slots may name two values.
# The budget's moments are compared within a budget answer ("diferencia
# entre el modificado y el devengado"), the rest between works.
COMPARED_SLOTS = (
    Slot.MUNICIPALITY,
    Slot.REGION,
    Slot.SUBPROGRAM,
    Slot.PROGRAM,
    Slot.MOMENT,
    Slot.SEX,
    Slot.PROCEDURE,
    Slot.STATUS,
)
# The people an aids' answer breaks a row into when the question names no
# sex: women and men (``RecipientSex``'s keys).
SEXES_BOTH = ("M", "H")


def _idle_shapers(
    roles: set[Role],
    compared: tuple[tuple[Slot, str | int], ...],
    counted: bool = False,
) -> set[Role]:
    """Return the roles that shape a question but found nothing to shape.

    "caras" without "más", "compara" without two values, "municipios"
    without a ranking: read alone they would be dropped, and the box would
    answer another question.
    """
    idle = set()
    if not _ranks(roles):
        idle |= {Role.COSTLY, Role.CHEAP} & roles
        # "¿Cuánto aportaron los municipios?" names a party, not a ranking;
        # "municipios con más de 5 obras" lists those the count bounds.
        # "¿Con cuántos municipios hay convenio?" counts those with one.
        if (
            not ({Role.CONTRIBUTION, Role.AGREEMENTS, Role.BREAKDOWN} & roles)
            and not counted
        ):
            # "el subejercicio de la dependencia por capítulo" splits one.
            idle |= {Role.GROUP} & roles
    if (
        Role.COMPARE in roles
        and not compared
        and Role.CONTRIBUTION not in roles
        and not (Role.MONEY in roles and GRANT_ROLES & roles)
    ):
        # "¿cuánto puso el municipio y cuánto el estado?": a contribution's
        # answer sets every party side by side; "otorgado vs transferido a
        # las OSC", a grants' answer both amounts.
        idle.add(Role.COMPARE)
    if Role.BY_SEX in roles and Role.AIDS not in roles:
        # Only the aids are published by sex.
        idle.add(Role.BY_SEX)
    if Role.OPEN in roles and Role.CONSULTATIONS not in roles:
        # Only a consultation is open ("abierta") to comments.
        idle.add(Role.OPEN)
    if Role.MET in roles and Role.GOALS not in roles:
        # How many goals were met is counted; a commitment's or a work's is not.
        idle.add(Role.MET)
    return idle


def _idle_words(
    words: list[str], idle: set[Role], reading: _Reading
) -> tuple[str, ...]:
    """Return the words or phrases ("y cuánto") that said the idle roles."""
    said = tuple(
        reading.shown.get(word, word) for word in words if WORDS.get(word) in idle
    )
    if said:
        return said
    text = f" {' '.join(words)} "
    return tuple(
        phrase
        for phrase, role in WORDS.items()
        if role in idle and f" {phrase} " in text
    )


def _ranks(roles: set[Role]) -> bool:
    return bool({Role.MOST, Role.LEAST} & roles)


def _measure(roles: set[Role]) -> str:
    """Return what a comparison or total measures: people, works or money."""
    if Role.BENEFICIARIES in roles:
        return "beneficiaries"
    if Role.COUNT in roles and Role.HOW_MUCH not in roles:
        return "count"
    return "invested"


def _period(
    parts: _Parts, today: date | None, reading: _Reading
) -> tuple[tuple[int, ...], str]:
    """Return the years of a relative period and the words that said it."""
    roles = parts.roles
    if today is None or reading.quarter is not None:
        if {Role.PAST, Role.THIS, Role.LAST} & roles:
            parts.unknown.append("pasado" if Role.PAST in roles else "ultimos")
        return (), ""
    if Role.PAST in roles:
        return (today.year - 1,), "el año pasado"
    if Role.THIS in roles:
        return (today.year,), "este año"
    if Role.LAST in roles:
        if parts.last is None or not 1 <= parts.last <= RANK_MOST:
            parts.unknown.append("ultimos")
            return (), ""
        first = today.year - parts.last + 1
        return tuple(range(first, today.year + 1)), f"los últimos {parts.last} años"
    return (), ""


def _compared(
    parts: _Parts, years: set[int], either: bool = False
) -> tuple[tuple[Slot, str | int], ...]:
    """Return the two values a comparison sets side by side, if it is one:
    said with "compara", or ``either`` ("¿más en X o en Y?")."""
    if Role.COMPARE not in parts.roles and not either:
        # "¿cuánto se ha devengado del modificado?": two moments of the
        # budget named are set side by side all the same.
        return _moments_compared(parts)
    if len(years) == 2:
        first, second = sorted(years)
        return ((Slot.YEAR, first), (Slot.YEAR, second))
    for slot in COMPARED_SLOTS:
        keys: list[str | int] = []
        for choice in parts.choices:
            key = dict(choice).get(slot)
            if key is not None and key not in keys:
                keys.append(key)
        if len(keys) == 2:
            return ((slot, keys[0]), (slot, keys[1]))
    return ()


def _sexes_both(choices: list[tuple[tuple[Slot, str | int], ...]]) -> bool:
    """Return whether the question names women and men, and no other sex."""
    sexes = {key for choice in choices for slot, key in choice if slot is Slot.SEX}
    return sexes == set(SEXES_BOTH)


def _moments_compared(parts: _Parts) -> tuple[tuple[Slot, str | int], ...]:
    moments: list[str | int] = []
    for choice in parts.choices:
        key = dict(choice).get(Slot.MOMENT)
        if key is not None and key not in moments:
            moments.append(key)
    if len(moments) != 2:
        return ()
    return ((Slot.MOMENT, moments[0]), (Slot.MOMENT, moments[1]))


def _either_said(words: list[str]) -> bool:
    """Return whether "más" sets two values side by side: "¿más en X o en
    Y?", "¿más obras en 2025 que en 2024?" (a "que" after "más", not the
    one that asks "¿qué municipio…?")."""
    if {"o", "or"} & set(words):
        return True
    ranked = [
        index
        for index, word in enumerate(words)
        if WORDS.get(word) in (Role.MOST, Role.LEAST)
    ]
    return bool(ranked) and bool({"que", "than"} & set(words[ranked[0] + 1 :]))


def _either_measure(words: list[str]) -> str:
    """Return what "¿más … X o Y?" compares: works, people or money."""
    return _ranked_measure(words, "municipality") or "invested"


def _rank(parts: _Parts, words: list[str]) -> Rank | None:
    """Return the ranking asked: what it lists, by what, which end, how many."""
    nouns = [GROUP_WORDS[word] for word in words if word in GROUP_WORDS]
    places = [noun for noun in nouns if noun[0] != "work"]
    if places:
        group, plural = places[0]
    elif {"quien", "quienes", "who"} & set(words):
        # "¿Quién construyó más obras?": the companies that build them.
        group, plural = "contractor", "quienes" in words
    elif nouns:
        group, plural = nouns[0]
    elif "donde" in words or "where" in words:
        group, plural = "municipality", False
    else:
        return None
    works = [noun for noun in nouns if noun[0] == "work"]
    if {Role.COSTLY, Role.CHEAP} & parts.roles and works:
        # "las 10 obras más caras y en qué municipio están": works, each
        # with its place.
        group, plural = works[0]
    grants = {Role.ORGANIZATIONS, Role.GRANTS} & parts.roles
    if grants and nouns and nouns[0][0] == "work" and group in GRANT_RANKED:
        # "el proyecto de OSC con el monto más alto": a call's projects.
        group, plural = "grant_project", nouns[0][1]
    measure = _ranked_measure(words, group)
    if measure is None or len(parts.numbers) > 1:
        return None
    limit = parts.numbers[0] if parts.numbers else None
    if limit is not None and not 1 <= limit <= RANK_MOST:
        return None
    if limit is None:
        limit = RANK_PLURAL if plural or "top" in words else 1
    # "la obra más barata" is the least costly one.
    descending = (Role.MOST in parts.roles) != (Role.CHEAP in parts.roles)
    return Rank(group, measure, descending, limit)


# The groups "con menos de N obras" lists: those that may have none at all.
BELOW_GROUPS = frozenset({"municipality", "region"})


def _bounded_rank(words: list[str], counted: Mapping[Slot, int]) -> Rank | None:
    """Return the groups a count of works bounds ("municipios con más de 5
    obras"), by that count; None when no group is named, or a group whose
    members without works are not all known is bounded from above."""
    nouns = [GROUP_WORDS[word] for word in words if word in GROUP_WORDS]
    places = [group for group, _plural in nouns if group != "work"]
    if not places:
        return None
    group = places[0]
    if group == "organization" or (Slot.BELOW in counted and group not in BELOW_GROUPS):
        return None
    above, below = counted.get(Slot.ABOVE), counted.get(Slot.BELOW)
    return Rank(group, "count", below is None, RANK_MOST, above=above, below=below)


# "más obras públicas" counts works as "más obras" does; so does "the most
# cancelled works" (a stage said before its noun, as English says it).
PUBLIC = frozenset({"public", "publica", "publicas"})
STAGE_WORDS = frozenset(
    word for word in (*PHASE_WORDS, *STATUS_WORDS) if " " not in word
)


def _ranked_measure(words: list[str], group: str) -> str | None:
    """Return what a ranking is by: the word after "más"/"menos" says it."""
    for index, word in enumerate(words):
        if WORDS.get(word) not in (Role.MOST, Role.LEAST):
            continue
        following = [
            item
            for item in words[index + 1 : index + 4]
            if item not in PUBLIC and item not in STAGE_WORDS
        ][:2]
        if group == "contractor" and PAID_WORDS & set(words):
            # Contractors are ranked by what they were contracted, not paid.
            return None
        if group in PARTY_GROUPS:
            return _party_measure(following, group)
        if any(WORDS.get(item) is Role.BENEFICIARIES for item in following):
            return "beneficiaries"
        if _works_money(following):
            # "the most public works investment": a compound noun of money.
            return "invested"
        if following and (
            following[0] in ("obras", "proyectos", "works", "projects")
            or following[0] in THESAURUS
        ):
            return "count" if group != "work" else None
    return "invested"


def _works_money(following: list[str]) -> bool:
    """Return whether "works" after "most" is an English noun's modifier
    ("works investment", "works spending"): the ranking is by money."""
    return (
        len(following) == 2
        and following[0] in ("works", "projects")
        and (WORDS.get(following[1]) is Role.MONEY)
    )


# What a budget is split by: its chapters, or the agencies that publish one.
BUDGET_GROUPS = frozenset({"chapter", "agency"})


BUDGET_SPLITS = frozenset(
    noun for noun in GROUP_WORDS.values() if noun[0] in BUDGET_GROUPS
)


def _split_by(words: list[str]) -> str | None:
    """Return the budget group "por"/"cada" splits by ("por capítulo"), if one."""
    for index, word in enumerate(words[:-1]):
        following = GROUP_WORDS.get(words[index + 1])
        if word in ("por", "cada", "by", "each") and following in BUDGET_SPLITS:
            return following[0]
    return None


def _budget_rank(parts: _Parts, words: list[str]) -> Rank | None:
    """Return the budget's chapters or agencies to order: the first (or
    last) when "más" asks for one, every one when it is split "por"."""
    groups = [GROUP_WORDS[word] for word in words if word in GROUP_WORDS]
    named = [(group, plural) for group, plural in groups if group in BUDGET_GROUPS]
    split = _split_by(words)
    if split is not None:
        # "el subejercicio de la dependencia por capítulo": split by chapter.
        named, groups = [(split, True)], [(split, True)]
    if len(named) != 1 or len(groups) != 1 or len(parts.numbers) > 1:
        return None
    group, plural = named[0]
    descending = Role.LEAST not in parts.roles
    if parts.numbers:
        limit = parts.numbers[0]
    elif Role.BREAKDOWN in parts.roles or not _ranks(parts.roles):
        limit = RANK_MOST
    else:
        limit = RANK_PLURAL if plural else 1
    if not 1 <= limit <= RANK_MOST:
        return None
    return Rank(group, "budget", descending, limit)


# What committees are ranked by, and the groups that rank them.
COMMITTEE_MEASURES = frozenset({"committees", "members"})
COMMITTEE_GROUPS = frozenset({"municipality", "work"})
MEMBER_WORDS = frozenset({"integrantes", "miembros", "members", "personas"})


def _committees_rank(rank: Rank | None, parts: _Parts, words: list[str]) -> Rank | None:
    """Return a ranking of committees: municipalities by their committees or
    members, works by their committee's members ("comités con más
    integrantes" ranks the works they oversee)."""
    if rank is None:
        if parts.numbers or not MEMBER_WORDS & set(words):
            return None
        plural = "comites" in words or "committees" in words
        descending = Role.LEAST not in parts.roles
        rank = Rank("work", "members", descending, RANK_PLURAL if plural else 1)
    if rank.group not in COMMITTEE_GROUPS or rank.bounded:
        return None
    members = rank.group == "work" or bool(MEMBER_WORDS & set(words))
    return replace(rank, measure="members" if members else "committees")


# The words after "más" that rank aids by how many, not by their money.
AID_NOUNS = frozenset(
    {
        "ayuda",
        "ayudas",
        "apoyo",
        "apoyos",
        "aid",
        "aids",
        # Each aid is granted to one recipient: the aids are counted.
        "beneficiarios",
        "beneficiarias",
        "personas",
        "beneficiaries",
        "people",
    }
)
# The aids page's tables a ranking of aids orders.
AID_GROUPS = frozenset({"municipality", "aid_concept"})
# The groups only a budget or the aids are ordered by, never works.
OTHER_GROUPS = (BUDGET_GROUPS | AID_GROUPS) - {"municipality", "agency"}


def _aid_measure(words: list[str]) -> str:
    """Return what municipalities are ranked by in aids: their count or money."""
    for index, word in enumerate(words[:-1]):
        if WORDS.get(word) in (Role.MOST, Role.LEAST):
            return "count" if words[index + 1] in AID_NOUNS else "invested"
    return "invested"


PAID_WORDS = frozenset({"pagado", "pagaron", "pago", "pagos", "pagada", "paid"})


# The words after "más" that rank companies by how many contracts they have.
CONTRACT_NOUNS = frozenset(
    {
        "contratos",
        "contracts",
        "licitaciones",
        "tenders",
        "adjudicaciones",
        "invitaciones",
        "concursos",
    }
)


def _party_measure(following: list[str], group: str) -> str | None:
    """Return what contractors or organisations are ranked by: works or
    contracts (a contractor's), supports (an organisation's), or money."""
    first = following[0] if following else ""
    if first in ("obras", "works", "proyectos", "projects"):
        return "count"
    if first in CONTRACT_NOUNS:
        return "contracts" if group == "contractor" else None
    if first in ("apoyos", "subsidios", "grants", "supports"):
        return "count" if group == "organization" else None
    if any(WORDS.get(item) is Role.BENEFICIARIES for item in following):
        return None
    return "invested"


WORKS_ASKS = frozenset(
    {Ask.WORKS_AMOUNT, Ask.WORKS_COUNT, Ask.WORKS_LIST, Ask.CONTRACTS}
)
GRANT_SLOTS = frozenset({Slot.ORGANIZATION, Slot.CALL})
WORK_ONLY_SLOTS = frozenset(
    {Slot.SUBPROGRAM, Slot.STATUS, Slot.AGENCY, Slot.CONTRACTOR, Slot.PHASE}
)


def _budget_chapter(choices, words) -> bool:
    """Return whether the question names a chapter of the budget: by its
    number, or by a name that is not also the works' money ("inversión
    pública")."""
    if {"capitulo", "capitulos"} & set(words):
        return True
    return any(
        slot is Slot.CHAPTER and key != PUBLIC_INVESTMENT
        for choice in choices
        for slot, key in choice
    )


# Works said in the plural: a question about many works, never one of them.
PLURAL_WORKS = frozenset({"obras", "proyectos", "works", "projects"})


def asks_many_works(text: str) -> bool:
    """Return whether ``text`` asks about works in the plural ("¿cuántas
    obras…?", "obras pendientes"), not about one work."""
    words = WORD.findall(fold(text))
    return bool(PLURAL_WORKS & set(words)) or _counted(words) is Role.WORKS


def _counted(words: list[str]) -> Role | None:
    """Return the role of the word "cuántos" counts, when one follows it."""
    for index, word in enumerate(words[:-1]):
        if WORDS.get(word) is Role.COUNT:
            following = [item for item in words[index + 1 :] if item in WORDS]
            return WORDS.get(following[0]) if following else None
    return None


def _data_ask(roles: set[Role], slots: set[Slot], folio: bool) -> Ask | None:
    """Return what a question about data asks, from its words and names."""
    # "cuánto" asks for money; "cuántas … recibieron" counts what received it.
    money = Role.HOW_MUCH in roles or (Role.MONEY in roles and Role.COUNT not in roles)
    if folio:
        if Role.WHO in roles:
            return Ask.WORK_CONTRACTOR
        if Role.PAYMENTS in roles:
            return Ask.WORK_PAYMENTS
        if money and Role.PROGRESS not in roles:
            return Ask.WORK_AMOUNT
        return Ask.WORK_PROGRESS
    if Role.CONSULTATIONS in roles:
        return Ask.CONSULTATIONS
    if Role.REVENUE in roles and not folio:
        return Ask.REVENUE
    if Role.AGREEMENTS in roles and not folio:
        # A grant's agreement with an organisation is not a concertation one.
        of_grants = {Role.CALLS, Role.ORGANIZATIONS, Role.GRANTS} & roles
        return None if of_grants or GRANT_SLOTS & slots else Ask.AGREEMENTS
    if Role.BUDGET in roles or Slot.MOMENT in slots:
        return Ask.BUDGET
    # Women and men are counted in the aids; of a committee's or a call's
    # people, never (a member's sex is not published).
    people = ({Slot.SEX, Slot.AGE} & slots or Role.BY_SEX in roles) and not (
        {Role.ORGANIZATIONS, Role.CALLS, Role.COMMITTEES} & roles or GRANT_SLOTS & slots
    )
    if Role.AIDS in roles or Slot.AID_CONCEPT in slots or people:
        # "apoyos sociales" and "apoyos a adultos mayores" are aids; "apoyos"
        # to organisations, grants.
        return Ask.AIDS
    if Slot.PROCEDURE in slots:
        # "¿Cuántas adjudicaciones directas hubo?": the contracts so awarded,
        # and the works they are of ("¿Cuántas obras se licitaron?").
        return Ask.CONTRACTS
    if Slot.CONTRACTOR in slots and money and Role.WORKS not in roles:
        # "¿Cuánto recibió la constructora X?": its contracts and payments.
        return Ask.CONTRACTS
    if Role.CONTRIBUTION in roles:
        # "¿Cuántas obras tienen recursos federales?": the works funded by it.
        if Role.COUNT in roles and not money:
            return Ask.WORKS_COUNT
        return Ask.CONTRIBUTION
    if Role.COMMITTEES in roles:
        return Ask.COMMITTEE_COUNT if not money else None
    if Role.BENEFICIARIES in roles:
        return Ask.BENEFICIARIES
    grants = {Role.CALLS, Role.ORGANIZATIONS, Role.GRANTS, Role.APPLICATIONS} & (
        roles
    ) or (GRANT_SLOTS & slots)
    if grants and Role.APPLICATIONS in roles:
        return Ask.APPLICATIONS if not money else None
    if grants:
        if money:
            return Ask.GRANTS_AMOUNT
        if Role.CALLS in roles and not ({Role.ORGANIZATIONS, Role.GRANTS} & roles):
            return Ask.CALLS
        if roles & {Role.CALLS, Role.GRANTS} or slots - {Slot.ORGANIZATION}:
            return Ask.GRANTS_COUNT
        # "¿Cuántas organizaciones hay registradas?": the directory's, not
        # those a result supported.
        return Ask.ORGANIZATIONS
    if Role.PROGRESS in roles or Role.WHO in roles:
        return None
    if Role.PAYMENTS in roles:
        return Ask.CONTRACTS
    if money:
        return Ask.WORKS_AMOUNT
    if Role.COUNT in roles:
        return Ask.WORKS_COUNT
    if Role.LIST in roles or Role.WORKS in roles or slots & WORK_ONLY_SLOTS:
        return Ask.WORKS_LIST
    return None


# Party words that also play another part in a question.
OTHER_ROLE_WORDS = frozenset({"beneficiarios"})


def _party(words: list[str]) -> str | None:
    """Return the funding party a question about contributions names, if one."""
    parties = {PARTY_WORDS[word] for word in words if word in PARTY_WORDS}
    return parties.pop() if len(parties) == 1 else None


def _chosen(
    choice: tuple[tuple[Slot, str | int], ...], accepted: frozenset[Slot]
) -> tuple[Slot, str | int]:
    """Return the meaning of a name that the answer accepts, the preferred first."""
    fitting = [meaning for meaning in choice if meaning[0] in accepted]
    if not fitting:
        return choice[0]
    order = {slot: index for index, slot in enumerate(SLOT_PREFERENCE)}
    return min(fitting, key=lambda meaning: order.get(meaning[0], len(order)))


def _plain_slots(
    choices: list[tuple[tuple[Slot, str | int], ...]], years: set[int]
) -> dict[Slot, str | int]:
    """Return what was understood, each name by its preferred meaning."""
    slots: dict[Slot, str | int] = {}
    everything = frozenset(Slot)
    for choice in choices:
        slot, key = _chosen(choice, everything)
        slots.setdefault(slot, key)
    if len(years) == 1:
        slots[Slot.YEAR] = next(iter(years))
    return slots


def _checked(question: Question) -> Question | Declined:
    """Return ``question``, or a decline naming what does not apply to its ask."""
    extra = [slot for slot in question.slots if slot not in ACCEPTS[question.ask]]
    if extra:
        return Declined(
            Decline.NOT_APPLICABLE,
            words=tuple(str(slot) for slot in extra),
            slots=question.slots,
            ask=question.ask,
            mended=question.mended,
        )
    return question


def looks_like_question(text: str) -> bool:
    """Return whether ``text`` is asked as a question rather than searched for.

    "¿…?", "… ?" or a question word first ("cuánto se invirtió en Álamos");
    a name alone ("Álamos") is a search.
    """
    stripped = text.strip()
    if stripped.startswith("¿") or stripped.endswith("?"):
        return True
    words = WORD.findall(fold(stripped))
    return bool(words) and (words[0] in QUESTION_OPENERS or words[:2] == ["por", "que"])
