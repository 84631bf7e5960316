"""Answer a question about the budget with the budget's own moments.

The budget page's figures, in the glossary's words (``BudgetMoment``): each
entity's expenditure statement of the year (approved, modified, accrued,
paid), the authorised budget a report states in its text, and what the
year's published works were approved, modified and paid. None of them is a
works' money group ("por liberar" is not the approved budget), and the
answer leads with the moment asked.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import cast

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounting.models import StatementKindChoice, StatementLine
from ruta.accounting.records import Classification
from ruta.accounting.selectors import StatementView, year_statement_views
from ruta.catalog.models import Agency
from ruta.common.text.glossary import BudgetMoment
from ruta.common.text.money import format_mxn
from ruta.portal.questions.parse import Question, Slot
from ruta.portal.questions.results import MXN, Answer, Citation, Figure
from ruta.portal.selectors import budget_phases_prepared, budget_year_choice
from ruta.works.models import StatedBudget

# The statement's moments, in the order public accounts give them.
STATEMENT_MOMENTS = (
    BudgetMoment.APPROVED,
    BudgetMoment.MODIFIED,
    BudgetMoment.ACCRUED,
    BudgetMoment.PAID,
    BudgetMoment.BALANCE,
)
# The moments a work's figures carry (the federal lists' columns).
WORK_MOMENTS = (BudgetMoment.APPROVED, BudgetMoment.MODIFIED, BudgetMoment.PAID)


def budget_answer(question: Question) -> Answer:
    """Return the year's budget in its moments, the one asked first."""
    year = question.get(Slot.YEAR) or budget_year_choice().default
    if year is None:
        return Answer(_("No hay presupuesto publicado."), answered=False)
    year = int(year)
    moment = question.get(Slot.MOMENT)
    if question.compared and question.compared[0][0] is Slot.MOMENT:
        moment = question.compared[0][1]
    asked = BudgetMoment(str(moment or BudgetMoment.APPROVED))
    statements = [
        view
        for view in year_statement_views(year)
        if view.statement.kind == StatementKindChoice.EXPENDITURE and view.total
    ]
    stated = list(
        StatedBudget.objects.filter(fiscal_year_id=year).select_related(
            "agency", "source_document"
        )
    )
    if question.compared and question.compared[0][0] is Slot.YEAR:
        return _years_compared(asked, question)
    if question.rank is not None:
        return _budget_ranked(year, asked, statements, question)
    chapter = question.get(Slot.CHAPTER)
    if chapter is not None:
        return _chapter_budget(year, asked, str(chapter), statements, question)
    agency = question.get(Slot.AGENCY)
    if agency is not None:
        return _agency_budget(year, asked, str(agency), statements, stated, question)
    budget = budget_phases_prepared(year)
    sentences, figures = _statements_said(statements, asked, question)
    if asked is BudgetMoment.APPROVED:
        sentences += [_stated_sentence(row) for row in stated]
        figures += [
            Figure(
                _("Presupuesto autorizado que declara el informe"), str(row.amount), MXN
            )
            for row in stated
        ]
    if budget.total.works:
        sentences.append(_works_sentence(budget.total, year))
        figures += [
            Figure(
                _("%(moment)s (obras)") % {"moment": _(moment.label)},
                str(getattr(budget.total, moment.value)),
                MXN,
            )
            for moment in WORK_MOMENTS
        ]
    if not sentences:
        return Answer(
            _("No hay presupuesto publicado del ejercicio %(year)s.") % {"year": year},
            answered=False,
            sources=[_budget_page(year)],
        )
    if not statements:
        sentences.insert(
            0,
            _(
                "No hay estado analítico del presupuesto de egresos del ejercicio "
                "%(year)s."
            )
            % {"year": year},
        )
    return Answer(
        " ".join(sentences),
        figures=figures,
        sources=[_budget_page(year), *_statement_sources(statements, stated)],
    )


def _chapter_lines(view: StatementView) -> list[StatementLine]:
    """Return the statement's chapters: its rows by object of expense."""
    return [
        group.line
        for classification in view.classifications
        if classification.classification == Classification.OBJECT
        for group in classification.groups
    ]


