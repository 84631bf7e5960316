"""Answer a parsed question from the data, saying what was understood and where
every figure comes from.

Each answer lists the filters it applied (each a link to the same selection
in the explorer or to the page of the thing named), its figures as exact
values, and its sources: the explorer's rows (with their CSV), the works,
the published documents their figures were read from, an indicator's card,
a POA unit's page, a commitment's page, a call's result. A question the
parser declines is answered with what it did not understand and questions
it can answer instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connections
from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, Municipality, Region
from ruta.common.text.folding import fold
from ruta.common.text.glossary import BENEFICIARIES, BudgetMoment, MoneyGroup
from ruta.common.text.money import ZERO, format_mxn
from ruta.grants.models import (
    AllocationEntry,
    Call,
    CallBudget,
    Disbursement,
    Organization,
)
from ruta.grants.models.execution import DisbursementStatus
from ruta.grants.selectors.calls import call_latest_run, call_results, calls_public
from ruta.grants.selectors.organizations import directory_organizations
from ruta.indicators.formatting import figure_text
from ruta.indicators.models import IndicatorCard
from ruta.indicators.rules import Direction, Semaphore
from ruta.indicators.selectors import card_view, prepared_card_views
from ruta.opengov.models import Commitment
from ruta.opengov.rules import CommitmentStatus, commitment_status
from ruta.opengov.selectors import STATUS_LABELS, commitment_summaries
from ruta.opengov.selectors import plans as opengov_plans
from ruta.participation.models import Committee
from ruta.participation.selectors import (
    committees_by_municipality,
    committees_tallied,
    works_by_committee_members,
)
from ruta.portal.questions.agreements import agreements_answer
from ruta.portal.questions.aids import aids_answer
from ruta.portal.questions.budget import budget_answer, revenue_answer
from ruta.portal.questions.chips import question_changed, question_chips
from ruta.portal.questions.clauses import asks_again, question_clauses
from ruta.portal.questions.consultations import consultations_answer
from ruta.portal.questions.parse import (
    WORKS_SLOTS,
    Ask,
    Decline,
    Declined,
    Question,
    Rank,
    Slot,
    asks_many_works,
    name_words,
    parse_question,
)
from ruta.portal.questions.results import (
    MXN,
    RANK_GROUPS,
    RANK_MEASURES,
    Answer,
    Citation,
    Figure,
    Understood,
)
from ruta.portal.questions.vocabulary import question_vocabulary
from ruta.programs.models import Goal
from ruta.programs.selectors.progress import (
    goal_view,
    printed_quarter,
    unit_programs,
    unit_summaries,
)
from ruta.sources.models import SourceDocument
from ruta.usage.counter import usage_count
from ruta.usage.rules import ASKED, DECLINED, QUESTION
from ruta.works.forms import WorkFilterForm
from ruta.works.models import (
    GROUP_STATUSES,
    AgeGroup,
    AidConcept,
    Contract,
    FundingSource,
    Payment,
    ProcurementProcedure,
    RecipientSex,
    Subprogram,
    Work,
    WorkPublication,
    WorksProgram,
    WorkStatus,
)
from ruta.works.selectors import WorkFilters, work_filter_options, work_list
from ruta.works.selectors.aggregates import works_aggregated
from ruta.works.selectors.contractors import contractors_tallied
from ruta.works.selectors.explore import (
    WorkTotals,
    work_totals_prepared,
    works_counted,
)

# What the page offers to ask, each a form the parser knows. The box reads
# Spanish, so its questions are Spanish whatever the page's language.
QUESTION_EXAMPLES = (
    "¿Cuánto se invirtió en Álamos en 2024?",
    "¿Cuántas obras de pavimentación hubo en 2024?",
    "¿Quién construyó la obra GSE-2024-0001?",
    "¿Cuántos comités de contraloría social hay en Cajeme?",
    "¿Cuál es el semáforo del indicador de comités ciudadanos?",
    "¿Cuál es el avance de la meta 307?",
    "¿Cuánto dinero recibió la Casa Hogar Nuevo Amanecer?",
)
SEMAPHORE_COLOURS = {
    Semaphore.GREEN: gettext_lazy("verde"),
    Semaphore.YELLOW: gettext_lazy("amarillo"),
    Semaphore.RED: gettext_lazy("rojo"),
    Semaphore.GREY: gettext_lazy("gris"),
}
SLOT_LABELS = {
    Slot.MUNICIPALITY: gettext_lazy("Municipio"),
    Slot.REGION: gettext_lazy("Región"),
    Slot.PROGRAM: gettext_lazy("Programa"),
    Slot.SUBPROGRAM: gettext_lazy("Subprograma"),
    Slot.STATUS: gettext_lazy("Estado de la obra"),
    Slot.AGENCY: gettext_lazy("Dependencia ejecutora"),
    Slot.CONTRACTOR: gettext_lazy("Contratista"),
    Slot.ORGANIZATION: gettext_lazy("Organización"),
    Slot.CALL: gettext_lazy("Convocatoria"),
    Slot.YEAR: gettext_lazy("Ejercicio"),
    Slot.FOLIO: gettext_lazy("Obra"),
    Slot.GOAL: gettext_lazy("Meta del POA"),
    Slot.INDICATOR: gettext_lazy("Indicador"),
    Slot.COMMITMENT: gettext_lazy("Compromiso"),
    Slot.PHASE: gettext_lazy("Etapa del dinero"),
    Slot.QUARTER: gettext_lazy("Trimestre"),
    Slot.BY_PLACE: gettext_lazy("Desglose"),
    Slot.MOMENT: gettext_lazy("Momento del presupuesto"),
    Slot.PARTY: gettext_lazy("Quién aporta"),
    Slot.LATE: gettext_lazy("Atraso"),
    Slot.NO_COMMITTEE: gettext_lazy("Comité"),
    Slot.NO_CONTRACT: gettext_lazy("Contrato"),
    Slot.ABOVE: gettext_lazy("Inversión mayor a"),
    Slot.BELOW: gettext_lazy("Inversión menor a"),
    Slot.AID_CONCEPT: gettext_lazy("Concepto de la ayuda"),
    Slot.SEX: gettext_lazy("Sexo de quien la recibe"),
    Slot.AGE: gettext_lazy("Grupo de edad"),
    Slot.COLOUR: gettext_lazy("Semáforo"),
    Slot.CHAPTER: gettext_lazy("Capítulo del gasto"),
    Slot.PROCEDURE: gettext_lazy("Procedimiento"),
    Slot.OPEN: gettext_lazy("Estado de la consulta"),
}
LISTED = 10
CITED_DOCUMENTS = 5
# Up to this many works, the files they were read from are found from the
# works' own publications; more, file by file.
FEW_WORKS = 20_000


def question_ask(text: str, changes: Mapping[str, str] | None = None) -> Answer:
    """Return the answer to ``text`` and count it as answered or declined.

    The page, the API and the messaging channel ask through here, so each
    question is counted once whichever way it came (``ruta.usage``).
    ``changes`` replaces parts of the question (a chip: ``chips``).
    """
    answer = answer_question(text, changes=changes)
    usage_count(QUESTION, ASKED if answer.answered else DECLINED)
    return answer


def answer_question(
    text: str, today: date | None = None, changes: Mapping[str, str] | None = None
) -> Answer:
    """Return the answer to ``text``, or say plainly why there is none.

    Relative periods ("el año pasado") are read against ``today``, by
    default the date in the instance's time zone. ``changes`` replaces the
    parts of the question it names (its chips), never adding one.
    """
    if today is None:
        today = timezone.localdate(timezone=ZoneInfo(instance().time_zone))
    answer = _whole_answer(text, today, changes)
    if answer.answered or changes:
        return answer
    return _clauses_answer(text, today) or answer


def _clauses_answer(text: str, today: date) -> Answer | None:
    """Return the answers to each question ``text`` asks ("¿Cuántas obras hay
    en Navojoa y cuánto se invirtió?"), each after the first read with what
    the first named; None unless every one is answered."""
    clauses = question_clauses(text)
    if len(clauses) < 2:
        return None
    first = _whole_answer(clauses[0], today, None)
    if not first.answered:
        return None
    answers = [first]
    for clause in clauses[1:]:
        if asks_again(clause, first.asked):
            continue  # "¿por cuánto?": the first answer says it
        answer = _whole_answer(_with_context(clause, first, today), today, None)
        if not answer.answered:
            return None
        answers.append(answer)
    later = [item for answer in answers[1:] for item in answer.understood]
    if any(item.slot in CARRIED_SLOTS for item in later):
        # "¿Cuánto se aprobó y cuánto se pagó en el capítulo 6000?": what
        # a later part names narrows the first too.
        first = _whole_answer(_with_names(clauses[0], later, today), today, None)
        if not first.answered:
            return None
        answers[0] = first
    return Answer(
        text=" ".join(dict.fromkeys(answer.text for answer in answers)),
        asked=first.asked,
        understood=list(
            dict.fromkeys(item for answer in answers for item in answer.understood)
        ),
        figures=[figure for answer in answers for figure in answer.figures],
        sources=list(
            dict.fromkeys(source for answer in answers for source in answer.sources)
        ),
        works=first.works or [work for answer in answers for work in answer.works],
        mended=[pair for answer in answers for pair in answer.mended],
    )


# What a follow-up question takes from the one before it, unless it names
# its own: "… en Bácum y quién la construyó" asks who built that work.
CARRIED_SLOTS = frozenset(
    {
        Slot.MUNICIPALITY,
        Slot.REGION,
        Slot.PROGRAM,
        Slot.SUBPROGRAM,
        Slot.AGENCY,
        Slot.CONTRACTOR,
        Slot.YEAR,
        Slot.FOLIO,
        Slot.STATUS,
        Slot.PHASE,
        Slot.PROCEDURE,
        Slot.CHAPTER,
    }
)


def _with_context(clause: str, first: Answer, today: date) -> str:
    """Return ``clause`` with the names the first answer understood that it
    does not name itself (its place, year, kind of work, folio)."""
    return _with_names(clause, first.understood, today)


def _with_names(clause: str, understood: list[Understood], today: date) -> str:
    """Return ``clause`` with the names of ``understood`` it does not name
    itself, of the parts a question carries to another."""
    parsed = parse_question(clause, question_vocabulary(), today)
    named = {str(slot) for slot in parsed.slots}
    carried = dict.fromkeys(
        item.name
        for item in understood
        if item.slot in CARRIED_SLOTS and item.slot not in named
    )
    return " ".join([clause, *carried])


def _whole_answer(text: str, today: date, changes: Mapping[str, str] | None) -> Answer:
    """Return the answer to ``text`` read as one question."""
    parsed = parse_question(text, question_vocabulary(), today)
    if isinstance(parsed, Declined):
        named = _work_by_title(text, parsed, today) or _work_by_filters(parsed, today)
        return named if named is not None else _declined(parsed)
    changes = changes or {}
    parsed = replace(question_changed(parsed, changes), today=today)
    answer = _shaped_answer(parsed)
    understood = [
        _understood(slot, key)
        for slot, key in parsed.slots.items()
        if slot not in parsed.negated
    ]
    understood += _shape_understood(parsed)
    return Answer(
        text=" ".join([*_readings(parsed), answer.text]),
        answered=answer.answered,
        asked=str(parsed.ask),
        understood=understood,
        figures=answer.figures,
        sources=_with_datasets(answer.sources),
        works=answer.works,
        suggestions=answer.suggestions,
        mended=list(parsed.mended),
        chips=question_chips(text, parsed, changes, SLOT_LABELS),
    )


def _with_datasets(sources: list[Citation]) -> list[Citation]:
    """Return ``sources`` with, after each selection of the works explorer,
    the same works as a dataset (the explorer's CSV of the same filters)."""
    explorer = reverse("works:list")
    download = reverse("works:download", args=["csv"])
    cited = []
    for citation in sources:
        cited.append(citation)
        path, _sep, query = citation.url.partition("?")
        if path != explorer or not _explorer_accepts(query):
            continue
        dataset = Citation(
            _("Las mismas obras en CSV"), download + (f"?{query}" if query else "")
        )
        if dataset not in sources and dataset not in cited:
            cited.append(dataset)
    return cited


def _explorer_accepts(query: str) -> bool:
    """Return whether the explorer's form takes ``query`` (a place without
    works is not one of its choices: its CSV would be refused)."""
    form = WorkFilterForm(QueryDict(query), options=work_filter_options())
    return form.is_valid()


def _shaped_answer(question: Question) -> Answer:
    """Return the answer of the ask, shaped by "no", "sin comité" or a period."""
    if question.period and question.ask in PERIOD_ANSWERS:
        return _period_totals(question)
    if question.negated - {Slot.PROCEDURE}:
        # A procedure's "no" is read by the contracts it narrows.
        return _negated_works(question)
    if Slot.NO_COMMITTEE in question.slots:
        return _works_without_committee(question)
    if Slot.NO_CONTRACT in question.slots:
        return _works_without_contract(question)
    return ANSWERS[question.ask](question)


def _shape_understood(question: Question) -> list[Understood]:
    """Return the query's other parts as the answer shows them: the statuses
    left out, the ranking, the values compared and the years of a period."""
    parts = [
        Understood(
            "not",
            str(_("Sin contar")),
            _named(slot, question.slots[slot])[0],
            str(question.slots[slot]),
        )
        for slot in sorted(question.negated)
    ]
    if question.rank is not None and question.rank.bounded:
        rank = question.rank
        bounds = [
            f"{sign} {value}"
            for sign, value in ((">", rank.above), ("<", rank.below))
            if value is not None
        ]
        parts.append(
            Understood(
                "bound",
                str(_("Obras por grupo")),
                f"{RANK_GROUPS[rank.group]} ({', '.join(bounds)})",
                ":".join(
                    str(value) if value is not None else ""
                    for value in (rank.group, rank.above, rank.below)
                ),
            )
        )
    elif question.rank is not None:
        rank = question.rank
        parts.append(
            Understood(
                "rank",
                str(_("Orden")),
                _("%(end)s %(measure)s, %(limit)s %(group)s")
                % {
                    "end": _("más") if rank.descending else _("menos"),
                    "measure": _rank_measure_label(rank),
                    "limit": rank.limit,
                    "group": RANK_GROUPS[rank.group],
                },
                f"{rank.group}:{rank.measure}:{'desc' if rank.descending else 'asc'}"
                f":{rank.limit}",
            )
        )
    if question.compared:
        parts.append(
            Understood(
                "compared",
                str(_("Comparación")),
                " / ".join(_named(slot, key)[0] for slot, key in question.compared),
                ",".join(str(key) for _slot, key in question.compared),
            )
        )
    if question.period:
        years = f"{question.period[0]}-{question.period[-1]}"
        parts.append(Understood("period", str(_("Periodo")), years, years))
    return parts


def _rank_measure_label(rank: Rank) -> str:
    """Return what a ranking is by, in the words of what it ranks."""
    if rank.measure in COMMITTEE_MEASURES:
        return str(COMMITTEE_MEASURES[rank.measure])
    if rank.measure == "budget":
        return str(_("presupuesto de egresos"))
    if rank.group == "contractor":
        return str(PARTY_MEASURES[rank.measure])
    if rank.group == "organization":
        return str(SUPPORT_MEASURES.get(rank.measure, ""))
    return str(RANK_MEASURES[rank.measure])


def _readings(question: Question) -> list[str]:
    """Say how the question's everyday words and relative period were read."""
    said = [
        _("Leí «%(word)s» como %(what)s «%(name)s».")
        % {
            "word": word,
            "what": str(SLOT_LABELS[slot]).lower(),
            "name": _named(slot, key)[0],
        }
        for word, slot, key in question.synonyms
    ]
    quarter = question.slots.get(Slot.QUARTER)
    if question.period_said and quarter is not None:
        said.append(
            _(
                "Tomé «%(said)s» como el trimestre %(quarter)s de %(year)s (fecha "
                "de hoy en %(zone)s)."
            )
            % {
                "said": question.period_said,
                "quarter": quarter,
                "year": question.slots.get(Slot.YEAR),
                "zone": instance().time_zone,
            }
        )
    elif question.period_said:
        years = question.period or (question.slots.get(Slot.YEAR),)
        said.append(
            _("Tomé «%(said)s» como %(years)s (fecha de hoy en %(zone)s).")
            % {
                "said": question.period_said,
                "years": ", ".join(str(year) for year in years),
                "zone": instance().time_zone,
            }
        )
    return said


# --- What was understood -------------------------------------------------


def _understood(slot: Slot, key: str | int) -> Understood:
    """Return ``slot``'s value named as people know it, with its link."""
    name, url = _named(slot, key)
    return Understood(str(slot), str(SLOT_LABELS[slot]), name, str(key), url)


def _explorer_url(**query: object) -> str:
    shown = {name: value for name, value in query.items() if value}
    return reverse("works:list") + (f"?{urlencode(shown)}" if shown else "")


def _named(slot: Slot, key: str | int) -> tuple[str, str]:
    """Return the name and page of ``key``, a value of ``slot``."""
    value = str(key)
    match slot:
        case Slot.MUNICIPALITY:
            municipality = Municipality.objects.get(code=value)
            return municipality.name, _explorer_url(municipality=value)
        case Slot.REGION:
            region = Region.objects.get(pk=int(value))
            return region.name, _explorer_url(region=value)
        case Slot.PROGRAM:
            return (
                WorksProgram.objects.get(code=value).name,
                _explorer_url(program=value),
            )
        case Slot.SUBPROGRAM:
            return (
                Subprogram.objects.get(code=value).name,
                _explorer_url(subprogram=value),
            )
        case Slot.STATUS:
            return str(WorkStatus(value).label), _explorer_url(status=value)
        case Slot.AGENCY:
            return Agency.objects.get(code=value).name, _explorer_url(agency=value)
        case Slot.CONTRACTOR:
            contract = Contract.objects.filter(contractor_rfc=value).first()
            name = contract.contractor_name if contract else value
            return name, reverse("works:contractor", args=[value])
        case Slot.ORGANIZATION:
            return Organization.objects.get(pk=int(value)).name, reverse("grants:calls")
        case Slot.CALL:
            return Call.objects.get(code=value).title, reverse(
                "grants:call", args=[value]
            )
        case Slot.YEAR:
            return value, _explorer_url(year=value)
        case Slot.FOLIO:
            return value, reverse("works:detail", args=[value])
        case Slot.GOAL:
            goal = Goal.objects.select_related("unit_program").get(pk=int(value))
            return (
                _("Meta %(number)s") % {"number": goal.number},
                reverse("programs:unit", args=[goal.unit_program_id]),
            )
        case Slot.INDICATOR:
            card = IndicatorCard.objects.get(pk=int(value))
            return card.name, reverse("indicators:list") + f"#indicador-{card.pk}"
        case Slot.COMMITMENT:
            commitment = Commitment.objects.select_related("plan").get(pk=int(value))
            return commitment.name, reverse(
                "opengov:commitment", args=[commitment.plan.key, commitment.number]
            )
        case Slot.PHASE:
            return _(MoneyGroup(value).label), ""
        case Slot.QUARTER:
            return _("Trimestre %(number)s") % {"number": value}, ""
        case Slot.BY_PLACE:
            return _("Por municipio"), ""
        case Slot.OPEN:
            return _("Abierta a comentarios"), reverse("opengov:drafts")
        case Slot.LATE:
            return _("Atrasadas"), _explorer_url(late="on")
        case Slot.NO_CONTRACT:
            return _("Sin contrato"), ""
        case Slot.NO_COMMITTEE:
            return _("Sin comité"), ""
        case Slot.ABOVE:
            return format_mxn(Decimal(value)), _explorer_url(
                amount_min=Decimal(value) + CENT
            )
        case Slot.BELOW:
            return format_mxn(Decimal(value)), _explorer_url(
                amount_max=Decimal(value) - CENT
            )
        case Slot.MOMENT:
            return _(BudgetMoment(value).label), reverse("portal:budget")
        case Slot.PARTY:
            return str(FundingSource(value).label), ""
        case Slot.AID_CONCEPT:
            return str(AidConcept(value).label), reverse("portal:aids")
        case Slot.SEX:
            return str(RecipientSex(value).label), reverse("portal:aids")
        case Slot.AGE:
            return str(AgeGroup(value).label), reverse("portal:aids")
        case Slot.CHAPTER:
            return _("Capítulo %(key)s") % {"key": value}, reverse("portal:budget")
        case Slot.COLOUR:
            return str(SEMAPHORE_COLOURS[Semaphore(value)]), reverse("indicators:list")
        case Slot.PROCEDURE:
            return str(ProcurementProcedure(value).label), ""
    return value, ""


# --- Declines --------------------------------------------------------------

DECLINED_TEXTS = {
    Decline.EMPTY: gettext_lazy("Escriba una pregunta."),
    Decline.TOO_LONG: gettext_lazy(
        "La pregunta es demasiado larga (300 caracteres como máximo)."
    ),
    Decline.NO_MEASURE: gettext_lazy(
        "No entendí qué quiere saber: pregunte cuánto se invirtió, cuántas obras, "
        "comités u organizaciones apoyadas hay, quién construyó una obra, o el "
        "avance de una obra, una meta, un indicador o un compromiso."
    ),
    Decline.NO_WORK: gettext_lazy(
        "Para el avance o el contratista de una obra, escriba su folio (por "
        "ejemplo GSE-2024-0001)."
    ),
    Decline.WHY: gettext_lazy(
        "Las razones no están en los datos publicados, así que no respondo por "
        "qué. Puedo decir cuánto, cuántas, quién construyó una obra y qué avance "
        "lleva; la página de cada obra muestra su historia y sus documentos."
    ),
    Decline.PLACE_ELSEWHERE: gettext_lazy(
        "Ese lugar no es de este estado: esta plataforma publica el dinero "
        "público de sus municipios, no de otros."
    ),
}


# A work's question naming it by the words of its title ("¿quién construyó
# la rehabilitación del campo de béisbol de Fronteras?"), answered as by its
# folio when exactly one published work's title holds every word.
WORK_ASKS = frozenset(
    {Ask.WORK_CONTRACTOR, Ask.WORK_PROGRESS, Ask.WORK_AMOUNT, Ask.WORK_PAYMENTS}
)
TITLE_WORDS_MOST = 6


def _work_by_title(text: str, declined: Declined, today: date) -> Answer | None:
    """Return the answer about the one work whose title holds the words the
    question was declined on, asked again by its folio; None when no work
    or several have them, or the question is not one about a work."""
    words = declined.words
    if declined.reason is not Decline.NOT_UNDERSTOOD or not words:
        return None
    if asks_many_works(text):
        # "¿Cuántas obras pendientes hay?" asks about works, not about the
        # one work whose title holds "pendientes".
        return None
    if len(words) > TITLE_WORDS_MOST or any(word.isdigit() for word in words):
        return None
    municipality = str(declined.slots.get(Slot.MUNICIPALITY, ""))
    found = list(
        work_list(
            filters=WorkFilters(text=" ".join(words), municipality=municipality),
            rank=False,
        )
        .order_by()
        .values_list("public_id", "title")[:2]
    )
    if len(found) != 1:
        return None
    folio, title = found[0]
    # The title's words and the place's go: the folio says both.
    folded = {fold(word) for word in words}
    if municipality:
        place = Municipality.objects.filter(code=municipality).first()
        folded |= set(name_words(place.name).split()) if place else set()
    kept = " ".join(
        word for word in text.split() if fold(word).strip("¿?¡!.,") not in folded
    )
    asked = parse_question(f"{kept} {folio}", question_vocabulary(), today)
    if isinstance(asked, Declined) or asked.ask not in WORK_ASKS:
        return None
    return _about_work(answer_question(f"{kept} {folio}", today), folio, title)


def _about_work(answer: Answer, folio: str, title: str) -> Answer:
    """Return ``answer`` saying first which work the question was read as."""
    said = _("Entendí que pregunta por la obra %(folio)s, «%(title)s».") % {
        "folio": folio,
        "title": title,
    }
    return replace(answer, text=f"{said} {answer.text}")


# What is asked of one work by its folio, as the box reads it again.
WORK_QUESTIONS = {
    Ask.WORK_CONTRACTOR: "¿Quién construyó la obra %(folio)s?",
    Ask.WORK_PROGRESS: "¿Cuál es el avance de la obra %(folio)s?",
    Ask.WORK_PAYMENTS: "¿Cuánto se ha pagado de la obra %(folio)s?",
    Ask.WORK_AMOUNT: "¿Cuánto cuesta la obra %(folio)s?",
}
# A work looked for by what the question names: answered when one matches,
# its folios offered when a few do.
WORKS_OFFERED = 5


def _work_by_filters(declined: Declined, today: date) -> Answer | None:
    """Return the answer about the one work the question's place and kind
    select ("¿qué empresa hizo la obra de agua potable en Etchojoa?"), offer
    the folios of the few that match, or say none or too many do; None when
    the question names no work's place or kind."""
    if declined.reason is not Decline.NO_WORK or declined.ask not in WORK_QUESTIONS:
        return None
    if set(declined.slots) - WORKS_SLOTS:
        return None
    # "¿ya se terminó la obra …?" asks its status: it selects no work.
    slots = {
        slot: key
        for slot, key in declined.slots.items()
        if slot in WORKS_SLOTS - {Slot.STATUS}
    }
    if not slots:
        return None
    question = Question(declined.ask, slots)
    found = list(
        work_list(filters=_work_filters(question))
        .order_by("-total_investment", "public_id")
        .values_list("public_id", "title")[: WORKS_OFFERED + 1]
    )
    asked = WORK_QUESTIONS[declined.ask]
    if len(found) == 1:
        folio, title = found[0]
        return _about_work(
            answer_question(asked % {"folio": folio}, today), folio, title
        )
    if not found:
        return Answer(
            _("No hay obras publicadas %(scope)s.") % {"scope": _scope_words(question)},
            answered=False,
            asked=str(declined.ask),
            sources=[_explorer(question, _("El explorador de obras"))],
        )
    if len(found) > WORKS_OFFERED:
        return Answer(
            _(
                "Coinciden más de %(count)s obras %(scope)s: escriba el folio de "
                "la que busca (el explorador las muestra)."
            )
            % {"count": WORKS_OFFERED, "scope": _scope_words(question)},
            answered=False,
            asked=str(declined.ask),
            sources=[_explorer(question, _("Esas obras"))],
        )
    answers = [
        (
            folio,
            _about_work(answer_question(asked % {"folio": folio}, today), folio, title),
        )
        for folio, title in found
    ]
    if any(answer.answered for _folio, answer in answers):
        # "las obras de drenaje en San Luis, ¿cuánto llevan de avance?": each,
        # one without the figure asked saying so.
        head = _(
            "Coinciden %(count)s obras con lo que nombra la pregunta; de cada una:"
        ) % {"count": len(found)}
        return Answer(
            " ".join([head, *(answer.text for _folio, answer in answers)]),
            asked=str(declined.ask),
            figures=[
                Figure(f"{folio}: {figure.label}", figure.value, figure.unit)
                for folio, answer in answers
                for figure in answer.figures
            ],
            sources=list(
                dict.fromkeys(
                    source for _folio, answer in answers for source in answer.sources
                )
            ),
            works=[work for _folio, answer in answers for work in answer.works],
        )
    return Answer(
        _(
            "Coinciden %(count)s obras con lo que nombra la pregunta: %(works)s. "
            "Pregunte por una de ellas."
        )
        % {
            "count": len(found),
            "works": "; ".join(f"{folio}, «{title}»" for folio, title in found),
        },
        answered=False,
        asked=str(declined.ask),
        suggestions=[asked % {"folio": folio} for folio, _title in found],
        sources=[_explorer(question, _("Esas obras"))],
    )


def _declined(declined: Declined) -> Answer:
    """Return a decline that says what was not understood and what may be asked."""
    understood = [_understood(slot, key) for slot, key in declined.slots.items()]
    return Answer(
        text=_decline_text(declined),
        answered=False,
        asked=str(declined.ask or ""),
        understood=understood,
        not_understood=(
            list(declined.words)
            if declined.reason in (Decline.NOT_UNDERSTOOD, Decline.PLACE_ELSEWHERE)
            else []
        ),
        suggestions=_suggestions(declined, understood),
        mended=list(declined.mended),
        sources=_decline_sources(declined),
    )


def _decline_sources(declined: Declined) -> list[Citation]:
    """Return the page that answers what the box declines, where there is one."""
    if declined.ask is Ask.BUDGET:
        return [Citation(str(_("Presupuesto")), reverse("portal:budget"))]
    return []


def _decline_text(declined: Declined) -> str:
    reason = declined.reason
    if reason is Decline.PLACE_ELSEWHERE and instance().municipal:
        return _(
            "Ese lugar no es de este municipio: esta plataforma publica el dinero "
            "público de %(place)s, no de otros lugares."
        ) % {"place": instance().name()}
    if reason in DECLINED_TEXTS:
        return str(DECLINED_TEXTS[reason])
    if reason is Decline.NOT_UNDERSTOOD:
        words = ", ".join(f"«{word}»" for word in declined.words)
        if not words:
            return _("No encontré lo que nombra la pregunta; no la respondo.")
        return _(
            "No entendí %(words)s, así que no respondo: podría estar contestando "
            "otra pregunta."
        ) % {"words": words}
    if reason is Decline.NOT_APPLICABLE:
        parts = ", ".join(
            str(SLOT_LABELS[Slot(word)]).lower() for word in declined.words
        )
        return _(
            "Esa pregunta no se puede acotar por %(parts)s con los datos "
            "publicados; no la respondo."
        ) % {"parts": parts}
    if reason is Decline.NO_DATA_FOR_YEAR and declined.ask is Ask.GOAL_PROGRESS:
        return _(
            "Esa meta no está en el POA del ejercicio %(year)s, así que no lo sé."
        ) % {"year": declined.slots.get(Slot.YEAR)}
    if reason is Decline.NO_DATA_FOR_YEAR:
        return _(
            "No hay obras publicadas del ejercicio %(year)s, así que no lo sé."
        ) % {"year": declined.slots.get(Slot.YEAR)}
    if reason is Decline.SEVERAL:
        label = SLOT_LABELS[declined.slot if declined.slot else Slot.FOLIO]
        return _(
            "La pregunta nombra más de un valor de «%(what)s»: pregunte por uno "
            "a la vez."
        ) % {"what": str(label).lower()}
    # Decline.AMBIGUOUS: several things match the words given.
    names = (
        [_named(declined.slot, key)[0] for key in declined.candidates]
        if declined.slot
        else []
    )
    return _("Varios coinciden con lo que escribió: %(names)s. Pregunte por uno.") % {
        "names": "; ".join(names[:LISTED])
    }


def _suggestions(declined: Declined, understood: list[Understood]) -> list[str]:
    """Return questions the box can answer, close to what was asked."""
    if declined.reason is Decline.AMBIGUOUS and declined.slot is not None:
        return [
            _candidate_question(declined.slot, key) for key in declined.candidates[:3]
        ]
    place = next(
        (item.name for item in understood if item.slot == Slot.MUNICIPALITY), ""
    )
    year = next((item.name for item in understood if item.slot == Slot.YEAR), "")
    where = f" en {place}" if place else ""
    when = f" en {year}" if year else ""
    questions = [
        f"¿Cuánto se invirtió{where}{when}?",
        f"¿Cuántas obras hay{where}{when}?",
    ]
    if place:
        questions.append(f"¿Cuántos comités hay en {place}?")
    else:
        questions.append(QUESTION_EXAMPLES[2])
    return questions


def _candidate_question(slot: Slot, key: str) -> str:
    if slot is Slot.GOAL:
        goal = Goal.objects.select_related("unit_program__program").get(pk=int(key))
        year = goal.unit_program.program.fiscal_year_id
        return f"¿Cuál es el avance de la meta {goal.number} de {year}?"
    if slot is Slot.COMMITMENT:
        commitment = Commitment.objects.get(pk=int(key))
        return f"¿Cuál es el avance del compromiso {commitment.number}?"
    card = IndicatorCard.objects.get(pk=int(key))
    return f"¿Cuál es el semáforo del indicador «{card.name}»?"


# --- Works -----------------------------------------------------------------


def _work_filters(question: Question) -> WorkFilters:
    slots = question.slots
    region = slots.get(Slot.REGION)
    return WorkFilters(
        year=_int(slots.get(Slot.YEAR)),
        municipality=str(slots.get(Slot.MUNICIPALITY, "")),
        region=int(region) if region else None,
        program=str(slots.get(Slot.PROGRAM, "")),
        subprogram=str(slots.get(Slot.SUBPROGRAM, "")),
        status=""
        if Slot.STATUS in question.negated
        else str(slots.get(Slot.STATUS, "")),
        agency=str(slots.get(Slot.AGENCY, "")),
        contractor=str(slots.get(Slot.CONTRACTOR, "")),
        late=Slot.LATE in slots,
        late_on=question.today if Slot.LATE in slots else None,
        # Amounts are in cents: "more than N" is N and a cent or more.
        amount_min=Decimal(above) + CENT if (above := slots.get(Slot.ABOVE)) else None,
        amount_max=Decimal(below) - CENT if (below := slots.get(Slot.BELOW)) else None,
        # A contribution's party leads its answer; elsewhere it selects works.
        source=""
        if question.ask is Ask.CONTRIBUTION
        else str(slots.get(Slot.PARTY, "")),
    )


CENT = Decimal("0.01")


def _int(value: str | int | None) -> int | None:
    return int(value) if value is not None else None


def _explorer(question: Question, label: str) -> Citation:
    filters = _work_filters(question)
    phase = question.slots.get(Slot.PHASE)
    status = filters.status
    if not status and phase and len(GROUP_STATUSES[str(phase)]) == 1:
        status = GROUP_STATUSES[str(phase)][0]
    return Citation(
        label,
        _explorer_url(
            year=filters.year,
            municipality=filters.municipality,
            region=filters.region,
            program=filters.program,
            subprogram=filters.subprogram,
            status=status,
            agency=filters.agency,
            contractor=filters.contractor,
            late="on" if filters.late else "",
            amount_min=filters.amount_min,
            amount_max=filters.amount_max,
        ),
    )


def _scope_words(question: Question, *, without: Slot | None = None) -> str:
    """Return "en Álamos, del subprograma Pavimentación, en 2024" for the filters."""
    parts = []
    for slot, words in (
        (Slot.MUNICIPALITY, _("en %(name)s")),
        (Slot.REGION, _("en la región %(name)s")),
        (Slot.PROGRAM, _("del programa %(name)s")),
        (Slot.SUBPROGRAM, _("del subprograma %(name)s")),
        (Slot.STATUS, _("en estado «%(name)s»")),
        (Slot.AGENCY, _("a cargo de %(name)s")),
        (Slot.CONTRACTOR, _("con contratos de %(name)s")),
        (Slot.YEAR, _("en el ejercicio %(name)s")),
    ):
        key = question.slots.get(slot)
        if key is None or slot is without or slot in question.negated:
            continue
        name = _named(slot, key)[0]
        if slot is Slot.PROGRAM and name_words(name).startswith("programa "):
            words = _("del %(name)s")
        parts.append(words % {"name": name})
    if Slot.LATE in question.slots:
        parts.append(_("atrasadas respecto a su periodo de ejecución"))
    if question.ask is not Ask.CONTRIBUTION and Slot.PARTY in question.slots:
        party = FundingSource(str(question.slots[Slot.PARTY])).label
        parts.append(_("con aportación «%(party)s»") % {"party": party})
    for slot, words in (
        (Slot.ABOVE, _("con inversión registrada de más de %(amount)s")),
        (Slot.BELOW, _("con inversión registrada de menos de %(amount)s")),
    ):
        if slot in question.slots:
            amount = format_mxn(Decimal(question.slots[slot]))
            parts.append(words % {"amount": amount})
    return ", ".join(parts) if parts else _("en todas las obras publicadas")


def _document_citations(filters: WorkFilters) -> list[Citation]:
    """Return the published files the works' figures were read from, newest first.

    A few works' files are gathered from their publications. Of many, each
    file that published works is asked, newest first, whether it published
    one of them, until enough are found, never from a million works'
    publications (docs/performance.md).
    """
    selected = work_list(filters=filters).order_by()
    counted = works_counted(filters, most=FEW_WORKS)
    if counted is not None and counted <= FEW_WORKS:
        files = SourceDocument.objects.filter(
            pk__in=WorkPublication.objects.filter(work__in=selected).values(
                "document_id"
            )
        ).order_by("-imported_at", "sha256")
        return [_file_cited(document) for document in files[:CITED_DOCUMENTS]]
    cited: list[Citation] = []
    files = SourceDocument.objects.filter(
        Exists(WorkPublication.objects.filter(document=OuterRef("pk")))
    ).order_by("-imported_at", "sha256")
    for document in files.only("pk", "sha256", "name").iterator():
        if _publishes_one_of(document, selected):
            cited.append(_file_cited(document))
        if len(cited) == CITED_DOCUMENTS:
            break
    return cited


def _publishes_one_of(document: SourceDocument, selected: QuerySet[Work]) -> bool:
    """Say whether ``document`` published one of the ``selected`` works.

    The file's publications are read by its index and each work looked up
    in the selection by key, stopping at the first found: a file costs at
    most its own size. The lookup is kept per publication (an EXISTS with an
    OFFSET is not turned into a join): as a join, the planner read the whole
    selection first, for each file, found or not.
    """
    database = selected.db
    compiler = selected.values("pk").query.get_compiler(using=database)
    selection, params = compiler.as_sql()
    with connections[database].cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT FROM {WorkPublication._meta.db_table} p "  # noqa: S608
            "WHERE p.document_id = %s AND EXISTS ("
            f"SELECT FROM ({selection}) s WHERE s.pk = p.work_id OFFSET 0))",
            [document.pk, *params],
        )
        return cursor.fetchone()[0]


def _file_cited(document: SourceDocument) -> Citation:
    return Citation(document.name, reverse("sources:detail", args=[document.sha256]))


def _phase_figures(totals: WorkTotals) -> list[Figure]:
    figures = [
        Figure(_("Obras registradas"), str(totals.works), _("obras")),
        Figure(_("Invertido (recursos liberados)"), str(totals.invested), MXN),
        Figure(
            _("Obras con recursos liberados"), str(totals.invested_works), _("obras")
        ),
    ]
    for row in totals.phases:
        if row.group != MoneyGroup.INVESTED and row.works:
            figures.append(Figure(_(row.label), str(row.amount), MXN))
            figures.append(
                Figure(
                    _("Obras: %(label)s") % {"label": _(row.label).lower()},
                    str(row.works),
                    _("obras"),
                )
            )
    return figures


def _works_amount(question: Question) -> Answer:
    filters = _work_filters(question)
    works = work_list(filters=filters)
    totals = work_totals_prepared(filters)
    scope = _scope_words(question)
    phase = str(question.slots.get(Slot.PHASE, MoneyGroup.INVESTED))
    sentences = []
    if question.ask is Ask.WORKS_COUNT and Slot.PHASE in question.slots:
        sentences.append(_phase_count_sentence(totals, phase, scope))
    if question.ask is Ask.WORKS_COUNT:
        sentences.append(
            ngettext(
                "Hay %(count)s obra registrada %(scope)s; con recursos liberados, "
                "%(invested_count)s, en las que se invirtieron %(amount)s.",
                "Hay %(count)s obras registradas %(scope)s; con recursos liberados, "
                "%(invested_count)s, en las que se invirtieron %(amount)s.",
                totals.works,
            )
        )
    else:
        sentences.append(
            ngettext(
                "Se invirtieron %(amount)s %(scope)s (recursos liberados), en "
                "%(invested_count)s de %(count)s obra registrada.",
                "Se invirtieron %(amount)s %(scope)s (recursos liberados), en "
                "%(invested_count)s de %(count)s obras registradas.",
                totals.works,
            )
        )
    sentences[-1] %= {
        "count": f"{totals.works:,}",
        "invested_count": f"{totals.invested_works:,}",
        "amount": format_mxn(totals.invested),
        "scope": scope,
    }
    asked = [row for row in totals.phases if row.group == phase]
    if phase != MoneyGroup.INVESTED and question.ask is Ask.WORKS_AMOUNT:
        # Asked about approved or cancelled money: that figure first.
        sentences = [*_phase_sentences(asked), *sentences]
    others = [
        row for row in totals.phases if row.group not in (phase, MoneyGroup.INVESTED)
    ]
    sentences.extend(_phase_sentences([row for row in others if row.works]))
    handed_sentences, handed_figures = _handed_over_too(question, filters, totals.works)
    sentences.extend(handed_sentences)
    sentences.extend(_demo_sentence(totals.demo_works))
    largest = list(works.order_by("-total_investment", "public_id")[:LISTED])
    return Answer(
        " ".join(sentences),
        figures=[*_phase_figures(totals), *handed_figures],
        sources=[
            _explorer(question, _("Las obras sumadas, con su descarga en CSV")),
            *_document_citations(filters),
        ],
        works=largest,
    )


def _handed_over_too(
    question: Question, filters: WorkFilters, completed: int
) -> tuple[list[str], list[Figure]]:
    """Return the works handed over beside the ``completed`` ones asked as
    finished, and both together: a work handed over is finished too, though
    its status is another."""
    if (
        question.slots.get(Slot.STATUS) != WorkStatus.COMPLETED
        or Slot.STATUS in question.negated
    ):
        return [], []
    handed = work_totals_prepared(replace(filters, status=WorkStatus.HANDED_OVER))
    if not handed.works:
        return [], []
    sentence = ngettext(
        "Además, %(count)s obra terminada ya se entregó (estado «%(status)s»), "
        "con %(amount)s invertidos; no se cuenta arriba.",
        "Además, %(count)s obras terminadas ya se entregaron (estado "
        "«%(status)s»), con %(amount)s invertidos; no se cuentan arriba.",
        handed.works,
    ) % {
        "count": f"{handed.works:,}",
        "status": WorkStatus.HANDED_OVER.label,
        "amount": format_mxn(handed.invested),
    }
    finished = completed + handed.works
    total = ngettext(
        "Terminadas en total, entregadas o no: %(count)s obra.",
        "Terminadas en total, entregadas o no: %(count)s obras.",
        finished,
    ) % {"count": f"{finished:,}"}
    return [sentence, total], [
        Figure(_("Obras entregadas"), str(handed.works)),
        Figure(_("Invertido en obras entregadas"), str(handed.invested), MXN),
        Figure(_("Obras terminadas, entregadas o no"), str(finished)),
    ]


def _contribution(question: Question) -> Answer:
    """Return what each party (or the one asked) put into the invested works.

    Read off the funding lines (estructura financiera) the works publish, as
    the explorer sums them; works without lines add nothing to any party.
    """
    filters = _work_filters(question)
    totals = work_totals_prepared(filters)
    scope = _scope_words(question)
    rows = [row for row in totals.by_source if row.amount]
    party = question.slots.get(Slot.PARTY)
    sources = [_explorer(question, _("Las obras sumadas, con su descarga en CSV"))]
    if not rows:
        return Answer(
            _(
                "Las obras %(scope)s no publican su estructura financiera, así "
                "que no sé quién aportó."
            )
            % {"scope": scope},
            answered=False,
            sources=sources,
        )
    listed = "; ".join(
        _("%(source)s %(amount)s (%(percent)s %%)")
        % {
            "source": _(row.label),
            "amount": format_mxn(row.amount),
            "percent": row.percent,
        }
        for row in rows
    )
    text = _(
        "Según la estructura financiera de las obras con recursos liberados "
        "%(scope)s: %(listed)s."
    ) % {"scope": scope, "listed": listed}
    if party is not None:
        asked = next((row for row in rows if row.source == party), None)
        label = str(FundingSource(str(party)).label)
        lead = (
            _("%(party)s aportó %(amount)s, el %(percent)s %% del dinero de las obras.")
            % {
                "party": label,
                "amount": format_mxn(asked.amount),
                "percent": asked.percent,
            }
            if asked
            else _("Las obras no registran aportación de «%(party)s».")
            % {"party": label}
        )
        text = f"{lead} {text}"
    figures = [
        Figure(
            _("Aportación: %(source)s") % {"source": _(row.label)}, str(row.amount), MXN
        )
        for row in rows
    ]
    if party is not None and not any(row.source == party for row in rows):
        figures.append(
            Figure(
                _("Aportación: %(source)s")
                % {"source": FundingSource(str(party)).label},
                "0.00",
                MXN,
            )
        )
    return Answer(text, figures=figures, sources=sources)


def _phase_count_sentence(totals: WorkTotals, phase: str, scope: str) -> str:
    """Return how many works are in the phase asked about ("realizadas": released)."""
    row = next(row for row in totals.phases if row.group == phase)
    label = (
        _("Con recursos liberados (obras realizadas)")
        if phase == MoneyGroup.INVESTED
        else _(row.label)
    )
    return ngettext(
        "%(label)s %(scope)s: %(count)s obra.",
        "%(label)s %(scope)s: %(count)s obras.",
        row.works,
    ) % {"label": label, "scope": scope, "count": f"{row.works:,}"}


def _phase_sentences(rows: Iterable[Any]) -> list[str]:
    """Return the amount and works of each money phase in ``rows``."""
    return [
        ngettext(
            "%(label)s: %(amount)s en %(count)s obra.",
            "%(label)s: %(amount)s en %(count)s obras.",
            row.works,
        )
        % {"label": _(row.label), "amount": format_mxn(row.amount), "count": row.works}
        for row in rows
    ]


def _demo_sentence(demo_works: int) -> list[str]:
    """Say how many of the works summed are demonstration data, if any."""
    if not demo_works:
        return []
    return [
        ngettext(
            "Datos de demostración: %(count)s de esas obras se generó para "
            "reproducir las tablas de un informe publicado.",
            "Datos de demostración: %(count)s de esas obras se generaron para "
            "reproducir las tablas de un informe publicado.",
            demo_works,
        )
        % {"count": f"{demo_works:,}"}
    ]


def _works_list(question: Question) -> Answer:
    filters = _work_filters(question)
    works = work_list(filters=filters)
    phase = question.slots.get(Slot.PHASE)
    if phase:
        works = works.filter(status__in=GROUP_STATUSES[str(phase)])
    counted = [work_totals_prepared(each) for each in _by_status(filters, phase)]
    count = sum(totals.works for totals in counted)
    demo_works = sum(totals.demo_works for totals in counted)
    scope = _scope_words(question)
    if phase:
        scope = f"{scope} ({_(MoneyGroup(str(phase)).label).lower()})"
    listed = list(works.order_by("-total_investment", "public_id")[:LISTED])
    if not listed:
        text = _("No hay obras publicadas %(scope)s.") % {"scope": scope}
        if filters.status:
            # "¿Ya se terminó la pavimentación en Empalme?": how the works
            # that are there stand instead.
            text += _other_statuses(replace(filters, status=""))
    else:
        text = ngettext(
            "Hay %(count)s obra publicada %(scope)s; estas son las más grandes.",
            "Hay %(count)s obras publicadas %(scope)s; estas son las más grandes.",
            count,
        ) % {"count": f"{count:,}", "scope": scope}
        text = " ".join([text, *_demo_sentence(demo_works)])
    return Answer(
        text,
        figures=[Figure(_("Obras publicadas"), str(count), _("obras"))],
        sources=[_explorer(question, _("Todas las obras, con su descarga en CSV"))],
        works=listed,
    )


def _other_statuses(filters: WorkFilters) -> str:
    """Say how many works ``filters`` selects in each status, if any."""
    rows = (
        work_list(filters=filters)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .order_by("status")
    )
    said = [f"{row['count']:,} «{WorkStatus(row['status']).label}»" for row in rows]
    if not said:
        return ""
    return " " + _("En otro estado: %(said)s.") % {"said": ", ".join(said)}


def _by_status(filters: WorkFilters, phase: object | None) -> list[WorkFilters]:
    """Return ``filters`` once per status of the money phase asked (none asked:
    as they are), so that the summary rows count a phase's works."""
    if not phase:
        return [filters]
    return [
        replace(filters, status=status)
        for status in GROUP_STATUSES[str(phase)]
        if filters.status in ("", status)
    ]


def _contracts_compared(question: Question) -> Answer:
    """Return the contracts of each of two ways of awarding them, one after
    the other ("¿cuántos por licitación y cuántos por adjudicación directa?")."""
    answers = []
    figures = []
    for slot, key in question.compared:
        asked = replace(question, slots={**question.slots, slot: key}, compared=())
        answer = _contracts(asked)
        answers.append(answer)
        named = ProcurementProcedure(str(key)).label
        figures += [
            Figure(f"{figure.label} — {named}", figure.value, figure.unit)
            for figure in answer.figures
        ]
    return Answer(
        " ".join(answer.text for answer in answers),
        figures=figures,
        sources=answers[0].sources,
        works=[work for answer in answers for work in answer.works][:LISTED],
    )


def _contracts(question: Question) -> Answer:
    if question.compared and question.compared[0][0] is Slot.PROCEDURE:
        return _contracts_compared(question)
    works = work_list(filters=_work_filters(question))
    contracts = Contract.objects.filter(work__in=works)
    if Slot.CONTRACTOR in question.slots:
        contracts = contracts.filter(contractor_rfc=question.slots[Slot.CONTRACTOR])
    procedure = question.slots.get(Slot.PROCEDURE)
    if procedure is not None and Slot.PROCEDURE in question.negated:
        contracts = contracts.exclude(procedure=procedure)
    elif procedure is not None:
        contracts = contracts.filter(procedure=procedure)
    counted = contracts.aggregate(count=Count("pk"), amount=Sum("amount"))
    paid = Payment.objects.filter(contract__in=contracts).aggregate(
        count=Count("pk"), amount=Sum("amount")
    )
    amount = counted["amount"] or ZERO
    paid_amount = paid["amount"] or ZERO
    contracted_works = works.filter(contracts__in=contracts).distinct()
    works_count = contracted_works.count()
    scope = _scope_words(question, without=Slot.CONTRACTOR)
    if Slot.CONTRACTOR in question.slots:
        name = _named(Slot.CONTRACTOR, question.slots[Slot.CONTRACTOR])[0]
        scope = _("de %(name)s, %(scope)s") % {"name": name, "scope": scope}
    if procedure is not None:
        scope = f"{_procedure_words(question)}, {scope}"
    text = ngettext(
        "%(count)s contrato %(scope)s, por %(amount)s, en %(works)s; pagado: "
        "%(paid)s en %(payments)s pagos.",
        "%(count)s contratos %(scope)s, por %(amount)s, en %(works)s; pagado: "
        "%(paid)s en %(payments)s pagos.",
        counted["count"],
    ) % {
        "count": f"{counted['count']:,}",
        "scope": scope,
        "amount": format_mxn(amount),
        "works": ngettext("%(count)s obra", "%(count)s obras", works_count)
        % {"count": f"{works_count:,}"},
        "paid": format_mxn(paid_amount),
        "payments": f"{paid['count']:,}",
    }
    text += _left_to_pay(amount, paid_amount)
    if Slot.CONTRACTOR not in question.slots and counted["count"]:
        text += _companies_said(works, question)
    sources = [_explorer(question, _("Las obras de esos contratos"))]
    if Slot.CONTRACTOR in question.slots:
        rfc = str(question.slots[Slot.CONTRACTOR])
        sources.append(
            Citation(
                _("La página del contratista"), reverse("works:contractor", args=[rfc])
            )
        )
    return Answer(
        text,
        figures=[
            Figure(_("Contratos"), str(counted["count"]), _("contratos")),
            Figure(_("Obras"), str(works_count), _("obras")),
            Figure(_("Monto contratado"), str(amount), MXN),
            Figure(_("Pagos"), str(paid["count"]), _("pagos")),
            Figure(_("Monto pagado"), str(paid_amount), MXN),
            Figure(_("Por pagar"), str(amount - paid_amount), MXN),
        ],
        sources=sources,
        works=list(
            contracted_works.order_by("-total_investment", "public_id")[:LISTED]
        ),
    )


# The companies a count of contracts names, by the money contracted.
COMPANIES_NAMED = 3


def _companies_said(works: QuerySet[Work], question: Question) -> str:
    """Say which companies hold most of the contracts counted (who got the
    direct awards), natural persons never named."""
    procedure = question.slots.get(Slot.PROCEDURE)
    tallies = contractors_tallied(
        works,
        None if procedure is None else str(procedure),
        other=Slot.PROCEDURE in question.negated,
    )
    top = sorted(tallies, key=lambda tally: (-tally.amount, tally.name))
    if not top:
        return ""
    listed = "; ".join(
        ngettext(
            "%(name)s, %(count)s contrato por %(amount)s",
            "%(name)s, %(count)s contratos por %(amount)s",
            tally.contracts,
        )
        % {
            "name": tally.name,
            "count": tally.contracts,
            "amount": format_mxn(tally.amount),
        }
        for tally in top[:COMPANIES_NAMED]
    )
    return " " + _("Empresas con más monto contratado: %(listed)s.") % {
        "listed": listed
    }


def _procedure_words(question: Question) -> str:
    """Return "por adjudicación directa" (or "no por …") for the procedure asked."""
    by = (
        _("no por %(procedure)s")
        if Slot.PROCEDURE in question.negated
        else _("por %(procedure)s")
    )
    procedure = question.slots[Slot.PROCEDURE]
    return by % {"procedure": ProcurementProcedure(str(procedure)).label.lower()}


def _work(question: Question) -> Work | None:
    return (
        Work.objects.published()
        .filter(public_id__iexact=str(question.slots[Slot.FOLIO]))
        .select_related("municipality", "executing_agency")
        .first()
    )


def _no_work(question: Question) -> Answer:
    return Answer(
        _("No hay una obra publicada con el folio %(folio)s.")
        % {"folio": question.slots[Slot.FOLIO]},
        answered=False,
    )


def _work_source(work: Work) -> Citation:
    return Citation(_("La obra, con el origen de cada cifra"), work.get_absolute_url())


def _publication_source(work: Work) -> list[Citation]:
    publication = work.publications.order_by("-as_of", "-document_id").first()
    if publication is None:
        return []
    document = publication.document
    return [
        Citation(
            _("%(name)s, renglón %(row)s")
            % {"name": document.name, "row": publication.row_number},
            reverse("sources:detail", args=[document.sha256]),
        )
    ]


def _work_progress(question: Question) -> Answer:
    work = _work(question)
    if work is None:
        return _no_work(question)
    progress = work.progress.order_by("-date", "-id").first()
    publication = work.publications.order_by("-as_of", "-document_id").first()
    sources = [_work_source(work), *_publication_source(work)]
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
        figures = [
            Figure(_("Avance físico"), str(progress.physical_percent), "%"),
            Figure(_("Pagado"), str(progress.amount_paid), MXN),
        ]
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
        figures = [Figure(_("Avance físico"), str(publication.physical_progress), "%")]
    else:
        return Answer(
            _("La obra %(folio)s no tiene avance registrado.")
            % {"folio": work.public_id},
            answered=False,
            sources=sources,
        )
    # "¿Ya se terminó?": the status says it, whatever the progress reads.
    text += " " + _("Su estado: «%(status)s».") % {
        "status": WorkStatus(work.status).label
    }
    figures.append(Figure(_("Estado"), str(WorkStatus(work.status).label)))
    return Answer(text, figures=figures, sources=sources, works=[work])


def _work_contractor(question: Question) -> Answer:
    work = _work(question)
    if work is None:
        return _no_work(question)
    contracts = list(work.contracts.order_by("signed_on", "number"))
    sources = [_work_source(work)]
    if not contracts:
        text = _(
            "La obra %(folio)s (%(title)s) no tiene contrato registrado; la ejecuta "
            "%(agency)s."
        ) % {
            "folio": work.public_id,
            "title": work.title,
            "agency": work.executing_agency.name,
        }
        return Answer(text, sources=sources, works=[work])
    names = "; ".join(
        _("%(name)s (contrato %(number)s, %(amount)s)")
        % {
            "name": contract.contractor_name,
            "number": contract.number,
            "amount": format_mxn(contract.amount),
        }
        for contract in contracts
    )
    text = ngettext(
        "La obra %(folio)s (%(title)s) la construye %(names)s.",
        "La obra %(folio)s (%(title)s) tiene %(count)s contratos: %(names)s.",
        len(contracts),
    ) % {
        "folio": work.public_id,
        "title": work.title,
        "names": names,
        "count": len(contracts),
    }
    for contract in contracts:
        if contract.public_contractor_rfc:
            sources.append(
                Citation(
                    contract.contractor_name,
                    reverse("works:contractor", args=[contract.public_contractor_rfc]),
                )
            )
    return Answer(
        text,
        figures=[
            Figure(_("Contratista"), contract.contractor_name) for contract in contracts
        ],
        sources=sources,
        works=[work],
    )


def _left_to_pay(agreed: Decimal, paid: Decimal) -> str:
    """Return what is left to pay of the contracts, or what was paid over them."""
    if paid > agreed:
        return " " + _("Se pagó %(over)s más de lo contratado.") % {
            "over": format_mxn(paid - agreed)
        }
    if not agreed and not paid:
        return ""
    if paid == agreed:
        return " " + _("Lo contratado está pagado por completo.")
    return " " + _("Queda por pagar %(left)s de lo contratado.") % {
        "left": format_mxn(agreed - paid)
    }


def _work_payments(question: Question) -> Answer:
    work = _work(question)
    if work is None:
        return _no_work(question)
    contracts = Contract.objects.filter(work=work)
    agreed = contracts.aggregate(count=Count("pk"), amount=Sum("amount"))
    paid = Payment.objects.filter(contract__work=work).aggregate(
        count=Count("pk"), amount=Sum("amount")
    )
    text = _(
        "La obra %(folio)s (%(title)s) tiene %(contracts)s contrato(s) por "
        "%(agreed)s y %(payments)s pago(s) por %(paid)s."
    ) % {
        "folio": work.public_id,
        "title": work.title,
        "contracts": agreed["count"],
        "agreed": format_mxn(agreed["amount"] or ZERO),
        "payments": paid["count"],
        "paid": format_mxn(paid["amount"] or ZERO),
    }
    agreed_amount = agreed["amount"] or ZERO
    paid_amount = paid["amount"] or ZERO
    text += _left_to_pay(agreed_amount, paid_amount)
    return Answer(
        text,
        figures=[
            Figure(_("Contratos"), str(agreed["count"]), _("contratos")),
            Figure(_("Monto contratado"), str(agreed["amount"] or "0.00"), MXN),
            Figure(_("Pagos"), str(paid["count"]), _("pagos")),
            Figure(_("Monto pagado"), str(paid["amount"] or "0.00"), MXN),
            Figure(_("Por pagar"), str(agreed_amount - paid_amount), MXN),
        ],
        sources=[_work_source(work)],
        works=[work],
    )


def _work_amount(question: Question) -> Answer:
    work = _work(question)
    if work is None:
        return _no_work(question)
    text = _(
        "La obra %(folio)s (%(title)s), en %(place)s, tiene una inversión total "
        "de %(amount)s; su estado es «%(status)s»."
    ) % {
        "folio": work.public_id,
        "title": work.title,
        "place": work.municipality.name if work.municipality else "",
        "amount": format_mxn(work.total_investment),
        "status": work.get_status_display(),
    }
    return Answer(
        text,
        figures=[Figure(_("Inversión total"), str(work.total_investment), MXN)],
        sources=[_work_source(work), *_publication_source(work)],
        works=[work],
    )


# --- POA goals -------------------------------------------------------------


def _goal_progress(question: Question) -> Answer:
    goal = Goal.objects.select_related(
        "unit_program__program", "unit_program__executing_unit", "source_document"
    ).get(pk=int(question.slots[Slot.GOAL]))
    unit = goal.unit_program
    through = unit.reported_quarter or 0
    quarter_asked = _int(question.slots.get(Slot.QUARTER))
    view = goal_view(goal, through, printed_quarter=printed_quarter(unit))
    head = _(
        "Meta %(number)s del POA %(year)s (%(unit)s, programa %(program)s): "
        "«%(description)s», meta anual %(target)s %(measure)s."
    ) % {
        "number": goal.number,
        "year": unit.program.fiscal_year_id,
        "unit": unit.executing_unit.name,
        "program": unit.program.name,
        "description": goal.description,
        "target": goal.annual_target,
        "measure": goal.unit_of_measure,
    }
    figures = [Figure(_("Meta anual"), str(goal.annual_target), goal.unit_of_measure)]
    if quarter_asked is not None:
        quarter = view.quarters[quarter_asked - 1]
        if quarter_asked > through or quarter.row is None:
            body = _("El trimestre %(quarter)s no está reportado.") % {
                "quarter": quarter_asked
            }
        else:
            body = _(
                "En el trimestre %(quarter)s se programaron %(programmed)s y se "
                "lograron %(achieved)s."
            ) % {
                "quarter": quarter_asked,
                "programmed": _shown(quarter.programmed),
                "achieved": _shown(quarter.achieved),
            }
            figures += [
                Figure(_("Programado"), _shown(quarter.programmed)),
                Figure(_("Logrado"), _shown(quarter.achieved)),
            ]
    else:
        absolute = view.absolute if view.absolute is not None else view.printed_absolute
        relative = view.relative if view.relative is not None else view.printed_relative
        if absolute is None:
            body = _("Su avance espera revisión o aprobación; no lo doy todavía.")
        else:
            body = _(
                "Avance acumulado al trimestre %(through)s: %(absolute)s "
                "(%(relative)s %% "
                "de la meta anual)."
            ) % {
                "through": through,
                "absolute": absolute,
                "relative": _shown(relative),
            }
            figures += [
                Figure(_("Avance acumulado"), str(absolute), goal.unit_of_measure),
                Figure(_("Avance relativo"), _shown(relative), "%"),
            ]
    sources = [
        Citation(
            _("La unidad responsable y sus metas"),
            reverse("programs:unit", args=[unit.pk]),
        )
    ]
    if goal.source_document is not None:
        sources.append(
            Citation(
                goal.source_document.name,
                reverse("sources:detail", args=[goal.source_document.sha256]),
            )
        )
    return Answer(f"{head} {body}", figures=figures, sources=sources)


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _goal_count(question: Question) -> Answer:
    goals = Goal.objects.all()
    if Slot.YEAR in question.slots:
        goals = goals.filter(
            unit_program__program__fiscal_year_id=_int(question.slots[Slot.YEAR])
        )
    units = goals.values("unit_program").distinct().count()
    count = goals.count()
    if not count:
        return Answer(
            _("No hay metas de un POA publicado %(scope)s.")
            % {
                "scope": _("del ejercicio %(year)s")
                % {"year": question.slots[Slot.YEAR]}
                if Slot.YEAR in question.slots
                else _("todavía")
            },
            answered=False,
            sources=[
                Citation(
                    _("Los programas operativos anuales"), reverse("programs:index")
                )
            ],
        )
    text = (
        _(
            "El POA publicado del ejercicio %(year)s tiene %(count)s metas en "
            "%(units)s unidades responsables."
        )
        if Slot.YEAR in question.slots
        else _(
            "El POA publicado tiene %(count)s metas en %(units)s unidades responsables."
        )
    ) % {"count": count, "units": units, "year": question.slots.get(Slot.YEAR)}
    standing, standing_figures = _goals_standing(question)
    return Answer(
        f"{text} {standing}" if standing else text,
        figures=[
            Figure(_("Metas"), str(count), _("metas")),
            Figure(_("Unidades responsables"), str(units)),
            *standing_figures,
        ],
        sources=[
            Citation(_("Los programas operativos anuales"), reverse("programs:index"))
        ],
    )


def _goals_standing(question: Question) -> tuple[str, list[Figure]]:
    """Return how the goals stand against what they programmed, as the POA
    page's table counts them up to each unit's last reported quarter."""
    programs = unit_programs()
    if Slot.YEAR in question.slots:
        year = _int(question.slots[Slot.YEAR])
        programs = programs.filter(program__fiscal_year_id=year)
    quarter = question.slots.get(Slot.QUARTER)
    through = None if quarter is None else int(quarter)
    summaries = unit_summaries(programs, through)
    if not summaries:
        return "", []
    met = sum(summary.met for summary in summaries)
    over = sum(summary.over for summary in summaries)
    under = sum(summary.under for summary in summaries)
    unknown = sum(summary.unknown for summary in summaries)
    counts = {"met": met, "over": over, "under": under, "unknown": unknown}
    if through is None:
        text = (
            _(
                "Hasta el último trimestre informado: %(met)s cumplidas, %(over)s "
                "superadas, %(under)s por debajo de lo programado y %(unknown)s sin "
                "avance conocido."
            )
            % counts
        )
    else:
        text = _(
            "Hasta el trimestre %(quarter)s: %(met)s cumplidas, %(over)s superadas, "
            "%(under)s por debajo de lo programado y %(unknown)s sin avance conocido."
        ) % {**counts, "quarter": through}
        behind = sum(
            1
            for summary in summaries
            if (summary.unit_program.reported_quarter or 0) < through
        )
        if behind:
            text += " " + ngettext(
                "%(count)s unidad no ha informado ese trimestre: cuenta hasta el "
                "último que informó.",
                "%(count)s unidades no han informado ese trimestre: cuentan hasta "
                "el último que informaron.",
                behind,
            ) % {"count": behind}
    return text, [
        Figure(_("Cumplidas"), str(met)),
        Figure(_("Superadas"), str(over)),
        Figure(_("Por debajo"), str(under)),
        Figure(_("Sin avance conocido"), str(unknown)),
    ]


# --- Indicators ------------------------------------------------------------


def _indicator(question: Question) -> Answer:
    card = IndicatorCard.objects.select_related("document").get(
        pk=int(question.slots[Slot.INDICATOR])
    )
    view = card_view(card, _int(question.slots.get(Slot.YEAR)))
    latest = view.latest
    sources = [
        Citation(
            _("La ficha del indicador"),
            reverse("indicators:list") + f"#indicador-{card.pk}",
        )
    ]
    if card.document is not None:
        where = _("%(name)s, línea %(line)s") if card.source_line else "%(name)s"
        sources.append(
            Citation(
                where % {"name": card.document.name, "line": card.source_line},
                reverse("sources:detail", args=[card.document.sha256]),
            )
        )
    asked_year = _int(question.slots.get(Slot.YEAR))
    if asked_year is not None and asked_year <= card.baseline_year:
        return _indicator_before_results(card, view, asked_year, sources)
    if latest is None or (latest.published is None and latest.computed is None):
        return Answer(
            _("El indicador «%(name)s» no tiene resultados publicados.")
            % {"name": card.name},
            answered=False,
            sources=sources,
        )
    value = latest.published if latest.published is not None else latest.computed
    text = _(
        "El indicador «%(name)s» marca %(value)s en %(year)s frente a su línea "
        "base de %(baseline)s (%(baseline_year)s): semáforo %(colour)s "
        "(%(semaphore)s), porque %(why)s. El color se mide contra la línea "
        "base, no contra la meta, que es %(goal)s para %(goal_year)s."
    ) % {
        "name": card.name,
        "value": figure_text(value, view.is_percent),
        "year": latest.year,
        "baseline": figure_text(view.baseline, view.is_percent),
        "baseline_year": card.baseline_year,
        "colour": SEMAPHORE_COLOURS[view.semaphore],
        "semaphore": view.semaphore_label.lower(),
        "why": _semaphore_reason(view.semaphore, Direction(card.direction)),
        "goal": figure_text(card.goal_value, view.is_percent),
        "goal_year": card.goal_year,
    }
    text += _baseline_disagreement(card, view)
    return Answer(
        text,
        figures=[
            Figure(_("Valor %(year)s") % {"year": latest.year}, str(value)),
            Figure(
                _("Línea base %(year)s") % {"year": card.baseline_year},
                str(view.baseline),
            ),
            Figure(_("Meta %(year)s") % {"year": card.goal_year}, str(card.goal_value)),
            Figure(_("Semáforo"), str(SEMAPHORE_COLOURS[view.semaphore])),
        ],
        sources=sources,
    )


def _indicator_before_results(
    card: IndicatorCard, view: Any, year: int, sources: list[Citation]
) -> Answer:
    """Return an indicator asked in its baseline's year (its baseline, and
    the card's own figure when the results table prints another), or before."""
    if year < card.baseline_year:
        return Answer(
            _(
                "El indicador «%(name)s» se mide desde su línea base de "
                "%(baseline_year)s: no tiene resultados de %(year)s."
            )
            % {"name": card.name, "baseline_year": card.baseline_year, "year": year},
            answered=False,
            sources=sources,
        )
    text = _(
        "%(year)s es el año de la línea base del indicador «%(name)s»: "
        "%(baseline)s. Su semáforo se mide en los años siguientes contra ella."
    ) % {
        "year": year,
        "name": card.name,
        "baseline": figure_text(view.baseline, view.is_percent),
    }
    text += _baseline_disagreement(card, view)
    return Answer(
        text,
        figures=[
            Figure(
                _("Línea base %(year)s") % {"year": card.baseline_year},
                str(view.baseline),
            )
        ],
        sources=sources,
    )


def _baseline_disagreement(card: IndicatorCard, view: Any) -> str:
    """Return the sentence saying the card's baseline is not the results
    table's (the one the semáforo is judged against), or nothing."""
    if card.baseline_value is None or card.baseline_value == view.baseline:
        return ""
    return " " + _(
        "La cédula del indicador dice otra línea base, %(card)s; la tabla de "
        "resultados, que publica el semáforo, dice %(table)s."
    ) % {
        "card": figure_text(card.baseline_value, view.is_percent),
        "table": figure_text(view.baseline, view.is_percent),
    }


def _semaphore_reason(colour: Semaphore, direction: Direction) -> str:
    """Say why the card has its colour, as ``indicators.rules.semaphore`` decides it."""
    descending = direction == Direction.DESCENDING
    if colour is Semaphore.GREY:
        return _("no tiene resultado publicado que comparar con su línea base")
    if colour is Semaphore.YELLOW:
        return _("el resultado publicado es igual a su línea base")
    if colour is Semaphore.GREEN:
        if descending:
            return _(
                "el resultado bajó respecto a su línea base y en este indicador "
                "bajar es avanzar"
            )
        return _("el resultado subió respecto a su línea base")
    if descending:
        return _(
            "el resultado subió respecto a su línea base y en este indicador "
            "bajar es avanzar"
        )
    return _("el resultado quedó por debajo de su línea base")


def _indicator_count(question: Question) -> Answer:
    colour = question.get(Slot.COLOUR)
    if colour is not None:
        return _indicators_of_colour(Semaphore(str(colour)))
    count = IndicatorCard.objects.here().count()
    return Answer(
        ngettext(
            "Hay %(count)s indicador publicado.",
            "Hay %(count)s indicadores publicados.",
            count,
        )
        % {"count": count},
        figures=[Figure(_("Indicadores"), str(count))],
        sources=[Citation(_("Los indicadores"), reverse("indicators:list"))],
    )


def _indicators_of_colour(colour: Semaphore) -> Answer:
    """Return the indicators whose semáforo is ``colour``, as the page shows them."""
    views = prepared_card_views()
    named = [view.card.name for view in views if view.semaphore == colour]
    text = ngettext(
        "%(count)s de %(all)s indicadores está en %(colour)s: %(names)s.",
        "%(count)s de %(all)s indicadores están en %(colour)s: %(names)s.",
        len(named),
    ) % {
        "count": len(named),
        "all": len(views),
        "colour": SEMAPHORE_COLOURS[colour],
        "names": "; ".join(named) or "—",
    }
    return Answer(
        text,
        figures=[
            Figure(
                _("Indicadores en %(colour)s") % {"colour": SEMAPHORE_COLOURS[colour]},
                str(len(named)),
            )
        ],
        sources=[Citation(_("Los indicadores"), reverse("indicators:list"))],
    )


# --- Commitments -----------------------------------------------------------


def _commitment_progress(question: Question) -> Answer:
    commitment = Commitment.objects.select_related("plan").get(
        pk=int(question.slots[Slot.COMMITMENT])
    )
    report = (
        commitment.reports.published()
        .select_related("period__document")
        .order_by("-period__as_of")
        .first()
    )
    page = Citation(
        _("El compromiso y sus reportes"),
        reverse("opengov:commitment", args=[commitment.plan.key, commitment.number]),
    )
    if report is None or report.progress_pct is None:
        return Answer(
            _("El compromiso %(number)s («%(name)s») no tiene avance declarado.")
            % {"number": commitment.number, "name": commitment.name},
            sources=[page],
            figures=[Figure(_("Avance declarado"), "—", "%")],
        )
    status = commitment_status(report.progress_pct)
    text = _(
        "El compromiso %(number)s («%(name)s») declara %(pct)s %% de avance al "
        "%(date)s: %(status)s."
    ) % {
        "number": commitment.number,
        "name": commitment.name,
        "pct": report.progress_pct,
        "date": report.period.as_of.strftime("%d/%m/%Y"),
        "status": str(STATUS_LABELS[status]).lower(),
    }
    sources = [page]
    document = report.period.document
    if document is not None:
        where = _("%(name)s, línea %(line)s") if report.line else "%(name)s"
        sources.append(
            Citation(
                where % {"name": document.name, "line": report.line},
                reverse("sources:detail", args=[document.sha256]),
            )
        )
    return Answer(
        text,
        figures=[
            Figure(_("Avance declarado"), str(report.progress_pct), "%"),
            Figure(_("Semáforo"), str(STATUS_LABELS[status])),
        ],
        sources=sources,
    )


def _commitment_count(question: Question) -> Answer:
    count = Commitment.objects.here().count()
    plans = Commitment.objects.here().values("plan").distinct().count()
    text = _(
        "Los planes de acción publicados tienen %(count)s compromisos "
        "(%(plans)s planes)."
    ) % {"count": count, "plans": plans}
    standing = Counter(
        summary.status
        for plan in opengov_plans()
        for summary in commitment_summaries(plan)
    )
    said = "; ".join(
        f"{STATUS_LABELS[status]}: {standing[status]}"
        for status in CommitmentStatus
        if standing[status]
    )
    if said:
        text += " " + _("Por su último avance declarado: %(said)s.") % {"said": said}
    return Answer(
        " ".join([text, *_plans_elsewhere()]),
        figures=[
            Figure(_("Compromisos"), str(count)),
            *(
                Figure(str(STATUS_LABELS[status]), str(standing[status]))
                for status in CommitmentStatus
                if standing[status]
            ),
        ],
        sources=[Citation(_("Los planes de acción"), reverse("opengov:plans"))],
    )


def _plans_elsewhere() -> list[str]:
    """Say whose plans they are when the plans counted are of another state."""
    own = instance().state()
    states = set(
        Commitment.objects.here()
        .exclude(plan__state=None)
        .values_list("plan__state__code", "plan__state__name")
    )
    others = sorted(name for code, name in states if own and code != own.code)
    if not others or own is None:
        return []
    return [
        _("Son de %(states)s, no de %(own)s.")
        % {"states": ", ".join(others), "own": own.name}
    ]


# --- Grants ----------------------------------------------------------------


def _calls(question: Question) -> Answer:
    calls = calls_public()
    if Slot.YEAR in question.slots:
        calls = calls.filter(fiscal_year=question.slots[Slot.YEAR])
    listed = list(calls.order_by("-opens_on", "code"))
    today = question.today or timezone.localdate()
    open_now = [call for call in listed if call.opens_on <= today <= call.closes_on]
    text = ngettext(
        "Hay %(count)s convocatoria publicada (%(open)s abierta hoy): %(names)s.",
        "Hay %(count)s convocatorias publicadas (%(open)s abiertas hoy): %(names)s.",
        len(listed),
    ) % {
        "count": len(listed),
        "open": len(open_now),
        "names": "; ".join(
            _("%(title)s, del %(opens)s al %(closes)s")
            % {
                "title": call.title,
                "opens": call.opens_on.strftime("%d/%m/%Y"),
                "closes": call.closes_on.strftime("%d/%m/%Y"),
            }
            for call in listed[:LISTED]
        )
        or "—",
    }
    return Answer(
        text,
        figures=[
            Figure(_("Convocatorias"), str(len(listed))),
            Figure(_("Abiertas hoy"), str(len(open_now))),
        ],
        sources=[
            Citation(call.title, reverse("grants:call", args=[call.code]))
            for call in listed[:LISTED]
        ]
        or [Citation(_("Las convocatorias"), reverse("grants:calls"))],
    )


def _allocations(question: Question) -> QuerySet[AllocationEntry]:
    """Return the entries in force (each published call's latest run) asked about."""
    runs = [
        run.pk for call in calls_public() if (run := call_latest_run(call)) is not None
    ]
    entries = AllocationEntry.objects.filter(run__in=runs, amount__gt=0)
    slots = question.slots
    if Slot.ORGANIZATION in slots:
        entries = entries.filter(
            application__organization_id=int(slots[Slot.ORGANIZATION])
        )
    if Slot.CALL in slots:
        entries = entries.filter(run__call__code=slots[Slot.CALL])
    if Slot.YEAR in slots:
        entries = entries.filter(run__call__fiscal_year=slots[Slot.YEAR])
    if Slot.MUNICIPALITY in slots:
        entries = entries.filter(application__municipality_id=slots[Slot.MUNICIPALITY])
    return entries.select_related("application__organization", "run__call")


def _grant_sources(entries: Iterable[AllocationEntry]) -> list[Citation]:
    calls = {entry.run.call.code: entry.run.call.title for entry in entries}
    return [
        Citation(
            _("Fallo de %(title)s") % {"title": title},
            reverse("grants:results", args=[code]),
        )
        for code, title in sorted(calls.items())
    ] or [Citation(_("Las convocatorias"), reverse("grants:calls"))]


def _grants_amount(question: Question) -> Answer:
    if Slot.CALL in question.slots and Slot.ORGANIZATION not in question.slots:
        return _call_money(question)
    missing = _calls_year_missing(question)
    if missing is not None:
        return missing
    entries = list(_allocations(question))
    allocated = sum((entry.amount for entry in entries), ZERO)
    transferred = _transferred(entries)
    who = _grants_scope(question)
    text = ngettext(
        "%(who)s: %(allocated)s asignados a %(count)s proyecto en el fallo "
        "publicado; ministrado (transferido): %(transferred)s.",
        "%(who)s: %(allocated)s asignados a %(count)s proyectos en el fallo "
        "publicado; ministrado (transferido): %(transferred)s.",
        len(entries),
    ) % {
        "who": who,
        "allocated": format_mxn(allocated),
        "count": len(entries),
        "transferred": format_mxn(transferred),
    }
    return Answer(
        text,
        figures=[
            Figure(_("Asignado"), str(allocated), MXN),
            Figure(_("Proyectos apoyados"), str(len(entries))),
            Figure(_("Ministrado"), str(transferred), MXN),
        ],
        sources=_grant_sources(entries),
    )


def _calls_year_missing(question: Question) -> Answer | None:
    """Say so when no published call is of the year asked: a year without
    calls assigned nothing, and "$0.00" would read as a call that gave none."""
    year = question.slots.get(Slot.YEAR)
    if year is None:
        return None
    years = sorted({call.fiscal_year for call in calls_public()}, reverse=True)
    if int(year) in years:
        return None
    text = _("No hay convocatorias publicadas del ejercicio %(year)s.") % {"year": year}
    if years:
        text += " " + _("Las hay de: %(years)s.") % {
            "years": ", ".join(str(each) for each in years)
        }
    return Answer(
        text,
        answered=False,
        sources=[Citation(_("Las convocatorias"), reverse("grants:calls"))],
    )


def _transferred(entries: list[AllocationEntry]) -> Decimal:
    """Return what was transferred under the agreements of ``entries``."""
    return (
        Disbursement.objects.filter(
            agreement__application__in=[entry.application_id for entry in entries],
            status=DisbursementStatus.TRANSFERRED,
        ).aggregate(amount=Sum("amount"))["amount"]
        or ZERO
    )


def _call_money(question: Question) -> Answer:
    """What a call has (its budget, by its schemes) beside what its result
    assigned and what was transferred: "¿cuánto dinero tiene la
    convocatoria?" asks the first, "¿cuánto se asignó?" the second; both are
    said, each by its name."""
    entries = list(_allocations(question))
    allocated = sum((entry.amount for entry in entries), ZERO)
    budget = (
        CallBudget.objects.filter(call__code=question.slots[Slot.CALL]).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )
    transferred = _transferred(entries)
    text = ngettext(
        "%(who)s: presupuesto de la convocatoria, %(budget)s; asignados en el "
        "fallo publicado, %(allocated)s a %(count)s proyecto; ministrado "
        "(transferido), %(transferred)s.",
        "%(who)s: presupuesto de la convocatoria, %(budget)s; asignados en el "
        "fallo publicado, %(allocated)s a %(count)s proyectos; ministrado "
        "(transferido), %(transferred)s.",
        len(entries),
    ) % {
        "who": _grants_scope(question),
        "budget": format_mxn(budget),
        "allocated": format_mxn(allocated),
        "count": len(entries),
        "transferred": format_mxn(transferred),
    }
    return Answer(
        text,
        figures=[
            Figure(_("Presupuesto de la convocatoria"), str(budget), MXN),
            Figure(_("Asignado"), str(allocated), MXN),
            Figure(_("Proyectos apoyados"), str(len(entries))),
            Figure(_("Ministrado"), str(transferred), MXN),
        ],
        sources=[
            Citation(
                _("La convocatoria y su presupuesto"),
                reverse("grants:call", args=[question.slots[Slot.CALL]]),
            ),
            *_grant_sources(entries),
        ],
    )


def _grants_scope(question: Question) -> str:
    parts = []
    for slot in (Slot.ORGANIZATION, Slot.CALL, Slot.MUNICIPALITY, Slot.YEAR):
        if slot in question.slots:
            parts.append(_named(slot, question.slots[slot])[0])
    return ", ".join(parts) if parts else _("Todas las convocatorias publicadas")


def _grants_count(question: Question) -> Answer:
    missing = _calls_year_missing(question)
    if missing is not None:
        return missing
    entries = list(_allocations(question))
    organizations = sorted({entry.application.organization.name for entry in entries})
    allocated = sum((entry.amount for entry in entries), ZERO)
    text = ngettext(
        "%(who)s: %(count)s organización apoyada, con %(amount)s: %(names)s.",
        "%(who)s: %(count)s organizaciones apoyadas, con %(amount)s: %(names)s.",
        len(organizations),
    ) % {
        "who": _grants_scope(question),
        "count": len(organizations),
        "amount": format_mxn(allocated),
        "names": "; ".join(organizations[:LISTED]) or "—",
    }
    return Answer(
        text,
        figures=[
            Figure(_("Organizaciones apoyadas"), str(len(organizations))),
            Figure(_("Asignado"), str(allocated), MXN),
        ],
        sources=_grant_sources(entries),
    )


def _applications(question: Question) -> Answer:
    """The applications each published call's result lists, by their state
    in it: the result's own rows (``call_results``)."""
    calls = calls_public()
    if Slot.CALL in question.slots:
        calls = calls.filter(code=question.slots[Slot.CALL])
    if Slot.YEAR in question.slots:
        calls = calls.filter(fiscal_year=question.slots[Slot.YEAR])
    sentences, figures, sources = [], [], []
    listed = list(calls.order_by("-opens_on", "code")[:LISTED])
    for call in listed:
        rows = call_results(call)
        states = Counter(row.status_label for row in rows)
        sentences.append(
            ngettext(
                "%(call)s: %(count)s solicitud en su fallo (%(states)s).",
                "%(call)s: %(count)s solicitudes en su fallo (%(states)s).",
                len(rows),
            )
            % {
                "call": call.title,
                "count": len(rows),
                "states": "; ".join(
                    f"{label}: {count}" for label, count in states.most_common()
                )
                or "—",
            }
        )
        suffix = f" — {call.title}" if len(listed) > 1 else ""
        figures.append(Figure(_("Solicitudes") + suffix, str(len(rows))))
        sources.append(
            Citation(
                _("Fallo de %(title)s") % {"title": call.title},
                reverse("grants:results", args=[call.code]),
            )
        )
    if not listed:
        return Answer(
            _("No hay convocatorias publicadas que respondan a eso."),
            answered=False,
            sources=[Citation(_("Las convocatorias"), reverse("grants:calls"))],
        )
    return Answer(" ".join(sentences), figures=figures, sources=sources)


def _organizations(question: Question) -> Answer:
    """The organisations registered: the public directory's, and how many of
    them a published result supported (``_grants_count``'s figure)."""
    listed = directory_organizations().count()
    supported = len(
        {entry.application.organization_id for entry in _allocations(question)}
    )
    text = ngettext(
        "Hay %(count)s organización de la sociedad civil en el directorio público "
        "(registrada y aprobada); %(supported)s recibieron apoyo en los fallos "
        "publicados.",
        "Hay %(count)s organizaciones de la sociedad civil en el directorio público "
        "(registradas y aprobadas); %(supported)s recibieron apoyo en los fallos "
        "publicados.",
        listed,
    ) % {"count": listed, "supported": supported}
    return Answer(
        text,
        figures=[
            Figure(_("Organizaciones en el directorio"), str(listed)),
            Figure(_("Organizaciones apoyadas"), str(supported)),
        ],
        sources=[
            Citation(_("Directorio de organizaciones"), reverse("grants:directory"))
        ],
    )


# --- Shaped works questions: "no", "sin comité", rankings, comparisons, periods


def _excluded_statuses(question: Question) -> list[str]:
    """Return the statuses "no" excludes: a phase's, or a status (and a
    finished work's other status: "no terminadas" leaves out the handed over)."""
    excluded: list[str] = []
    if Slot.PHASE in question.negated:
        excluded += GROUP_STATUSES[str(question.slots[Slot.PHASE])]
    if Slot.STATUS in question.negated:
        status = str(question.slots[Slot.STATUS])
        excluded.append(status)
        if status == WorkStatus.COMPLETED:
            excluded.append(WorkStatus.HANDED_OVER)
    return excluded


def _negated_works(question: Question) -> Answer:
    """Return the works of the filters but those of the statuses excluded."""
    filters = _work_filters(question)
    everything = work_totals_prepared(filters)
    excluded = _excluded_statuses(question)
    left_out = [work_totals_prepared(replace(filters, status=s)) for s in excluded]
    works = everything.works - sum(totals.works for totals in left_out)
    invested = everything.invested - sum((t.invested for t in left_out), ZERO)
    invested_works = everything.invested_works - sum(
        totals.invested_works for totals in left_out
    )
    people = everything.beneficiaries - sum(t.beneficiaries for t in left_out)
    labels = ", ".join(f"«{WorkStatus(status).label}»" for status in excluded)
    text = _(
        "Hay %(count)s obras registradas %(scope)s que no están en estado "
        "%(labels)s (de %(all)s; se dejaron fuera %(out)s); con recursos "
        "liberados, %(invested_count)s, en las que se invirtieron %(amount)s."
    ) % {
        "count": f"{works:,}",
        "scope": _scope_words(question),
        "labels": labels,
        "all": f"{everything.works:,}",
        "out": f"{everything.works - works:,}",
        "invested_count": f"{invested_works:,}",
        "amount": format_mxn(invested),
    }
    if question.ask is Ask.BENEFICIARIES:
        text += " " + _("Beneficiarios declarados: %(people)s.") % {
            "people": f"{people:,}"
        }
    listed = list(
        work_list(filters=filters)
        .exclude(status__in=excluded)
        .order_by("-total_investment", "public_id")[:LISTED]
    )
    return Answer(
        text,
        figures=[
            Figure(_("Obras registradas"), str(works), _("obras")),
            Figure(_("Invertido (recursos liberados)"), str(invested), MXN),
            Figure(_("Obras con recursos liberados"), str(invested_works), _("obras")),
            Figure(_("Obras excluidas"), str(everything.works - works), _("obras")),
            Figure(_("Beneficiarios"), str(people)),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
        works=listed,
    )


def _works_without_committee(question: Question) -> Answer:
    """Return how many works of the filters have no oversight committee."""
    filters = _work_filters(question)
    totals = work_totals_prepared(filters)
    works = work_list(filters=filters).order_by()
    with_committee = (
        Committee.objects.filter(work__in=works).values("work").distinct().count()
    )
    without = totals.works - with_committee
    text = _(
        "De %(count)s obras registradas %(scope)s, %(without)s no tienen comité de "
        "contraloría social y %(with)s sí."
    ) % {
        "count": f"{totals.works:,}",
        "scope": _scope_words(question),
        "without": f"{without:,}",
        "with": f"{with_committee:,}",
    }
    return Answer(
        text,
        figures=[
            Figure(_("Obras sin comité"), str(without), _("obras")),
            Figure(_("Obras con comité"), str(with_committee), _("obras")),
            Figure(_("Obras registradas"), str(totals.works), _("obras")),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
    )


def _works_without_contract(question: Question) -> Answer:
    """Return how many works of the filters have no contract registered, the
    largest of them listed (a work executed by the agency itself has none)."""
    filters = _work_filters(question)
    totals = work_totals_prepared(filters)
    works = work_list(filters=filters)
    without = works.exclude(Exists(Contract.objects.filter(work=OuterRef("pk"))))
    count = without.count()
    text = _(
        "De %(count)s obras registradas %(scope)s, %(without)s no tienen contrato "
        "registrado y %(with)s sí."
    ) % {
        "count": f"{totals.works:,}",
        "scope": _scope_words(question),
        "without": f"{count:,}",
        "with": f"{totals.works - count:,}",
    }
    return Answer(
        text,
        figures=[
            Figure(_("Obras sin contrato"), str(count), _("obras")),
            Figure(_("Obras registradas"), str(totals.works), _("obras")),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
        works=list(without.order_by("-total_investment", "public_id")[:LISTED]),
    )


WORK_MEASURES = {
    "invested": gettext_lazy("inversión total registrada"),
    "beneficiaries": gettext_lazy("beneficiarios declarados"),
}


def _ranking(question: Question) -> Answer:
    """Return the places, subprograms, programs or works first by the measure."""
    rank = question.rank
    if rank is None:  # the parser gives every ranking its shape
        return Answer(_("No entendí qué ordenar."), answered=False)
    if rank.measure in COMMITTEE_MEASURES:
        return _committees_ranked(question, rank)
    if rank.group == "work":
        return _works_ranked(question, rank)
    if rank.group == "contractor":
        return _contractors_ranked(question, rank)
    if rank.group == "organization":
        return _organizations_ranked(question, rank)
    if rank.group == "grant_project":
        return _projects_ranked(question, rank)
    if Slot.PROCEDURE in question.slots:
        return _procedure_not_ranked()
    if Slot.CALL in question.slots:
        return _call_not_of_works(question)
    phase = _ranked_phase(question, rank)
    if phase is None:
        return _phase_not_ranked()
    rows = works_aggregated((rank.group,), _work_filters(question))
    names = _group_names(rank.group, [row.keys[rank.group] for row in rows])
    valued = [
        (names.get(str(row.keys[rank.group]), str(row.keys[rank.group])), value)
        for row in rows
        if row.keys[rank.group] is not None
        and (value := _ranked_value(row, rank.measure, phase)) is not None
    ]
    valued.sort(key=lambda item: item[0])
    valued.sort(key=lambda item: item[1], reverse=rank.descending)
    if rank.bounded:
        return _bounded_groups(question, rank, valued)
    shown = valued[: rank.limit]
    if not shown:
        return Answer(
            _("No hay obras publicadas %(scope)s.") % {"scope": _scope_words(question)},
            answered=False,
        )
    text = _ranking_text(question, rank, shown)
    text += _tied([value for _name, value in valued[rank.limit :]], shown[-1][1])
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), shown[0][0]),
            *(Figure(name, str(value)) for name, value in shown),
        ],
        sources=[
            _explorer(question, _("Las obras sumadas, con su descarga en CSV")),
            Citation(
                _("Los mismos grupos en los datos abiertos (JSON)"),
                "/api/v1/works/aggregates?"
                + urlencode(
                    {"by": rank.group, "year": question.slots.get(Slot.YEAR) or ""}
                ),
            ),
        ],
    )


