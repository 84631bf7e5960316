"""``ruta backup``: what it refuses before any tool runs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from ruta.common.management.commands.backup import _moment


def test_a_time_without_an_offset_is_the_instance_s(settings):
    settings.TIME_ZONE = "America/Hermosillo"
    expected = datetime(2026, 1, 5, 14, 4, tzinfo=ZoneInfo("America/Hermosillo"))
    assert _moment("2026-01-05 14:04") == expected


def test_a_restore_to_a_time_not_yet_come_is_refused():
    with pytest.raises(CommandError, match="has not come yet"):
        call_command("backup", "restore", "--to", "2999-01-01 00:00")


def test_a_restore_to_something_not_a_time_is_refused():
    with pytest.raises(CommandError, match="--to takes a time"):
        call_command("backup", "restore", "--to", "ayer")


def test_a_restore_names_where_it_writes():
    with pytest.raises(CommandError, match="--database-into"):
        call_command("backup", "restore", "--to", "2026-01-05 14:04")


def test_an_unknown_method_is_refused_naming_the_setting(settings):
    settings.RUTA_BACKUP_METHOD = "tape"
    with pytest.raises(CommandError, match="RUTA_BACKUP_METHOD"):
        call_command("backup", "list")


def test_latest_restores_everything_the_backups_hold():
    assert _moment("latest") is None
