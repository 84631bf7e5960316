"""A large selection's totals are summed by the queue, never by its reader."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.common.ops.requestlog import JOB_ARGUMENT, job_arguments
from ruta.works import tasks
from ruta.works.models import FundingSource, SelectionTotals
from ruta.works.selectors import WorkFilters, explore, work_list
from ruta.works.selectors.explore import (
    TotalsPending,
    selection_key,
    selection_totals,
    work_totals,
)
from ruta.works.selectors.works import filters_from_json, filters_json
from testkit.factories.works import WorkFactory
from testkit.queue import run_worker_once

EXPLORER = "/es-mx/obras/"
SEARCH = {"q": "alumbrado"}


@pytest.fixture
def lamps(hermosillo, alamos):
    """Five works with a word in their title, in two places, with two sources.

    In one transaction: a work's funding must add up when it commits.
    """
    with transaction.atomic():
        return _lamps(hermosillo, alamos)


def _lamps(hermosillo, alamos):
    works = [
        WorkFactory(
            municipality=place,
            title=f"Alumbrado público, tramo {number}",
            total_investment=Decimal(100_000 * number),
            funding=[
                (FundingSource.STATE, Decimal(80_000 * number)),
                (FundingSource.MUNICIPALITY, Decimal(20_000 * number)),
            ],
            realized=True,
        )
        for number, place in enumerate([hermosillo, alamos] * 2 + [hermosillo], 1)
    ]
    WorkFactory(municipality=hermosillo, title="Parque", realized=True)
    return works


@pytest.fixture
def few_summed_at_once(monkeypatch):
    """A page sums two works at most, and counts up to three."""
    monkeypatch.setattr(explore, "TOTALS_INLINE_MOST", 2)
    monkeypatch.setattr(explore, "COUNTED_MOST", 3)


def _jobs():
    return ProcrastinateJob.objects.filter(task_name=tasks.TOTALS_TASK)


def test_a_small_selection_is_summed_within_the_page(lamps):
    totals = selection_totals(WorkFilters(text="alumbrado"))
    assert totals == work_totals(work_list(filters=WorkFilters(text="alumbrado")))
    assert totals.works == 5


def test_a_large_selection_is_counted_up_to_a_bound_and_left_to_the_queue(
    lamps, few_summed_at_once
):
    assert selection_totals(WorkFilters(text="alumbrado")) == TotalsPending(more_than=3)
    assert selection_totals(WorkFilters(text="alumbrado tramo 1")) != TotalsPending()
    three = WorkFilters(text="alumbrado", municipality="26030")
    assert selection_totals(three) == TotalsPending(works=3)


def test_a_selection_not_counted_in_time_is_left_to_the_queue_and_says_so(
    client, lamps, monkeypatch
):
    monkeypatch.setattr(explore, "works_counted", lambda filters, most: None)
    pending = selection_totals(WorkFilters(text="alumbrado"))
    assert pending == TotalsPending()
    assert pending.works_at_least > explore.COUNTED_MOST  # listed by index
    text = client.get(EXPLORER, SEARCH).content.decode()
    assert "se están contando con sus totales" in text
    assert "no se alcanzaron a contar" in text
    assert "Son más de" not in text  # not known


def test_the_page_of_a_large_selection_queues_its_sums_once_and_is_kept_by_no_cache(
    client, lamps, few_summed_at_once
):
    first = client.get(EXPLORER, SEARCH)
    second = client.get(EXPLORER, SEARCH)
    text = first.content.decode()
    assert "Más de 3 obras encontradas" in text
    assert "se están sumando aparte" in text
    assert 'data-totals="/es-mx/obras/totales/?q=alumbrado"' in text
    assert "Alumbrado público, tramo 1" in text  # the list is there
    for answer in (first, second):
        assert answer.status_code == 200
        assert answer["Cache-Control"] == "public, max-age=2"  # a moment only
        assert not answer.has_header("ETag")
    assert _jobs().count() == 1
    queued = _jobs().get().args
    assert job_arguments(queued) == {"filters": {"text": "alumbrado"}}
    assert queued[JOB_ARGUMENT] == first["X-Request-ID"]  # the line that queued it


# The worker takes jobs on its own connection: this test commits.
@pytest.mark.django_db(transaction=True)
def test_the_queue_sums_a_selection_and_the_page_then_shows_its_totals(
    client, lamps, few_summed_at_once
):
    asked = client.get("/es-mx/obras/totales/", SEARCH)
    assert asked.status_code == 202
    assert asked["Retry-After"] == "2"
    assert not asked.has_header("ETag")
    run_worker_once()
    answer = client.get("/es-mx/obras/totales/", SEARCH)
    expected = work_totals(work_list(filters=WorkFilters(text="alumbrado")))
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "5 obras encontradas" in text
    assert "$1,200,000.00" in text  # state money: 80,000 × (1 + 2 + 3 + 4 + 5)
    assert answer["Cache-Control"] == "public, max-age=0"  # checked each time
    page = client.get(EXPLORER, SEARCH)
    assert page.has_header("ETag")
    assert page["Cache-Control"] == "public, max-age=300"
    assert selection_totals(WorkFilters(text="alumbrado", sort="-amount")) == expected


def test_sums_kept_for_an_older_version_are_never_shown_and_are_dropped(
    lamps, hermosillo, few_summed_at_once
):
    filters = WorkFilters(text="alumbrado")
    assert tasks.selection_totals_sum(filters).works == 5
    kept = SelectionTotals.objects.get()
    assert selection_totals(filters).works == 5
    WorkFactory(municipality=hermosillo, title="Alumbrado, tramo 6", realized=True)
    assert selection_totals(filters) == TotalsPending(more_than=3)
    assert tasks.selection_totals_sum(filters).works == 6
    again = SelectionTotals.objects.get()
    assert again.version != kept.version
    assert list(SelectionTotals.objects.values_list("pk", flat=True)) == [again.pk]
    assert selection_totals(filters).works == 6


def test_the_sums_of_late_works_are_of_their_day(
    lamps, few_summed_at_once, monkeypatch
):
    late = WorkFilters(text="alumbrado", late=True)
    today = selection_key(late)
    assert selection_key(WorkFilters(text="alumbrado")) != today
    monkeypatch.setattr(explore.timezone, "localdate", lambda: date(2031, 1, 2))
    assert selection_key(late) != today
    assert selection_key(WorkFilters(text="alumbrado", late=False)) == (
        selection_key(WorkFilters(text="alumbrado", sort="-amount"))
    )


def test_asking_again_counts_nothing_and_queues_what_no_job_holds(
    client, lamps, few_summed_at_once, django_assert_max_num_queries
):
    client.get(EXPLORER, SEARCH)  # queued
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/es-mx/obras/totales/", SEARCH).status_code == 202
    assert not [q for q in queries if "COUNT(*) FROM (SELECT" in q["sql"]]
    assert _jobs().count() == 1


def test_past_the_waiting_bound_nothing_is_queued_and_the_page_says_so(
    client, lamps, few_summed_at_once, monkeypatch
):
    monkeypatch.setattr(tasks, "QUEUED_MOST", 1)
    client.get(EXPLORER, {"q": "alumbrado tramo"})
    answer = client.get(EXPLORER, SEARCH)
    assert "Ahora no se pueden sumar los totales" in answer.content.decode()
    assert _jobs().count() == 1
    assert "data-totals" not in answer.content.decode()


def test_one_client_queues_a_bounded_number_of_selections(
    client, lamps, few_summed_at_once, monkeypatch
):
    monkeypatch.setattr(tasks, "CLIENT_QUEUES_MOST", 2)
    cache.clear()  # the clients' counts of other tests
    for words in ("alumbrado", "alumbrado público", "alumbrado tramo"):
        client.get(EXPLORER, {"q": words})
    assert _jobs().count() == 2
    other = Client(REMOTE_ADDR="192.0.2.7")
    other.get(EXPLORER, {"q": "alumbrado tramo"})
    assert _jobs().count() == 3


def test_the_sums_wait_behind_every_other_job_and_run_one_at_a_time():
    assert tasks.selection_totals_task.priority < 0
    assert tasks.selection_totals_task.lock == tasks.TOTALS_LOCK


def test_filters_cross_the_queue_as_they_were(hermosillo):
    filters = WorkFilters(
        year=2024,
        text="vado",
        amount_min=Decimal("10.50"),
        amount_max=Decimal("99.99"),
        late=True,
        source=FundingSource.STATE,
    )
    assert filters_from_json(filters_json(filters)) == filters
    assert filters_json(WorkFilters()) == {}
    with pytest.raises(ValueError, match="not works filters: owner"):
        filters_from_json({"owner": "x"})
