"""The shared cache on Redis: what the web workers share when RUTA_CACHE_URL is set.

Runs when a Redis server answers at ``RUTA_TEST_REDIS_URL`` (default
``redis://127.0.0.1:6379/15``); CI sets ``RUTA_REQUIRE_REDIS=1`` so a missing
server fails instead of skipping.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from ruta.common.prepared import prepared

REDIS_URL = os.environ.get("RUTA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"ruta-test-{uuid.uuid4().hex[:8]}",
    }
}


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("RUTA_REQUIRE_REDIS") == "1":
            pytest.fail(f"no Redis server at {REDIS_URL} (RUTA_REQUIRE_REDIS=1)")
        pytest.skip(f"no Redis server at {REDIS_URL}")
    with override_settings(CACHES=REDIS_CACHES):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def test_a_prepared_value_is_built_once_for_every_worker(db, redis_cache):
    import redis

    calls = []
    assert prepared("shared", lambda: calls.append(1) or "built") == "built"
    # The value is on the server, where every worker's process reads it.
    server = redis.Redis.from_url(REDIS_URL)
    assert server.keys(REDIS_CACHES["default"]["KEY_PREFIX"] + ":*:ruta:shared:*")
    assert prepared("shared", lambda: calls.append(1) or "again") == "built"
    assert calls == [1]


def test_api_rate_counters_are_shared(client, db, redis_cache, settings):
    settings.RUTA_API_REQUESTS_PER_MINUTE = 2
    answers = [client.get("/api/v1/catalog/states").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0"])
def test_the_setting_selects_redis(url, monkeypatch):
    import importlib

    from config.settings import base

    monkeypatch.setenv("RUTA_CACHE_URL", url)
    reloaded = importlib.reload(base)
    try:
        assert reloaded.CACHES["default"]["BACKEND"].endswith("RedisCache")
        assert reloaded.CACHES["default"]["LOCATION"] == url
    finally:
        monkeypatch.delenv("RUTA_CACHE_URL")
        importlib.reload(base)


def test_after_a_change_the_first_reader_sums_summary_rows_not_works(
    client, db, redis_cache, hermosillo
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from testkit.factories.works import WorkFactory

    WorkFactory(municipality=hermosillo, published=True)
    # Nothing prepared beforehand: the data version (once for the request:
    # the ETag), then one read of the summary rows, never of the works.
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/works/aggregates?by=year&by=source")
    assert answer.status_code == 200
    assert answer.json()[0]["keys"]["year"] == 2024
    assert len(queries) == 2
    assert "works_fundingsummary" in queries[1]["sql"]
    assert not [q for q in queries if '"works_work"' in q["sql"]]
