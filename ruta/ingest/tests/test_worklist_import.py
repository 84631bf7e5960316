"""Importing works lists: one transaction, idempotent, every published value kept."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ruta.ingest.loaders import worklist_chunks
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument, StagedRow
from ruta.sources.services import ImportStatus
from ruta.works.loader import works_catalog_load
from ruta.works.models import Funding, Work, WorkOrigin, WorkPublication, WorkStatus
from testkit.actors import TEST_ACTOR
from testkit.worklists import (
    OFFICIAL_EMAIL,
    OFFICIAL_PHONE,
    opa_2019_row,
    template_row,
    worklist_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.server]


def _import(path, **options):
    return works_file_import(path=path, actor=TEST_ACTOR, **options)


def _snapshot() -> tuple[int, ...]:
    return (
        Work.objects.count(),
        Funding.objects.count(),
        WorkPublication.objects.count(),
        PublishedRow.objects.count(),
        DocumentFinding.objects.count(),
        SourceDocument.objects.count(),
    )


def test_an_opa_list_becomes_federal_works_with_provenance(catalog, tmp_path):
    rows = [opa_2019_row(1), opa_2019_row(2, EJERCIDO="950000", LATITUD="0")]
    result = _import(worklist_file(tmp_path, "opa.csv", rows))
    assert result.status == ImportStatus.IMPORTED
    work = Work.objects.get(public_id="OPA-000109J3E0005")
    assert work.origin == WorkOrigin.FEDERAL_OPA
    assert work.is_federal_record
    assert work.state_id == "26"
    # OPA names no municipality: the row's point (Hermosillo's) locates it.
    assert work.municipality_id == "26030"
    assert work.executing_agency.code == "apf-09-j3e"
    assert work.executing_agency.parent.code == "apf-09"
    assert work.status == WorkStatus.IN_EXECUTION
    assert work.published_at
    # The year's modified federal budget, not the 3,000,000 over every year.
    assert work.total_investment == Decimal("900000.00")
    assert list(work.funding.values_list("source", "fund", "amount")) == [
        (
            "federal",
            "Presupuesto de Egresos de la Federación 2019, modificado",
            Decimal("900000.00"),
        ),
    ]
    [publication] = work.publications.all()
    assert publication.total_investment == Decimal("3000000.00")
    assert publication.sources["FISCAL"] == "2000000.00"
    assert publication.sources["PROPIO"] == "1000000.00"
    assert (publication.row_number, publication.as_of) == (1, date(2019, 12, 31))
    assert publication.paid == Decimal("800000.00")
    row = PublishedRow.objects.get(document=result.document, row_number=2)
    assert (row.line, row.label) == (4, "000209J3E0005")
    assert row.values["EJERCIDO"] == "950000"
    codes = set(result.document.findings.values_list("code", "where"))
    assert ("paid_exceeds_modified", "row 2 (line 4), key 000209J3E0005") in codes
    assert ("municipality_from_point", "row 1 (line 2), key 000109J3E0005") in codes
    assert StagedRow.objects.count() == 0


def test_officials_contact_data_is_kept_as_personal_data_only(
    catalog, tmp_path, client
):
    result = _import(worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)]))
    publication = WorkPublication.objects.get()
    assert publication.official_email == OFFICIAL_EMAIL
    assert publication.official_name == "Ana Ejemplo Prueba"
    stored = json.dumps(
        list(PublishedRow.objects.filter(document=result.document).values("values"))
    )
    assert OFFICIAL_EMAIL not in stored
    assert OFFICIAL_PHONE not in stored
    api = client.get(f"/api/v1/works/{publication.work.public_id}").content.decode()
    assert OFFICIAL_EMAIL not in api
    assert "Ana Ejemplo" not in api


def test_importing_the_same_file_again_changes_nothing(catalog, tmp_path):
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1), opa_2019_row(2)])
    _import(path)
    before = _snapshot()
    again = _import(path)
    assert again.status == ImportStatus.ALREADY_IMPORTED
    assert _snapshot() == before


def test_the_next_file_updates_the_work_and_keeps_the_earlier_values(catalog, tmp_path):
    _import(worklist_file(tmp_path, "2019.csv", [opa_2019_row(1)]))
    later = [opa_2019_row(1, ANIO="2020", EJERCIDO="850000", AVANCE_FISICO="100")]
    _import(worklist_file(tmp_path, "2020.csv", later))
    work = Work.objects.get(public_id="OPA-000109J3E0005")
    assert work.as_of == date(2020, 12, 31)
    assert work.status == WorkStatus.COMPLETED
    history = list(
        work.publications.newest_first().values_list("as_of", "paid", "document__name")
    )
    assert history == [
        (date(2020, 12, 31), Decimal("850000.00"), "2020.csv"),
        (date(2019, 12, 31), Decimal("800000.00"), "2019.csv"),
    ]


def test_an_earlier_file_imported_later_is_history_not_current(catalog, tmp_path):
    from ruta.works.selectors.summary import summary_drift

    later = [
        opa_2019_row(1, ANIO="2020", NOMBRE_PPI="Nombre vigente", EJERCIDO="850000")
    ]
    _import(worklist_file(tmp_path, "2020.csv", later))
    earlier = [opa_2019_row(1, NOMBRE_PPI="Nombre anterior"), opa_2019_row(2)]
    result = _import(worklist_file(tmp_path, "2019.csv", earlier))
    work = Work.objects.get(public_id="OPA-000109J3E0005")
    assert work.title == "Nombre vigente"
    assert work.publications.count() == 2
    assert result.payload["written"]["works_kept_earlier"] == 1
    assert Work.objects.filter(public_id="OPA-000209J3E0005").exists()
    # The budget's paid is the later file's, though the earlier came last.
    assert summary_drift() == 0


def test_a_refused_file_writes_nothing(catalog, tmp_path):
    before = _snapshot()
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1, ANIO="2031")])
    with pytest.raises(DocumentError, match="fiscal year 2031"):
        _import(path)
    assert _snapshot() == before


def test_a_dry_run_writes_nothing_and_lists_works_and_findings(catalog, tmp_path):
    rows = [opa_2019_row(1), opa_2019_row(2, AVANCE_FISICO="120")]
    path = worklist_file(tmp_path, "opa.csv", rows)
    before = _snapshot()
    out = StringIO()
    call_command("ingest", "works", str(path), "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert _snapshot() == before
    assert payload["records"] == 2
    assert payload["works"][1] == {
        "key": "000209J3E0005",
        "name": "Modernización del tramo carretero 2",
        "state": "26",
        "municipality": "26030",  # derived from its point
        "approved": "1000000.00",
        "modified": "900000.00",
        "paid": "800000.00",
        "physical_progress": "120.00",
        "row": 2,
    }
    notes = [f for f in payload["findings"] if f["code"] == "municipality_from_point"]
    assert len(notes) == 2
    [finding] = [f for f in payload["findings"] if f not in notes]
    assert finding["code"] == "progress_out_of_range"
    assert finding["key"] == "000209J3E0005"
    assert finding["where"] == "row 2 (line 4), key 000209J3E0005"


def test_the_command_refuses_an_unrecognised_file_by_name(catalog, tmp_path):
    path = tmp_path / "otra.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="otra.csv, line 1: no recognisable header"):
        call_command("ingest", "works", str(path), stdout=StringIO())


def _template_import(tmp_path, rows):
    """Import ``rows`` in the template as the demo's agency and program."""
    works_catalog_load()
    path = worklist_file(tmp_path, "obras.csv", rows, header=list(TEMPLATE_HEADER))
    return _import(
        path,
        agency="sonora-cecop",
        program="transforma-sonora-apoyo-municipios",
        as_of=date(2024, 6, 30),
    )


