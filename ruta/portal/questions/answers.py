"""Answer a parsed question from the data, citing where every figure comes from.

Each answer names its figures and links to what reproduces them: the works
explorer with the same filters (its list and its CSV are the rows summed),
the works themselves, the published documents their figures were read from,
and an indicator's card with the report it was printed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ruta.catalog.instance import instance_state_code
from ruta.catalog.models import Municipality
from ruta.common.money import format_mxn
from ruta.indicators.formatting import figure_text
from ruta.indicators.models import IndicatorCard
from ruta.indicators.rules import Semaphore
from ruta.indicators.selectors import card_view
from ruta.portal.questions.parse import (
    Decline,
    Declined,
    Intent,
    Question,
    Vocabulary,
    name_words,
    parse_question,
    program_names,
)
from ruta.portal.selectors import years_with_works
from ruta.sources.models import SourceDocument
from ruta.works.models import Work, WorkPublication, WorksProgram
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.explore import WorkTotals, work_totals

# What the page offers to ask, each a form the parser knows.
QUESTION_EXAMPLES = (
    gettext_lazy("¿Cuánto se invirtió en Álamos en 2024?"),
    gettext_lazy("¿Cuántas obras hay en Hermosillo?"),
    gettext_lazy("¿Qué obras hay en Cajeme?"),
    gettext_lazy("¿Cuál es el avance de la obra GSE-2024-0001?"),
    gettext_lazy("¿Cuál es el semáforo del indicador de comités ciudadanos?"),
)
SEMAPHORE_COLOURS = {
    Semaphore.GREEN: gettext_lazy("verde"),
    Semaphore.YELLOW: gettext_lazy("amarillo"),
    Semaphore.RED: gettext_lazy("rojo"),
    Semaphore.GREY: gettext_lazy("gris"),
}
LISTED_WORKS = 10
CITED_WORKS = 5
CITED_DOCUMENTS = 5


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from: a page that shows the rows, a work, a document."""

    label: str
    url: str


@dataclass(frozen=True)
class Answer:
    """What the box says, and what it cites; ``known`` is False when it declines."""

    text: str
    known: bool = True
    citations: list[Citation] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)


def question_vocabulary() -> Vocabulary:
    """Return the names a question may use, read from the catalog and the data."""
    state_code = instance_state_code()
    everywhere = list(Municipality.objects.values_list("code", "name"))
    municipalities = {
        name_words(name): code
        for code, name in everywhere
        if not state_code or code.startswith(state_code)
    }
    elsewhere = frozenset(
        name_words(name)
        for code, name in everywhere
        if state_code and not code.startswith(state_code)
    ) - set(municipalities)
    programs = program_names(
        WorksProgram.objects.values_list("code", "name", "acronym")
    )
    indicators = {
        name_words(name): pk
        for pk, name in IndicatorCard.objects.values_list("pk", "name")
    }
    return Vocabulary(
        municipalities=municipalities,
        programs=programs,
        indicators=indicators,
        years=frozenset(years_with_works()),
        elsewhere=elsewhere,
    )


def answer_question(text: str) -> Answer:
    """Return the answer to ``text``, or say plainly why there is none."""
    parsed = parse_question(text, question_vocabulary())
    if isinstance(parsed, Declined):
        return _declined(parsed)
    match parsed.intent:
        case Intent.INVESTMENT | Intent.WORK_COUNT:
            return _investment(parsed)
        case Intent.WORKS_IN_PLACE:
            return _works_in_place(parsed)
        case Intent.WORK_PROGRESS:
            return _work_progress(parsed)
        case Intent.INDICATOR:
            return _indicator(parsed)


DECLINED_TEXTS = {
    Decline.EMPTY: gettext_lazy("Escriba una pregunta."),
    Decline.TOO_LONG: gettext_lazy(
        "La pregunta es demasiado larga (300 caracteres como máximo)."
    ),
    Decline.NOT_UNDERSTOOD: gettext_lazy(
        "No sé responder esa pregunta. Puedo decir cuánto se invirtió y cuántas "
        "obras hay en un municipio, un programa o un año, qué obras tiene un "
        "lugar, el avance de una obra por su folio y el semáforo de un indicador."
    ),
    Decline.NO_WORK: gettext_lazy(
        "Para el avance de una obra, escriba su folio (por ejemplo GSE-2024-0001)."
    ),
    Decline.SEVERAL_YEARS: gettext_lazy("Pregunte por un ejercicio a la vez."),
    Decline.SEVERAL_PLACES: gettext_lazy("Pregunte por un municipio a la vez."),
    Decline.SEVERAL_PROGRAMS: gettext_lazy("Pregunte por un programa a la vez."),
    Decline.PLACE_ELSEWHERE: gettext_lazy(
        "Ese municipio no es de este estado: esta plataforma publica las obras "
        "de sus municipios."
    ),
    Decline.NO_INDICATOR: gettext_lazy(
        "No encontré ese indicador. Consulte la lista de indicadores y pregunte "
        "por su nombre."
    ),
}


