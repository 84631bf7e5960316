"""The whole demo export validates with the standards' own tools: 0 errors.

Every published work of the demo (the 2024 works and the real federal works
lists, many of them without funding rows or coordinates) as a national
instance exports it and as Sonora's instance does, checked by libcoveoc4ids
and libcoveocds offline; not a package of two works built to pass. The
same world published whole: its data package by Frictionless (every
resource, every key) and its catalogue by DCAT-AP 3.0.0's SHACL shapes,
every registered dataset included, so one added later is checked too.

The world is published once as Sonora's instance publishes it, and the
parity tests below walk the demo's Sonora 2024 pages against its files and
the API, figure by figure; each table's Parquet file is read back too.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal

import duckdb
import frictionless
import pyarrow.parquet as pyarrow_parquet
import pytest
from django.db import transaction
from django.test import override_settings
from django.utils.translation import gettext
from libcoveoc4ids.api import oc4ids_json_output
from libcoveocds.api import ocds_json_output
from ocdskit.combine import merge as ocdskit_merge
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import DCTERMS

from ruta.accounts.actors import command_actor
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.common.text.glossary import MoneyGroup
from ruta.demo.flags import flags_demo_load
from ruta.demo.modifications import modifications_demo_load
from ruta.demo.oversight import oversight_demo_load
from ruta.demo.published import (
    federal_works_import,
    ocds_samples_import,
)
from ruta.ingest.ocds.validate import release_schema
from ruta.opendata.datasets import DATASETS, tables
from ruta.opendata.dcat import catalogue_graph
from ruta.opendata.models import DatasetVersion
from ruta.opendata.normalise import OCID_PREFIX, published_ocid
from ruta.opendata.oc4ids import oc4ids_package
from ruta.opendata.ocds import ocds_package
from ruta.opendata.parquet import parquet_schema
from ruta.opendata.selectors import SOURCE_COLUMNS
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests import parity
from ruta.opendata.tests.offline import no_network, served  # noqa: F401
from ruta.opendata.tests.test_validation import _oc4ids_config, _ocds_config
from ruta.participation.models import Committee, OversightVisit
from ruta.participation.selectors import work_oversight
from ruta.portal.places import municipality_money, region_money
from ruta.portal.selectors import year_money
from ruta.reports.selectors import annual_report
from ruta.reports.tables import agency_programs, program_prefix
from ruta.works.models import (
    BudgetModification,
    Contract,
    ContractingProcess,
    ContractingRelease,
    Payment,
    Progress,
    Work,
    published_condition,
)
from ruta.works.selectors.budget import budget_phases
from ruta.works.selectors.contracting import process_in_instance_condition
from ruta.works.selectors.contractors import contractor_summary
from ruta.works.selectors.explore import work_totals_prepared
from ruta.works.selectors.works import WorkFilters, work_detail
from testkit.seeds import data_path
from testkit.world import constraints_settled, demo_written

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]
URI = "https://datos.example.org/es-mx/datos/"
CENTAVO = Decimal("0.01")
SONORA = "26"
INSTANCES = {"national": "", "sonora": SONORA}
# The first SQL block of docs/opendata.md: its DuckDB example.
DUCKDB_EXAMPLE = re.compile(r"```sql\n(.*?)```", re.DOTALL)


@pytest.fixture(scope="module")
def demo_export(django_db_setup, django_db_blocker):
    """The demo's works (with their committees' oversight, modifications and
    flags), federal lists and OCDS samples, shared by the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_written()
        oversight_demo_load()
        modifications_demo_load()
        federal_works_import()
        ocds_samples_import()
        flags_demo_load()
        constraints_settled()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def sonora():
    """Sonora's instance (the demo's state), for the module's published world."""
    with override_settings(RUTA_STATE=SONORA):
        yield


@pytest.fixture(scope="module")
def demo_published(demo_export, sonora, django_db_blocker):
    """The demo world's open data as Sonora's instance publishes it, once."""
    with django_db_blocker.unblock():
        publish_datasets(actor=command_actor("test"))