def _budget_ranked(
    year: int, asked: BudgetMoment, statements: list[StatementView], question: Question
) -> Answer:
    """Return the year's chapters (or the agencies with a statement) ordered
    by the moment asked: "¿en qué capítulo se gasta más?"."""
    rank = question.rank
    assert rank is not None  # noqa: S101 - the caller checked
    statements = _agency_asked(statements, question)
    if not statements:
        return Answer(
            _(
                "No hay estado analítico del presupuesto de egresos del ejercicio "
                "%(year)s."
            )
            % {"year": year},
            answered=False,
            sources=[_budget_page(year)],
        )
    named = len(statements) > 1
    if rank.group == "chapter":
        rows = [
            (_chapter_name(line, view, named), getattr(line, asked.value))
            for view in statements
            for line in _chapter_lines(view)
        ]
        group = _("Capítulos")
    else:
        rows = [
            (view.statement.agency.name, getattr(view.total, asked.value))
            for view in statements
        ]
        group = _("Dependencias con estado analítico")
    rows.sort(key=lambda row: row[0])
    rows.sort(key=lambda row: row[1], reverse=rank.descending)
    shown = rows[: rank.limit]
    head = (
        _("%(group)s del presupuesto de egresos %(year)s, de más a menos %(moment)s")
        if rank.descending
        else _(
            "%(group)s del presupuesto de egresos %(year)s, de menos a más %(moment)s"
        )
    ) % {"group": group, "year": year, "moment": _(asked.label).lower()}
    listed = "; ".join(
        f"{index}. {name}: {format_mxn(value)}"
        for index, (name, value) in enumerate(shown, start=1)
    )
    text = f"{head}: {listed}."
    if rank.group == "agency" and len(statements) == 1:
        text += " " + _(
            "Solo esa dependencia publicó su estado analítico de egresos de ese año."
        )
    return Answer(
        text,
        figures=[
            Figure(_("Primer lugar"), shown[0][0]),
            *(Figure(name, str(value), MXN) for name, value in shown),
        ],
        sources=[_budget_page(year), *_statement_sources(statements, [])],
    )


def _expenditure_views(year: int, question: Question) -> list[StatementView]:
    """Return the year's expenditure statements with a total, of the agency asked."""
    views = [
        view
        for view in year_statement_views(year)
        if view.statement.kind == StatementKindChoice.EXPENDITURE and view.total
    ]
    return _agency_asked(views, question)


def _years_compared(asked: BudgetMoment, question: Question) -> Answer:
    """Return one moment of the budget (or of a chapter) in two years, with
    the difference; a year without a statement is said, never taken as zero."""
    chapter = question.get(Slot.CHAPTER)
    what = (
        _("%(moment)s del capítulo %(chapter)s")
        % {"moment": _(asked.label), "chapter": chapter}
        if chapter is not None
        else _("%(moment)s del presupuesto de egresos") % {"moment": _(asked.label)}
    )
    values: list[tuple[int, Decimal | None]] = []
    views_said: list[StatementView] = []
    for _slot, key in question.compared:
        views = _expenditure_views(int(key), question)
        if len(views) > 1:
            return Answer(
                _(
                    "Hay estados analíticos de varias dependencias en %(year)s: "
                    "pregunte por una de ellas."
                )
                % {"year": key},
                answered=False,
                sources=[_budget_page(int(key))],
            )
        line = (
            _chapter_line(views[0], str(chapter)) if views and chapter else None
        ) or (cast(StatementLine, views[0].total) if views and not chapter else None)
        values.append((int(key), None if line is None else getattr(line, asked.value)))
        views_said += views
    missing = [year for year, value in values if value is None]
    said = "; ".join(
        f"{year}, {format_mxn(value)}" for year, value in values if value is not None
    )
    sources = [_budget_page(values[-1][0]), *_statement_sources(views_said, [])]
    if missing:
        text = _(
            "No hay estado analítico del presupuesto de egresos de %(years)s "
            "que lo publique."
        ) % {"years": ", ".join(str(year) for year in missing)}
        if said:
            text += " " + _("%(what)s: %(said)s.") % {"what": what, "said": said}
        return Answer(text, answered=False, sources=sources)
    (first, a), (second, b) = values
    a, b = cast(Decimal, a), cast(Decimal, b)
    difference = b - a
    share = f" ({difference / a * 100:+.1f} %)" if a else ""
    label = _("Diferencia (%(second)s menos %(first)s)") % {
        "second": second,
        "first": first,
    }
    return Answer(
        _("%(what)s: %(said)s. %(label)s: %(difference)s%(share)s.")
        % {
            "what": what,
            "said": said,
            "label": label,
            "difference": format_mxn(difference),
            "share": share,
        },
        figures=[
            Figure(str(first), str(a), MXN),
            Figure(str(second), str(b), MXN),
            Figure(label, str(difference), MXN),
        ],
        sources=sources,
    )


