"""The database's backups: full copies and the WAL between them, to any moment.

Two methods, one procedure (docs/deploy.md, "Backups"):

- ``pgbackrest`` for a PostgreSQL server of the machine (Debian's
  ``pgbackrest`` package): the server pushes each WAL segment into
  pgBackRest's repository (``archive_command``), ``pgbackrest backup``
  takes the full copies and forgets the ones past the retention, and
  ``pgbackrest restore --type=time`` writes a new cluster that replays the
  archive up to the moment asked;
- ``basebackup`` where pgBackRest does not apply (the embedded server, whose
  wheel ships PostgreSQL's own tools and no pgBackRest): the server copies
  each segment into a folder (``archive_command``), ``pg_basebackup`` takes
  the full copies into another, and a restore unpacks the newest copy
  finished before the moment into a new cluster told to replay the archive
  up to it (``recovery_target_time``).

Either way a restore writes a NEW cluster and never touches the running
one; the cluster stops replaying at the moment and is promoted, with its
archiving off so it never writes into the archive it came from.
"""

from __future__ import annotations

import json
import os
import pwd
import shlex
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

PGBACKREST = "pgbackrest"
BASEBACKUP = "basebackup"
METHODS = (PGBACKREST, BASEBACKUP)
STAMP = "%Y%m%dT%H%M%S.%fZ"
# A full copy, its WAL and its notes, in a folder of its own under ``base/``.
BASE = "base"
WAL = "wal"
NOTES = "backup.json"
# Each tool is given this long before it is ended (a full copy of a large
# database takes a while; a stuck one must not hold cron's slot forever).
TOOL_TIMEOUT = 6 * 60 * 60
# A WAL segment is archived at least this often while anything is written,
# so at most this many seconds of writes are lost with the server.
ARCHIVE_TIMEOUT = 60


class BackupError(Exception):
    """A backup or restore of the database that cannot be done, and why."""


@dataclass(frozen=True)
class DatabaseBackups:
    """Where and how the database is backed up.

    ``directory`` holds the ``basebackup`` method's copies and archive (and
    the files' backups, ``ruta.common.files.backups``); pgBackRest's
    repository is named in its own configuration. ``url`` connects the
    ``basebackup`` method as a role with REPLICATION. ``run_as`` is the
    system user the tools run as when this process is root's (the
    server's, which owns the data folder and the archive).
    """

    method: str
    directory: Path
    stanza: str = "ruta"
    config: Path | None = None
    retention: int = 2
    url: str = ""
    binaries: Path | None = None
    run_as: str | None = None

    @property
    def archive(self) -> Path:
        return self.directory / WAL


@dataclass(frozen=True)
class HeldBackup:
    """A full copy of the database: a restore reaches any moment after ``finished``."""

    label: str
    started: datetime
    finished: datetime


def _tool_path(backups: DatabaseBackups, tool: str) -> str:
    if backups.binaries is not None:
        return str(backups.binaries / tool)
    return tool