# What companies and organisations are ranked by, as the answer says it.
PARTY_MEASURES = {
    "count": gettext_lazy("obras con contrato"),
    "contracts": gettext_lazy("contratos"),
    "invested": gettext_lazy("monto contratado"),
}
SUPPORT_MEASURES = {
    "count": gettext_lazy("apoyos asignados"),
    "invested": gettext_lazy("monto asignado"),
}


def _call_not_of_works(question: Question) -> Answer:
    return Answer(
        _(
            "Una convocatoria acota los apoyos a organizaciones, no las obras: "
            "pregunte por las organizaciones de esa convocatoria."
        ),
        answered=False,
    )


def _procedure_not_ranked() -> Answer:
    return Answer(
        _(
            "Solo las empresas contratistas se ordenan por el procedimiento de "
            "sus contratos: pregunte qué empresa tiene más contratos por él."
        ),
        answered=False,
    )


def _contractors_ranked(question: Question, rank: Any) -> Answer:
    """Return the companies first by their works, contracts or money contracted
    on the question's works (``works.selectors.contractors_tallied``), of the
    contracts awarded by the procedure asked when one is."""
    if Slot.CALL in question.slots:
        return _call_not_of_works(question)
    procedure = question.slots.get(Slot.PROCEDURE)
    tallies = contractors_tallied(
        _phase_works(question, work_list(filters=_work_filters(question))),
        None if procedure is None else str(procedure),
        other=Slot.PROCEDURE in question.negated,
    )
    value = {
        "count": lambda tally: tally.works,
        "contracts": lambda tally: tally.contracts,
        "invested": lambda tally: tally.amount,
    }[rank.measure]
    contracted = {tally.rfc: tally.amount for tally in tallies}
    valued = sorted(
        ((tally.name, tally.rfc, value(tally)) for tally in tallies),
        key=lambda item: (item[0], item[1]),
    )
    valued.sort(key=lambda item: item[2], reverse=rank.descending)
    if rank.bounded:
        valued = [
            item
            for item in valued
            if (rank.above is None or item[2] > rank.above)
            and (rank.below is None or item[2] < rank.below)
        ]
    shown = valued[: rank.limit]
    measure = str(PARTY_MEASURES[rank.measure])
    if procedure is not None:
        measure = f"{measure} {_procedure_words(question)}"
    if not shown and not rank.bounded:
        return Answer(
            _("No hay contratos de empresas en obras publicadas %(scope)s.")
            % {"scope": _scope_words(question)},
            answered=False,
        )
    listed = "; ".join(
        f"{index}. {name}: {_party_value(rank.measure, amount)}"
        + (
            ""
            if rank.measure == "invested"
            else " "
            + _("(%(amount)s contratados)") % {"amount": format_mxn(contracted[rfc])}
        )
        for index, (name, rfc, amount) in enumerate(shown, start=1)
    )
    if rank.bounded:
        head = _(
            "%(count)s empresas contratistas tienen más de %(above)s obras con "
            "contrato %(scope)s"
        ) % {
            "count": len(valued),
            "above": rank.above,
            "scope": _scope_words(question),
        }
    else:
        head = (
            _("Empresas contratistas con más %(measure)s %(scope)s")
            if rank.descending
            else _("Empresas contratistas con menos %(measure)s %(scope)s")
        ) % {"measure": measure, "scope": _scope_words(question)}
    text = f"{head}: {listed}." if listed else f"{head}."
    if shown and not rank.bounded:
        text += _tied([item[2] for item in valued[rank.limit :]], shown[-1][2])
    figures = [Figure(_("Cumplen"), str(len(valued)))] if rank.bounded else []
    if shown:
        figures.append(Figure(_("Primer lugar"), shown[0][0]))
    figures += [Figure(name, str(amount)) for name, _rfc, amount in shown]
    return Answer(
        text,
        figures=figures,
        sources=[
            *(
                Citation(name, reverse("works:contractor", args=[rfc]))
                for name, rfc, _amount in shown[:LISTED]
            ),
            _explorer(question, _("Las obras de estos contratos, con su CSV")),
        ],
    )