def test_the_demos_whole_data_package_is_valid_frictionless_data(
    demo_published, tmp_path
):
    package = DatasetVersion.objects.of("paquete").first().files.get(format="zip")
    with package.file.open("rb") as handle:
        zipfile.ZipFile(io.BytesIO(handle.read())).extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    errors = [error.message for task in report.tasks for error in task.errors]
    assert errors == []
    assert {task.name for task in report.tasks} == {d.slug for d in tables()}
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["obras"] == Work.objects.published().count()
    # The records a work's page lists, one row each: none left out.
    published = published_condition("work__")
    assert rows["contratos"] == Contract.objects.filter(published).count() > 0
    assert (
        rows["pagos"]
        >= Payment.objects.filter(published_condition("contract__work__")).count()
        > 0
    )
    assert rows["avances"] == Progress.objects.filter(published).count() > 0
    assert rows["comites"] == Committee.objects.filter(published).count() > 0
    visits = OversightVisit.objects.filter(published_condition("committee__work__"))
    assert rows["comites-visitas"] == visits.count() > 0
    assert (
        rows["modificaciones"]
        >= (BudgetModification.objects.filter(published).approved().count())
        > 0
    )


def test_the_demos_catalogue_conforms_to_dcat_ap_3(demo_published):
    shapes = Graph().parse(
        data_path("schemas/dcat-ap/dcat-ap-3.0.0-shacl.ttl"), format="turtle"
    )
    graph = catalogue_graph(site="https://datos.example.org")
    conforms, _report, text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert conforms, text
    listed = {str(slug) for slug in graph.objects(None, DCTERMS.identifier)}
    assert {dataset.slug for dataset in DATASETS.values()} <= listed


def test_ocdskit_compiles_every_stored_process_as_the_platform_does(
    demo_export,
    no_network,  # noqa: F811
):
    """The reference tool merges each process's stored releases (the samples'
    files, kept as published) to the same processes and tender amounts."""
    by_process: dict[str, list[tuple[dict, str]]] = {}
    for ocid, data, version in ContractingRelease.objects.order_by("pk").values_list(
        "process__ocid", "data", "version"
    ):
        by_process.setdefault(ocid, []).append((data, version or "1.1"))
    compiled = {}
    for ocid, releases in by_process.items():
        packages = [
            {"version": version, "releases": [data]} for data, version in releases
        ]
        [release] = ocdskit_merge(
            packages, schema=release_schema(), ignore_version=True
        )
        compiled[ocid] = release
    stored = ContractingProcess.objects.all()
    assert set(compiled) == {process.ocid for process in stored}
    for process in stored:
        tender_value = (compiled[process.ocid].get("tender") or {}).get("value") or {}
        if tender_value.get("amount") is not None:
            # To the centavo: a source's float noise (72349.20000000001) is
            # kept in its release as published, the amount to the centavo.
            amount = Decimal(str(tender_value["amount"])).quantize(CENTAVO)
            assert amount == process.amount, process.ocid


@pytest.fixture
def schemas_url(no_network):  # noqa: F811
    with served(data_path("schemas")) as base:
        yield base
    assert no_network == []