def run_tool(backups: DatabaseBackups, tool: str, *args: str) -> str:
    """Run one of PostgreSQL's or pgBackRest's tools; return what it printed."""
    done = subprocess.run(  # noqa: S603 - the backup tools, arguments built here
        [_tool_path(backups, tool), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=TOOL_TIMEOUT,
        user=backups.run_as,
        group=backups.run_as,
    )
    if done.returncode != 0:
        raise BackupError(
            f"{tool} failed ({done.returncode}): {done.stderr or done.stdout}"
        )
    return done.stdout


def _pgbackrest_args(backups: DatabaseBackups, *args: str) -> list[str]:
    config = [f"--config={backups.config}"] if backups.config else []
    return [*config, f"--stanza={backups.stanza}", *args]


def archive_settings(backups: DatabaseBackups) -> dict[str, str]:
    """Return the server's settings that archive its WAL for ``backups``."""
    if backups.method == PGBACKREST:
        command = shlex.join(["pgbackrest", *_pgbackrest_args(backups, "archive-push")])
        command += " %p"
    else:
        folder = shlex.quote(str(backups.archive))
        # Copied under a hidden name, written to disk, then renamed: a segment
        # is whole or absent. One already there is never replaced; the same
        # bytes again (a retry after a crash) count as archived.
        command = (
            f"if [ -f {folder}/%f ]; then cmp -s %p {folder}/%f; "
            f"else cp %p {folder}/.%f.partial && sync {folder}/.%f.partial"
            f" && mv {folder}/.%f.partial {folder}/%f; fi"
        )
    return {
        "wal_level": "replica",
        "archive_mode": "on",
        "archive_command": command,
        "archive_timeout": str(ARCHIVE_TIMEOUT),
    }


def pgbackrest_conf(
    *, backups: DatabaseBackups, repository: Path, pgdata: Path, port: int, socket: Path
) -> str:
    """Return pgBackRest's configuration for the server at ``pgdata``."""
    return (
        "[global]\n"
        f"repo1-path={repository}\n"
        f"repo1-retention-full={backups.retention}\n"
        "start-fast=y\n"
        "process-max=2\n"
        "compress-type=zst\n"
        "log-level-console=warn\n"
        "log-level-file=detail\n"
        f"\n[{backups.stanza}]\n"
        f"pg1-path={pgdata}\n"
        f"pg1-port={port}\n"
        f"pg1-socket-path={socket}\n"
    )


def database_backup(backups: DatabaseBackups) -> HeldBackup:
    """Take a full copy of the database, then forget the ones past the retention."""
    if backups.method == PGBACKREST:
        run_tool(
            backups, PGBACKREST, *_pgbackrest_args(backups, "--type=full", "backup")
        )
        return database_backups(backups)[-1]
    return _basebackup_take(backups)


def _server_one(url: str, sql: str, params: tuple = ()) -> object:
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(sql, params).fetchone()
    return row[0] if row else None


def _basebackup_take(backups: DatabaseBackups) -> HeldBackup:
    started = datetime.now(tz=UTC)
    label = started.strftime(STAMP)
    folder = backups.directory / BASE / label
    partial = folder.with_name(f".{label}.partial")
    _owned_folder(backups, partial.parent)
    run_tool(
        backups, "pg_basebackup", f"--dbname={backups.url}", f"--pgdata={partial}",
        "--format=tar", "--gzip", "--wal-method=stream", "--checkpoint=fast",
        f"--label=ruta {label}",
    )  # fmt: skip
    finished = datetime.now(tz=UTC)
    manifest = json.loads((partial / "backup_manifest").read_text(encoding="utf-8"))
    start_lsn = manifest["WAL-Ranges"][0]["Start-LSN"]
    first_wal = _server_one(
        backups.url, "SELECT pg_walfile_name(%s::pg_lsn)", (start_lsn,)
    )
    notes = {"started": started.isoformat(), "finished": finished.isoformat(),
             "first_wal": first_wal}  # fmt: skip
    (partial / NOTES).write_text(json.dumps(notes), encoding="utf-8")
    os.replace(partial, folder)
    _basebackup_expire(backups)
    return HeldBackup(label, started, finished)


def _owned_folder(backups: DatabaseBackups, folder: Path) -> None:
    """Make ``folder`` and its missing parents; those it made are the tools' user's.

    Only the folders made here change owner: never one that was there.
    """
    made = [each for each in (folder, *folder.parents) if not each.exists()]
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if backups.run_as:
        for each in made:
            shutil.chown(each, backups.run_as, backups.run_as)


def database_backups(backups: DatabaseBackups) -> list[HeldBackup]:
    """Return the full copies held, oldest first."""
    if backups.method == PGBACKREST:
        shown = run_tool(
            backups, PGBACKREST, *_pgbackrest_args(backups, "--output=json", "info")
        )
        stanzas = json.loads(shown)
        # pgBackRest keeps whole seconds, and restores to a time only from a
        # copy whose stop second is before it: the copy is taken as finished
        # at the end of that second.
        return [
            HeldBackup(
                held["label"],
                datetime.fromtimestamp(held["timestamp"]["start"], tz=UTC),
                datetime.fromtimestamp(held["timestamp"]["stop"] + 1, tz=UTC),
            )
            for stanza in stanzas
            for held in stanza.get("backup", [])
        ]
    held = []
    for folder in sorted((backups.directory / BASE).glob("[0-9]*")):
        notes = json.loads((folder / NOTES).read_text(encoding="utf-8"))
        held.append(
            HeldBackup(
                folder.name,
                datetime.fromisoformat(notes["started"]),
                datetime.fromisoformat(notes["finished"]),
            )
        )
    return held


def _basebackup_expire(backups: DatabaseBackups) -> None:
    """Remove the copies past the retention, and the WAL only they needed."""
    held = sorted((backups.directory / BASE).glob("[0-9]*"))
    if not held:
        return
    for folder in held[: -backups.retention]:
        shutil.rmtree(folder)
    oldest = held[-backups.retention :][0]
    notes = json.loads((oldest / NOTES).read_text(encoding="utf-8"))
    if backups.archive.is_dir():
        run_tool(backups, "pg_archivecleanup", str(backups.archive), notes["first_wal"])


def database_expire(backups: DatabaseBackups) -> datetime | None:
    """Forget the copies past the retention; return when the oldest kept one began."""
    if backups.method == PGBACKREST:
        run_tool(backups, PGBACKREST, *_pgbackrest_args(backups, "expire"))
    elif (backups.directory / BASE).is_dir():
        _basebackup_expire(backups)
    held = database_backups(backups)
    return held[0].started if held else None


def database_restore(
    backups: DatabaseBackups, *, moment: datetime | None, into: Path
) -> None:
    """Write a new cluster at ``into`` holding the database as it was at ``moment``.

    Start it as any cluster (``pg_ctl start``, ``pg_ctlcluster``); it replays
    the archive up to ``moment`` (all of it when None: the latest), then is
    promoted and takes writes. A moment after the last archived write fails
    at the start ("recovery ended before configured recovery target was
    reached"): the server archives a segment at least every minute.
    """
    if into.exists() and any(into.iterdir()):
        raise BackupError(f"{into} is not empty: restore into a new folder")
    held = database_backups(backups)
    usable = [each for each in held if moment is None or each.finished <= moment]
    if not usable:
        when = moment.isoformat() if moment else "now"
        raise BackupError(f"no full copy of the database had finished by {when}")
    # In UTC, as both pgBackRest and PostgreSQL read it ("+00", not "+00:00").
    target = (
        moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f+00") if moment else None
    )
    if backups.method == PGBACKREST:
        _pgbackrest_restore(backups, target, into)
    else:
        _basebackup_restore(backups, usable[-1], target, into)


def _pgbackrest_restore(
    backups: DatabaseBackups, target: str | None, into: Path
) -> None:
    aim = ["--type=default"]
    if target:
        aim = ["--type=time", f"--target={target}", "--target-action=promote"]
    _owned_folder(backups, into)
    run_tool(
        backups, PGBACKREST, *_pgbackrest_args(
            backups, f"--pg1-path={into}", *aim, "--archive-mode=off", "restore",
        ),
    )  # fmt: skip


def _basebackup_restore(
    backups: DatabaseBackups, copy: HeldBackup, target: str | None, into: Path
) -> None:
    _basebackup_unpack(backups, backups.directory / BASE / copy.label, into)
    folder = shlex.quote(str(backups.archive))
    recovery = {"restore_command": f"cp {folder}/%f %p", "archive_mode": "off"}
    if target:
        recovery |= {
            "recovery_target_time": target,
            "recovery_target_action": "promote",
        }
    with (into / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
        for name, value in recovery.items():
            quoted = value.replace("'", "''")
            conf.write(f"{name} = '{quoted}'\n")
    (into / "recovery.signal").touch()
    if backups.run_as:
        _chown_tree(into, backups.run_as)


def _basebackup_unpack(backups: DatabaseBackups, copy: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tarfile.open(copy / "base.tar.gz") as archive:
        archive.extractall(into, filter="data")
    with tarfile.open(copy / "pg_wal.tar.gz") as archive:
        archive.extractall(into / "pg_wal", filter="data")
    into.chmod(0o700)


def _chown_tree(folder: Path, user: str) -> None:
    shutil.chown(folder, user, user)
    for root, dirs, names in os.walk(folder):
        for name in [*dirs, *names]:
            shutil.chown(Path(root) / name, user, user)


def archived_through_now(url: str, seconds: float = 60) -> None:
    """Close the current WAL segment and wait until the server has archived it.

    A restore replays only what is archived: before a drill's restore (or
    taking a server down), the last writes are in the archive after this.
    """
    # One byte before what pg_switch_wal returns is in the segment it closed
    # (or, when nothing was written since the last switch, in the one before).
    segment = _server_one(url, "SELECT pg_walfile_name(pg_switch_wal() - 1)")
    deadline = time.monotonic() + seconds
    while str(
        _server_one(url, "SELECT last_archived_wal FROM pg_stat_archiver") or ""
    ) < str(segment):
        if time.monotonic() > deadline:
            raise BackupError(f"the server has not archived {segment}: see its log")
        time.sleep(0.1)


def configured_backups() -> DatabaseBackups:
    """Return the backups the settings describe (``RUTA_BACKUP_*``)."""
    from django.conf import settings

    from ruta.common.db.embedded import SUPERUSER, embedded_binaries, embedded_urls

    embedded = settings.RUTA_EMBEDDED_PGDATA
    method = settings.RUTA_BACKUP_METHOD or (BASEBACKUP if embedded else PGBACKREST)
    if method not in METHODS:
        raise BackupError(
            f"RUTA_BACKUP_METHOD must be one of {METHODS}, not {method!r}"
        )
    url = settings.RUTA_BACKUP_DATABASE_URL
    given = settings.RUTA_BACKUP_BINARIES
    binaries = Path(given) if given else None
    run_as = settings.RUTA_BACKUP_OS_USER or None
    if method == BASEBACKUP and embedded and not url:
        url = embedded_urls(Path(embedded))[SUPERUSER]
        binaries = binaries or embedded_binaries()
        run_as = run_as or _embedded_server_user(Path(embedded))
    if method == BASEBACKUP and not url:
        raise BackupError("set RUTA_BACKUP_DATABASE_URL to a role with REPLICATION")
    config = settings.RUTA_PGBACKREST_CONFIG
    return DatabaseBackups(
        method=method,
        directory=Path(settings.RUTA_BACKUP_DIR),
        stanza=settings.RUTA_BACKUP_STANZA,
        config=Path(config) if config else None,
        retention=settings.RUTA_BACKUP_RETENTION,
        url=url,
        binaries=binaries,
        run_as=run_as,
    )


def archiving_set(backups: DatabaseBackups, archiving: dict[str, str]) -> None:
    """Set the server's archiving (``ALTER SYSTEM``); it applies once restarted."""
    _owned_folder(backups, backups.archive)
    with psycopg.connect(backups.url, autocommit=True) as connection:
        for name, value in archiving.items():
            connection.execute(
                sql.SQL("ALTER SYSTEM SET {} = {}").format(
                    sql.Identifier(name), sql.Literal(value)
                )
            )


def _embedded_server_user(pgdata: Path) -> str | None:
    """Return the system user the embedded server runs as, when this is root.

    Run by root, the wheel runs PostgreSQL as a user of its own, who owns
    the data folder and must own the archive too.
    """
    if os.geteuid() != 0:
        return None
    return pwd.getpwuid(pgdata.stat().st_uid).pw_name
