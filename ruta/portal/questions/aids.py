"""Answer a question about social aids with the aids page's own tables.

The aids are published only as aggregates (``ruta.works.selectors.aids``):
a year's aids by concept, by municipality and by age group, each by the
recipient's sex, with small groups withheld. The answer reads one cell of
those tables, the one the question names, and never adds aids up itself:
a cell the page withholds is withheld here too, and a question that
crosses two of the tables (a concept in one municipality) is declined,
since no published table holds that figure.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ruta.catalog.models import Municipality
from ruta.common.text.money import ZERO, format_mxn
from ruta.portal.questions.parse import SEXES_BOTH, Question, Rank, Slot
from ruta.portal.questions.results import MXN, Answer, Citation, Figure
from ruta.portal.selectors import aid_year_choice
from ruta.works.models import AgeGroup, AidConcept, RecipientSex
from ruta.works.selectors.aids import (
    NO_MUNICIPALITY,
    AidsView,
    AidTable,
    Cell,
    aids_by_sex,
)

# The people the answer breaks a row into when the question names no sex.
SEXES_SHOWN = tuple(RecipientSex(sex) for sex in SEXES_BOTH)
# Each row-naming part of a question and the table whose rows it names.
ROW_SLOTS = (Slot.AID_CONCEPT, Slot.MUNICIPALITY, Slot.AGE)
# Who an aid went to, as the answer says it ("a mujeres de 60 años o más").
SEX_PEOPLE = {
    RecipientSex.WOMAN: gettext_lazy("mujeres"),
    RecipientSex.MAN: gettext_lazy("hombres"),
    RecipientSex.OTHER: gettext_lazy("personas de otro sexo o no binarias"),
}


def aids_answer(question: Question) -> Answer:
    """Return the year's aids of the row and sex the question names."""
    choice = aid_year_choice()
    year = int(question.get(Slot.YEAR) or choice.default or 0)
    if year not in choice.years:
        return Answer(
            _("No hay ayudas sociales otorgadas publicadas de %(year)s.")
            % {"year": year or "—"},
            answered=False,
            sources=_sources(None),
        )
    if question.rank is not None:
        return _ranked_answer(question, year, question.rank)
    rows = [slot for slot in ROW_SLOTS if slot in question.slots]
    if Slot.AGE in rows and question.get(Slot.AID_CONCEPT) == AidConcept.PERSONS:
        # "a personas de 60 años o más": an age group is of persons already.
        rows.remove(Slot.AID_CONCEPT)
    if len(rows) > 1:
        return Answer(
            _(
                "Las ayudas se publican por concepto, por municipio o por grupo de "
                "edad, cada uno por sexo, pero no cruzados entre sí: pregunte por "
                "uno de ellos."
            ),
            answered=False,
            sources=_sources(year),
        )
    view = aids_by_sex(year)
    table, key = _table_and_key(view, question, rows[0] if rows else None)
    cells = _row_cells(table, key)
    sex = question.get(Slot.SEX)
    if sex is not None:
        return _sex_answer(question, year, cells, str(sex))
    return _row_answer(question, year, cells)


# How an aids ranking begins, by (ranked by count, most first).
CONCEPT_HEADS = {
    (True, True): gettext_lazy(
        "Conceptos con más ayudas sociales otorgadas en %(year)s, de "
        "%(places)s con alguna: %(listed)s."
    ),
    (True, False): gettext_lazy(
        "Conceptos con menos ayudas sociales otorgadas en %(year)s, de "
        "%(places)s con alguna: %(listed)s."
    ),
    (False, True): gettext_lazy(
        "Conceptos con más dinero en ayudas sociales otorgadas en %(year)s, de "
        "%(places)s con alguna: %(listed)s."
    ),
    (False, False): gettext_lazy(
        "Conceptos con menos dinero en ayudas sociales otorgadas en %(year)s, de "
        "%(places)s con alguna: %(listed)s."
    ),
}
RANK_HEADS = {
    (True, True): gettext_lazy(
        "Municipios con más ayudas sociales otorgadas en %(year)s, de "
        "%(places)s que recibieron alguna: %(listed)s."
    ),
    (True, False): gettext_lazy(
        "Municipios con menos ayudas sociales otorgadas en %(year)s, de "
        "%(places)s que recibieron alguna: %(listed)s."
    ),
    (False, True): gettext_lazy(
        "Municipios con más dinero en ayudas sociales otorgadas en %(year)s, de "
        "%(places)s que recibieron alguna: %(listed)s."
    ),
    (False, False): gettext_lazy(
        "Municipios con menos dinero en ayudas sociales otorgadas en %(year)s, "
        "de %(places)s que recibieron alguna: %(listed)s."
    ),
}


