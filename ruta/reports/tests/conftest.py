import pytest
from django.core.cache import cache

from ruta.catalog.models import Agency
from ruta.reports.selectors import AnnualReport, annual_report
from testkit.cecop import catalog, demonstration_document, report_world  # noqa: F401


@pytest.fixture
def report_demo(report_world, db) -> None:  # noqa: F811
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
