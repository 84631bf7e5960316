"""The indicator cards computed from the demo's works, beside the report's.

The demo and the report's demonstration are the reports' shared world
(``testkit.cecop.report_world``, written once a process), not loaded again
by each test.
"""

import pytest
from django.core.cache import cache

from testkit.cecop import report_world  # noqa: F401

PAGE = "/es-mx/indicadores/"


@pytest.fixture(autouse=True)
def _demo(report_world, db):  # noqa: F811
    """Each test reads the shared world with an empty cache."""
    cache.clear()
    yield
    cache.clear()


def test_computed_figures_from_demo_works_are_labelled_as_demo(client):
    html = client.get(PAGE).content.decode()
    assert "Datos de demostración" in html
    cards = client.get("/api/v1/indicators/cards?agency=CECOP").json()
    assert all(card["computed_from_demo_data"] for card in cards)


def test_demo_computed_ratios_hold_over_their_populations(client):
    cards = {
        card["computation"]: card
        for card in client.get("/api/v1/indicators/cards?agency=CECOP").json()
    }
    latest = {
        name: next(r for r in card["results"] if r["year"] == 2024)["computed"]
        for name, card in cards.items()
    }
    # 612 works released of the 671 concerted works approved in 2024,
    # cancelled ones included; every work that still needs a committee has one.
    assert latest["released-per-approved"] == "91.21"
    assert latest["committees-per-works"] == "100.00"
    assert latest["realized-works-count"] == "44"
    html = client.get(PAGE).content.decode()
    assert "Calculada con los datos en cada municipio (2024)" in html
    municipal = html[html.index("por municipio</caption>") :]
    assert municipal.count('<th scope="row">') >= 72