@pytest.mark.parametrize("instance", INSTANCES)
def test_the_whole_oc4ids_export_has_no_validation_error(
    demo_export, schemas_url, instance
):
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        package = json.loads("".join(oc4ids_package(uri=f"{URI}oc4ids.json")))
        published = Work.objects.published().count()
    result = oc4ids_json_output(
        json_data=package, lib_cove_oc4ids_config=_oc4ids_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert len(package["projects"]) == published
    without_funding = [
        project for project in package["projects"] if "budgetBreakdowns" not in project
    ]
    assert without_funding, "the federal works without funding rows are exported"
    assert all("amount" in project["budget"] for project in without_funding)


@pytest.mark.parametrize("instance", INSTANCES)
def test_the_whole_ocds_export_has_no_validation_error(
    demo_export, schemas_url, instance
):
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        package = json.loads("".join(ocds_package(uri=f"{URI}ocds.json")))
    result = ocds_json_output(
        json_data=package, lib_cove_ocds_config=_ocds_config(schemas_url)
    )
    assert result["validation_errors"] == []
    assert result.get("additional_closed_codelist_values", {}) == {}
    with override_settings(RUTA_STATE=INSTANCES[instance]):
        published = ContractingProcess.objects.filter(process_in_instance_condition())
        imported = set(published.values_list("ocid", flat=True))
    # Every process read from OCDS files that the instance shows is
    # republished under its own ocid, or under the instance's prefix when it
    # has none registered, beside the contracts captured here.
    ocids = {release["ocid"] for release in package["releases"]}
    assert {published_ocid(ocid) for ocid in imported} <= ocids
    mended = package["x_normalizacion"]
    unprefixed = {ocid for ocid in imported if not OCID_PREFIX.match(ocid)}
    assert mended["ocidsConPrefijo"] == len(unprefixed)
    assert all(f"ocds-ruta00-{ocid}" in ocids for ocid in unprefixed)
    if instance == "national":
        assert unprefixed, "the samples hold ocids without a publisher prefix"
        # The samples' 41 processes (60 files), Mexico City's among them, and
        # the two of the flags' demonstration package (``demo.documents.ocds``).
        assert len(imported) == ContractingProcess.objects.count() == 41 + 2
        demonstration = ContractingProcess.objects.filter(document__is_demo=True)
        assert demonstration.count() == 2
        assert "OCDS-87SD3T-AD-SF-DRM-063-2015" in imported


# ------------------------------------------------------------------ parity
# Every figure the demo's Sonora 2024 pages show, rebuilt from the published
# CSV files (``parity.published_rows``) and asked of the API: the same number.
# The pages' figures are read from the selectors their views render.

YEAR = 2024


@pytest.fixture(scope="module")
def works_2024(demo_published, django_db_blocker):
    """The published works dataset's 2024 rows, read once."""
    with django_db_blocker.unblock():
        rows = parity.published_rows("obras")
    return [row for row in rows if row["EJERCICIO"] == str(YEAR)]


def _invested(rows):
    return [row for row in rows if row["GRUPO"] == MoneyGroup.INVESTED]


def _assert_totals(totals, rows, where):
    """The explorer's totals of a selection equal its rows' sums."""
    invested = _invested(rows)
    assert totals.works == len(rows), where
    assert totals.invested_works == len(invested), where
    assert totals.invested == parity.total(invested, "INVERSION_TOTAL"), where
    # One definition of beneficiaries: those of the invested works.
    assert totals.beneficiaries == parity.count(invested, "BENEFICIARIOS"), where
    by_group = parity.grouped(rows, lambda row: row["GRUPO"])
    for figure in totals.phases:
        members = by_group.get(figure.group, [])
        assert figure.works == len(members), (where, figure.group)
        assert figure.amount == parity.total(members, "INVERSION_TOTAL"), where
    columns = {source: column for column, source in SOURCE_COLUMNS.items()}
    for share in totals.by_source:
        summed = parity.total(invested, columns[share.source])
        assert share.amount == summed, (where, share.source)


def _api(client, path, **query):
    response = client.get(f"/api/v1/{path}", query)
    assert response.status_code == 200, response.content
    return response.json()


def _assert_aggregate(row, rows, where):
    """An API aggregate's figures equal the rows' sums."""
    invested = _invested(rows)
    assert row["works"] == len(rows), where
    assert row["beneficiaries"] == parity.count(invested, "BENEFICIARIOS"), where
    by_group = parity.grouped(rows, lambda item: item["GRUPO"])
    for group, figure in row["phases"].items():
        members = by_group.get(group, [])
        assert figure["works"] == len(members), (where, group)
        assert Decimal(figure["investment"]) == parity.total(
            members, "INVERSION_TOTAL"
        ), (where, group)


def test_the_home_and_explorer_totals_are_the_works_dataset_and_the_api(
    works_2024, client
):
    home = year_money(YEAR)
    _assert_totals(home.totals, works_2024, "home")
    _assert_totals(work_totals_prepared(WorkFilters(year=YEAR)), works_2024, "explorer")
    [row] = _api(client, "works/aggregates", by="year", year=YEAR)
    _assert_aggregate(row, works_2024, "api")


def test_every_place_page_is_its_rows_of_the_works_dataset_and_the_api(
    works_2024, client
):
    by_municipality = parity.grouped(works_2024, lambda row: row["CVE_MUNICIPIO"])
    api = {
        row["keys"]["municipality"]: row
        for row in _api(client, "works/aggregates", by="municipality", year=YEAR)
    }
    municipalities = instance().municipalities().filter(code__in=by_municipality)
    assert municipalities.count() == len(by_municipality) - ("" in by_municipality)
    for municipality in municipalities:
        rows = by_municipality[municipality.code]
        money = municipality_money(municipality, YEAR)
        _assert_totals(money.totals, rows, municipality.name)
        _assert_aggregate(api[municipality.code], rows, municipality.name)
    by_region = parity.grouped(works_2024, lambda row: row["REGION"])
    for region in instance().regions():
        rows = by_region.get(region.name, [])
        _assert_totals(region_money(region, YEAR).totals, rows, region.name)


def test_the_budget_page_is_the_works_datasets_money_columns(works_2024):
    budget = budget_phases(YEAR)
    lines = parity.grouped(works_2024, lambda row: (row["EJECUTORA"], row["PROGRAMA"]))
    assert len(budget.lines) == len(lines)
    for line in [*budget.lines, budget.total]:
        rows = lines[(line.agency, line.program)] if line.agency else works_2024
        over = [row for row in rows if parity.money(row["EJERCIDO_SOBRE_MODIFICADO"])]
        where = (line.agency, line.program)
        assert line.works == len(rows), where
        assert line.approved == parity.total(rows, "APROBADO"), where
        assert line.modified == parity.total(rows, "MODIFICADO"), where
        assert line.paid == parity.total(rows, "EJERCIDO"), where
        assert line.overspent_works == len(over), where
        assert line.overspent == parity.total(over, "EJERCIDO_SOBRE_MODIFICADO")
    assert budget.total.modified != budget.total.approved, "modifications show"


def test_contracts_payments_and_contractor_pages_are_the_datasets(
    demo_published, client
):
    contracts = parity.published_rows("contratos")
    payments = parity.published_rows("pagos")
    shown = Contract.objects.filter(published_condition("work__"))
    assert len(contracts) == shown.count() > 0
    captured = [row for row in payments if row["ORIGEN"] == "contrato"]
    assert len(captured) == Payment.objects.filter(contract__in=shown).count() > 0
    paid = parity.grouped(captured, lambda row: row["ID_PAGO"].rsplit("/", 1)[0])
    for row in contracts:
        mine = paid.get(row["ID_CONTRATO"], [])
        assert int(row["PAGOS"]) == len(mine), row["ID_CONTRATO"]
        assert parity.money(row["PAGADO"]) == parity.total(mine, "MONTO")
    by_work = parity.grouped(contracts, lambda row: row["FOLIO_OBRA"])
    for folio, rows in by_work.items():
        page = work_detail(public_id=folio)
        assert {c.number for c in page.contracts} == {r["CONTRATO"] for r in rows}
        assert len(page.payments) == parity.count(rows, "PAGOS"), folio
        answer = _api(client, f"works/{folio}")
        assert len(answer["contracts"]) == len(rows), folio
        assert {c["procedure_label"] for c in answer["contracts"]} == {
            r["PROCEDIMIENTO_NOMBRE"] for r in rows
        }
    companies = parity.grouped(
        [row for row in contracts if row["RFC_CONTRATISTA"]],
        lambda row: row["RFC_CONTRATISTA"],
    )
    assert companies, "the demo's contractors include companies"
    for rfc, rows in companies.items():
        summary = contractor_summary(rfc)
        assert summary is not None, rfc
        assert len(summary.contracts) == len(rows), rfc
        assert summary.amount == parity.total(rows, "MONTO"), rfc
        assert summary.works == len({row["FOLIO_OBRA"] for row in rows}), rfc
    persons = [row for row in contracts if row["TIPO_PERSONA"] == "fisica"]
    assert all(row["RFC_CONTRATISTA"] == "" for row in persons)


def test_modifications_progress_and_committees_are_what_the_work_pages_list(
    demo_published,
):
    modifications = parity.published_rows("modificaciones")
    amounts = parity.grouped(
        [row for row in modifications if row["TIPO"] == "monto"],
        lambda row: row["FOLIO_OBRA"],
    )
    assert amounts, "the demo approves budget modifications"
    for folio, rows in amounts.items():
        page = work_detail(public_id=folio)
        assert page.modified - page.work.total_investment == parity.total(
            rows, "MONTO"
        ), folio
        assert all(row["MOTIVO"] for row in rows)
    progress = parity.grouped(
        parity.published_rows("avances"), lambda row: row["FOLIO_OBRA"]
    )
    committees = {row["FOLIO_OBRA"]: row for row in parity.published_rows("comites")}
    visits = parity.grouped(
        parity.published_rows("comites-visitas"), lambda row: row["FOLIO_OBRA"]
    )
    assert progress
    assert committees
    assert visits
    for folio in list(progress)[:40]:
        page = work_detail(public_id=folio)
        assert [row["FECHA"] for row in progress[folio]] == [
            str(entry.date) for entry in page.progress
        ], folio
    for folio, row in list(committees.items())[:40]:
        work = Work.objects.get(public_id=folio)
        oversight = work_oversight(work)
        assert int(row["INTEGRANTES"]) == oversight.member_count, folio
        assert (
            int(row["VISITAS"]) == len(oversight.visits) == len(visits.get(folio, []))
        ), folio


def test_the_question_box_answers_the_datasets_figures(works_2024, client):
    invested = _invested(works_2024)
    answer = _api(client, "questions", q=f"¿Cuánto se invirtió en {YEAR}?")
    assert answer["answered"], answer
    values = {parity.digits(figure["value"]) for figure in answer["figures"]}
    assert parity.total(invested, "INVERSION_TOTAL") in values, answer["figures"]
    answer = _api(client, "questions", q=f"¿Cuántos beneficiarios hubo en {YEAR}?")
    assert answer["answered"], answer
    values = {parity.digits(figure["value"]) for figure in answer["figures"]}
    assert parity.count(invested, "BENEFICIARIOS") in values, answer["figures"]


def test_every_tables_parquet_file_has_its_csvs_rows_and_sums_typed(demo_published):
    """Each table's Parquet file: the CSV's rows, each money column's sum to
    the centavo, each column of the type its Table Schema declares."""
    for dataset in tables():
        version = DatasetVersion.objects.of(dataset.slug).first()
        stored = version.files.get(format="parquet")
        with stored.file.open("rb") as handle:
            table = pyarrow_parquet.read_table(io.BytesIO(handle.read()))
        rows = parity.published_rows(dataset.slug)
        assert table.num_rows == len(rows) == version.rows, dataset.slug
        assert table.schema == parquet_schema(dataset), dataset.slug
        for column in dataset.money_fields:
            summed = sum(
                (value for value in table.column(column).to_pylist() if value),
                Decimal(0),
            )
            assert summed == parity.total(rows, column), (dataset.slug, column)


def test_duckdb_reads_each_parquet_file_with_its_csvs_counts_and_sums(
    demo_published, tmp_path
):
    """What docs/opendata.md promises an analyst: DuckDB reads each table's
    Parquet file and counts and sums what its CSV does, to the centavo, and
    the page's example query answers what the CSV says."""
    database = duckdb.connect()
    for dataset in tables():
        stored = (
            DatasetVersion.objects.of(dataset.slug).first().files.get(format="parquet")
        )
        path = tmp_path / f"{dataset.slug}.parquet"
        with stored.file.open("rb") as handle:
            path.write_bytes(handle.read())
        rows = parity.published_rows(dataset.slug)
        money = sorted(dataset.money_fields)
        integers = [f.name for f in dataset.fields if f.type == "integer"]
        sums = "".join(f', sum("{column}")' for column in money + integers)
        # The column names are the registry's own, not anyone's input.
        query = f"SELECT count(*){sums} FROM read_parquet(?)"  # noqa: S608
        found = database.execute(query, [str(path)]).fetchone()
        expected = (
            len(rows),
            *(parity.total(rows, column) for column in money),
            *(parity.count(rows, column) for column in integers),
        )
        assert tuple(value or 0 for value in found) == expected, dataset.slug
    example = DUCKDB_EXAMPLE.search(parity.OPEN_DATA_DOC.read_text(encoding="utf-8"))
    assert example, "docs/opendata.md shows a DuckDB query"
    query = example.group(1).replace(
        f"{URI}obras/ultimo.parquet", str(tmp_path / "obras.parquet")
    )
    works = parity.published_rows("obras")
    invested = _invested([row for row in works if row["EJERCICIO"] == str(YEAR)])
    assert invested
    assert database.execute(query).fetchone() == (
        len(invested),
        parity.total(invested, "INVERSION_TOTAL"),
        parity.count(invested, "BENEFICIARIOS"),
    )


def test_the_annual_reports_works_tables_are_the_works_datasets_rows(works_2024):
    """Each program's works by subprogram and by region: the invested rows."""
    invested = _invested(works_2024)
    agencies = Agency.objects.filter(works_programs__isnull=False).distinct()
    assert agencies, "the demo's agency runs works programs"
    for agency in agencies:
        report = annual_report(agency, YEAR)
        for program in agency_programs(agency):
            mine = [row for row in invested if row["PROGRAMA"] == program.name]
            prefix = program_prefix(program)
            for suffix, column in (("subprogram", "SUBPROGRAMA"), ("region", "REGION")):
                table = report.table(f"{prefix}_by_{suffix}")
                groups = parity.grouped(
                    mine, lambda row, c=column: row[c] or gettext("Sin región")
                )
                for line in table.rows:
                    rows = mine if line.is_total else groups.get(line.label, [])
                    where = (program.name, suffix, line.label)
                    assert line.cell("works").value == len(rows), where
                    # The total column is left out when all the money is the
                    # state's: the state column is then the total.
                    money = line.cell("total").value
                    if money is None:
                        money = line.cell("state").value
                    assert money == parity.total(rows, "INVERSION_TOTAL"), where
                    assert line.cell("state").value == parity.total(rows, "ESTATAL"), (
                        where
                    )
                    assert line.cell("beneficiaries").value == parity.count(
                        rows, "BENEFICIARIOS"
                    ), where
