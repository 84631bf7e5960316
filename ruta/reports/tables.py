"""The annual results report's tables, regenerated from the database.

Each builder returns a ``ReportTable`` whose id is the id the CECOP reader
gives the same printed table (``tsam_by_subprogram``, ``drought_aid``, …), so
the comparison can pair every regenerated cell with the published one.
Figures are computed by the works selectors and the indicator selectors;
nothing here is typed in or stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from ruta.catalog.models import Agency
from ruta.common.text.folding import normalize_key
from ruta.common.text.money import ZERO
from ruta.indicators.selectors import SUMMARY_LABELS, CardView, summary
from ruta.works.models import Aid, AidConcept, EmergencyAction, WorksProgram
from ruta.works.selectors import WorksAggregateRow, works_by_region, works_by_subprogram

TEXT, COUNT, MONEY, FIGURE = "text", "count", "money", "figure"
# A municipality name, compared by the municipality it names.
PLACE, SEMAPHORE = "place", "semaphore"


@dataclass(frozen=True)
class Column:
    """A column: its key (as the reader names it), header and kind of value."""

    key: str
    label: str
    kind: str = TEXT

    @property
    def is_numeric(self) -> bool:
        """Return whether the column holds figures (aligned right)."""
        return self.kind in (COUNT, MONEY, FIGURE)


@dataclass(frozen=True)
class Cell:
    """A regenerated value and, once compared, the published one and the verdict."""

    value: Any
    published: Any = None
    status: str = ""  # "equal", "different", "unpublished" or "" (no document)


_BLANK = Cell(None)


@dataclass(frozen=True)
class ReportRow:
    """A row: its matching key, its cells by column key (label first), its kind."""

    key: str
    cells: dict[str, Cell]
    is_total: bool = False
    percent: bool = False
    semaphore: str = ""
    published_line: int | None = None

    @property
    def label(self) -> str:
        """Return the row's label (the first column)."""
        return str(self.cells["label"].value)

    def cell(self, key: str) -> Cell:
        """Return the cell of column ``key``; an empty one where the row has none."""
        return self.cells.get(key, _BLANK)

    @property
    def differs(self) -> bool:
        """Return whether any cell differs from the published one."""
        return any(cell.status == "different" for cell in self.cells.values())


@dataclass(frozen=True)
class ReportTable:
    """One table of the report, with the published rows it lacks, if any."""

    id: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[ReportRow, ...]
    missing: tuple[str, ...] = field(default=())
    match_by_position: bool = False

    def value_columns(self) -> tuple[Column, ...]:
        """Return the columns after the label column."""
        return self.columns[1:]


def _cells(label: str, values: dict[str, Any]) -> dict[str, Cell]:
    return {"label": Cell(label), **{key: Cell(value) for key, value in values.items()}}


def agency_programs(agency: Agency) -> list[WorksProgram]:
    """Return the works programs ``agency`` runs, in the order they were defined."""
    return list(WorksProgram.objects.filter(agency=agency).order_by("pk"))


def program_prefix(program: WorksProgram) -> str:
    """Return the short name tables of ``program`` are known by (``tsam``)."""
    return (program.acronym or program.code).lower()


_SOURCE_COLUMNS = ("municipality", "community", "federal", "other")


def _works_columns(rows: list[WorksAggregateRow], label: str) -> tuple[Column, ...]:
    """Return the works columns the data needs: sources only when not all state."""
    total = rows[-1]
    columns = [Column("label", label), Column("works", _("Número de obras"), COUNT)]
    if total.total != total.state:
        columns.append(Column("total", _("Inversión total"), MONEY))
    columns.append(Column("state", _("Estatal (CECOP)"), MONEY))
    names = {
        "municipality": _("Municipio"),
        "community": _("Comunidad"),
        "federal": _("Federal"),
        "other": _("Otras fuentes"),
    }
    columns += [
        Column(name, names[name], MONEY)
        for name in _SOURCE_COLUMNS
        if total.total != total.state and getattr(total, name)
    ]
    columns.append(Column("beneficiaries", _("Beneficiarios"), COUNT))
    return tuple(columns)


def _works_table(
    table_id: str, title: str, sheet: str, rows: list[WorksAggregateRow], label: str
) -> ReportTable:
    columns = _works_columns(rows, label)
    return ReportTable(
        id=table_id,
        title=title,
        sheet=sheet,
        columns=columns,
        rows=tuple(
            ReportRow(
                key="TOTAL" if row.is_total else normalize_key(row.label),
                is_total=row.is_total,
                cells=_cells(
                    row.label,
                    {column.key: getattr(row, column.key) for column in columns[1:]},
                ),
            )
            for row in rows
        ),
    )


