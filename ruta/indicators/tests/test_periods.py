"""Results per quarter and place: captured, approved by another, coloured, computed.

The CECOP report's committees card (baseline 90 % in 2021, ascending): a
87 % result is a setback (red), as the report's own 2024 figure is.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.catalog.models import Municipality
from ruta.indicators.computations import count_or_none, percent
from ruta.indicators.cycles import RESULT
from ruta.indicators.models import Computation, IndicatorResult, ResultStatus
from ruta.indicators.periods import STATEWIDE, Place, period_figure
from ruta.indicators.rules import Measurement, measurement, quarter_end
from ruta.indicators.selectors import card_periods, card_views
from ruta.indicators.services import (
    Period,
    indicator_result_capture,
)
from ruta.participation.models import Committee
from ruta.works.models import APPROVED_STATUSES, REALIZED_STATUSES, Work, WorkStatus
from testkit.factories.catalog import AgencyFactory, RegionFactory
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import WorkFactory, WorksProgramFactory


def test_a_card_with_a_computation_is_computed_others_by_their_frequency():
    assert measurement("committees-per-works", "Trimestral") == Measurement.COMPUTED
    assert measurement("", "Trimestral") == Measurement.CAPTURED
    assert measurement("", "TRIMESTRAL") == Measurement.CAPTURED
    assert measurement("", "Anual") == Measurement.YEARLY
    assert measurement("", "") == Measurement.YEARLY


def test_a_quarters_figure_is_the_year_to_its_last_day():
    assert [quarter_end(2024, q) for q in (1, 2, 3, 4)] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]


@pytest.fixture
def cecop(db):
    return AgencyFactory(code="sonora-cecop", name="CECOP", acronym="CECOP")


@pytest.fixture
def card(cecop):
    return IndicatorCardFactory(
        agency=cecop,
        name="Porcentaje en la Conformación de comités ciudadanos de la Transformación",
    )


@pytest.fixture
def people(make_user, cecop):
    return {
        "capture": make_user(Role.CAPTURE, agency=cecop),
        "validator": make_user(Role.VALIDATOR, agency=cecop),
    }


def _capture(card, actor, value="87", **period):
    return indicator_result_capture(
        card=card,
        period=Period(**{"year": 2024, **period}),
        value=Decimal(value),
        actor=actor,
    )


def test_a_captured_result_is_published_only_once_another_person_approves_it(
    card, people, hermosillo
):
    result = _capture(card, people["capture"], quarter=1, municipality=hermosillo)
    assert result.status == ResultStatus.CAPTURED
    views = card_views()
    assert card_periods(views)[card.pk].periods == ()
    step_take(RESULT, result, "approve", actor=people["validator"])
    views = card_views()
    (period,) = card_periods(views)[card.pk].periods
    assert (period.period_label, period.place_label) == (
        "2024, Enero-marzo",
        "Hermosillo",
    )
    assert period.semaphore == "red"  # 87 % against the 90 % baseline
    assert period.result.approved_by == people["validator"]


def test_whoever_captured_a_result_cannot_approve_it_nor_an_administrator(
    card, administrator, hermosillo
):
    result = _capture(card, administrator, "375.45", quarter=2)
    with pytest.raises(ValidationError) as refused:
        step_take(RESULT, result, "approve", actor=administrator)
    assert refused.value.code == "same_person"
    result.refresh_from_db()
    assert result.status == ResultStatus.CAPTURED


def test_capture_staff_do_not_approve(card, people):
    result = _capture(card, people["capture"], quarter=1)
    with pytest.raises(PermissionDenied):
        step_take(RESULT, result, "approve", actor=people["capture"])


def test_a_card_measured_once_a_year_takes_no_quarter(cecop, people):
    yearly = IndicatorCardFactory(agency=cecop, frequency="Anual")
    with pytest.raises(ValidationError) as refused:
        _capture(yearly, people["capture"], quarter=1)
    assert refused.value.error_dict["quarter"][0].code == "yearly_card"
    assert _capture(yearly, people["capture"]).quarter is None


@pytest.mark.parametrize(
    ("period", "code"),
    [
        ({"year": 2021}, "year_out_of_bounds"),  # the baseline's own year
        ({"year": 2999}, "year_out_of_bounds"),
        ({"quarter": 5}, "quarter_out_of_bounds"),
    ],
)
def test_a_period_out_of_bounds_is_refused(card, people, period, code):
    with pytest.raises(ValidationError) as refused:
        _capture(card, people["capture"], **period)
    (errors,) = refused.value.error_dict.values()
    assert errors[0].code == code
    assert not IndicatorResult.objects.exists()


@pytest.mark.parametrize(
    ("value", "code"),
    [("-1", "value_out_of_bounds"), ("87.12345", "value_too_precise")],
)
def test_a_value_out_of_bounds_is_refused(card, people, value, code):
    with pytest.raises(ValidationError) as refused:
        _capture(card, people["capture"], value, quarter=1)
    assert refused.value.error_dict["value"][0].code == code


def test_a_published_result_is_not_replaced_by_a_capture(card, people):
    IndicatorResultFactory(card=card, year=2024, value=Decimal("87"))
    with pytest.raises(ValidationError) as refused:
        _capture(card, people["capture"], "90")
    assert refused.value.code == "result_published"
    assert IndicatorResult.objects.get().value == Decimal("87")


def test_a_rejected_result_is_gone_with_its_reason(card, people):
    result = _capture(card, people["capture"], quarter=1)
    with pytest.raises(ValidationError):
        step_take(RESULT, result, "reject", reason="", actor=people["validator"])
    step_take(
        RESULT,
        result,
        "reject",
        reason="Cifra de otro trimestre",
        actor=people["validator"],
    )
    assert not IndicatorResult.objects.exists()


def test_the_committees_method_is_computed_for_a_quarter_and_a_municipality(
    cecop, card, hermosillo, cajeme
):
    card.computation = Computation.COMMITTEES_PER_WORKS
    card.save()
    program = WorksProgramFactory(agency=cecop)
    formed = {}
    for number, (place, day) in enumerate(
        [
            (hermosillo, date(2024, 2, 10)),
            (hermosillo, date(2024, 5, 10)),
            (hermosillo, None),
            (cajeme, date(2024, 1, 20)),
        ]
    ):
        # Released at the year's start, as its file says (``as_of``).
        work = WorkFactory(
            program=program,
            municipality=place,
            status=WorkStatus.RELEASED,
            as_of=date(2024, 1, 15),
        )
        if day is not None:
            formed[number] = Committee.objects.create(
                work=work, name=f"Comité {number}", formed_on=day
            )
    in_hermosillo = Place(municipality_id=hermosillo.pk)
    assert period_figure(card, 2024, 1, in_hermosillo) == Decimal("33.33")
    assert period_figure(card, 2024, 2, in_hermosillo) == Decimal("66.67")
    assert period_figure(card, 2024, 1) == Decimal("50.00")
    assert period_figure(card, 2024, None, Place(municipality_id=cajeme.pk)) == Decimal(
        "100.00"
    )


def test_the_api_gives_each_period_with_its_semaphore(card, people, hermosillo, client):
    result = _capture(card, people["capture"], quarter=1, municipality=hermosillo)
    step_take(RESULT, result, "approve", actor=people["validator"])
    (payload,) = client.get("/api/v1/indicators/cards").json()
    assert payload["measurement"] == "captured"
    (period,) = payload["periods"]
    assert period == {
        "year": 2024,
        "quarter": 1,
        "place_kind": "municipality",
        "place_code": hermosillo.pk,
        "place_name": "Hermosillo",
        "value": "87.0000",
        "computed": None,
        "semaphore": "red",
        "semaphore_label": "Retroceso",
    }


def test_the_capture_page_is_for_the_cards_staff(card, people, client, make_user):
    url = reverse("indicators:capture")
    client.force_login(people["capture"])
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.CAPTURE, agency=AgencyFactory()))
    page = client.get(url).content.decode()
    assert "Ninguna cédula de indicador" in page
    client.force_login(make_user(Role.COMMITTEE))
    assert client.get(url).status_code == 403


def _figure_from_history(card, year, quarter, place):
    """Return ``period_figure`` as computed from every work and its history.

    The reading before the summary rows: what the summary must give.
    """
    day = quarter_end(year, quarter) if quarter else None
    works = Work.objects.filter(
        program__agency=card.agency_id, fiscal_year=year
    ).of_delivery(card.population)
    if place.municipality_id:
        works = works.filter(municipality_id=place.municipality_id)
    if place.region_id:
        works = works.filter(municipality__region_id=place.region_id)

    def by_day(statuses):
        if day is None:
            return works.ever_reached(statuses)
        return works.reached_by(statuses, day)

    approved, released = by_day(APPROVED_STATUSES), by_day(REALIZED_STATUSES)
    if card.computation == Computation.REALIZED_WORKS_COUNT:
        return count_or_none(released.count())
    if card.computation == Computation.RELEASED_PER_APPROVED:
        return percent(released.count(), approved.count())
    needing = approved.needing_committee().exclude(status=WorkStatus.CANCELLED)
    formed = needing.filter(committee__isnull=False)
    if day is not None:
        formed = formed.filter(committee__formed_on__lte=day)
    return percent(formed.count(), needing.count())


@pytest.mark.parametrize(
    "computation",
    [
        Computation.COMMITTEES_PER_WORKS,
        Computation.RELEASED_PER_APPROVED,
        Computation.REALIZED_WORKS_COUNT,
    ],
)
def test_each_period_and_place_figure_is_what_the_history_gives(
    cecop, card, hermosillo, cajeme, computation
):
    card.computation = computation
    card.save()
    region = RegionFactory(state=hermosillo.state)
    Municipality.objects.filter(pk=cajeme.pk).update(region=region)
    program = WorksProgramFactory(agency=cecop)
    files = [None, date(2024, 2, 1), date(2024, 5, 20), date(2024, 10, 2)]
    statuses = [WorkStatus.APPROVED, WorkStatus.RELEASED, WorkStatus.COMPLETED]
    for number, (as_of, status) in enumerate(
        (as_of, status) for as_of in files for status in statuses
    ):
        work = WorkFactory(
            program=program,
            municipality=(hermosillo, cajeme)[number % 2],
            status=status,
            as_of=as_of,
        )
        if number % 3:
            Committee.objects.create(
                work=work, name=f"Comité {number}", formed_on=date(2024, 4, number)
            )
        if number % 4 == 0:
            # Approved, then cancelled by a later file: counted as approved.
            Work.objects.filter(pk=work.pk).update(
                status=WorkStatus.CANCELLED, as_of=date(2024, 12, 1)
            )
    places = [STATEWIDE, Place(municipality_id=cajeme.pk), Place(region_id=region.pk)]
    for quarter in (None, 1, 2, 3, 4):
        for place in places:
            assert period_figure(card, 2024, quarter, place) == (
                _figure_from_history(card, 2024, quarter, place)
            ), (quarter, place)


def test_a_cards_figures_read_no_work_but_its_committees_and_no_history(
    cecop, card, hermosillo
):
    program = WorksProgramFactory(agency=cecop)
    for status in (WorkStatus.APPROVED, WorkStatus.RELEASED):
        work = WorkFactory(program=program, status=status, as_of=date(2024, 2, 1))
        Committee.objects.create(work=work, name=status, formed_on=date(2024, 3, 1))
    for computation in Computation.values[1:]:
        computed = IndicatorCardFactory(agency=cecop, computation=computation)
        IndicatorResultFactory(card=computed, year=2024, quarter=2)
        IndicatorResultFactory(card=computed, year=2024, municipality=hermosillo)
    with CaptureQueriesContext(connection) as queries:
        card_periods(card_views())
    read = [query["sql"] for query in queries]
    assert not [sql for sql in read if "works_workevent" in sql]
    works = [sql for sql in read if '"works_work"' in sql]
    assert works
    assert all('FROM "participation_committee"' in sql for sql in works)