def test_a_template_file_loads_an_agencys_works(catalog, tmp_path):
    rows = [template_row(1), template_row(2, SUBPROGRAMA="no-existe")]
    result = _template_import(tmp_path, rows)
    work = Work.objects.get(public_id="HMO-0001")
    assert work.origin == WorkOrigin.AGENCY_FILE
    assert work.municipality_id == "26030"
    assert work.funding.count() == 2
    assert not Work.objects.filter(public_id="HMO-0002").exists()
    codes = [finding.code for finding in result.findings]
    assert codes == ["subprogram_unknown"]


def test_a_key_printed_again_by_a_row_of_no_work_is_found(catalog, tmp_path):
    rows = [template_row(1), template_row(1, SUBPROGRAMA="no-existe")]
    result = _template_import(tmp_path, rows)
    codes = [finding.code for finding in result.findings]
    assert codes == ["key_repeated", "subprogram_unknown"]


def test_a_file_that_prints_each_key_once_is_not_searched_for_repeats(
    catalog, tmp_path, monkeypatch
):
    def refused(*_args, **_options):
        raise AssertionError("looked for repeated keys")

    monkeypatch.setattr(worklist_chunks, "RepeatedKeysTable", refused)
    rows = [opa_2019_row(1), opa_2019_row(2), opa_2019_row(3, CVE_CARTERA="")]
    result = _import(worklist_file(tmp_path, "opa.csv", rows))
    assert result.payload["written"]["works_current"] == 3