def works_tables(agency: Agency, year: int) -> list[ReportTable]:
    """Return works by subprogram and by region for each program of ``agency``."""
    tables = []
    for program in agency_programs(agency):
        prefix = program_prefix(program)
        name = program.acronym or program.name
        by_subprogram = works_by_subprogram(year, program.code)
        by_region = works_by_region(year, program.code)
        tables += [
            _works_table(
                f"{prefix}_by_subprogram",
                _("Obras realizadas por subprograma, %(year)s — %(program)s")
                % {"year": year, "program": program.name},
                _("%(program)s por subprograma") % {"program": name},
                by_subprogram,
                _("Subprograma"),
            ),
            _works_table(
                f"{prefix}_by_region",
                _("Obras realizadas por región, %(year)s — %(program)s")
                % {"year": year, "program": program.name},
                _("%(program)s por región") % {"program": name},
                by_region,
                _("Región"),
            ),
        ]
    return tables


def _total_row(cells: dict[str, Any]) -> ReportRow:
    return ReportRow(key="TOTAL", cells=_cells(_("Total"), cells), is_total=True)


def drought_table(agency: Agency, year: int) -> ReportTable:
    """Return the drought-emergency actions of ``agency`` in document order."""
    actions = list(
        EmergencyAction.objects.filter(agency=agency, fiscal_year_id=year)
        .select_related("municipality")
        .order_by("source_document", "source_row", "pk")
    )
    rows = [
        ReportRow(
            key=str(number),
            cells=_cells(
                action.concept,
                {
                    "municipality": action.municipality.name
                    if action.municipality
                    else action.municipality_as_printed,
                    "amount": action.amount,
                },
            ),
        )
        for number, action in enumerate(actions, start=1)
    ]
    total = sum((action.amount for action in actions), ZERO)
    declaration = actions[0].declaration if actions else ""
    return ReportTable(
        id="drought_aid",
        title=" — ".join(
            part
            for part in (_("Ayudas prioritarias a municipios por sequía"), declaration)
            if part
        ),
        sheet=_("Sequía"),
        columns=(
            Column("label", _("Concepto")),
            Column("municipality", _("Municipio"), PLACE),
            Column("amount", _("Inversión estatal"), MONEY),
        ),
        rows=(*rows, _total_row({"amount": total})),
        match_by_position=True,
    )


def aid_table(agency: Agency, year: int) -> ReportTable:
    """Return aid of ``agency`` (and its units) by spending concept, with total."""
    amounts = dict(
        Aid.objects.of_year(year)
        .filter(Q(agency=agency) | Q(agency__parent=agency))
        .values_list("concept")
        .annotate(amount=Sum("amount"))
    )
    with translation.override("es-mx"):
        keys = {concept: normalize_key(str(concept.label)) for concept in AidConcept}
    rows = [
        ReportRow(
            key=keys[concept],
            cells=_cells(
                str(concept.label),
                {"number": number, "amount": amounts.get(concept, ZERO)},
            ),
        )
        for number, concept in enumerate(AidConcept, start=1)
    ]
    total = sum((amounts.get(concept, ZERO) for concept in AidConcept), ZERO)
    return ReportTable(
        id="aid_by_concept",
        title=_("Inversión estatal distribuida en ayudas diversas %(year)s")
        % {"year": year},
        sheet=_("Ayudas por concepto"),
        columns=(
            Column("label", _("Concepto")),
            Column("number", _("No."), COUNT),
            Column("amount", _("Inversión estatal"), MONEY),
        ),
        rows=(*rows, _total_row({"amount": total})),
    )


def indicator_table(views: list[CardView], year: int) -> ReportTable:
    """Return each indicator: baseline, results per year, computed figure, semáforo."""
    baseline_year = min((view.card.baseline_year for view in views), default=year)
    years = range(baseline_year + 1, year + 1)
    columns = (
        Column("label", _("Indicador")),
        Column("baseline", _("Línea base %(year)s") % {"year": baseline_year}, FIGURE),
        *(
            Column(
                f"result {number}", _("Resultado %(year)s") % {"year": number}, FIGURE
            )
            for number in years
        ),
        Column("computed", _("Calculado con datos %(year)s") % {"year": year}, FIGURE),
        Column("semaphore", _("Semáforo (respecto a línea base)"), SEMAPHORE),
    )
    rows = []
    for view in views:
        published = {item.year: item.published for item in view.years}
        computed = {item.year: item.computed for item in view.years}
        values = {
            "baseline": view.baseline,
            **{f"result {number}": published.get(number) for number in years},
            "computed": computed.get(year),
            "semaphore": view.semaphore_label,
        }
        rows.append(
            ReportRow(
                key=view.card.key,
                cells=_cells(view.card.name, values),
                percent=view.is_percent,
                semaphore=view.semaphore.value,
            )
        )
    return ReportTable(
        id="indicator_results",
        title=_("Resultados de los indicadores de los objetivos"),
        sheet=_("Indicadores"),
        columns=columns,
        rows=tuple(rows),
    )


def summary_table(views: list[CardView]) -> ReportTable:
    """Return the semáforo summary computed from the indicators' semáforos."""
    counts = summary(views)
    return ReportTable(
        id="semaphore_summary",
        title=_("Resumen de resultados de indicadores"),
        sheet=_("Semáforo"),
        columns=(
            Column("label", _("Resumen")),
            *(Column(key, str(label), COUNT) for key, label in SUMMARY_LABELS.items()),
        ),
        rows=(ReportRow(key="SUMMARY", cells=_cells(_("Indicadores"), counts)),),
        match_by_position=True,
    )
