"""The demo committees' oversight agrees with their works' statuses."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from ruta.accounts.models import User
from ruta.demo.oversight import (
    DEMO_COMMITTEE_EMAIL,
    DEMO_MINUTES,
    demo_committee_member_ensure,
    oversight_demo_load,
)
from ruta.participation.models import (
    Committee,
    HandoverAct,
    OversightVisit,
    TrainingWorkshop,
)
from ruta.participation.selectors import member_committees
from ruta.participation.services import visit_record
from ruta.works.models import WorkStatus
from testkit.world import demo_written


class OversightDemoTests(TestCase):
    """One demo load for the class, rolled back after."""

    @classmethod
    def setUpTestData(cls):
        demo_written()
        cls.summary = oversight_demo_load()
        cls.password = demo_committee_member_ensure()

    def test_every_demo_committee_had_its_workshop(self):
        assert TrainingWorkshop.objects.count() == Committee.objects.count() == 671
        attendance = TrainingWorkshop.objects.values_list("attendance", flat=True)
        assert all(8 <= count <= 35 for count in attendance)

    def test_every_work_handed_over_has_its_committee_s_act_and_no_other_does(self):
        handed_over = Committee.objects.filter(work__status=WorkStatus.HANDED_OVER)
        acts = HandoverAct.objects.all()
        assert set(acts.values_list("committee", flat=True)) == set(
            handed_over.values_list("pk", flat=True)
        )
        assert acts.filter(conformity="objections").exclude(objections="").exists()

    def test_visits_are_on_works_under_way_and_dated_within_bounds(self):
        visits = OversightVisit.objects.select_related("committee__work")
        assert visits.exists()
        for visit in visits:
            work = visit.committee.work
            assert work.status not in (WorkStatus.APPROVED, WorkStatus.CANCELLED)
            assert visit.committee.formed_on <= visit.visited_on <= timezone.localdate()

    def test_loading_the_oversight_twice_adds_nothing(self):
        again = oversight_demo_load()
        assert (again.workshops, again.visits, again.acts) == (0, 0, 0)

    def test_the_demo_member_records_a_visit_on_their_committee_only(self):
        member = User.objects.get(email=DEMO_COMMITTEE_EMAIL)
        assert member.check_password(self.password)
        seats = member_committees(member)
        assert {c.work.status for c in seats} == {
            WorkStatus.IN_EXECUTION,
            WorkStatus.COMPLETED,
        }
        theirs = next(c for c in seats if c.work.status == WorkStatus.IN_EXECUTION)
        visit = visit_record(
            committee=theirs,
            visited_on=max(theirs.formed_on, date(2024, 12, 1)),
            checked="Avance",
            findings="Sin hallazgos",
            minutes=[(BytesIO(DEMO_MINUTES), len(DEMO_MINUTES))],
            actor=member,
        )
        assert visit.committee == theirs
        other = Committee.objects.exclude(pk__in=[c.pk for c in seats]).first()
        with pytest.raises(PermissionDenied):
            visit_record(
                committee=other,
                visited_on=date(2024, 12, 1),
                checked="Avance",
                findings="Sin hallazgos",
                minutes=[(BytesIO(DEMO_MINUTES), len(DEMO_MINUTES))],
                actor=member,
            )
