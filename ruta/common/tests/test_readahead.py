"""Reading ahead in a thread: the items in order, errors where they happened,
never more than ``depth`` items held, the reading stopped with its caller."""

from __future__ import annotations

import threading

import pytest

from ruta.common.readahead import MOST_AHEAD, read_ahead


def test_the_items_come_in_order_whatever_the_depth():
    for depth in range(MOST_AHEAD + 1):
        assert list(read_ahead(iter(range(50)), depth=depth)) == list(range(50))


def test_an_error_in_the_reading_comes_after_the_items_read_before_it():
    def items():
        yield 1
        yield 2
        raise LookupError("row 3 does not read")

    reading = read_ahead(items(), depth=2)
    assert [next(reading), next(reading)] == [1, 2]
    with pytest.raises(LookupError, match="row 3"):
        next(reading)


def test_the_reading_is_never_more_than_depth_items_ahead_of_its_caller():
    depth, used = 2, [0]

    def items():
        for number in range(1, 200):
            # Before this one: the items the caller used, one it may hold
            # and not yet count, and at most depth waiting.
            assert number - 1 <= used[0] + 1 + depth
            yield number

    for _ in read_ahead(items(), depth=depth):
        used[0] += 1
    assert used[0] == 199


def test_a_caller_that_stops_early_stops_the_reading_and_closes_it():
    closed = threading.Event()

    def items():
        try:
            yield from range(1_000_000)
        finally:
            closed.set()

    reading = read_ahead(items(), depth=1)
    assert [next(reading), next(reading)] == [0, 1]
    reading.close()
    assert closed.is_set()
    assert not any(t.name == "read-ahead" for t in threading.enumerate())


def test_depth_zero_reads_in_the_callers_own_thread():
    def items():
        yield threading.get_ident()

    assert list(read_ahead(items(), depth=0)) == [threading.get_ident()]


@pytest.mark.parametrize("depth", [-1, MOST_AHEAD + 1])
def test_a_depth_out_of_bounds_is_refused(depth):
    with pytest.raises(ValueError, match="depth"):
        list(read_ahead(iter([1]), depth=depth))
