"""Reading ahead in a thread or apart in a process: the items in order,
errors where they happened, never more than ``depth`` items held, the
reading stopped with its caller; a process apart never touches the
caller's database session."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time

import pytest
from django.db import connection

from ruta.common.fast.readahead import MOST_AHEAD, read_ahead, read_apart
from ruta.sources.findings import DocumentError


def _counter():
    """Return a number the reading process sets and the caller reads."""
    return multiprocessing.get_context("fork").Value("i", 0)


def _counted(produced, last: int):
    """Yield 1 to ``last``, setting ``produced`` to each before it is yielded."""
    for number in range(1, last + 1):
        produced.value = number
        yield number


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


# Reading apart, in a child process (on Linux; elsewhere in a thread).

forked = pytest.mark.skipif(
    sys.platform != "linux", reason="the reading is forked on Linux only"
)


@forked
def test_apart_the_items_come_in_order_from_another_process():
    def items():
        for number in range(50):
            yield number, os.getpid()

    read = list(read_apart(items()))
    assert [number for number, _ in read] == list(range(50))
    assert {pid for _, pid in read} != {os.getpid()}


def test_apart_an_error_comes_after_the_items_before_it_with_what_it_says():
    def items():
        yield 1
        raise DocumentError("the row does not read", file="obras.csv", row=2)

    reading = read_apart(items())
    assert next(reading) == 1
    with pytest.raises(DocumentError) as raised:
        next(reading)
    assert (raised.value.file, raised.value.row) == ("obras.csv", 2)
    assert raised.value.reason == "the row does not read"


def test_apart_a_reading_that_ends_in_eof_error_says_so():
    def items():
        yield 1
        raise EOFError("the file ends inside a quoted cell")

    with pytest.raises(EOFError, match="inside a quoted cell"):
        list(read_apart(items()))


def test_apart_an_error_that_cannot_travel_comes_as_its_text():
    class Local(Exception):
        """Defined in a function: pickle cannot find it by name."""

    def items():
        raise Local("row 7 is broken")
        yield

    with pytest.raises(RuntimeError, match="Local: row 7 is broken"):
        list(read_apart(items()))


@forked
def test_apart_the_reading_is_one_item_ahead_of_its_caller():
    produced = _counter()
    for taken, _ in enumerate(read_apart(_counted(produced, 29)), start=1):
        time.sleep(0.01)  # time to run ahead, if it could
        assert produced.value <= taken + 1


def test_apart_a_caller_that_stops_early_ends_the_reading_process():
    reading = read_apart(iter(range(1_000_000)))
    assert [next(reading), next(reading)] == [0, 1]
    reading.close()
    assert not multiprocessing.active_children()


@forked
@pytest.mark.django_db
def test_apart_the_reading_cannot_use_the_callers_database_session():
    def items():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        yield "the database answered the child"

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE kept (n integer)")
        cursor.execute("INSERT INTO kept VALUES (1)")
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the driver says
        list(read_apart(items()))
    # The caller's session and its transaction are as they were.
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM kept")
        assert cursor.fetchall() == [(1,)]


@forked
def test_apart_the_reading_starts_before_the_caller_asks_for_an_item():
    produced = _counter()
    reading = read_apart(_counted(produced, 4), ahead=2)
    deadline = time.monotonic() + 10
    while produced.value < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert produced.value >= 1  # read while the caller did something else
    assert list(reading) == [1, 2, 3, 4]


@forked
def test_apart_the_reading_runs_ahead_items_and_never_more():
    ahead = 3
    produced = _counter()
    furthest = 0
    for taken, _ in enumerate(read_apart(_counted(produced, 39), ahead=ahead), start=1):
        time.sleep(0.02)  # time to run ahead as far as it may
        # Beyond what the caller took: the ones read ahead, and the one
        # being read.
        assert produced.value <= taken + ahead + 1
        furthest = max(furthest, produced.value - taken)
    assert furthest >= ahead


def test_apart_an_error_read_ahead_comes_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise DocumentError("the row does not read", file="obras.csv", row=3)

    reading = read_apart(items(), ahead=3)
    assert [next(reading), next(reading)] == [1, 2]
    with pytest.raises(DocumentError, match="does not read"):
        next(reading)


def test_apart_a_caller_that_stops_early_ends_the_process_reading_ahead():
    reading = read_apart(iter(range(1_000_000)), ahead=4)
    assert next(reading) == 0
    reading.close()
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("ahead", [0, MOST_AHEAD + 1])
def test_apart_reading_ahead_out_of_bounds_is_refused(ahead):
    with pytest.raises(ValueError, match="ahead"):
        read_apart(iter([1]), ahead=ahead)