def _ranked_answer(question: Question, year: int, rank: Rank) -> Answer:
    """Return the municipalities (or the concepts) first or last by their
    aids' money or count.

    Read off the page's table by municipality or by concept, whose rows'
    totals are published whole; a ranking by sex or age, or of one row,
    would cross it with another table or rank withheld cells: declined.
    """
    if {Slot.SEX, Slot.AID_CONCEPT, Slot.AGE, Slot.MUNICIPALITY} & set(question.slots):
        return Answer(
            _(
                "Los municipios y los conceptos se ordenan por el total de sus "
                "ayudas del año; ese total no se publica por sexo, concepto ni edad."
            ),
            answered=False,
            sources=_sources(year),
        )
    view = aids_by_sex(year)
    by_concept = rank.group == "aid_concept"
    table = view.by_concept if by_concept else view.by_municipality
    rows = [row for row in table.rows if row.key != NO_MUNICIPALITY]
    by_count = rank.measure == "count"
    rows.sort(key=lambda row: row.label)
    rows.sort(
        key=lambda row: row.aids if by_count else row.amount, reverse=rank.descending
    )
    shown = rows[: rank.limit]
    listed = "; ".join(
        ngettext(
            "%(index)s. %(name)s: %(amount)s en %(count)s ayuda",
            "%(index)s. %(name)s: %(amount)s en %(count)s ayudas",
            row.aids,
        )
        % {
            "index": index,
            "name": row.label,
            "amount": format_mxn(row.amount),
            "count": f"{row.aids:,}",
        }
        for index, row in enumerate(shown, start=1)
    )
    heads = CONCEPT_HEADS if by_concept else RANK_HEADS
    text = heads[(by_count, rank.descending)] % {
        "year": year,
        "places": len(rows),
        "listed": listed,
    }
    figures = [Figure(_("Primer lugar"), shown[0].label)] if shown else []
    figures += [
        Figure(row.label, str(row.aids), _("ayudas"))
        if by_count
        else Figure(row.label, str(row.amount), MXN)
        for row in shown
    ]
    return Answer(text, figures=figures, sources=_sources(year))


def _table_and_key(
    view: AidsView, question: Question, slot: Slot | None
) -> tuple[AidTable, str | None]:
    """Return the table holding the row asked and the row's key (None: totals)."""
    if slot is Slot.MUNICIPALITY:
        return view.by_municipality, str(question.slots[slot])
    if slot is Slot.AGE:
        return view.by_age, str(question.slots[slot])
    if slot is Slot.AID_CONCEPT:
        return view.by_concept, str(question.slots[slot])
    return view.by_concept, None


def _row_cells(table: AidTable, key: str | None) -> dict[str, Cell] | None:
    """Return the row's cells by sex, with its total under ``"total"``; None
    when the year has no aid in that row."""
    if key is None:
        cells = {cell.column: cell for cell in table.totals}
        cells["total"] = Cell("total", table.aids, table.amount)
        return cells
    for row in table.rows:
        if row.key == key:
            cells = {cell.column: cell for cell in row.cells}
            cells["total"] = Cell("total", row.aids, row.amount)
            return cells
    return None