# What committees are ranked by, as the answer says it.
COMMITTEE_MEASURES = {
    "committees": gettext_lazy("comités de contraloría social"),
    "members": gettext_lazy("integrantes de comités de contraloría social"),
}


def _committees_ranked(question: Question, rank: Any) -> Answer:
    """Return the works whose committees seat the most (or fewest) people,
    or the municipalities by their committees or members: counts of seats,
    never who holds them."""
    works = work_list(filters=_work_filters(question))
    if rank.group == "work":
        return _works_by_members(question, rank, works)
    rows = committees_by_municipality(works)
    names = _group_names("municipality", [row.municipality_code for row in rows])
    valued: list[tuple[str, Decimal | int]] = [
        (
            names.get(row.municipality_code, row.municipality_code),
            row.members if rank.measure == "members" else row.committees,
        )
        for row in rows
    ]
    valued.sort(key=lambda item: item[0])
    valued.sort(key=lambda item: item[1], reverse=rank.descending)
    shown = valued[: rank.limit]
    if not shown:
        return _no_committees(question)
    head = (
        _("Con más %(measure)s %(scope)s")
        if rank.descending
        else _("Con menos %(measure)s %(scope)s")
    ) % {"measure": COMMITTEE_MEASURES[rank.measure], "scope": _scope_words(question)}
    listed = "; ".join(
        f"{index}. {name}: {int(value):,}"
        for index, (name, value) in enumerate(shown, start=1)
    )
    text = _("%(head)s (%(group)s): %(listed)s.") % {
        "head": head,
        "group": RANK_GROUPS["municipality"],
        "listed": listed,
    }
    text += _tied([value for _name, value in valued[rank.limit :]], shown[-1][1])
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), shown[0][0]),
            *(Figure(name, str(value)) for name, value in shown),
        ],
        sources=[_explorer(question, _("Las obras de esos comités"))],
    )


