"""Works grouped by year, place, program and source, to the peso."""

from decimal import Decimal
from typing import get_args

import pytest

from ruta.common.text.glossary import MoneyGroup
from ruta.works.api import Dimension
from ruta.works.models import FundingSource, Work, WorkStatus
from ruta.works.selectors.aggregates import DIMENSIONS
from testkit.factories.works import WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(hermosillo, cajeme):
    return [
        WorkFactory(
            municipality=hermosillo,
            published=True,
            status=WorkStatus.IN_EXECUTION,
            beneficiaries=100,
            funding=[
                (FundingSource.STATE, "800000.00"),
                (FundingSource.MUNICIPALITY, "200000.00"),
            ],
        ),
        # Authorised, not released: its people are not counted.
        WorkFactory(
            municipality=hermosillo,
            published=True,
            beneficiaries=50,
            total_investment=Decimal("300000.50"),
            funding=[(FundingSource.STATE, "300000.50")],
        ),
        WorkFactory(
            municipality=cajeme,
            published=True,
            status=WorkStatus.COMPLETED,
            beneficiaries=7,
            total_investment=Decimal("99.99"),
            funding=[(FundingSource.FEDERAL, "99.99")],
        ),
        # Not published: counts nowhere.
        WorkFactory(
            municipality=cajeme,
            total_investment=Decimal("5.00"),
            funding=[(FundingSource.STATE, "5.00")],
        ),
    ]


def _groups(client, **params):
    answer = client.get("/api/v1/works/aggregates", params)
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_the_api_offers_every_dimension_the_selector_groups_by():
    assert set(get_args(Dimension)) == set(DIMENSIONS)


def test_grouped_by_municipality_the_sums_are_to_the_peso(client, works):
    groups = [
        {key: value for key, value in group.items() if key != "phases"}
        for group in _groups(client, by="municipality")
    ]
    assert groups == [
        {
            "keys": {"municipality": "26018"},
            "works": 1,
            "investment": "99.99",
            "beneficiaries": 7,
        },
        {
            "keys": {"municipality": "26030"},
            "works": 2,
            "investment": "1300000.50",
            "beneficiaries": 100,
        },
    ]


def test_grouped_by_source_the_money_is_each_sources_share(client, works):
    groups = {group["keys"]["source"]: group for group in _groups(client, by="source")}
    assert groups["state"]["investment"] == "1100000.50"
    assert groups["state"]["works"] == 2
    assert groups["municipality"]["investment"] == "200000.00"
    assert groups["federal"]["investment"] == "99.99"
    assert all(group["beneficiaries"] is None for group in groups.values())


def test_two_dimensions_and_a_filter(client, works):
    groups = _groups(client, by=["year", "source"], municipality="26030")
    assert {
        (group["keys"]["year"], group["keys"]["source"]): group["investment"]
        for group in groups
    } == {(2024, "state"): "1100000.50", (2024, "municipality"): "200000.00"}


def test_a_change_of_the_data_changes_the_sums(client, works):
    assert _groups(client, by="year")[0]["works"] == 3
    Work.objects.filter(pk=works[0].pk).update(published_at=None)
    assert _groups(client, by="year")[0]["works"] == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"by": "color"},
        {"by": ["year", "program", "subprogram", "region"]},
        {"by": "year", "year": "99999"},
    ],
)
def test_a_bad_grouping_is_a_problem_naming_the_parameter(client, works, params):
    answer = client.get("/api/v1/works/aggregates", params)
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"


def test_total_investment_matches_the_funding(works):
    assert works[0].total_investment == Decimal("1000000.00")


def test_the_api_offers_every_status_a_work_can_have():
    from ruta.works.api import Status
    from ruta.works.models import WorkStatus

    assert set(get_args(Status)) == {"", *WorkStatus.values}


@pytest.fixture
def phases(hermosillo):
    """Published works of Hermosillo in every phase the report names."""
    WorkFactory(
        municipality=hermosillo,
        realized=True,
        total_investment=Decimal("600000.00"),
        funding=[
            (FundingSource.STATE, "450000.00"),
            (FundingSource.FEDERAL, "150000.00"),
        ],
    )
    WorkFactory(
        municipality=hermosillo,
        published=True,
        status=WorkStatus.IN_EXECUTION,
        total_investment=Decimal("250000.25"),
        funding=[(FundingSource.STATE, "250000.25")],
    )
    WorkFactory(
        municipality=hermosillo,
        published=True,
        total_investment=Decimal("80000.00"),
        funding=[(FundingSource.STATE, "80000.00")],
    )
    WorkFactory(
        municipality=hermosillo,
        published=True,
        status=WorkStatus.CANCELLED,
        total_investment=Decimal("12345.67"),
        funding=[(FundingSource.STATE, "12345.67")],
    )


def test_each_group_splits_its_money_by_phase_and_only_released_money_is_invested(
    client, phases
):
    [group] = _groups(client, by="municipality")
    assert group["works"] == 4
    assert group["investment"] == "942345.92"
    assert group["phases"] == {
        MoneyGroup.INVESTED: {"works": 2, "investment": "850000.25"},
        MoneyGroup.PENDING_RELEASE: {"works": 1, "investment": "80000.00"},
        MoneyGroup.PROPOSED: {"works": 0, "investment": "0.00"},
        MoneyGroup.CANCELLED: {"works": 1, "investment": "12345.67"},
    }


def test_by_source_each_phase_holds_that_source_s_share(client, phases):
    groups = {group["keys"]["source"]: group for group in _groups(client, by="source")}
    assert groups["state"]["phases"][MoneyGroup.INVESTED] == {
        "works": 2,
        "investment": "700000.25",
    }
    assert groups["state"]["phases"][MoneyGroup.CANCELLED] == {
        "works": 1,
        "investment": "12345.67",
    }
    assert groups["federal"]["phases"][MoneyGroup.INVESTED] == {
        "works": 1,
        "investment": "150000.00",
    }
    assert groups["federal"]["phases"][MoneyGroup.PENDING_RELEASE]["works"] == 0
