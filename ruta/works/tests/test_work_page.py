"""A work's page: money route, payments, progress chart, status, provenance."""

import csv
import io
from datetime import date
from decimal import Decimal

import pghistory
import pytest
from django.urls import reverse
from django.utils import timezone

from ruta.accounts.models import Role
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    ContractingContract,
    ContractingProcess,
    FundingSource,
    Payment,
    WorkStatus,
)
from ruta.works.rules import paid_increments
from ruta.works.selectors import work_detail
from ruta.works.selectors.provenance import (
    figure_sources,
    status_history,
    work_events,
)
from ruta.works.selectors.route import (
    money_route,
    progress_chart,
    status_timeline,
    timeline_of,
    work_payments,
)
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory


@pytest.fixture
def work(hermosillo):
    work = WorkFactory(
        municipality=hermosillo,
        public_id="GSE-2024-0001",
        total_investment=Decimal("1000.00"),
        funding=[
            (FundingSource.STATE, Decimal("700.00")),
            (FundingSource.COMMUNITY, Decimal("300.00")),
        ],
        published=True,
    )
    ContractFactory(work=work, amount=Decimal("900.00"), number="C-1")
    ProgressFactory(
        work=work,
        date=date(2024, 5, 1),
        physical_percent=20,
        amount_paid=Decimal("200.00"),
    )
    ProgressFactory(
        work=work,
        date=date(2024, 7, 1),
        physical_percent=60,
        amount_paid=Decimal("650.00"),
    )
    return work


def test_payments_are_what_the_cumulative_paid_amount_grew_by():
    entries = [
        (date(2024, 5, 1), Decimal(200)),
        (date(2024, 6, 1), Decimal(200)),
        (date(2024, 7, 1), Decimal(650)),
    ]
    assert paid_increments(entries) == [
        (date(2024, 5, 1), Decimal(200)),
        (date(2024, 7, 1), Decimal(450)),
    ]


def test_a_lowered_cumulative_figure_pays_nothing():
    entries = [(date(2024, 5, 1), Decimal(500)), (date(2024, 6, 1), Decimal(400))]
    assert paid_increments(entries) == [(date(2024, 5, 1), Decimal(500))]


def test_payments_name_the_contract_when_the_work_has_one(work):
    payments = work_payments(work_detail(public_id=work.public_id))
    assert [(p.amount, p.contract.number) for p in payments] == [
        (Decimal("200.00"), "C-1"),
        (Decimal("450.00"), "C-1"),
    ]


def test_money_route_runs_from_sources_to_payments(work):
    detail = work_detail(public_id=work.public_id)
    route = money_route(detail, work_payments(detail))
    kinds = [node.kind for node in route.nodes]
    assert kinds == [
        "source",
        "source",
        "program",
        "subprogram",
        "work",
        "contract",
        "payment",
        "payment",
    ]
    flows = {(link.source.kind, link.target.kind, link.amount) for link in route.links}
    assert ("source", "program", Decimal("700.00")) in flows
    assert ("source", "program", Decimal("300.00")) in flows
    assert ("work", "contract", Decimal("900.00")) in flows
    assert ("contract", "payment", Decimal("450.00")) in flows


def test_progress_chart_puts_physical_and_financial_progress_on_one_scale(work):
    detail = work_detail(public_id=work.public_id)
    chart = progress_chart(detail.progress, work.total_investment)
    # 60 % physical and 65 % paid (650 of 1,000) at the last date, the right edge.
    assert chart.physical[-1].x == chart.financial[-1].x == chart.width - 12
    assert chart.financial[-1].y < chart.physical[-1].y


def test_status_timeline_reads_the_history(work):
    work.status = WorkStatus.CONTRACTED
    work.save()
    assert [step.status for step in status_timeline(work)] == [
        "approved",
        "contracted",
    ]


def test_a_status_from_a_file_is_dated_by_the_file_not_by_the_load(work, client):
    work.status = WorkStatus.IN_EXECUTION
    work.as_of = date(2024, 6, 30)
    work.save()
    work.status = WorkStatus.COMPLETED  # captured on the site afterwards
    work.save()
    steps = status_timeline(work)
    assert [(step.status, step.from_file) for step in steps] == [
        ("approved", False),
        ("in_execution", True),
        ("completed", False),
    ]
    assert steps[1].when == date(2024, 6, 30)
    assert timezone.localtime(steps[2].when).date() == timezone.localdate()
    page = client.get("/es-mx/obras/GSE-2024-0001/").content.decode()
    assert "30 de junio de 2024</time>: En ejecución" in page
    assert "(según el archivo publicado con esa fecha de corte)" in page