def _chapter_name(line: StatementLine, view: StatementView, named: bool) -> str:
    name = f"{line.key} «{line.name}»"
    return f"{name} — {view.statement.agency.name}" if named else name


def _chapter_line(view: StatementView, chapter: str) -> StatementLine | None:
    """Return the statement's row of ``chapter`` by object of expense, if printed."""
    return next((line for line in _chapter_lines(view) if line.key == chapter), None)


def _chapter_budget(
    year: int,
    asked: BudgetMoment,
    chapter: str,
    statements: list[StatementView],
    question: Question,
) -> Answer:
    """Return one chapter of the year's expenditure statements, each moment."""
    statements = _agency_asked(statements, question)
    found = [
        (view, line)
        for view in statements
        if (line := _chapter_line(view, chapter)) is not None
    ]
    if not found:
        return Answer(
            _(
                "Ningún estado del presupuesto de egresos de %(year)s publica el "
                "capítulo %(chapter)s."
            )
            % {"year": year, "chapter": chapter},
            answered=False,
            sources=[_budget_page(year)],
        )
    order = [asked, *(moment for moment in STATEMENT_MOMENTS if moment is not asked)]
    sentences = []
    figures = []
    for view, line in found:
        parts = "; ".join(
            _("%(moment)s: %(amount)s")
            % {
                "moment": _(moment.label).lower(),
                "amount": format_mxn(getattr(line, moment.value)),
            }
            for moment in order
        )
        sentences.append(
            _(
                "Capítulo %(chapter)s «%(name)s» del presupuesto de egresos "
                "%(year)s de %(agency)s: %(parts)s."
            )
            % {
                "chapter": line.key,
                "name": line.name,
                "year": year,
                "agency": view.statement.agency.name,
                "parts": parts,
            }
        )
        figures += _moments_difference(question, line, sentences)
        suffix = f" — {view.statement.agency.name}" if len(found) > 1 else ""
        figures += [
            Figure(
                _("%(moment)s (capítulo %(chapter)s)")
                % {"moment": _(moment.label), "chapter": line.key}
                + suffix,
                str(getattr(line, moment.value)),
                MXN,
            )
            for moment in STATEMENT_MOMENTS
        ]
    return Answer(
        " ".join(sentences),
        figures=figures,
        sources=[_budget_page(year), *_statement_sources([v for v, _l in found], [])],
    )


def _agency_asked(
    views: list[StatementView], question: Question
) -> list[StatementView]:
    """Return the statements of the agency the question names (or of a unit
    under it); every one when it names none."""
    agency = question.get(Slot.AGENCY)
    if agency is None:
        return views
    return [view for view in views if _of_agency(view.statement.agency, str(agency))]


def _of_agency(agency: Agency | None, code: str) -> bool:
    """Return whether ``agency`` is the one asked, or a unit under it."""
    while agency is not None:
        if agency.code == code:
            return True
        agency = agency.parent
    return False


def _agency_budget(
    year: int,
    asked: BudgetMoment,
    code: str,
    statements: list[StatementView],
    stated: list[StatedBudget],
    question: Question,
) -> Answer:
    """Return one agency's budget: its own statements and stated budget only
    (the works' figures are every agency's, so they are left out)."""
    mine = [view for view in statements if _of_agency(view.statement.agency, code)]
    told = [row for row in stated if _of_agency(row.agency, code)]
    name = Agency.objects.get(code=code).name
    if not mine and not told:
        return Answer(
            _("No hay presupuesto publicado de %(agency)s del ejercicio %(year)s.")
            % {"agency": name, "year": year},
            answered=False,
            sources=[_budget_page(year)],
        )
    sentences, figures = _statements_said(mine, asked, question)
    if asked is BudgetMoment.APPROVED:
        sentences += [_stated_sentence(row) for row in told]
        figures += [
            Figure(
                _("Presupuesto autorizado que declara el informe"), str(row.amount), MXN
            )
            for row in told
        ]
    return Answer(
        " ".join(sentences),
        figures=figures,
        sources=[_budget_page(year), *_statement_sources(mine, told)],
    )