def _no_committees(question: Question) -> Answer:
    return Answer(
        _("No hay comités de contraloría social en obras publicadas %(scope)s.")
        % {"scope": _scope_words(question)},
        answered=False,
    )


def _works_by_members(question: Question, rank: Any, works: Any) -> Answer:
    """Return the works whose committees have the most (or fewest) members."""
    listed, tied = works_by_committee_members(
        works, descending=rank.descending, limit=rank.limit
    )
    if not listed:
        return _no_committees(question)
    items = "; ".join(
        _("%(index)s. %(folio)s, %(title)s (%(place)s): %(members)s integrantes")
        % {
            "index": index,
            "folio": row.work.public_id,
            "title": row.work.title,
            "place": row.work.municipality.name if row.work.municipality else "—",
            "members": f"{row.members:,}",
        }
        for index, row in enumerate(listed, start=1)
    )
    head = (
        _(
            "Las obras cuyos comités de contraloría social tienen más integrantes "
            "%(scope)s"
        )
        if rank.descending
        else _(
            "Las obras cuyos comités de contraloría social tienen menos integrantes "
            "%(scope)s"
        )
    ) % {"scope": _scope_words(question)}
    text = f"{head}: {items}." + _tied_sentence(tied)
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), listed[0].work.public_id),
            *(Figure(row.work.public_id, str(row.members)) for row in listed),
        ],
        sources=[
            *(
                Citation(
                    row.work.public_id,
                    reverse("works:detail", args=[row.work.public_id]),
                )
                for row in listed[:LISTED]
            ),
            _explorer(question, _("Las obras de esos comités")),
        ],
        works=[row.work for row in listed[:LISTED]],
    )


