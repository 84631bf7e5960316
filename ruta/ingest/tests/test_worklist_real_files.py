"""The three federal Obra Pública Abierta lists, imported whole (once per run).

The files are SHCP's, kept beside the checkout (``../shared/data``); the test
is skipped without them, except in CI (``RUTA_REQUIRE_SEEDS``). It loads
7,671 records, so it is one module, marked ``real_data``, sharing one import.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import F, Q, Sum

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.ingest.loaders.worklist import works_file_import
from ruta.sources.models import DocumentFinding, PublishedRow
from ruta.sources.services import ImportStatus
from ruta.works.models import Work, WorkOrigin, WorkPublication
from testkit.actors import TEST_ACTOR
from testkit.seeds import data_path
from testkit.world import constraints_settled

pytestmark = [pytest.mark.real_data, pytest.mark.django_db]

# Records per file, as obra_publica/SOURCES.md counts them.
FILES = {
    "obra_publica/shcp_opa_2015_proyectos_opa.csv": 3140,
    "obra_publica/shcp_opa_2019_proyectos_opa.csv": 2745,
    "obra_publica/shcp_opa_2021_proyectos_opa.csv": 1786,
}


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Import the three files in date order, once; roll back after the module."""
    paths = {name: data_path(name) for name in FILES}
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        results = {
            name: works_file_import(path=path, actor=TEST_ACTOR)
            for name, path in paths.items()
        }
        again = works_file_import(path=paths[next(iter(FILES))], actor=TEST_ACTOR)
        constraints_settled()
        yield results, again
        transaction.set_rollback(True)


def test_every_record_is_read_or_named_by_a_finding(imported):
    results, _ = imported
    for name, records in FILES.items():
        result = results[name]
        assert result.status == ImportStatus.IMPORTED
        assert result.payload["records"] == records
        rows = PublishedRow.objects.filter(document=result.document).count()
        assert rows == records
        codes = Counter(finding.code for finding in result.findings)
        repeated = codes["key_repeated"] + codes["key_repeated_different"]
        publications = WorkPublication.objects.filter(document=result.document)
        assert publications.count() + repeated + codes["row_without_key"] == records


def test_the_incoherences_are_reported_by_row(imported):
    results, _ = imported
    name = "obra_publica/shcp_opa_2021_proyectos_opa.csv"
    findings = DocumentFinding.objects.filter(document=results[name].document)
    paid_over = findings.filter(code="paid_exceeds_modified")
    assert paid_over.count() == 323
    assert all(f.where.startswith("row ") for f in paid_over)
    assert findings.filter(code__startswith="coordinates_").exists()


def test_the_sources_are_compared_like_with_like(imported):
    # Every 2019 and 2021 row's sources either make up its total (a project of
    # one year) or are one year's share of a several-year total, never over it.
    results, _ = imported
    for name in list(FILES)[1:]:
        findings = DocumentFinding.objects.filter(document=results[name].document)
        codes = ("sources_do_not_add_up", "year_sources_exceed_total")
        assert findings.filter(code__in=codes).count() == 0, name


def test_the_2021_file_is_read_as_windows_1252(imported):
    results, _ = imported
    result = results["obra_publica/shcp_opa_2021_proyectos_opa.csv"]
    assert result.payload["encoding"] == "cp1252"
    work = Work.objects.get(public_id="OPA-001-02-001")
    assert "Petróleos" in str(work.executing_agency.parent)


def test_works_are_federal_records_with_their_history(imported):
    assert not Work.objects.exclude(origin=WorkOrigin.FEDERAL_OPA).exists()
    work = Work.objects.get(public_id="OPA-0609J3E0005")
    dates = list(work.publications.values_list("as_of__year", flat=True))
    assert sorted(dates) == [2015, 2020, 2021]
    assert work.as_of.year == 2021


def test_importing_a_file_again_changes_nothing(imported):
    _, again = imported
    assert again.status == ImportStatus.ALREADY_IMPORTED


def test_a_year_sums_the_years_federal_budget_not_lifetime_costs(imported):
    # The 2021 file prints 6.86 trillion pesos of MONTO_TOTAL_INVERSION for
    # the 1,265 rows of cycle 2020: whole multi-year projects. A year's sum
    # is each work's modified (or approved) budget for that year.
    works = Work.objects.filter(fiscal_year_id=2020)
    total = works.aggregate(total=Sum("total_investment"))["total"]
    expected = sum(
        _year_budget(work.publications.order_by("-as_of", "-document_id").first())
        for work in works
    )
    assert total == expected
    assert Decimal("1e11") < total < Decimal("1e12")
    lifetime = works.aggregate(
        total=Sum(
            "publications__total_investment", filter=Q(publications__as_of=F("as_of"))
        )
    )["total"]
    assert lifetime > 10 * total


def test_a_finished_calendar_is_filed_under_its_last_cycle(imported):
    # ANIO "TOTAL", CICLO 2018: APROBADO 3,200,000, MODIFICADO 357,938.
    work = Work.objects.get(public_id="OPA-02204120009")
    assert work.fiscal_year_id == 2018
    assert work.total_investment == Decimal("357938.00")


def _year_budget(publication: WorkPublication) -> Decimal:
    for amount in (publication.modified, publication.approved):
        if amount is not None and amount >= 0:
            return amount
    return Decimal(0)


def test_baja_california_s_works_with_a_point_are_placed_in_its_municipalities(
    imported,
):
    # OPA names the state only: the point places each work (the municipal
    # outlines of ruta/catalog/data), with a note on its row saying so,
    # unless the work's own words name another municipality than its point's:
    # then the work stays in the state and a warning names both.
    works = Work.objects.filter(Q(state_id="02") | Q(municipality__state_id="02"))
    assert works.count() == 85
    pointed = works.filter(latitude__isnull=False)
    assert pointed.count() == 68
    placed = Counter(pointed.values_list("municipality__name", flat=True))
    assert placed == {
        "Ensenada": 23,
        "Mexicali": 13,
        "Tijuana": 13,
        "Tecate": 5,
        "Playas de Rosarito": 3,
        None: 11,
    }
    notes = DocumentFinding.objects.filter(code="municipality_from_point")
    assert notes.filter(severity="info").count() == notes.count() > 57
    # Mexicali's own coordinates stand for a clinic "en Rosarito": a
    # placeholder point, not a place.
    clinic = Work.objects.get(public_id="OPA-1651GYN0018")
    assert clinic.municipality_id is None
    (warning,) = DocumentFinding.objects.filter(
        code="municipality_point_contradicts_name", where__contains="1651GYN0018"
    )
    assert warning.severity == "warning"
    assert "Mexicali" in warning.message
    assert "Playas de Rosarito" in warning.message
