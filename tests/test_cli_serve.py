"""``ruta serve``'s bounds read from the environment are checked before it starts."""

import pytest

from ruta.cli import MAX_REQUESTS_DEFAULT, max_requests


@pytest.mark.parametrize(
    ("value", "recycled_after"),
    [(None, MAX_REQUESTS_DEFAULT), ("", MAX_REQUESTS_DEFAULT), ("0", 0), ("500", 500)],
)
def test_workers_are_replaced_after_the_requests_set(value, recycled_after):
    assert max_requests(value) == recycled_after


@pytest.mark.parametrize("value", ["-1", "many", "1e6", "1000001"])
def test_a_bound_out_of_range_stops_the_start_naming_the_setting(value):
    with pytest.raises(SystemExit, match="RUTA_MAX_REQUESTS"):
        max_requests(value)