def _tied(rest: list[Decimal | int], last: Decimal | int) -> str:
    """Return the sentence saying how many left off the list tie with its last."""
    return _tied_sentence(sum(1 for value in rest if value == last))


def _tied_sentence(tied: int) -> str:
    """Return the sentence saying that ``tied`` others have the last one's figure."""
    if not tied:
        return ""
    return " " + ngettext(
        "Otro más tiene la misma cifra que el último de la lista.",
        "Otros %(count)s tienen la misma cifra que el último de la lista.",
        tied,
    ) % {"count": tied}


def _party_value(measure: str, value: Decimal | int) -> str:
    return format_mxn(Decimal(value)) if measure == "invested" else f"{int(value):,}"


def _organizations_ranked(question: Question, rank: Any) -> Answer:
    """Return the organisations first by the supports a published call
    assigned them, or by their amount."""
    extra = [
        slot
        for slot in question.slots
        if slot not in (Slot.YEAR, Slot.MUNICIPALITY, Slot.CALL)
    ]
    if extra or rank.measure not in SUPPORT_MEASURES:
        return Answer(
            _(
                "Las organizaciones se ordenan por los apoyos de las convocatorias, "
                "por año, municipio o convocatoria; no por lo que acota las obras."
            ),
            answered=False,
        )
    entries = list(_allocations(question))
    tallied: dict[int, tuple[str, int, Decimal]] = {}
    for entry in entries:
        organization = entry.application.organization
        name, count, amount = tallied.get(organization.pk, (organization.name, 0, ZERO))
        tallied[organization.pk] = (name, count + 1, amount + entry.amount)
    valued: list[tuple[str, Decimal | int]] = sorted(
        (
            (name, count if rank.measure == "count" else amount)
            for name, count, amount in tallied.values()
        ),
        key=lambda item: item[0],
    )
    valued.sort(key=lambda item: item[1], reverse=rank.descending)
    shown = valued[: rank.limit]
    if not shown:
        return Answer(
            _("No hay apoyos asignados a organizaciones (%(scope)s).")
            % {"scope": _grants_scope(question)},
            answered=False,
        )
    measure = SUPPORT_MEASURES[rank.measure]
    head = (
        _("Organizaciones con más %(measure)s (%(scope)s)")
        if rank.descending
        else _("Organizaciones con menos %(measure)s (%(scope)s)")
    ) % {"measure": measure, "scope": _grants_scope(question)}
    listed = "; ".join(
        f"{position}. {name}: {_party_value(rank.measure, value)}"
        for position, (name, value) in enumerate(shown, start=1)
    )
    text = f"{head}: {listed}." + _tied(
        [value for _name, value in valued[rank.limit :]], shown[-1][1]
    )
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), shown[0][0]),
            *(Figure(name, str(value)) for name, value in shown),
        ],
        sources=_grant_sources(entries),
    )


