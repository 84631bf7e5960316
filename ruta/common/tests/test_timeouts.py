"""A bounded read stops at its time and leaves the transaction as it was."""

import pytest
from django.db import ProgrammingError, connection

from ruta.common.web.timeouts import TookTooLong, within


def _timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def _read_past_its_bound() -> None:
    with (
        pytest.raises(TookTooLong),
        within(50, using="default"),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT pg_sleep(2)")


def test_a_read_past_its_time_is_stopped_and_the_transaction_goes_on(db):
    before = _timeout()
    _read_past_its_bound()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert _timeout() == before


def test_a_read_within_its_time_answers_and_leaves_no_bound_behind(db):
    before = _timeout()
    with within(5_000, using="default"), connection.cursor() as cursor:
        assert _timeout() == "5s"
        cursor.execute("SELECT pg_sleep(0.01), 2")
        assert cursor.fetchone()[1] == 2
    assert _timeout() == before


def test_other_errors_are_not_taken_for_a_timeout(db):
    with (
        pytest.raises(ProgrammingError),
        within(1_000, using="default"),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table")


@pytest.mark.parametrize("milliseconds", [0, -1, 10_001])
def test_a_bound_out_of_range_is_refused(milliseconds):
    with (
        pytest.raises(ValueError, match="milliseconds"),
        within(milliseconds, using="default"),
    ):
        pass


# Outside any transaction, as a page's reads run: the block is one of its own.
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_bound_ends_with_the_block():
    before = _timeout()
    _read_past_its_bound()
    with within(5_000, using="default"):
        assert _timeout() == "5s"
    assert _timeout() == before
    assert not connection.in_atomic_block
