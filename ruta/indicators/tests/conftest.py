import pytest
from django.core.cache import cache

from testkit.cecop import (  # noqa: F401
    catalog,
    demonstration_file,
    imported_demonstration,
    write_report,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start each test with an empty cache: the database rolls back, it does not."""
    cache.clear()
    yield
    cache.clear()
