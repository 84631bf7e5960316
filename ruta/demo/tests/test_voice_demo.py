"""The demo of citizens' voice: follows, late alerts, requests, usage, photos."""

from django.test import TestCase

from ruta.alerts.models import AlertEvent, AlertKind, Subscription
from ruta.datarequests.models import DataRequest, RequestStatus
from ruta.demo.oversight import oversight_demo_load
from ruta.demo.voice import VOICE_FOLLOWER_EMAIL, voice_demo_load
from ruta.participation.gallery import work_gallery
from ruta.usage.models import DailyCount
from ruta.works.models import DocumentKind, WorkDocument
from testkit.factories.indicators import IndicatorCardFactory
from testkit.world import demo_written


class VoiceDemoTests(TestCase):
    """One demo load for the class, rolled back after."""

    @classmethod
    def setUpTestData(cls):
        demo_written()
        oversight_demo_load()
        IndicatorCardFactory()
        cls.summary = voice_demo_load()

    def test_an_indicator_is_followed_by_a_confirmed_demo_follower(self):
        follows = Subscription.objects.confirmed().filter(email=VOICE_FOLLOWER_EMAIL)
        assert "indicator" in set(follows.values_list("target_kind", flat=True))
        assert self.summary.followers == follows.count()

    def test_the_works_late_today_carry_their_alert(self):
        late = AlertEvent.objects.filter(kind=AlertKind.LATE)
        assert late.count() == self.summary.late_alerts > 0

    def test_one_request_answered_and_one_open_without_public_contact(self):
        statuses = sorted(DataRequest.objects.values_list("status", flat=True))
        assert statuses == [RequestStatus.ANSWERED, RequestStatus.OPEN]
        assert not DataRequest.objects.exclude(contact_email="").exists()

    def test_two_weeks_of_usage_and_a_gallery_of_both_kinds(self):
        assert DailyCount.objects.count() == self.summary.usage_rows > 0
        photo = WorkDocument.objects.filter(kind=DocumentKind.PHOTO).first()
        gallery = work_gallery(photo.work)
        assert {item.by_committee for item in gallery} == {True, False}

    def test_its_requests_counts_and_follows_are_marked_as_demonstration(self):
        assert not DataRequest.objects.filter(is_demo=False).exists()
        assert not DailyCount.objects.filter(is_demo=False).exists()
        follows = Subscription.objects.filter(email=VOICE_FOLLOWER_EMAIL)
        assert follows.exists()
        assert not follows.filter(is_demo=False).exists()

    def test_loading_again_adds_nothing_new(self):
        again = voice_demo_load()
        assert (again.followers, again.requests, again.usage_rows, again.photos) == (
            0,
            0,
            0,
            0,
        )