def _projects_ranked(question: Question, rank: Any) -> Answer:
    """Return the projects a published call supported with the most (or
    least) money, each with its organisation."""
    extra = [
        slot
        for slot in question.slots
        if slot not in (Slot.YEAR, Slot.MUNICIPALITY, Slot.CALL, Slot.ORGANIZATION)
    ]
    if extra or rank.measure != "invested":
        return Answer(
            _(
                "Los proyectos apoyados se ordenan por el monto que les asignó "
                "su convocatoria, por año, municipio, organización o convocatoria."
            ),
            answered=False,
        )
    entries = list(_allocations(question))
    entries.sort(key=lambda entry: (entry.application.title, entry.pk))
    entries.sort(key=lambda entry: entry.amount, reverse=rank.descending)
    shown = entries[: rank.limit]
    if not shown:
        return Answer(
            _("No hay apoyos asignados a organizaciones (%(scope)s).")
            % {"scope": _grants_scope(question)},
            answered=False,
        )
    head = (
        _("Proyectos con más monto asignado (%(scope)s)")
        if rank.descending
        else _("Proyectos con menos monto asignado (%(scope)s)")
    ) % {"scope": _grants_scope(question)}
    listed = "; ".join(
        _("%(index)s. «%(title)s», de %(organization)s: %(amount)s")
        % {
            "index": index,
            "title": entry.application.title,
            "organization": entry.application.organization.name,
            "amount": format_mxn(entry.amount),
        }
        for index, entry in enumerate(shown, start=1)
    )
    text = f"{head}: {listed}." + _tied(
        [entry.amount for entry in entries[rank.limit :]], shown[-1].amount
    )
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), shown[0].application.title),
            *(
                Figure(entry.application.title, str(entry.amount), MXN)
                for entry in shown
            ),
        ],
        sources=_grant_sources(entries),
    )


