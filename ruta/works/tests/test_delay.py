"""A late work ("atrasada"): the rule, its SQL twin, and where readers see it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import partial

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from ruta.portal.questions.answers import answer_question
from ruta.works.models import WorkStatus
from ruta.works.rules import DELAY_MARGIN, delay_points, elapsed_share, is_late
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.delay import with_delay
from testkit.factories.catalog import MunicipalityFactory, StateFactory
from testkit.factories.works import ProgressFactory, WorkFactory

TODAY = date(2024, 7, 1)


def test_the_elapsed_share_runs_from_nothing_to_the_whole_period():
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    assert elapsed_share(start, end, date(2023, 12, 1)) == 0
    assert elapsed_share(start, end, date(2025, 3, 1)) == 100
    assert elapsed_share(start, end, TODAY) == Decimal(182 * 100) / Decimal(365)
    assert elapsed_share(start, None, TODAY) is None
    assert elapsed_share(start, start, TODAY) is None


@pytest.mark.parametrize(
    ("progress", "status", "late"),
    [
        # 80 % of the period gone (Jan 1 to Jun 25 of Jan 1 to Mar 16 next…):
        (Decimal(55), "in_execution", True),  # 25 points behind: late
        (Decimal(65), "in_execution", False),  # 15 points: within the margin
        (None, "contracted", True),  # no progress reported at all
        (Decimal(10), "completed", False),  # finished works are not late
        (Decimal(10), "approved", False),  # nor those whose money is not out
    ],
)
def test_a_work_under_way_behind_its_period_by_the_margin_is_late(
    progress, status, late
):
    start, end = date(2024, 1, 1), date(2024, 1, 1) + timedelta(days=100)
    today = start + timedelta(days=80)
    assert (
        is_late(status=status, start=start, end=end, today=today, progress=progress)
        is late
    )
    assert DELAY_MARGIN == 20


@pytest.mark.django_db
def test_the_work_page_the_list_the_filter_and_the_api_say_it(client, hermosillo):
    today = timezone.localdate()
    late = WorkFactory(
        public_id="OB-LATE",
        municipality=hermosillo,
        published=True,
        status=WorkStatus.IN_EXECUTION,
        start_date=today - timedelta(days=90),
        end_date=today + timedelta(days=10),
    )
    ProgressFactory(work=late, physical_percent=Decimal(40))
    WorkFactory(
        public_id="OB-ON-TIME",
        municipality=hermosillo,
        published=True,
        status=WorkStatus.IN_EXECUTION,
        start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=90),
    )
    page = client.get(late.get_absolute_url()).content.decode()
    assert "Atrasada: ha transcurrido el 90 % de su plazo" in page
    assert "su avance físico es de 40 %" in page
    listed = client.get("/es-mx/obras/", {"late": "on"}).content.decode()
    assert "1 obra encontrada" in listed
    assert 'class="badge badge-late"' in listed
    api = client.get("/api/v1/works/").json()["items"]
    assert {w["public_id"]: w["late"] for w in api} == {
        "OB-LATE": True,
        "OB-ON-TIME": False,
    }
    assert client.get("/api/v1/works/OB-LATE").json()["late"] is True


@pytest.mark.django_db
def test_a_question_judges_lateness_on_the_day_it_was_asked(hermosillo):
    start = date(2025, 1, 1)
    work = WorkFactory(
        municipality=hermosillo,
        published=True,
        status=WorkStatus.IN_EXECUTION,
        start_date=start,
        end_date=start + timedelta(days=100),
    )
    ProgressFactory(work=work, physical_percent=Decimal(40))
    late_on = partial(WorkFilters, late=True)
    assert not work_list(filters=late_on(late_on=start + timedelta(days=10))).exists()
    assert work_list(filters=late_on(late_on=start + timedelta(days=90))).exists()
    asked = answer_question("¿cuántas obras atrasadas hay?", start + timedelta(days=10))
    assert [figure.value for figure in asked.figures][:1] == ["0"]
    asked = answer_question("¿cuántas obras atrasadas hay?", start + timedelta(days=90))
    assert [figure.value for figure in asked.figures][:1] == ["1"]


class SqlAgreesWithTheRule(TestCase):
    """The explorer's SQL says late of exactly the works the rule does."""

    @classmethod
    def setUpTestData(cls):
        cls.municipality = MunicipalityFactory(
            code="26030", state=StateFactory(code="26")
        )

    @given(
        start=st.dates(date(2023, 1, 1), date(2025, 1, 1)),
        days=st.integers(0, 800),
        progress=st.none() | st.integers(0, 100).map(Decimal),
        status=st.sampled_from(WorkStatus.values),
    )
    def test_the_expression_and_the_rule_agree(self, start, days, progress, status):
        work = WorkFactory(
            municipality=self.municipality,
            published=True,
            status=status,
            start_date=start,
            end_date=start + timedelta(days=days),
        )
        if progress is not None:
            ProgressFactory(work=work, physical_percent=progress)
        annotated = with_delay(
            work_list(filters=WorkFilters(), published_only=False), TODAY
        ).get(pk=work.pk)
        expected = delay_points(
            start=work.start_date, end=work.end_date, today=TODAY, progress=progress
        )
        if expected is None:
            assert annotated.delay_points is None
        else:
            assert abs(annotated.delay_points - expected) < Decimal("0.000001")
        assert annotated.late is is_late(
            status=status,
            start=work.start_date,
            end=work.end_date,
            today=TODAY,
            progress=progress,
        )
