import pytest
from django.core.cache import cache
from django.db import transaction

from ruta.catalog.models import Agency
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.reports.selectors import AnnualReport, annual_report
from testkit.actors import TEST_ACTOR
from testkit.cecop import catalog, demonstration_document  # noqa: F401
from testkit.images import world_image
from testkit.world import constraints_settled, demo_written


@pytest.fixture(scope="module")
def report_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the catalog, the demo data and the report's demonstration once.

    The demonstration prints the published report's tables and its
    contradictions (``testkit.cecop``), so the report compares the data with
    a published document as it would with the original. Loading the demo
    takes seconds, so the tests of a module share it inside one transaction
    that is rolled back when the module ends.
    """
    path = demonstration_document().write(tmp_path_factory.mktemp("report"))
    with django_db_blocker.unblock(), transaction.atomic():
        world_image("demo-cecop-report", lambda: _report_write(path))
        constraints_settled()
        yield
        transaction.set_rollback(True)


def _report_write(path) -> None:
    demo_written()
    cecop_report_import(path=path, actor=TEST_ACTOR)


@pytest.fixture
def report_demo(report_world, db) -> None:
    """Give a test the shared demo with the report (its own changes are rolled back)."""


@pytest.fixture
def report(report_demo) -> AnnualReport:
    """Return CECOP's 2024 report regenerated from the demo data, compared."""
    return annual_report(Agency.objects.get(code="sonora-cecop"), 2024)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start each test with an empty cache: the database rolls back, it does not."""
    cache.clear()
    yield
    cache.clear()