def _declined(declined: Declined) -> Answer:
    if declined.reason is Decline.NO_DATA_FOR_YEAR:
        text = _(
            "No hay obras publicadas del ejercicio %(year)s, así que no lo sé."
        ) % {"year": declined.year}
    else:
        text = str(DECLINED_TEXTS[declined.reason])
    return Answer(text, known=False)


def _filters(question: Question) -> WorkFilters:
    return WorkFilters(
        year=question.year,
        municipality=question.municipality,
        program=question.program,
    )


def _scope_words(question: Question) -> str:
    """Return "en Álamos, del programa X, en 2024" for what the question narrows."""
    parts = []
    if question.municipality:
        name = Municipality.objects.get(code=question.municipality).name
        parts.append(_("en %(place)s") % {"place": name})
    if question.program:
        name = WorksProgram.objects.get(code=question.program).name
        # A name that says "Programa" itself is not prefixed with it again.
        if name_words(name).startswith("programa "):
            parts.append(_("del %(program)s") % {"program": name})
        else:
            parts.append(_("del programa %(program)s") % {"program": name})
    if question.year:
        parts.append(_("en el ejercicio %(year)s") % {"year": question.year})
    return ", ".join(parts) if parts else _("en todas las obras publicadas")


def _explorer(question: Question, label: str) -> Citation:
    query = {
        key: value
        for key, value in (
            ("year", question.year),
            ("municipality", question.municipality),
            ("program", question.program),
        )
        if value
    }
    suffix = f"?{urlencode(query)}" if query else ""
    return Citation(label, reverse("works:list") + suffix)


def _document_citations(works: QuerySet[Work]) -> list[Citation]:
    """Return the published files the works' figures were read from."""
    documents = SourceDocument.objects.filter(
        pk__in=WorkPublication.objects.filter(work__in=works).values("document_id")
    ).order_by("-imported_at", "sha256")
    return [
        Citation(document.name, reverse("sources:detail", args=[document.sha256]))
        for document in documents[:CITED_DOCUMENTS]
    ]


def _investment(question: Question) -> Answer:
    works = work_list(filters=_filters(question))
    totals = work_totals(works)
    scope = _scope_words(question)
    if question.intent is Intent.WORK_COUNT:
        text = ngettext(
            "Hay %(count)s obra publicada %(scope)s; en %(invested_count)s se "
            "invirtieron %(amount)s (recursos liberados).",
            "Hay %(count)s obras publicadas %(scope)s; en %(invested_count)s se "
            "invirtieron %(amount)s (recursos liberados).",
            totals.works,
        )
    else:
        text = ngettext(
            "Se invirtieron %(amount)s %(scope)s (recursos liberados), en "
            "%(invested_count)s de %(count)s obra publicada.",
            "Se invirtieron %(amount)s %(scope)s (recursos liberados), en "
            "%(invested_count)s de %(count)s obras publicadas.",
            totals.works,
        )
    text %= {
        "count": f"{totals.works:,}",
        "invested_count": f"{totals.invested_works:,}",
        "amount": format_mxn(totals.invested),
        "scope": scope,
    }
    text = " ".join([text, *_not_invested_sentences(totals), *_demo_sentence(totals)])
    largest = list(works.order_by("-total_investment", "public_id")[:CITED_WORKS])
    return Answer(
        text,
        citations=[
            _explorer(question, _("Las obras sumadas, con su descarga en CSV")),
            *_document_citations(works),
        ],
        works=largest,
    )


def _not_invested_sentences(totals: WorkTotals) -> list[str]:
    """Return what the invested amount leaves out: approved, proposed, cancelled."""
    return [
        ngettext(
            "%(label)s: %(amount)s en %(count)s obra.",
            "%(label)s: %(amount)s en %(count)s obras.",
            row.works,
        )
        % {"label": row.label, "amount": format_mxn(row.amount), "count": row.works}
        for row in totals.not_invested
    ]