def _statements_said(
    views: list[StatementView], asked: BudgetMoment, question: Question
) -> tuple[list[str], list[Figure]]:
    """Return each statement's moments, the one asked first, its figures
    (named by agency when there are several) and the moments compared."""
    sentences: list[str] = []
    figures: list[Figure] = []
    for view in views:
        sentences.append(_statement_sentence(view, asked))
        figures += _statement_figures(view, len(views) > 1)
        figures += _moments_difference(
            question, cast(StatementLine, view.total), sentences
        )
    return sentences, figures


def _moments_difference(
    question: Question, line: StatementLine, sentences: list[str]
) -> list[Figure]:
    """Say the difference of the two moments compared on ``line`` (the second
    less the first, as a comparison of places says it); return its figures."""
    if len(question.compared) != 2 or question.compared[0][0] is not Slot.MOMENT:
        return []
    first, second = (BudgetMoment(str(key)) for _slot, key in question.compared)
    one, other = getattr(line, first.value), getattr(line, second.value)
    difference = other - one
    label = _("Diferencia (%(second)s menos %(first)s)") % {
        "second": _(second.label).lower(),
        "first": _(first.label).lower(),
    }
    share = f" ({difference / one * 100:+.1f} %)" if one else ""
    sentences.append(f"{label}: {format_mxn(difference)}{share}.")
    figures = [Figure(label, str(difference), MXN)]
    if one:
        figures.append(Figure(_("Diferencia (%)"), f"{difference / one * 100:.1f}"))
    # "¿qué porcentaje del modificado representa lo devengado?": the later
    # moment of the budget's cycle as a share of the earlier.
    earlier, later = sorted((first, second), key=STATEMENT_MOMENTS.index)
    base, part = getattr(line, earlier.value), getattr(line, later.value)
    if base:
        ratio = f"{part / base * 100:.1f}"
        sentences.append(
            _("Lo %(first)s es el %(ratio)s %% de lo %(second)s.")
            % {
                "first": _(later.label).lower(),
                "ratio": ratio,
                "second": _(earlier.label).lower(),
            }
        )
        figures.append(
            Figure(
                _("%(first)s como porcentaje de %(second)s")
                % {"first": _(later.label), "second": _(earlier.label).lower()},
                ratio,
                "%",
            )
        )
    return figures


def _statement_sentence(view: StatementView, asked: BudgetMoment) -> str:
    """Return the statement's moments, the one asked first, in the glossary's words."""
    total = cast(StatementLine, view.total)  # kept only with a total
    order = [asked, *(moment for moment in STATEMENT_MOMENTS if moment is not asked)]
    parts = [
        _("%(moment)s: %(amount)s")
        % {
            "moment": _(moment.label).lower(),
            "amount": format_mxn(getattr(total, moment.value)),
        }
        for moment in order
        if moment in STATEMENT_MOMENTS
    ]
    return _(
        "Presupuesto de egresos %(year)s de %(agency)s (estado analítico al "
        "%(date)s): %(parts)s."
    ) % {
        "year": view.statement.fiscal_year_id,
        "agency": view.statement.agency.name,
        "date": view.statement.as_of.strftime("%d/%m/%Y"),
        "parts": "; ".join(parts),
    }


def _statement_figures(view: StatementView, named: bool) -> list[Figure]:
    total = cast(StatementLine, view.total)  # kept only with a total
    suffix = f" — {view.statement.agency.name}" if named else ""
    return [
        Figure(
            _("%(moment)s (presupuesto de egresos)") % {"moment": _(moment.label)}
            + suffix,
            str(getattr(total, moment.value)),
            MXN,
        )
        for moment in STATEMENT_MOMENTS
    ]


def _stated_sentence(row: StatedBudget) -> str:
    return _(
        "El informe de %(agency)s declara un presupuesto autorizado de %(amount)s."
    ) % {"agency": row.agency.name, "amount": format_mxn(row.amount)}


def _works_sentence(total: object, year: int) -> str:
    """Say what the year's works carry in each moment: not the entity's budget."""
    values: dict[str, Decimal] = {
        moment.value: getattr(total, moment.value) for moment in WORK_MOMENTS
    }
    return _(
        "Las obras publicadas del ejercicio %(year)s suman %(approved)s "
        "aprobados, %(modified)s modificados y %(paid)s pagados: es lo aprobado "
        "para sus obras, no el presupuesto del ente; lo que está por liberar es "
        "otra cifra (dinero de obras), no un momento del presupuesto."
    ) % {
        "year": year,
        "approved": format_mxn(values["approved"]),
        "modified": format_mxn(values["modified"]),
        "paid": format_mxn(values["paid"]),
    }


