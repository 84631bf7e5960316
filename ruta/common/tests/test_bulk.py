"""Settings of a bulk write: on for the block, put back after it."""

import pytest
from django.db import connection

from ruta.common.fast.bulk import BULK_WORK_MEM, bulk_settings

pytestmark = pytest.mark.django_db


def _settings() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('work_mem')")
        return cursor.fetchone()


def test_bulk_settings_turn_jit_off_and_put_back_what_was_set():
    before = _settings()
    with bulk_settings():
        assert _settings() == ("off", BULK_WORK_MEM)
    assert _settings() == before


def test_the_summary_triggers_are_planned_without_jit_and_read_by_index():
    # Their transition tables carry no statistics: the planner's guesses
    # would compile every statement (works migration 0027), and statistics
    # of a table the transaction filled would have it scan the table once
    # per touched work (works migration 0031).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, proconfig FROM pg_proc WHERE proname LIKE "
            "'works\\_summary\\_%\\_changed'"
        )
        found = dict(cursor.fetchall())
    # The funding sums are the works' trigger's (their lines are on the row).
    assert found == {"works_summary_work_changed": ["jit=off", "enable_seqscan=off"]}