def test_work_page_draws_the_route_and_links_the_company(client, work):
    page = client.get("/es-mx/obras/GSE-2024-0001/").content.decode()
    assert 'class="route-svg"' in page
    assert "Ruta del dinero, etapa por etapa" in page
    assert reverse("works:contractor", args=["CDD150312AB1"]) in page
    assert "/es-mx/municipios/26030/" in page
    assert "$450.00" in page  # the second payment


def test_dates_are_written_with_the_month_in_lower_case(client, work):
    page = client.get("/es-mx/obras/GSE-2024-0001/").content.decode()
    assert "1 de julio de 2024" in page
    assert "Julio" not in page


def test_each_figure_says_who_entered_it_without_naming_them(
    client, work, make_user, hermosillo
):
    capture = make_user(Role.CAPTURE, municipality=hermosillo)
    with pghistory.context(user=capture.pk):
        ProgressFactory(
            work=work,
            date=date(2024, 8, 1),
            physical_percent=70,
            amount_paid=Decimal("700.00"),
        )
    page = client.get("/es-mx/obras/GSE-2024-0001/").content.decode()
    assert f"Usuario {capture.pk} (" in page
    assert capture.email not in page


def test_a_figure_read_from_a_document_links_to_it(work):
    sha = "a" * 64
    with pghistory.context(system="import", document=sha):
        work.beneficiaries = 12
        work.save()
    sources = figure_sources(work_detail(public_id=work.public_id))
    assert sources["work"].document == sha


def test_contractor_page_lists_a_companys_contracts(client, work):
    page = client.get(reverse("works:contractor", args=["CDD150312AB1"]))
    assert page.status_code == 200
    assert "GSE-2024-0001" in page.content.decode()
    assert "$900.00" in page.content.decode()


def test_contractor_page_totals_by_year_and_agency_and_downloads_it_all(client, work):
    contract = work.contracts.get()
    Payment.objects.create(
        contract=contract, paid_on=date(2024, 6, 1), amount=Decimal("400.00")
    )
    page = client.get(reverse("works:contractor", args=["CDD150312AB1"]))
    text = page.content.decode()
    assert "Por ejercicio" in text
    assert "Por dependencia" in text
    assert work.executing_agency.name in text
    assert "$400.00" in text  # paid, beside the $900.00 contracted
    # A company's RFC prints the date it was incorporated.
    assert "constituida el 12 de marzo de 2015" in text
    download = client.get(reverse("works:contractor-download", args=["CDD150312AB1"]))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Contrato"
    assert rows[1][:2] == ["C-1", "GSE-2024-0001"]
    assert rows[1][-2:] == ["1", "400.00"]


def test_a_persons_rfc_has_no_contractor_page(client, work):
    ContractFactory(work=work, contractor_rfc="GOMA800229HJ5", number="C-2")
    response = client.get(reverse("works:contractor", args=["GOMA800229HJ5"]))
    assert response.status_code == 404
    download = reverse("works:contractor-download", args=["GOMA800229HJ5"])
    assert client.get(download).status_code == 404


def test_work_page_is_built_in_a_bounded_number_of_queries(
    client, work, django_assert_max_num_queries
):
    client.get("/es-mx/obras/GSE-2024-0001/")  # catalog rows, once per version
    # the data version (once for the request), the work with the kinds of
    # rows it has and its sections list (``work_detail``), its funding,
    # progress, contracts and payments, and its history with theirs in one
    # query (status timeline, who entered each figure); nothing of the kinds
    # it has none of: contracting processes, reports, alerts, photos, a
    # committee
    with django_assert_max_num_queries(7):
        assert client.get("/es-mx/obras/GSE-2024-0001/").status_code == 200


def test_work_page_lists_the_contracting_processes_that_name_it(client, work):
    document = SourceDocument.objects.create(
        sha256="e" * 64, kind=DocumentKind.OCDS, name="procesos.json"
    )
    process = ContractingProcess.objects.create(
        ocid="ocds-son-obra-1", work=work, document=document
    )
    ContractingContract.objects.create(
        process=process, contract_id="C-77", supplier="Constructora SA"
    )
    page = client.get(work.get_absolute_url()).content.decode()
    assert "ocds-son-obra-1" in page
    assert "C-77" in page


def test_one_read_of_the_history_dates_the_statuses_and_the_figures(work):
    work.status = WorkStatus.CONTRACTED
    work.save()
    detail = work_detail(public_id=work.public_id)
    events = work_events(detail)
    assert timeline_of(status_history(events)) == status_timeline(work)
    assert figure_sources(detail, events) == figure_sources(detail)
    assert set(figure_sources(detail)) == {
        "work",
        *(f"f{row.pk}" for row in detail.funding),
        *(f"g{row.pk}" for row in detail.progress),
        *(f"c{row.pk}" for row in detail.contracts),
    }