def _budget_page(year: int) -> Citation:
    return Citation(
        _("El presupuesto del ejercicio, en cada momento"),
        f"{reverse('portal:budget')}?year={year}",
    )


def _statement_sources(
    statements: list[StatementView], stated: list[StatedBudget]
) -> list[Citation]:
    documents = [view.statement.source_document for view in statements]
    cited = [
        Citation(document.name, reverse("sources:detail", args=[document.sha256]))
        for document in documents
    ]
    cited += [
        Citation(
            _("%(name)s, línea %(line)s")
            % {"name": row.source_document.name, "line": row.source_line},
            reverse("sources:detail", args=[row.source_document.sha256]),
        )
        for row in stated
    ]
    return cited


# The revenue statement's columns, as its page labels them (``StatementLine``
# keeps them in the expenditure's fields): estimated, modified, accrued,
# collected.
REVENUE_COLUMNS = (
    ("approved", gettext_lazy("Estimado")),
    ("modified", gettext_lazy("Modificado")),
    ("accrued", gettext_lazy("Devengado")),
    ("paid", gettext_lazy("Recaudado")),
)


def revenue_answer(question: Question) -> Answer:
    """Return the year's revenue statements (Estado Analítico de Ingresos):
    each entity's estimated, modified, accrued and collected revenue, as its
    total row prints them; the budget's words are the expenditure's."""
    if question.compared and question.compared[0][0] is Slot.YEAR:
        return _revenue_years(question)
    year = question.get(Slot.YEAR) or budget_year_choice().default
    if year is None:
        return Answer(_("No hay presupuesto publicado."), answered=False)
    year = int(year)
    statements = [
        view
        for view in year_statement_views(year)
        if view.statement.kind == StatementKindChoice.REVENUE and view.total
    ]
    statements = _agency_asked(statements, question)
    if not statements:
        return Answer(
            _("No hay estado analítico de ingresos publicado del ejercicio %(year)s.")
            % {"year": year},
            answered=False,
            sources=[_budget_page(year)],
        )
    # The moment the question names ("recaudó": collected) comes first.
    moment = question.get(Slot.MOMENT)
    columns = sorted(REVENUE_COLUMNS, key=lambda column: column[0] != moment)
    sentences = []
    figures = []
    for view in statements:
        total = cast(StatementLine, view.total)
        parts = "; ".join(
            _("%(moment)s: %(amount)s")
            % {
                "moment": str(label).lower(),
                "amount": format_mxn(getattr(total, field)),
            }
            for field, label in columns
        )
        sentences.append(
            _(
                "Ingresos %(year)s de %(agency)s (estado analítico de ingresos): "
                "%(parts)s."
            )
            % {"year": year, "agency": view.statement.agency.name, "parts": parts}
        )
        suffix = f" — {view.statement.agency.name}" if len(statements) > 1 else ""
        figures += [
            Figure(
                _("%(moment)s (ingresos)") % {"moment": label} + suffix,
                str(getattr(total, field)),
                MXN,
            )
            for field, label in columns
        ]
    return Answer(
        " ".join(sentences),
        figures=figures,
        sources=[_budget_page(year), *_statement_sources(statements, [])],
    )


def _revenue_years(question: Question) -> Answer:
    """Return two years' revenue one after the other and, when each has one
    statement, the difference of the moment asked (the second less the first);
    a year without a statement is said, never taken as zero."""
    answers = [
        (
            int(key),
            revenue_answer(
                replace(question, slots={**question.slots, Slot.YEAR: key}, compared=())
            ),
        )
        for _slot, key in question.compared
    ]
    text = " ".join(answer.text for _year, answer in answers)
    sources = [source for _year, answer in answers for source in answer.sources]
    if not all(answer.answered for _year, answer in answers):
        return Answer(text, answered=False, sources=sources)
    (first, one), (second, other) = answers
    figures = [*one.figures, *other.figures]
    a, b = one.figures[0], other.figures[0]
    if a.label == b.label:
        difference = Decimal(b.value) - Decimal(a.value)
        label = _("Diferencia (%(second)s menos %(first)s)") % {
            "second": second,
            "first": first,
        }
        share = (
            f" ({difference / Decimal(a.value) * 100:+.1f} %)"
            if Decimal(a.value)
            else ""
        )
        text += f" {label}: {format_mxn(difference)}{share}."
        figures.append(Figure(label, str(difference), MXN))
    return Answer(text, figures=figures, sources=sources)
