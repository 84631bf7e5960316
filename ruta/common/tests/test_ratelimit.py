"""The one rate counter: per client, per window, in the shared cache."""

import pytest
from django.core.cache import cache

from ruta.common.web.ratelimit import rate_hit, rate_seen


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_count_goes_past_the_limit_on_the_next_event():
    counts = [rate_hit("t", "198.51.100.7", limit=2, seconds=60) for _ in range(3)]
    assert [c.exceeded for c in counts] == [False, False, True]
    assert [c.remaining for c in counts] == [1, 0, 0]
    assert 1 <= counts[-1].reset <= 60


def test_each_client_and_each_scope_counts_apart():
    rate_hit("t", "198.51.100.7", limit=1, seconds=60)
    assert not rate_hit("t", "198.51.100.8", limit=1, seconds=60).exceeded
    assert not rate_hit("u", "198.51.100.7", limit=1, seconds=60).exceeded
    assert rate_hit("t", "198.51.100.7", limit=1, seconds=60).exceeded


def test_looking_at_a_count_does_not_count():
    rate_hit("t", "198.51.100.7", limit=5, seconds=3600)
    seen = [rate_seen("t", "198.51.100.7", limit=5, seconds=3600) for _ in range(3)]
    assert [s.count for s in seen] == [1, 1, 1]


def test_a_new_window_starts_from_nothing(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr("ruta.common.web.ratelimit.time.time", lambda: clock[0])
    rate_hit("t", "198.51.100.7", limit=1, seconds=60)
    assert rate_hit("t", "198.51.100.7", limit=1, seconds=60).exceeded
    clock[0] += 60
    assert not rate_hit("t", "198.51.100.7", limit=1, seconds=60).exceeded


def test_the_cache_never_holds_the_address(monkeypatch):
    keys = []
    monkeypatch.setattr(cache, "add", lambda key, *args: keys.append(key) or True)
    rate_hit("t", "198.51.100.7", limit=1, seconds=60)
    assert keys
    assert not any("198.51.100.7" in key for key in keys)
