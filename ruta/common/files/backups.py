"""The kept files' backups, beside the database's: restored to the same time.

Every file the platform keeps is written once under a random name and never
changed (``ruta.common.files.uploads``), so a backup is an index of what each
folder held at a moment (name, size, SHA-256) and a store of contents by
their hash: a run copies only contents the store lacks, and an index is a
few bytes a file. Restoring to a time puts back the files of the newest
index taken at or before it into new folders, as the database is restored
into a new cluster. Run ``ruta backup files`` often (every five minutes):
a file uploaded after the last index taken before the restore's time is
not in it, though the database may name it.

The three places files go (``ruta.common.files.storageurls``: public, private,
import uploads) are backed up when they are folders; buckets keep their own
versions (the provider's versioning), and are refused here.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

# The storage aliases of ``STORAGES`` that hold kept files.
FILE_STORAGES = ("default", "private", "imports")
INDEXES = "indexes"
CONTENTS = "contents"
STAMP = "%Y%m%dT%H%M%S.%fZ"
CHUNK = 1024 * 1024

# A file as an index keeps it: its contents' hash, size and modification time
# (which spares hashing it again when neither changed).
Entry = tuple[str, int, int]


class FileBackupError(Exception):
    """A backup or restore of the files that cannot be done, and why."""


@dataclass(frozen=True)
class FilesIndex:
    """What each folder held when the index was taken."""

    taken: datetime
    folders: dict[str, dict[str, Entry]]

    @property
    def count(self) -> int:
        return sum(len(files) for files in self.folders.values())


def storage_folders() -> dict[str, Path]:
    """Return the folder of each kept files' storage; refuse a bucket."""
    folders = {}
    for alias in FILE_STORAGES:
        storage = storages[alias]
        if not isinstance(storage, FileSystemStorage):
            raise FileBackupError(
                f"the {alias!r} storage is not a folder of this machine "
                "(a bucket keeps its own versions: turn on its versioning)"
            )
        folders[alias] = Path(storage.location)
    return folders


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return
    for root, _dirs, names in os.walk(folder):
        for name in names:
            yield Path(root) / name


def folder_index(
    folder: Path, known: dict[str, Entry] | None = None
) -> dict[str, Entry]:
    """Return each file of ``folder`` by its name inside it: hash, size, mtime.

    A file ``known`` lists with the same size and modification time keeps
    its hash without being read again.
    """
    known = known or {}
    files: dict[str, Entry] = {}
    for path in _walk(folder):
        stat = path.stat()
        name = path.relative_to(folder).as_posix()
        seen = known.get(name)
        if seen and (seen[1], seen[2]) == (stat.st_size, stat.st_mtime_ns):
            files[name] = seen
        else:
            files[name] = (_sha256(path), stat.st_size, stat.st_mtime_ns)
    return files


def _content_path(backups: Path, sha256: str) -> Path:
    return backups / CONTENTS / sha256[:2] / sha256


def _keep_content(backups: Path, source: Path, sha256: str) -> None:
    """Copy ``source`` into the store once, whole: a partial copy is never kept."""
    target = _content_path(backups, sha256)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{sha256}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def indexes(backups: Path) -> list[FilesIndex]:
    """Return the indexes kept in ``backups``, oldest first."""
    folder = backups / INDEXES
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        folders = {
            alias: {name: tuple(entry) for name, entry in files.items()}
            for alias, files in data["folders"].items()
        }
        found.append(FilesIndex(datetime.fromisoformat(data["taken"]), folders))
    return found


def _index_write(backups: Path, index: FilesIndex) -> None:
    folder = backups / INDEXES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{index.taken.strftime(STAMP)}.json"
    partial = path.with_name(f".{path.name}.partial")
    data = {"taken": index.taken.isoformat(), "folders": index.folders}
    partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)


def files_backup(*, backups: Path, folders: dict[str, Path]) -> FilesIndex:
    """Copy the contents the store lacks, then write the index of ``folders``.

    The index's time is taken before the folders are read, so a file it
    lists was there at that time or came during the run.
    """
    taken = datetime.now(tz=UTC)
    previous = indexes(backups)
    known = previous[-1].folders if previous else {}
    listed: dict[str, dict[str, Entry]] = {}
    for alias, folder in folders.items():
        listed[alias] = folder_index(folder, known.get(alias))
        for name, (sha256, _size, _mtime) in listed[alias].items():
            _keep_content(backups, folder / name, sha256)
    index = FilesIndex(taken, listed)
    _index_write(backups, index)
    return index


def index_at(backups: Path, moment: datetime) -> FilesIndex:
    """Return the newest index taken at or before ``moment``."""
    before = [index for index in indexes(backups) if index.taken <= moment]
    if not before:
        raise FileBackupError(
            f"no index of the files was taken by {moment.isoformat()}"
        )
    return before[-1]


def files_restore(
    *, backups: Path, moment: datetime, into: dict[str, Path]
) -> FilesIndex:
    """Put the files as they were at ``moment`` into new, empty folders.

    ``into`` names a folder for each storage; none may hold anything, so a
    restore never mixes with the files it replaces. Return the index used.
    """
    index = index_at(backups, moment)
    for folder in into.values():
        if folder.exists() and any(folder.iterdir()):
            raise FileBackupError(f"{folder} is not empty: restore into a new folder")
    for alias, folder in into.items():
        for name, (sha256, _size, _mtime) in index.folders.get(alias, {}).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_content_path(backups, sha256), target)
    return index


def files_expire(*, backups: Path, since: datetime) -> int:
    """Forget the indexes not needed to restore to ``since`` or later.

    The newest index before ``since`` stays (a restore to a moment just
    after it reads it); contents no kept index lists are removed. Return
    how many indexes were removed.
    """
    kept = indexes(backups)
    older = [index for index in kept if index.taken < since]
    gone = older[:-1]
    for index in gone:
        (backups / INDEXES / f"{index.taken.strftime(STAMP)}.json").unlink()
    listed = {
        entry[0]
        for index in kept[len(gone) :]
        for files in index.folders.values()
        for entry in files.values()
    }
    for path in _walk(backups / CONTENTS):
        if path.name not in listed:
            path.unlink()
    return len(gone)