def test_a_template_file_without_its_agency_is_refused(catalog, tmp_path):
    path = worklist_file(
        tmp_path, "obras.csv", [template_row(1)], header=list(TEMPLATE_HEADER)
    )
    with pytest.raises(DocumentError, match="needs --agency"):
        _import(path)


def test_the_work_page_says_it_is_federal_and_what_each_file_published(
    catalog, client, tmp_path
):
    _import(worklist_file(tmp_path, "2019.csv", [opa_2019_row(1)]))
    later = [opa_2019_row(1, ANIO="2020", EJERCIDO="850000")]
    _import(worklist_file(tmp_path, "2020.csv", later))
    work = Work.objects.get(public_id="OPA-000109J3E0005")
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Registro federal real" in page
    assert page.index("2020.csv") < page.index("2019.csv")
    assert "$850,000.00" in page
    assert OFFICIAL_EMAIL not in page
    listing = client.get("/es-mx/obras/").content.decode()
    assert "Registro federal" in listing


def _rows_in_three_places() -> list[dict[str, str]]:
    """Two works in Sonora, one in Jalisco, one of the whole country."""
    jalisco = {
        "ID_ENTIDAD_FEDERATIVA": "14",
        "ENTIDAD_FEDERATIVA": "JALISCO",
        "LOCALIZACION": "Jalisco",
        "LATITUD": "",
        "LONGITUD": "",
    }
    national = {
        **jalisco,
        "ID_ENTIDAD_FEDERATIVA": "",
        "ENTIDAD_FEDERATIVA": "NACIONAL",
    }
    national["LOCALIZACION"] = "Nacional"
    return [
        opa_2019_row(1),
        opa_2019_row(2),
        opa_2019_row(3, **jalisco),
        opa_2019_row(4, **national),
    ]


def test_the_import_report_counts_the_works_a_state_instance_does_not_show(
    catalog, tmp_path, settings
):
    settings.RUTA_STATE = "26"
    result = _import(worklist_file(tmp_path, "opa.csv", _rows_in_three_places()))
    assert Work.objects.count() == 4  # every row is kept
    written = result.payload["written"]
    assert (
        written["instance_state"],
        written["works_in_state"],
        written["works_elsewhere"],
        written["works_without_state"],
    ) == ("26", 2, 1, 1)
    assert result.notes == (
        "State 26 (this instance): 2 works in it; 1 in other states and 1 in no "
        "single state are kept but not shown here.",
    )
    assert Work.objects.published().count() == 2


def test_a_national_instance_reports_no_works_left_out(catalog, tmp_path, settings):
    settings.RUTA_STATE = ""
    result = _import(worklist_file(tmp_path, "opa.csv", _rows_in_three_places()))
    assert "instance_state" not in result.payload["written"]
    assert result.notes == ()


def test_the_works_summary_rows_follow_an_import_and_its_next_file(catalog, tmp_path):
    from ruta.works.selectors.summary import summary_drift

    _import(worklist_file(tmp_path, "2019.csv", [opa_2019_row(1), opa_2019_row(2)]))
    assert summary_drift() == 0
    later = [opa_2019_row(1, ANIO="2020", EJERCIDO="850000", AVANCE_FISICO="100")]
    _import(worklist_file(tmp_path, "2020.csv", later))
    assert Work.objects.get(public_id="OPA-000109J3E0005").status == (
        WorkStatus.COMPLETED
    )
    assert summary_drift() == 0
