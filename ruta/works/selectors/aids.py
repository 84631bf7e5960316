"""The social aids granted by concept, by municipality and by age group, by the
recipient's sex.

Aggregates only: every cell counts aids and adds their amounts; a cell of
fewer than five aids is withheld, with a second cell of its row or column
when one alone could be worked out from the totals
(``rules.withheld_cells``). No aid is listed, and no recipient's sex is
shown one by one. The instance's scope applies: aids of its state's
municipalities, or of its agencies when an aid names no municipality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from ruta.catalog.instance import instance
from ruta.common.text.money import ZERO
from ruta.works.models import AgeGroup, Aid, AidConcept, RecipientSex
from ruta.works.rules import SMALL_GROUP, withheld_cells

NOT_A_PERSON = ""
# The totals per sex, checked as a row of the table.
TOTAL_ROW = "__total__"
# The row of aids that name no municipality (a statewide aid).
NO_MUNICIPALITY = "sin-municipio"
# The row of aids with no age group (to institutions and municipalities).
NO_AGE = "no-aplica"
# The columns: each sex, then aids to institutions or municipalities.
COLUMNS = (*RecipientSex.values, NOT_A_PERSON)


@dataclass(frozen=True)
class Cell:
    """A count of aids and their amount; both ``None`` when withheld.

    ``column`` is the recipient's sex (``RecipientSex``), blank for aids to
    institutions and municipalities.
    """

    column: str
    aids: int | None
    amount: Decimal | None

    @property
    def withheld(self) -> bool:
        return self.aids is None


@dataclass(frozen=True)
class Row:
    """One concept or municipality: a cell per column and its total."""

    key: str
    label: str
    cells: tuple[Cell, ...]
    aids: int
    amount: Decimal


@dataclass(frozen=True)
class AidTable:
    """A table of aids by sex: its rows, the totals per column and overall."""

    dimension: str  # "concepto", "municipio" or "edad"
    rows: tuple[Row, ...]
    totals: tuple[Cell, ...]
    aids: int
    amount: Decimal


@dataclass(frozen=True)
class AidsView:
    """The year's aids by concept, municipality and age group, and how many
    are demo."""

    year: int
    by_concept: AidTable
    by_municipality: AidTable
    by_age: AidTable
    demo: int


def _in_instance(aids: QuerySet[Aid]) -> QuerySet[Aid]:
    scope = instance()
    if not scope.code:
        return aids
    return aids.filter(
        scope.of_municipality()
        | Q(municipality__isnull=True, agency__in=scope.agencies())
    )


def aid_years() -> list[int]:
    """Return the fiscal years with aids, latest first."""
    years = _in_instance(Aid.objects.granted()).values_list("fiscal_year_id", flat=True)
    return sorted(set(years), reverse=True)


def _table(
    dimension: str,
    sums: dict[tuple[str, str], tuple[int, Decimal]],
    labels: dict[str, str],
) -> AidTable:
    """Return the table, its cells and its totals per sex checked for small groups.

    The totals per column are a row of the table like any other (a sex with
    one aid in the whole year is a group of one); only each row's total and
    the grand total, which name no sex, are always published.
    """
    keys = list(labels)

    def summed(key: str, column: str) -> tuple[int, Decimal]:
        if key == TOTAL_ROW:
            found = [sums.get((k, column), (0, ZERO)) for k in keys]
            return sum(n for n, _ in found), sum((a for _, a in found), ZERO)
        return sums.get((key, column), (0, ZERO))

    counts = {
        (key, column): summed(key, column)[0]
        for key in (*keys, TOTAL_ROW)
        for column in COLUMNS
    }
    withheld = withheld_cells(counts, SMALL_GROUP)

    def cell(key: str, column: str) -> Cell:
        if (key, column) in withheld:
            return Cell(column, None, None)
        aids, amount = summed(key, column)
        return Cell(column, aids, amount)

    rows = tuple(
        Row(
            key,
            labels[key],
            tuple(cell(key, column) for column in COLUMNS),
            sum(summed(key, c)[0] for c in COLUMNS),
            sum((summed(key, c)[1] for c in COLUMNS), ZERO),
        )
        for key in keys
    )
    return AidTable(
        dimension,
        rows,
        tuple(cell(TOTAL_ROW, column) for column in COLUMNS),
        sum(row.aids for row in rows),
        sum((row.amount for row in rows), ZERO),
    )


def _sums(
    aids: QuerySet[Aid], by: str, blank: str = NO_MUNICIPALITY
) -> dict[tuple[str, str], tuple[int, Decimal]]:
    grouped = (
        aids.order_by()
        .values(by, "recipient_sex")
        .annotate(aids=Count("pk"), amount=Sum("amount"))
    )
    return {
        (str(row[by] or blank), row["recipient_sex"]): (
            row["aids"],
            row["amount"] or ZERO,
        )
        for row in grouped
    }


def aids_by_sex(year: int) -> AidsView:
    """Return ``year``'s aids by concept and by municipality, by sex."""
    aids = _in_instance(Aid.objects.of_year(year))
    concepts = {value: str(label) for value, label in AidConcept.choices}
    municipalities = dict(
        aids.filter(municipality__isnull=False)
        .order_by("municipality__name")
        .values_list("municipality_id", "municipality__name")
        .distinct()
    )
    by_municipality = _sums(aids, "municipality_id")
    if any(key == NO_MUNICIPALITY for key, _column in by_municipality):
        municipalities[NO_MUNICIPALITY] = str(_("Sin municipio (estatal)"))
    ages = {value: str(label) for value, label in AgeGroup.choices}
    ages[NO_AGE] = str(_("No aplica (instituciones y municipios)"))
    return AidsView(
        year=year,
        by_concept=_table("concepto", _sums(aids, "concept"), concepts),
        by_municipality=_table("municipio", by_municipality, municipalities),
        by_age=_table("edad", _sums(aids, "age_group", NO_AGE), ages),
        demo=aids.filter(is_demo=True).count(),
    )


# How the open data names each column: in Spanish, whoever builds the files.
SEX_NAMES = {"M": "Mujer", "H": "Hombre", "X": "Otro o no binario", "": "No aplica"}


def aid_rows() -> Iterator[dict[str, object]]:
    """Yield every year's tables as the open data lists them: one row a cell."""
    for year in sorted(aid_years()):
        with translation.override(settings.LANGUAGE_CODE):
            view = aids_by_sex(year)
        for table in (view.by_concept, view.by_municipality, view.by_age):
            lines = [(row.key, row.label, row.cells) for row in table.rows]
            lines.append(("total", "Total", table.totals))
            for key, label, cells in lines:
                for cell in cells:
                    yield {
                        "EJERCICIO": year,
                        "DIMENSION": table.dimension,
                        "CLAVE": key,
                        "VALOR": label,
                        "GRUPO": SEX_NAMES[cell.column],
                        "AYUDAS": cell.aids,
                        "MONTO": cell.amount,
                        "RESERVADO": cell.withheld,
                    }
