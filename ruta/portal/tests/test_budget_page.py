"""The budget's phases per agency and program, and paid beyond modified as a finding."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ruta.works.selectors.budget import budget_phases
from testkit.cecop import demonstration_document
from testkit.factories.works import ProgressFactory, WorkFactory, published_file


@pytest.fixture
def budget(hermosillo):
    """A captured work paid $400,000 of $1,000,000, and a filed work overspent."""
    captured = WorkFactory(
        municipality=hermosillo,
        total_investment=Decimal("1000000.00"),
        published=True,
    )
    ProgressFactory(work=captured, amount_paid=Decimal("400000.00"))
    filed = WorkFactory(
        municipality=hermosillo,
        program=captured.program,
        executing_agency=captured.executing_agency,
        total_investment=Decimal("500000.00"),
        published=True,
    )
    # An earlier quarter's file, then the latest: only the latest counts.
    published_file(
        filed,
        approved="500000",
        modified="450000",
        paid="100000",
        as_of=date(2024, 6, 30),
    )
    published_file(filed, approved="500000", modified="480000", paid="530000.50")
    WorkFactory(municipality=hermosillo, total_investment=777)  # not published
    return captured, filed


def test_each_phase_adds_the_latest_figures_of_the_years_published_works(budget):
    captured, filed = budget
    view = budget_phases(captured.fiscal_year_id)
    (line,) = view.lines
    assert line.works == 2
    assert line.approved == Decimal("1500000.00")
    assert line.modified == Decimal("1480000.00")
    assert line.modification == Decimal("-20000.00")
    assert line.paid == Decimal("930000.50")
    assert line.unpaid == Decimal("549999.50")
    assert (line.overspent_works, line.overspent) == (1, Decimal("50000.50"))
    assert view.total == line.__class__(
        **{**line.__dict__, "agency": "", "program": "", "agency_id": None}
    )
    assert [work.public_id for work in view.overspent] == [filed.public_id]


def test_the_page_shows_the_phases_and_names_the_overspent_work(client, budget):
    _captured, filed = budget
    response = client.get(reverse("portal:budget"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "$1,500,000.00" in page
    assert "$930,000.50" in page
    findings = page.split('id="hallazgos"')[1].split("</section>")[0]
    assert filed.public_id in findings
    assert "$50,000.50" in findings


def test_a_year_without_works_is_an_error_at_the_field(client, budget):
    response = client.get(reverse("portal:budget"), {"year": "1999"})
    assert response.status_code == 400
    assert 'id="id_year-error"' in response.content.decode()


def test_the_phases_cost_the_same_queries_whatever_the_number_of_works(
    budget, django_assert_max_num_queries
):
    captured, _filed = budget
    WorkFactory.create_batch(
        5,
        program=captured.program,
        executing_agency=captured.executing_agency,
        published=True,
    )
    with django_assert_max_num_queries(3):
        budget_phases(captured.fiscal_year_id)


def test_the_budget_a_report_states_is_shown_in_pesos_with_its_line(
    client, imported_demonstration
):
    # "Presupuesto Autorizado de $528,628,425.05 mdp": pesos printed as millions.
    WorkFactory(published=True)  # the page offers the years with works
    (stated,) = budget_phases(2024).stated
    assert stated.amount == Decimal("528628425.05")
    assert stated.unit_slip
    document = demonstration_document()
    line = document.line_of("Presupuesto Autorizado")
    assert stated.source_line == line
    page = client.get(reverse("portal:budget"), {"year": "2024"}).content.decode()
    assert "Presupuesto autorizado que declara" in page
    assert "<strong>$528,628,425.05</strong>" in page
    assert f"{document.name}, línea {line}" in page
    assert "está en pesos" in page


def _reads_phases(client) -> bool:
    """Return whether the budget page read the works' summed phases."""
    with CaptureQueriesContext(connection) as read:
        client.get(reverse("portal:budget"))
    return any("overspent_works" in query["sql"] for query in read)


def test_the_phases_are_read_once_per_version_of_the_data(client, budget):
    assert _reads_phases(client)
    assert not _reads_phases(client)
    captured, _filed = budget
    ProgressFactory(work=captured, amount_paid=Decimal("500000.00"))
    assert _reads_phases(client)


def test_the_phases_are_summed_without_reading_any_works_files_or_progress(budget):
    captured, _filed = budget
    with CaptureQueriesContext(connection) as read:
        budget_phases(captured.fiscal_year_id)
    tables = ("works_workpublication", "works_progress", "works_budgetmodification")
    assert not [q for q in read if any(table in q["sql"] for table in tables)]


def test_the_overspent_works_are_read_from_their_own_index(budget):
    captured, _filed = budget
    with CaptureQueriesContext(connection) as read:
        budget_phases(captured.fiscal_year_id)
    (query,) = [q["sql"] for q in read if 'FROM "works_work"' in q["sql"]]
    with connection.cursor() as cursor:
        # A few rows cost nothing to sort: the index's order is asked for.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "work_overspent" in plan
    assert "Sort" not in plan
