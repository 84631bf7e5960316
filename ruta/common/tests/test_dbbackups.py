"""The database's backups: the archive command the base-backup method sets."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruta.common.db import backups as dbbackups
from ruta.common.db.backups import DatabaseBackups


def _archive(command: str, segment: Path, cwd: Path) -> int:
    """Run ``command`` as PostgreSQL would for ``segment``; return its status."""
    line = command.replace("%p", str(segment)).replace("%f", segment.name)
    return subprocess.run(  # noqa: S603 - the archive command under test
        ["/bin/sh", "-c", line], cwd=cwd, check=False
    ).returncode


def _command(tmp_path: Path) -> tuple[str, Path]:
    backups = DatabaseBackups(method=dbbackups.BASEBACKUP, directory=tmp_path / "b")
    backups.archive.mkdir(parents=True)
    return dbbackups.archive_settings(backups)["archive_command"], backups.archive


def test_a_segment_is_archived_whole_under_its_name(tmp_path):
    command, archive = _command(tmp_path)
    segment = tmp_path / "000000010000000000000003"
    segment.write_bytes(b"wal" * 1000)
    assert _archive(command, segment, tmp_path) == 0
    assert [path.name for path in archive.iterdir()] == [segment.name]
    assert (archive / segment.name).read_bytes() == segment.read_bytes()


def test_the_same_segment_again_counts_as_archived(tmp_path):
    command, _archive_folder = _command(tmp_path)
    segment = tmp_path / "000000010000000000000003"
    segment.write_bytes(b"wal")
    assert _archive(command, segment, tmp_path) == 0
    assert _archive(command, segment, tmp_path) == 0


def test_another_segment_under_an_archived_name_is_refused_and_not_written(tmp_path):
    command, archive = _command(tmp_path)
    segment = tmp_path / "000000010000000000000003"
    segment.write_bytes(b"first")
    assert _archive(command, segment, tmp_path) == 0
    segment.write_bytes(b"other")
    assert _archive(command, segment, tmp_path) != 0
    assert (archive / segment.name).read_bytes() == b"first"


def test_pgbackrest_pushes_with_the_stanza_and_configuration_named():
    backups = DatabaseBackups(
        method=dbbackups.PGBACKREST,
        directory=Path("/unused"),
        stanza="sonora",
        config=Path("/etc/pgbackrest/ruta.conf"),
    )
    settings = dbbackups.archive_settings(backups)
    assert settings["archive_command"] == (
        "pgbackrest --config=/etc/pgbackrest/ruta.conf --stanza=sonora archive-push %p"
    )
    assert (settings["archive_mode"], settings["archive_timeout"]) == ("on", "60")
