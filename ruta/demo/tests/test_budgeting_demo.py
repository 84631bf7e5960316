"""The demo's participatory budgets: one finished with a linked winner, one voting."""

from ruta.budgeting.models import Ballot, Period
from ruta.budgeting.selectors import ballot_rows, period_tally, proposal_rows
from ruta.demo.budgeting import budgeting_demo_load, budgeting_demo_skipped


def test_the_demo_budgets_show_every_phase_that_matters_and_load_once(demo_world, db):
    assert budgeting_demo_load() == 2
    assert budgeting_demo_load() == 0
    finished = Period.objects.get(is_demo=True, municipality__name="Álamos")
    voting = Period.objects.get(is_demo=True, municipality__name="Hermosillo")
    assert (finished.phase, voting.phase) == ("results", "voting")
    result = period_tally(finished)
    assert result.ballots == Ballot.objects.filter(period=finished).count() == 60
    assert result.tally.funded_total <= finished.total_budget
    linked = finished.proposals.exclude(work=None).get()
    assert linked.pk in result.funded_ids
    assert linked.work.is_demo
    assert linked.work.municipality_id == finished.municipality_id
    assert finished.proposals.filter(feasibility="unfeasible").count() == 1
    assert voting.ballots.count() == 18
    # The open data says so too, row by row.
    published = [*ballot_rows(), *proposal_rows()]
    assert published
    assert all(row["DEMOSTRACION"] for row in published)


def test_the_demo_budgets_pages_show_the_result_and_the_work(demo_world, db, settings):
    from django.test import Client

    settings.RUTA_STATE = "26"
    budgeting_demo_load()
    finished = Period.objects.get(is_demo=True, municipality__name="Álamos")
    linked = finished.proposals.exclude(work=None).get()
    client = Client()
    for address in (
        "/es-mx/presupuesto-participativo/",
        finished.get_absolute_url(),
        linked.get_absolute_url(),
        f"/en{finished.get_absolute_url().removeprefix('/es-mx')}resultados/",
    ):
        assert client.get(address).status_code == 200, address
    work_page = client.get(linked.work.get_absolute_url()).content.decode()
    assert linked.title in work_page


def test_a_demo_budget_says_it_was_made_up_not_what_the_works_banner_says(
    demo_world, db, settings, client
):
    settings.RUTA_STATE = "26"
    budgeting_demo_load()
    finished = Period.objects.get(is_demo=True, municipality__name="Álamos")
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "no lo abrió el municipio" in page
    assert "CECOP" not in page


def test_on_mexicali_s_instance_the_demo_budgets_are_skipped_and_say_why(
    demo_world, db, settings
):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = "02002"
    assert budgeting_demo_load() == 0
    assert not Period.objects.filter(is_demo=True).exists()
    assert budgeting_demo_skipped() == (
        " (Álamos and Hermosillo: not in this instance's Mexicali, skipped)"
    )
    settings.RUTA_MUNICIPALITY = ""
    settings.RUTA_STATE = "26"
    assert budgeting_demo_skipped() == ""