def _scope(question: Question, year: int) -> str:
    """Return what the answer counts, in words: "en 2024, a mujeres de …"."""
    parts = [_("en %(year)s") % {"year": year}]
    concept = question.get(Slot.AID_CONCEPT)
    if concept is not None:
        parts.append(
            _("de «%(concept)s»") % {"concept": AidConcept(str(concept)).label}
        )
    municipality = question.get(Slot.MUNICIPALITY)
    if municipality is not None:
        name = Municipality.objects.get(code=municipality).name
        parts.append(_("en %(municipality)s") % {"municipality": name})
    sex = question.get(Slot.SEX)
    people = SEX_PEOPLE[RecipientSex(str(sex))] if sex is not None else _("personas")
    age = question.get(Slot.AGE)
    if age is not None:
        parts.append(
            _("a %(people)s de %(age)s")
            % {"people": people, "age": AgeGroup(str(age)).label}
        )
    elif sex is not None:
        parts.append(_("a %(people)s") % {"people": people})
    return " ".join(parts)


def _sex_answer(
    question: Question, year: int, cells: dict[str, Cell] | None, sex: str
) -> Answer:
    """Return the aids of one sex in the row, or say the page withholds it."""
    cell = (cells or {}).get(sex) or Cell(sex, 0, None)
    if cell.withheld:
        return Answer(
            _(
                "La cifra de las ayudas %(scope)s se reserva: son menos de cinco, "
                "o permitiría deducir otra reservada."
            )
            % {"scope": _scope(question, year)},
            answered=False,
            sources=_sources(year),
        )
    count = cell.aids or 0
    amount = cell.amount
    text = _("Ayudas sociales otorgadas %(scope)s: %(count)s, por %(amount)s.") % {
        "scope": _scope(question, year),
        "count": f"{count:,}",
        "amount": format_mxn(amount if amount is not None else ZERO),
    }
    figures = [Figure(_("Ayudas otorgadas"), str(count), _("ayudas"))]
    if amount is not None:
        figures.append(Figure(_("Monto otorgado"), str(amount), MXN))
    return Answer(text, figures=figures, sources=_sources(year))


def _row_answer(question: Question, year: int, cells: dict[str, Cell] | None) -> Answer:
    """Return the row's aids and amount, with each sex's where published."""
    total = (cells or {}).get("total") or Cell("total", 0, None)
    count = total.aids or 0
    text = _("Ayudas sociales otorgadas %(scope)s: %(count)s, por %(amount)s.") % {
        "scope": _scope(question, year),
        "count": f"{count:,}",
        "amount": format_mxn(total.amount or ZERO),
    }
    figures = [Figure(_("Ayudas otorgadas"), str(count), _("ayudas"))]
    if total.amount is not None:
        figures.append(Figure(_("Monto otorgado"), str(total.amount), MXN))
    said = []
    shown = [(sex, (cells or {}).get(sex)) for sex in SEXES_SHOWN]
    # Donations and aids to institutions went to no person: no sex to say.
    to_people = any(cell and (cell.withheld or cell.aids) for _sex, cell in shown)
    for sex, cell in shown if to_people else ():
        people = SEX_PEOPLE[sex]
        if cell is not None and cell.withheld:
            said.append(_("a %(people)s, reservado") % {"people": people})
            continue
        aids = cell.aids or 0 if cell else 0
        said.append(
            _("a %(people)s, %(count)s por %(amount)s")
            % {
                "people": people,
                "count": f"{aids:,}",
                "amount": format_mxn(cell.amount or ZERO if cell else ZERO),
            }
        )
        label = _("Ayudas a %(people)s") % {"people": people}
        figures.append(Figure(label, str(aids), _("ayudas")))
    if said:
        text += " " + _("De ellas: %(parts)s.") % {"parts": "; ".join(said)}
    return Answer(text, figures=figures, sources=_sources(year))


def _sources(year: int | None) -> list[Citation]:
    """Return the aids page of the year and its dataset."""
    page = reverse("portal:aids") + (f"?year={year}" if year else "")
    return [
        Citation(_("Ayudas sociales por sexo"), page),
        Citation(
            _("Ayudas sociales (datos abiertos)"),
            reverse("opendata:dataset", args=["ayudas-sociales"]),
        ),
    ]