# The places without works an answer names; the rest are counted.
NO_WORKS_NAMED = 20


def _bounded_groups(
    question: Question, rank: Any, valued: list[tuple[str, Decimal | int]]
) -> Answer:
    """Return every group whose count of works the question bounds, first
    ``rank.limit`` of them listed; the places without works count as none."""
    # Two agencies may share a name (two federal catalogues): kept apart.
    counts = list(valued)
    if rank.group in ("municipality", "region"):
        named = {name for name, _count in valued}
        counts += [
            (name, 0) for name in _instance_group_names(rank.group) if name not in named
        ]
    kept = [
        (name, count)
        for name, count in counts
        if (rank.above is None or count > rank.above)
        and (rank.below is None or count < rank.below)
    ]
    kept.sort(key=lambda item: item[0])
    kept.sort(key=lambda item: item[1], reverse=rank.descending)
    shown = kept[: rank.limit]
    bounds = []
    if rank.above is not None:
        bounds.append(_("más de %(count)s obras") % {"count": rank.above})
    if rank.below is not None:
        bounds.append(_("menos de %(count)s obras") % {"count": rank.below})
    said = {
        "count": len(kept),
        "all": len(counts),
        "group": RANK_GROUPS[rank.group],
        "bounds": _(" y ").join(bounds),
        "scope": _scope_words(question),
    }
    if rank.below == 1 and rank.above is None:
        # "municipios sin obras de …": those with none.
        text = _("%(count)s de %(all)s (%(group)s) no tienen obras %(scope)s.") % said
        shown = []
    else:
        text = _("%(count)s de %(all)s (%(group)s) tienen %(bounds)s %(scope)s.") % said
    if shown:
        text += " " + "; ".join(
            f"{index}. {name}: {_measured('count', count)}"
            for index, (name, count) in enumerate(shown, start=1)
        )
        text += "." if len(kept) == len(shown) else " …"
    elif kept:
        names = [name for name, _count in kept[:NO_WORKS_NAMED]]
        text += " " + ", ".join(names) + ("." if len(kept) == len(names) else " …")
    return Answer(
        text,
        figures=[
            Figure(_("Cumplen"), str(len(kept))),
            *(Figure(name, str(count)) for name, count in shown),
        ],
        sources=[
            _explorer(question, _("Las obras contadas, con su descarga en CSV")),
            Citation(
                _("Los mismos grupos en los datos abiertos (JSON)"),
                "/api/v1/works/aggregates?"
                + urlencode(
                    {"by": rank.group, "year": question.slots.get(Slot.YEAR) or ""}
                ),
            ),
        ],
    )


