"""The kept files' backups: an index per run, each content stored once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ruta.common.files import backups as filebackups
from ruta.common.files.backups import FileBackupError


def _write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _contents(backups: Path) -> list[Path]:
    return sorted(path for path in (backups / "contents").rglob("*") if path.is_file())


def test_a_content_kept_under_two_names_and_two_runs_is_stored_once(tmp_path):
    kept, backups = tmp_path / "private", tmp_path / "backups"
    _write(kept, "grants/documents/2026/a.pdf", b"%PDF-1.7 one")
    _write(kept, "grants/documents/2026/b.pdf", b"%PDF-1.7 one")
    filebackups.files_backup(backups=backups, folders={"private": kept})
    index = filebackups.files_backup(backups=backups, folders={"private": kept})
    assert len(filebackups.indexes(backups)) == 2
    assert index.count == 2
    assert len(_contents(backups)) == 1


def test_a_restore_puts_back_the_files_of_the_newest_index_before_the_time(
    tmp_path,
):
    kept, backups = tmp_path / "private", tmp_path / "backups"
    _write(kept, "a.pdf", b"first")
    first = filebackups.files_backup(backups=backups, folders={"private": kept})
    (kept / "a.pdf").unlink()
    _write(kept, "b.pdf", b"second")
    filebackups.files_backup(backups=backups, folders={"private": kept})
    restored = tmp_path / "restored"
    used = filebackups.files_restore(
        backups=backups,
        moment=first.taken + timedelta(microseconds=1),
        into={"private": restored},
    )
    assert used.taken == first.taken
    assert [path.name for path in restored.iterdir()] == ["a.pdf"]
    assert (restored / "a.pdf").read_bytes() == b"first"


def test_a_restore_refuses_a_folder_that_holds_anything(tmp_path):
    kept, backups = tmp_path / "private", tmp_path / "backups"
    _write(kept, "a.pdf", b"first")
    index = filebackups.files_backup(backups=backups, folders={"private": kept})
    with pytest.raises(FileBackupError, match="not empty"):
        filebackups.files_restore(
            backups=backups, moment=index.taken, into={"private": kept}
        )


def test_a_restore_before_the_first_index_is_refused(tmp_path):
    kept, backups = tmp_path / "private", tmp_path / "backups"
    _write(kept, "a.pdf", b"first")
    index = filebackups.files_backup(backups=backups, folders={"private": kept})
    with pytest.raises(FileBackupError, match="no index"):
        filebackups.index_at(backups, index.taken - timedelta(seconds=1))


def test_expiring_keeps_the_last_index_before_the_oldest_copy_and_its_contents(
    tmp_path,
):
    kept, backups = tmp_path / "private", tmp_path / "backups"
    taken = []
    for name in ("a", "b", "c"):
        for old in kept.glob("*"):
            old.unlink()
        _write(kept, f"{name}.pdf", name.encode())
        taken.append(
            filebackups.files_backup(backups=backups, folders={"private": kept})
        )
    since = taken[2].taken - timedelta(microseconds=1)
    assert filebackups.files_expire(backups=backups, since=since) == 1
    assert [index.taken for index in filebackups.indexes(backups)] == [
        taken[1].taken,
        taken[2].taken,
    ]
    assert {path.read_bytes() for path in _contents(backups)} == {b"b", b"c"}


def test_the_storages_kept_in_buckets_are_refused(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    with pytest.raises(FileBackupError, match="versioning"):
        filebackups.storage_folders()


def test_an_index_time_is_in_utc(tmp_path):
    index = filebackups.files_backup(backups=tmp_path / "b", folders={})
    assert index.taken.tzinfo == UTC
    assert index.taken <= datetime.now(tz=UTC)
