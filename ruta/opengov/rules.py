"""Open-government rules, pure: semáforo, official names, consultations.

The thresholds are the platform's policy, not the plan's: the Guanajuato
report states percentages without a scale. A commitment is green from
``ON_TRACK_FROM`` percent, yellow from ``UNDERWAY_FROM``, red below, done at
100 and grey when no percentage is stated (docs/opengov.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ruta.common.text.folding import fold
from ruta.sources.findings import sentence

ON_TRACK_FROM = Decimal(70)
UNDERWAY_FROM = Decimal(40)
COMPLETE = Decimal(100)

# The questionnaire asks for staff "(nombre, área y cargo)" under this
# indicator: those answers name public servants.
STAFF_INDICATOR = "personal involucrado"
_NAMES_ASKED = re.compile(r"\bnombre\b")


class CommitmentStatus(StrEnum):
    DONE = "done"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


def commitment_status(progress_pct: Decimal | None) -> CommitmentStatus:
    """Return the semáforo of a commitment's latest stated progress."""
    if progress_pct is None:
        return CommitmentStatus.GREY
    if progress_pct >= COMPLETE:
        return CommitmentStatus.DONE
    if progress_pct >= ON_TRACK_FROM:
        return CommitmentStatus.GREEN
    if progress_pct >= UNDERWAY_FROM:
        return CommitmentStatus.YELLOW
    return CommitmentStatus.RED


def names_officials(*, indicator: str, question: str) -> bool:
    """Return whether an answer names public servants.

    The standard questionnaire asks who works on the commitment "(nombre,
    área y cargo)" under the staff indicator; an answer to that indicator,
    or to any question asking for a name, is taken to name people.
    """
    return STAFF_INDICATOR in fold(indicator) or bool(
        _NAMES_ASKED.search(fold(question))
    )


def progress_change(earlier: Decimal | None, later: Decimal | None) -> Decimal | None:
    """Return the change in points between two periods; None if one is unknown."""
    if earlier is None or later is None:
        return None
    return later - earlier


_NOT_KEY = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Return a commitment's name folded to letters and digits.

    Reports print the same name in capitals, with or without accents and a
    final period; the key is what stays the same.
    """
    return _NOT_KEY.sub(" ", fold(name)).strip()


PLAN_KEY_LENGTH = 120


def plan_key(title: str) -> str:
    """Return a plan's key: its title folded into a slug, cut to the field's length.

    Every report of a plan prints the same title, so its reports find it.
    """
    return name_key(title).replace(" ", "-")[:PLAN_KEY_LENGTH].strip("-") or "plan"


# ---------------------------------------------------------------- consultations

# "Artículo 5.", "ARTÍCULO 12.-", "Artículo 3o" open an article.
_ARTICLE = re.compile(
    r"^\s*art[ií]culo\s+(\d{1,4})\s*(?:o|º|°)?\s*[.:\-–]*\s*(.*)$", re.I
)


@dataclass(frozen=True)
class DraftUnit:
    """An article or a paragraph of a draft, the places a comment may name."""

    anchor: str
    article: int
    paragraph: int | None
    text: str


_ANCHOR = re.compile(r"art-(?P<article>\d+)(?:-p-(?P<paragraph>\d+))?")


def anchor_place(anchor: str) -> tuple[int, int | None] | None:
    """Return the article and paragraph an anchor names ("art-5-p-2": 5, 2).

    None for the whole draft ("") or what ``draft_units`` does not write.
    """
    match = _ANCHOR.fullmatch(anchor)
    if match is None:
        return None
    paragraph = match["paragraph"]
    return int(match["article"]), int(paragraph) if paragraph else None


def draft_units(text: str) -> list[DraftUnit]:
    """Return the draft's articles and their paragraphs, in order.

    An article opens at a line "Artículo N"; each non-empty line after it,
    up to the next article, is a paragraph (the text after "Artículo N." is
    the first). Text before the first article has no anchor of its own:
    comments on it name the whole draft. A repeated article number continues
    the article before it rather than giving two places one anchor.
    """
    units: list[DraftUnit] = []
    article: int | None = None
    seen: set[int] = set()
    paragraphs = 0
    for line in text.splitlines():
        match = _ARTICLE.match(line)
        if match and int(match[1]) not in seen:
            article, paragraphs = int(match[1]), 0
            seen.add(article)
            units.append(DraftUnit(f"art-{article}", article, None, match[2].strip()))
            rest = match[2].strip()
        else:
            rest = line.strip()
        if article is None or not rest:
            continue
        paragraphs += 1
        units.append(
            DraftUnit(f"art-{article}-p-{paragraphs}", article, paragraphs, rest)
        )
    return units


class ConsultationState(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    ENDED = "ended"
    CLOSED = "closed"


def consultation_state(
    *, opens_on: date, closes_on: date, closed: bool, today: date
) -> ConsultationState:
    """Return whether a consultation takes comments on ``today``.

    It is open from ``opens_on`` to ``closes_on`` inclusive; once the agency
    closes it (its closing report is final) it takes none, whatever the dates.
    """
    if closed:
        return ConsultationState.CLOSED
    if today < opens_on:
        return ConsultationState.UPCOMING
    if today > closes_on:
        return ConsultationState.ENDED
    return ConsultationState.OPEN


@dataclass(frozen=True)
class ClosingTally:
    """The closing report's counts, computed from the comments."""

    received: int
    published: int
    refused: int
    pending: int
    accepted: int
    rejected: int
    unanswered: int


