"""The demo's problem reports: every status, answered, loaded once."""

from ruta.demo.problems import REPORTS, problems_demo_load
from ruta.problems.models import ProblemReport, StatusChange


def test_the_demo_reports_cover_the_statuses_and_load_once(demo_world, db):
    created = problems_demo_load()
    assert created == len(REPORTS) + 2  # a merged duplicate and a hidden one
    assert problems_demo_load() == 0
    statuses = set(ProblemReport.objects.demo().values_list("status", flat=True))
    assert statuses >= {"open", "acknowledged", "in_progress", "resolved", "rejected"}
    assert (
        StatusChange.objects.filter(report__is_demo=True).exclude(response="").count()
    )
    assert ProblemReport.objects.demo().exclude(hidden_reason="").count() == 1
    assert ProblemReport.objects.demo().filter(duplicate_of__isnull=False).count() == 1
