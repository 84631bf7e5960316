"""A state's instance reads the works located in its state; a national one, all."""

from decimal import Decimal

import pytest

from ruta.accounts.models import Role
from ruta.catalog.models import AgencyKind
from ruta.portal.selectors import latest_changes, works_year_choice
from ruta.problems.models import ProblemReport
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import ContractingProcess, Work, WorkOrigin
from ruta.works.selectors import work_detail
from ruta.works.selectors.contracting import processes_published
from ruta.works.selectors.desk import desk_agencies, desk_works
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory, StateFactory
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import FiscalYearFactory, WorkFactory


@pytest.fixture
def places(sonora, hermosillo):
    """Works in Hermosillo, all of Sonora, Guadalajara and the whole country."""
    jalisco = StateFactory(code="14", name="Jalisco")
    guadalajara = MunicipalityFactory(code="14039", name="Guadalajara", state=jalisco)
    federal = AgencyFactory(code="federal-sct", name="SCT", kind=AgencyKind.DEPENDENCIA)
    elsewhere = AgencyFactory(
        code="federal-cfe", name="CFE", kind=AgencyKind.DEPENDENCIA
    )
    sonoran = AgencyFactory(code="sonora-sidur", name="SIDUR", state=sonora)
    jalisco_agency = AgencyFactory(code="jalisco-siop", name="SIOP", state=jalisco)
    year_2026 = FiscalYearFactory(year=2026)
    works = {
        "hermosillo": WorkFactory(
            public_id="SON-1", municipality=hermosillo, realized=True
        ),
        "sonora": WorkFactory(
            public_id="SON-2",
            municipality=None,
            state=sonora,
            executing_agency=federal,
            origin=WorkOrigin.FEDERAL_OPA,
            realized=True,
        ),
        "guadalajara": WorkFactory(
            public_id="JAL-1",
            municipality=guadalajara,
            executing_agency=jalisco_agency,
            realized=True,
        ),
        "national": WorkFactory(
            public_id="MEX-1",
            municipality=None,
            state=None,
            fiscal_year=year_2026,
            executing_agency=elsewhere,
            origin=WorkOrigin.FEDERAL_OPA,
            total_investment=Decimal("8038428.00"),
            realized=True,
        ),
    }
    return works, sonoran


def _published() -> set[str]:
    return set(Work.objects.published().values_list("public_id", flat=True))


def test_a_state_instance_publishes_only_the_works_located_in_it(places, settings):
    settings.RUTA_STATE = "26"
    assert _published() == {"SON-1", "SON-2"}


@pytest.mark.parametrize("state", ["26", "14", ""])
def test_a_works_own_public_check_and_its_page_agree_with_the_published_works(
    places, settings, hermosillo, state
):
    WorkFactory(public_id="SON-3", municipality=hermosillo)  # never published
    settings.RUTA_STATE = state
    published = _published()
    for work in Work.objects.all():
        assert work.is_public == (work.public_id in published), work.public_id
        if work.public_id in published:
            assert work_detail(public_id=work.public_id).work.pk == work.pk
        else:
            with pytest.raises(Work.DoesNotExist):
                work_detail(public_id=work.public_id)


def test_a_national_instance_publishes_every_work(places, settings):
    settings.RUTA_STATE = ""
    assert _published() == {"SON-1", "SON-2", "JAL-1", "MEX-1"}


def test_a_state_instance_opens_on_its_own_latest_year(places, settings):
    settings.RUTA_STATE = "26"
    choice = works_year_choice()
    assert (choice.years, choice.default) == ([2024], 2024)
    settings.RUTA_STATE = ""
    choice = works_year_choice()
    assert (choice.years, choice.default) == ([2026, 2024], 2026)


def test_the_explorer_total_and_the_home_changes_leave_other_states_out(
    client, places, settings
):
    settings.RUTA_STATE = "26"
    html = client.get("/es-mx/obras/").content.decode()
    assert ("SON-1" in html, "SON-2" in html) == (True, True)
    assert ("JAL-1" in html, "MEX-1" in html) == (False, False)
    assert "$2,000,000.00" in html  # two works of a million each
    assert {change.work.public_id for change in latest_changes()} == {"SON-1", "SON-2"}


def test_a_work_of_another_state_has_no_page_on_a_state_instance(
    client, places, settings
):
    settings.RUTA_STATE = "26"
    work = places[0]["guadalajara"]
    assert client.get(work.get_absolute_url()).status_code == 404
    settings.RUTA_STATE = ""
    assert client.get(work.get_absolute_url()).status_code == 200


def test_problem_reports_of_other_states_works_are_not_listed(places, settings):
    works = places[0]
    ProblemReportFactory(work=works["hermosillo"])
    ProblemReportFactory(work=works["guadalajara"])
    settings.RUTA_STATE = "26"
    listed = ProblemReport.objects.listed()
    assert [report.work.public_id for report in listed] == ["SON-1"]


def test_staff_pick_among_the_states_agencies_and_those_with_works_in_it(
    places, settings, make_user
):
    settings.RUTA_STATE = "26"
    administrator = make_user(Role.ADMINISTRATOR)
    codes = {agency.code for agency in desk_agencies(administrator)}
    assert {"sonora-sidur", "federal-sct"} <= codes
    assert not {"jalisco-siop", "federal-cfe"} & codes
    assert {work.public_id for work in desk_works(administrator)} == {"SON-1", "SON-2"}


@pytest.fixture
def processes(places):
    """OCDS processes: of a Sonora work, of Sonora's and Jalisco's agencies, of none."""
    works, sonoran = places
    jalisco_agency = works["guadalajara"].executing_agency
    document = SourceDocument.objects.create(
        sha256="e" * 64, kind=DocumentKind.OCDS, name="procesos.json"
    )
    for ocid, work, agency in (
        ("ocds-son-obra", works["hermosillo"], None),
        ("ocds-son-sidur", None, sonoran),
        ("ocds-jal-obra", works["guadalajara"], None),
        ("ocds-jal-siop", None, jalisco_agency),
        ("ocds-sin-dependencia", None, None),
    ):
        ContractingProcess.objects.create(
            ocid=ocid, work=work, agency=agency, document=document
        )


def _published_ocids() -> set[str]:
    return set(processes_published().values_list("ocid", flat=True))


def test_a_state_instance_publishes_its_own_contracting_processes_only(
    processes, settings
):
    settings.RUTA_STATE = "26"
    assert _published_ocids() == {"ocds-son-obra", "ocds-son-sidur"}
    settings.RUTA_STATE = ""
    assert _published_ocids() == {
        "ocds-son-obra",
        "ocds-son-sidur",
        "ocds-jal-obra",
        "ocds-jal-siop",
        "ocds-sin-dependencia",
    }


def test_the_api_lists_and_opens_the_instance_s_processes_only(
    client, processes, settings
):
    settings.RUTA_STATE = "26"
    listed = client.get("/api/v1/contracting/").json()
    assert {row["ocid"] for row in listed["items"]} == {
        "ocds-son-obra",
        "ocds-son-sidur",
    }
    assert client.get("/api/v1/contracting/ocds-jal-siop").status_code == 404


def test_another_state_s_municipality_has_no_page_on_a_state_instance(
    client, places, settings
):
    settings.RUTA_STATE = "26"
    assert client.get("/es-mx/municipios/26030/").status_code == 200
    assert client.get("/es-mx/municipios/14039/").status_code == 404
    assert client.get("/es-mx/municipios/", {"municipio": "14039"}).status_code == 404
    settings.RUTA_STATE = ""
    assert client.get("/es-mx/municipios/14039/").status_code == 200