def closing_tally(comments: Iterable[tuple[str, str]]) -> ClosingTally:
    """Count ``(status, decision)`` pairs into the closing report's figures.

    Only published comments are answered; a refused (moderated) comment is
    received but neither accepted nor rejected.
    """
    statuses: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    for status, decision in comments:
        statuses[status] += 1
        if status == "published":
            decisions[decision or "unanswered"] += 1
    return ClosingTally(
        received=sum(statuses.values()),
        published=statuses["published"],
        refused=statuses["refused"],
        pending=statuses["pending"],
        accepted=decisions["accepted"],
        rejected=decisions["rejected"],
        unanswered=decisions["unanswered"],
    )


# ---------------------------------------------------------------- reporting on the site

# The standard questionnaire of the Guanajuato action plan's report: its
# categories, indicators and questions, as the report prints them. An
# agency reporting a period on the site answers each. Marked for the
# catalogue (``sentence``) so that English pages label them in English; the
# Spanish indicator name stays the answer's key.
STANDARD_QUESTIONNAIRE: tuple[tuple[str, str, str], ...] = (
    (
        sentence("Conjunto de datos disponibles"),
        sentence("Número de conjunto de datos"),
        sentence(
            "A partir de la implementación del eje, ¿qué conjuntos de datos se tienen "
            "y en qué etapa se encuentran?"
        ),
    ),
    (
        sentence("Conjunto de datos disponibles"),
        sentence("Nivel de uso (peticiones)"),
        sentence(
            "A partir de la implementación del eje, ¿cuántas interacciones se han "
            "obtenido?"
        ),
    ),
    (
        sentence("Aplicaciones disponibles"),
        sentence(
            "Número de solicitudes de información a partir de la implementación del "
            "eje temático"
        ),
        sentence(
            "A partir de la implementación del eje, ¿cuántas solicitudes de "
            "información se han recibido referente a la implementación del eje "
            "temático?"
        ),
    ),
    (
        sentence("Organización y personal involucrado"),
        sentence("Personal involucrado en la apertura y consumo de datos"),
        sentence(
            "¿Cuántas personas están involucradas en el cumplimiento del eje "
            "temático? (nombre, área y cargo)"
        ),
    ),
    (
        sentence("Colaboraciones y trabajo conjunto"),
        sentence(
            "Número de colaboraciones con agentes internos y/o externos para la "
            "implementación del eje temático"
        ),
        sentence(
            "¿Existe alguna colaboración interna y/o externa para el cumplimiento del "
            "eje? ¿Cuáles?"
        ),
    ),
    (
        sentence("Demanda social percibida"),
        sentence("Apariciones en medios de comunicación"),
        sentence(
            "¿Se han realizado campañas de difusión del eje temático por parte del "
            "Poder Ejecutivo?"
        ),
    ),
    (
        sentence("Demanda social percibida"),
        sentence("Presencia Web"),
        sentence(
            "Link para seguimiento de las acciones implementadas del eje temático"
        ),
    ),
    (
        sentence("Aplicación del eje temático"),
        sentence("Acciones relevantes"),
        sentence(
            "¿Qué acciones han sido relevantes durante la implementación del eje "
            "temático?"
        ),
    ),
)
# Bounds of what an agency types in a report.
REPORT_TEXT_MAX = 10_000
LINKS_MAX = 20
LINK_MAX = 500
ACTIVITIES_MAX = 10
_LINK = re.compile(r"^https?://[^\s<>\"']+$")


