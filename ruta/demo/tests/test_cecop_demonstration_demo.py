"""The demo with the CECOP report's demonstration imported in place of the original.

A clone without the seed imports the demonstration: its cards are the
original's, so the staff's cycles find the committees card and capture its
quarterly results, which the demo's works and committees bear out.
"""

import pytest
from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.demo.cycles import demo_staff_ensure, indicator_periods_demo_load
from ruta.demo.oversight import oversight_demo_load
from ruta.indicators.models import Computation
from ruta.indicators.selectors import card_periods, card_views
from ruta.ingest.importers import IMPORTERS
from testkit.cecop import CECOP_DEMONSTRATION, demonstration_document
from testkit.world import constraints_settled, demo_written

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def quarterly_results(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo with the demonstration imported and the indicators' cycle, twice."""
    folder = tmp_path_factory.mktemp("demonstration")
    path = demonstration_document().write(folder)
    with django_db_blocker.unblock(), transaction.atomic():
        demo_written()
        oversight_demo_load()
        IMPORTERS["cecop-report"].load(path=path, actor=DEMO)
        people = demo_staff_ensure()
        first = indicator_periods_demo_load(people)
        again = indicator_periods_demo_load(people)
        constraints_settled()
        yield first, again
        transaction.set_rollback(True)


def test_the_committees_card_is_the_demonstrations(quarterly_results):
    views = card_views()
    card = next(
        view.card
        for view in views
        if view.card.computation == Computation.COMMITTEES_PER_WORKS
    )
    assert card.document.name == CECOP_DEMONSTRATION.file_name
    assert card.source_line == demonstration_document().report().cards[2].place.line


def test_its_quarterly_results_are_captured_once_and_agree_with_the_data(
    quarterly_results,
):
    assert quarterly_results == (3, 0)
    views = card_views()
    card = next(
        view.card
        for view in views
        if view.card.computation == Computation.COMMITTEES_PER_WORKS
    )
    periods = card_periods(views)[card.pk].periods
    assert {(p.place_label, p.result.quarter) for p in periods} == {
        ("Hermosillo", 1),
        ("Hermosillo", 2),
        ("Región Capital", 2),
    }
    for period in periods:
        assert period.result.is_demo
        assert period.computed == period.result.value