def _instance_group_names(group: str) -> list[str]:
    """Return the names of the instance's municipalities or regions."""
    if group == "municipality":
        return list(instance().municipalities().values_list("name", flat=True))
    return list(instance().regions().values_list("name", flat=True))


def _phase_works(question: Question, works: QuerySet[Work]) -> QuerySet[Work]:
    """Return ``works`` in the money phase asked, or out of it ("no canceladas")."""
    phase = question.slots.get(Slot.PHASE)
    if phase is None:
        return works
    statuses = GROUP_STATUSES[str(phase)]
    if Slot.PHASE in question.negated:
        return works.exclude(status__in=statuses)
    return works.filter(status__in=statuses)


def _ranked_phase(question: Question, rank: Any) -> str | None:
    """Return the money phase a ranking of places counts or sums: the one
    asked ("más obras canceladas"), else the money invested; None when a
    phase cannot rank it (its people, or "no canceladas")."""
    phase = question.slots.get(Slot.PHASE)
    if phase is None:
        return str(MoneyGroup.INVESTED)
    if Slot.PHASE in question.negated or rank.measure == "beneficiaries":
        return None
    return str(phase)


def _phase_not_ranked() -> Answer:
    return Answer(
        _(
            "Los lugares se ordenan por las obras o el dinero de una etapa "
            "(«canceladas», «sin liberar»), no por sus beneficiarios ni por lo "
            "que queda fuera de una etapa; no lo respondo."
        ),
        answered=False,
    )


def _ranked_value(
    row: Any, measure: str, phase: str = MoneyGroup.INVESTED
) -> Decimal | int | None:
    if measure == "count":
        if phase != MoneyGroup.INVESTED:
            return int(row.phases[phase].works)
        return int(row.works)
    if measure == "beneficiaries":
        return int(row.beneficiaries or 0)
    return row.phases[phase].amount


def _group_names(group: str, keys: list[object]) -> dict[str, str]:
    """Return the names of a ranking's keys (codes, or a region's number)."""
    wanted = [str(key) for key in keys if key is not None]
    rows: Iterable[tuple[object, str]]
    if group == "municipality":
        rows = Municipality.objects.filter(code__in=wanted).values_list("code", "name")
    elif group == "subprogram":
        rows = Subprogram.objects.filter(code__in=wanted).values_list("code", "name")
    elif group == "program":
        rows = WorksProgram.objects.filter(code__in=wanted).values_list("code", "name")
    elif group == "agency":
        rows = Agency.objects.filter(code__in=wanted).values_list("code", "name")
    else:
        rows = instance().regions().values_list("number", "name")
    return {str(key): name for key, name in rows}


def _ranking_text(
    question: Question, rank: Any, shown: list[tuple[str, Decimal | int]]
) -> str:
    listed = "; ".join(
        f"{index}. {name}: {_measured(rank.measure, value)}"
        for index, (name, value) in enumerate(shown, start=1)
    )
    words = (
        _("Con más %(measure)s %(scope)s")
        if rank.descending
        else _("Con menos %(measure)s %(scope)s")
    )
    head = words % {
        "measure": _ranked_measure_words(question, rank),
        "scope": _scope_words(question),
    }
    return _("%(head)s (%(group)s): %(listed)s.") % {
        "head": head,
        "group": RANK_GROUPS[rank.group],
        "listed": listed,
    }


def _ranked_measure_words(question: Question, rank: Any) -> str:
    """Return what the places are ranked by, with the money phase asked."""
    phase = question.slots.get(Slot.PHASE)
    if phase is None or rank.measure not in ("count", "invested"):
        return str(RANK_MEASURES[rank.measure])
    words = (
        _("obras registradas en la etapa «%(phase)s»")
        if rank.measure == "count"
        else _("dinero en la etapa «%(phase)s»")
    )
    return words % {"phase": _(MoneyGroup(str(phase)).label)}


def _measured(measure: str, value: Decimal | int) -> str:
    if measure == "invested":
        return format_mxn(Decimal(value))
    return f"{int(value):,}"


def _works_ranked(question: Question, rank: Any) -> Answer:
    """Return the works first by their total investment or their beneficiaries."""
    column = "total_investment" if rank.measure == "invested" else "beneficiaries"
    order = f"-{column}" if rank.descending else column
    works = list(
        _phase_works(question, work_list(filters=_work_filters(question)))
        .select_related("municipality")
        .order_by(order, "public_id")[: rank.limit]
    )
    if not works:
        return Answer(
            _("No hay obras publicadas %(scope)s.") % {"scope": _scope_words(question)},
            answered=False,
        )
    listed = "; ".join(
        _("%(index)s. %(folio)s, %(title)s (%(place)s, %(status)s): %(value)s")
        % {
            "index": index,
            "folio": work.public_id,
            "title": work.title,
            "place": work.municipality.name if work.municipality else "—",
            "status": work.get_status_display(),
            "value": _measured(rank.measure, getattr(work, column)),
        }
        for index, work in enumerate(works, start=1)
    )
    head = (
        _("Las obras con más %(measure)s %(scope)s")
        if rank.descending
        else _("Las obras con menos %(measure)s %(scope)s")
    ) % {"measure": WORK_MEASURES[rank.measure], "scope": _scope_words(question)}
    return Answer(
        f"{head}: {listed}.",
        figures=[
            Figure(_("Primer lugar"), works[0].public_id),
            *(Figure(work.public_id, str(getattr(work, column))) for work in works),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
        works=works,
    )


def _measure_of(totals: WorkTotals, measure: str) -> Decimal | int:
    if measure == "count":
        return totals.works
    if measure == "beneficiaries":
        return totals.beneficiaries
    return totals.invested


def _comparison(question: Question) -> Answer:
    """Return two places, subprograms or years side by side, with the difference."""
    measure = question.measure or "invested"
    sides = []
    for slot, key in question.compared:
        asked = replace(question, slots={**question.slots, slot: key}, compared=())
        totals = work_totals_prepared(_work_filters(asked))
        sides.append((_named(slot, key)[0], _measure_of(totals, measure)))
    (first, a), (second, b) = sides
    difference = b - a
    percent = (
        (Decimal(difference) * 100 / Decimal(a)).quantize(Decimal("0.1")) if a else None
    )
    text = _(
        "%(measure)s %(scope)s: %(first)s, %(a)s; %(second)s, %(b)s. Diferencia "
        "(%(second)s menos %(first)s): %(difference)s (%(percent)s)."
    ) % {
        "measure": str(RANK_MEASURES[measure]).capitalize(),
        "scope": _scope_words(question),
        "first": first,
        "a": _measured(measure, a),
        "second": second,
        "b": _measured(measure, b),
        "difference": _measured(measure, difference),
        "percent": f"{percent:+} %"
        if percent is not None
        else _("sin porcentaje: el primero es cero"),
    }
    return Answer(
        text,
        figures=[
            Figure(first, str(a)),
            Figure(second, str(b)),
            Figure(_("Diferencia"), str(difference)),
            Figure(_("Diferencia (%)"), str(percent) if percent is not None else "—"),
        ],
        sources=[
            _explorer(
                replace(question, slots={**question.slots, slot: key}),
                _("Las obras de %(name)s") % {"name": name},
            )
            for (slot, key), (name, _value) in zip(
                question.compared, sides, strict=True
            )
        ],
    )


def _beneficiaries(question: Question) -> Answer:
    """Return the people the invested works say they serve (the glossary's sum)."""
    totals = work_totals_prepared(_work_filters(question))
    text = _(
        "Las obras con recursos liberados %(scope)s declaran %(people)s "
        "beneficiarios (%(works)s obras). %(definition)s"
    ) % {
        "scope": _scope_words(question),
        "people": f"{totals.beneficiaries:,}",
        "works": f"{totals.invested_works:,}",
        "definition": _(BENEFICIARIES.definition),
    }
    return Answer(
        text,
        figures=[
            Figure(_("Beneficiarios"), str(totals.beneficiaries)),
            Figure(_("Obras con recursos liberados"), str(totals.invested_works)),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
    )


def _period_totals(question: Question) -> Answer:
    """Return the works of a period of years, year by year and added."""
    filters = _work_filters(question)
    rows = {
        int(str(row.keys["year"])): row
        for row in works_aggregated(("year",), filters)
        if row.keys["year"] is not None
        and int(str(row.keys["year"])) in question.period
    }
    invested = sum(
        (row.phases[MoneyGroup.INVESTED].amount for row in rows.values()), ZERO
    )
    works = sum(row.works for row in rows.values())
    invested_works = sum(row.phases[MoneyGroup.INVESTED].works for row in rows.values())
    people = sum(row.beneficiaries or 0 for row in rows.values())
    by_year = "; ".join(
        _("%(year)s: %(amount)s en %(count)s obras")
        % {
            "year": year,
            "amount": format_mxn(rows[year].phases[MoneyGroup.INVESTED].amount),
            "count": rows[year].works,
        }
        if year in rows
        else _("%(year)s: sin obras publicadas") % {"year": year}
        for year in question.period
    )
    text = _(
        "De %(first)s a %(last)s, %(scope)s, se invirtieron %(amount)s (recursos "
        "liberados) en %(invested_count)s de %(count)s obras registradas; "
        "beneficiarios declarados: %(people)s. Por año: %(by_year)s."
    ) % {
        "first": question.period[0],
        "last": question.period[-1],
        "scope": _scope_words(question),
        "amount": format_mxn(invested),
        "invested_count": f"{invested_works:,}",
        "count": f"{works:,}",
        "people": f"{people:,}",
        "by_year": by_year,
    }
    return Answer(
        text,
        figures=[
            Figure(_("Obras registradas"), str(works), _("obras")),
            Figure(_("Invertido (recursos liberados)"), str(invested), MXN),
            Figure(_("Obras con recursos liberados"), str(invested_works), _("obras")),
            Figure(_("Beneficiarios"), str(people)),
        ],
        sources=[_explorer(question, _("Las obras, con su descarga en CSV"))],
    )


# --- Committees ------------------------------------------------------------


def _committee_count(question: Question) -> Answer:
    slots = question.slots
    works = work_list(filters=_work_filters(question))
    committees = Committee.objects.filter(work__in=works.order_by())
    tally = committees_tallied(works)
    count = tally.committees
    scope = _scope_words(question)
    text = ngettext(
        "Hay %(count)s comité de contraloría social %(scope)s",
        "Hay %(count)s comités de contraloría social %(scope)s",
        count,
    ) % {"count": f"{count:,}", "scope": scope}
    text += ngettext(
        ", con %(members)s integrante registrado.",
        ", con %(members)s integrantes registrados.",
        tally.members,
    ) % {"members": f"{tally.members:,}"}
    figures = [
        Figure(_("Comités"), str(count), _("comités")),
        Figure(_("Integrantes"), str(tally.members), _("personas")),
    ]
    if Slot.BY_PLACE in slots:
        places = (
            committees.values("work__municipality__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "work__municipality__name")
        )
        rows = list(places[:LISTED])
        text += " " + _("Los municipios con más: %(rows)s.") % {
            "rows": "; ".join(
                f"{row['work__municipality__name']} ({row['n']})" for row in rows
            )
        }
        figures += [
            Figure(str(row["work__municipality__name"]), str(row["n"]), _("comités"))
            for row in rows
        ]
    return Answer(
        text,
        figures=figures,
        sources=[_explorer(question, _("Las obras de esos comités"))],
    )


ANSWERS: dict[Ask, Callable[[Question], Answer]] = {
    Ask.WORKS_AMOUNT: _works_amount,
    Ask.WORKS_COUNT: _works_amount,
    Ask.WORKS_LIST: _works_list,
    Ask.CONTRACTS: _contracts,
    Ask.WORK_PROGRESS: _work_progress,
    Ask.WORK_CONTRACTOR: _work_contractor,
    Ask.WORK_PAYMENTS: _work_payments,
    Ask.WORK_AMOUNT: _work_amount,
    Ask.GOAL_PROGRESS: _goal_progress,
    Ask.GOAL_COUNT: _goal_count,
    Ask.INDICATOR: _indicator,
    Ask.INDICATOR_COUNT: _indicator_count,
    Ask.COMMITMENT_PROGRESS: _commitment_progress,
    Ask.COMMITMENT_COUNT: _commitment_count,
    Ask.CALLS: _calls,
    Ask.GRANTS_AMOUNT: _grants_amount,
    Ask.GRANTS_COUNT: _grants_count,
    Ask.ORGANIZATIONS: _organizations,
    Ask.REVENUE: revenue_answer,
    Ask.APPLICATIONS: _applications,
    Ask.COMMITTEE_COUNT: _committee_count,
    Ask.BUDGET: budget_answer,
    Ask.CONTRIBUTION: _contribution,
    Ask.RANKING: _ranking,
    Ask.COMPARISON: _comparison,
    Ask.BENEFICIARIES: _beneficiaries,
    Ask.AIDS: aids_answer,
    Ask.AGREEMENTS: agreements_answer,
    Ask.CONSULTATIONS: consultations_answer,
}
PERIOD_ANSWERS = frozenset(
    {Ask.WORKS_AMOUNT, Ask.WORKS_COUNT, Ask.WORKS_LIST, Ask.BENEFICIARIES}
)