def link_problem(link: str) -> str | None:
    """Return why ``link`` cannot be evidence (a web address), or ``None``."""
    if len(link) > LINK_MAX:
        return "link_too_long"
    if not _LINK.match(link):
        return "link_not_web"
    return None


def progress_problem(progress: Decimal | None) -> str | None:
    """Return why ``progress`` cannot be a commitment's percentage, or ``None``."""
    if progress is None:
        return None
    if not Decimal(0) <= progress <= COMPLETE:
        return "progress_out_of_bounds"
    if progress != progress.quantize(Decimal("0.01")):
        return "progress_too_precise"
    return None


# ---------------------------------------------------------------- plans on the site

# A plan registered on the site runs within these years and lasts at most
# PLAN_YEARS_MAX years (Local Action Plans run two or three).
PLAN_YEAR_FIRST = 2000
PLAN_YEAR_LAST = 2099
PLAN_YEARS_MAX = 10
COMMITMENTS_MAX = 100
# Keys the plans' addresses cannot take: the pages beside them.
RESERVED_PLAN_KEYS = frozenset({"consultas", "informes", "nuevo"})
_PLAN_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def plan_key_problem(key: str) -> str | None:
    """Return why ``key`` cannot name a plan's address, or ``None``."""
    if not key or len(key) > PLAN_KEY_LENGTH or not _PLAN_KEY.match(key):
        return "plan_key_invalid"
    if key in RESERVED_PLAN_KEYS:
        return "plan_key_reserved"
    return None


def plan_years_problem(start: int, end: int) -> str | None:
    """Return why ``start``–``end`` cannot be a plan's years, or ``None``."""
    if not PLAN_YEAR_FIRST <= start <= PLAN_YEAR_LAST:
        return "year_out_of_bounds"
    if not PLAN_YEAR_FIRST <= end <= PLAN_YEAR_LAST:
        return "year_out_of_bounds"
    if end < start:
        return "years_reversed"
    if end - start + 1 > PLAN_YEARS_MAX:
        return "plan_too_long"
    return None


def commitment_years_problem(
    *, plan_start: int | None, plan_end: int | None, start: int, end: int
) -> str | None:
    """Return why a commitment cannot run ``start``–``end`` in its plan, or ``None``.

    A commitment is reported in its plan's periods, so its years lie within
    the plan's (when the plan states them).
    """
    if end < start:
        return "years_reversed"
    if (plan_start is not None and start < plan_start) or (
        plan_end is not None and end > plan_end
    ):
        return "commitment_outside_plan"
    return plan_years_problem(start, end)


def runs_in(start: int | None, end: int | None, year: int) -> bool:
    """Return whether what runs ``start``–``end`` (None: unbounded) covers ``year``."""
    return (start is None or start <= year) and (end is None or year <= end)
