"""The demo's followers of the first reported work, by e-mail and by WhatsApp."""

from ruta.alerts.models import ChannelKind, Subscription, SubscriptionState
from ruta.demo.alerts import alerts_demo_load
from ruta.demo.problems import problems_demo_load
from ruta.problems.models import ProblemReport
from testkit.factories.works import WorkFactory


def test_two_confirmed_followers_of_the_first_reported_work_once(db, hermosillo):
    WorkFactory.create_batch(3, municipality=hermosillo, published=True, is_demo=True)
    problems_demo_load()
    assert alerts_demo_load() == 2
    assert alerts_demo_load() == 0
    followers = Subscription.objects.order_by("channel")
    assert [(s.channel, s.state) for s in followers] == [
        (ChannelKind.EMAIL, SubscriptionState.CONFIRMED),
        (ChannelKind.WHATSAPP, SubscriptionState.CONFIRMED),
    ]
    reported = ProblemReport.objects.demo().order_by("work__public_id").first().work
    assert {s.target_key for s in followers} == {reported.public_id}
    assert all(s.is_demo for s in followers)


def test_no_demo_work_no_followers(db):
    assert alerts_demo_load() == 0
    assert not Subscription.objects.exists()