def _demo_sentence(totals: WorkTotals) -> list[str]:
    """Say how many of the works summed are demonstration data, if any."""
    if not totals.demo_works:
        return []
    return [
        ngettext(
            "Datos de demostración: %(count)s de esas obras se generó para "
            "reproducir las tablas de un informe publicado.",
            "Datos de demostración: %(count)s de esas obras se generaron para "
            "reproducir las tablas de un informe publicado.",
            totals.demo_works,
        )
        % {"count": f"{totals.demo_works:,}"}
    ]


def _works_in_place(question: Question) -> Answer:
    works = work_list(filters=_filters(question))
    totals = work_totals(works)
    scope = _scope_words(question)
    listed = list(works.order_by("-total_investment", "public_id")[:LISTED_WORKS])
    if not listed:
        text = _("No hay obras publicadas %(scope)s.") % {"scope": scope}
    else:
        text = ngettext(
            "Hay %(count)s obra publicada %(scope)s; estas son las más grandes.",
            "Hay %(count)s obras publicadas %(scope)s; estas son las más grandes.",
            totals.works,
        ) % {"count": f"{totals.works:,}", "scope": scope}
        text = " ".join([text, *_demo_sentence(totals)])
    return Answer(
        text,
        citations=[_explorer(question, _("Todas las obras, con su descarga en CSV"))],
        works=listed,
    )


def _work_progress(question: Question) -> Answer:
    work = (
        Work.objects.published()
        .filter(public_id__iexact=question.folio)
        .select_related("municipality")
        .first()
    )
    if work is None:
        return Answer(
            _("No hay una obra publicada con el folio %(folio)s.")
            % {"folio": question.folio},
            known=False,
        )
    progress = work.progress.order_by("-date", "-id").first()
    publication = work.publications.order_by("-as_of", "-document_id").first()
    citations = [
        Citation(_("La obra, con el origen de cada cifra"), work.get_absolute_url())
    ]
    if progress is not None:
        text = _(
            "La obra %(folio)s (%(title)s) lleva %(physical)s %% de avance físico y "
            "%(paid)s pagados al %(date)s."
        ) % {
            "folio": work.public_id,
            "title": work.title,
            "physical": progress.physical_percent,
            "paid": format_mxn(progress.amount_paid),
            "date": progress.date.strftime("%d/%m/%Y"),
        }
    elif publication is not None and publication.physical_progress is not None:
        text = _(
            "La obra %(folio)s (%(title)s) lleva %(physical)s %% de avance físico "
            "según el archivo publicado al %(date)s."
        ) % {
            "folio": work.public_id,
            "title": work.title,
            "physical": publication.physical_progress,
            "date": publication.as_of.strftime("%d/%m/%Y"),
        }
    else:
        return Answer(
            _("La obra %(folio)s no tiene avance registrado.")
            % {"folio": work.public_id},
            known=False,
            citations=citations,
        )
    if publication is not None:
        document = publication.document
        citations.append(
            Citation(
                _("%(name)s, renglón %(row)s")
                % {"name": document.name, "row": publication.row_number},
                reverse("sources:detail", args=[document.sha256]),
            )
        )
    return Answer(text, citations=citations, works=[work])


def _indicator(question: Question) -> Answer:
    if question.indicator is None:
        raise ValueError("a question about an indicator names it")
    card = IndicatorCard.objects.select_related("document").get(pk=question.indicator)
    view = card_view(card, question.year)
    latest = view.latest
    if latest is None or (latest.published is None and latest.computed is None):
        return Answer(
            _("El indicador «%(name)s» no tiene resultados publicados.")
            % {"name": card.name},
            known=False,
        )
    value = latest.published if latest.published is not None else latest.computed
    text = _(
        "El indicador «%(name)s» marca %(value)s en %(year)s frente a una meta de "
        "%(goal)s para %(goal_year)s: semáforo %(colour)s (%(semaphore)s)."
    ) % {
        "name": card.name,
        "value": figure_text(value, view.is_percent),
        "year": latest.year,
        "goal": figure_text(card.goal_value, view.is_percent),
        "goal_year": card.goal_year,
        "colour": SEMAPHORE_COLOURS[view.semaphore],
        "semaphore": view.semaphore_label.lower(),
    }
    citations = [
        Citation(
            _("La ficha del indicador"),
            reverse("indicators:list") + f"#indicador-{card.pk}",
        )
    ]
    if card.document is not None:
        where = _("%(name)s, línea %(line)s") if card.source_line else "%(name)s"
        citations.append(
            Citation(
                where % {"name": card.document.name, "line": card.source_line},
                reverse("sources:detail", args=[card.document.sha256]),
            )
        )
    return Answer(text, citations=citations)
