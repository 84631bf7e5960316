"""``ruta backup``: the database and the kept files, backed up and restored together.

``setup`` says (or, for the embedded server, sets) how the server archives
its WAL; ``database`` takes a full copy (weekly), ``files`` an index of the
kept files (every five minutes), ``expire`` forgets what the retention no
longer needs, ``list`` shows what is held, and ``restore --to TIME`` writes
a new cluster and new folders as they were at that time
(``ruta.common.db.backups``, ``ruta.common.files.backups``; docs/deploy.md).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ruta.common.db import backups as dbbackups
from ruta.common.db.backups import BackupError, DatabaseBackups
from ruta.common.files import backups as filebackups
from ruta.common.files.backups import FileBackupError

FILES = "files"


LATEST = "latest"


def _moment(text: str) -> datetime | None:
    """Return the time a restore reaches: ISO 8601, the instance's zone if none.

    ``latest`` (None) is everything the backups hold.
    """
    if text == LATEST:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"--to takes a time such as '2026-11-28 14:05', not {text!r}"
        ) from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise CommandError(f"{text} has not come yet: a restore reaches a past time")
    return moment


class Command(BaseCommand):
    help = "Back up the database and the kept files, or restore both to a time."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        setup = sub.add_parser("setup", help="the server's archiving settings")
        setup.add_argument(
            "--pgdata", type=Path, help="pgBackRest: the server's data folder"
        )
        setup.add_argument("--port", type=int, default=5432)
        setup.add_argument("--socket", type=Path, default=Path("/var/run/postgresql"))
        setup.add_argument(
            "--repository", type=Path, default=Path("/var/lib/pgbackrest")
        )
        sub.add_parser("database", help="a full copy of the database, then expire")
        sub.add_parser(FILES, help="an index of the kept files and their new contents")
        sub.add_parser("expire", help="forget what the retention no longer needs")
        sub.add_parser("list", help="the full copies and the files' indexes held")
        restore = sub.add_parser("restore", help="a new cluster and folders at a time")
        restore.add_argument(
            "--to", required=True, type=_moment, help="the time (ISO 8601), or latest"
        )
        restore.add_argument(
            "--database-into", type=Path, help="the new cluster's folder"
        )
        restore.add_argument("--files-into", type=Path, help="the new files' folder")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, f"_{action}")(**options)
        except (BackupError, FileBackupError) as error:
            raise CommandError(str(error)) from error

    def _files_folder(self) -> Path:
        return Path(settings.RUTA_BACKUP_DIR) / FILES

    def _setup(
        self,
        *,
        pgdata: Path | None,
        port: int,
        socket: Path,
        repository: Path,
        **_: Any,
    ) -> None:
        backups = dbbackups.configured_backups()
        archiving = dbbackups.archive_settings(backups)
        if backups.method == dbbackups.PGBACKREST:
            if pgdata is None:
                raise CommandError("--pgdata names the server's data folder")
            self.stdout.write(
                f"# {backups.config or '/etc/pgbackrest/pgbackrest.conf'}"
            )
            conf = dbbackups.pgbackrest_conf(
                backups=backups, repository=repository, pgdata=pgdata,
                port=port, socket=socket,
            )  # fmt: skip
            self.stdout.write(conf)
            self.stdout.write("# postgresql.conf (then restart the server)")
            for name, value in archiving.items():
                self.stdout.write(f"{name} = '{value}'")
            return
        dbbackups.archiving_set(backups, archiving)
        self.stdout.write(
            f"the server archives its WAL into {backups.archive} once restarted "
            "(stop every ruta process; the next one starts it)"
        )

    def _database(self, **_: Any) -> None:
        backups = dbbackups.configured_backups()
        held = dbbackups.database_backup(backups)
        self.stdout.write(
            f"database: full copy {held.label}, finished {held.finished.isoformat()}"
        )
        self._expire_files(backups)

    def _files(self, **_: Any) -> None:
        index = filebackups.files_backup(
            backups=self._files_folder(), folders=filebackups.storage_folders()
        )
        self.stdout.write(f"files: {index.count} indexed at {index.taken.isoformat()}")

    def _expire(self, **_: Any) -> None:
        self._expire_files(dbbackups.configured_backups())

    def _expire_files(self, backups: DatabaseBackups) -> None:
        oldest = dbbackups.database_expire(backups)
        if oldest is not None:
            gone = filebackups.files_expire(backups=self._files_folder(), since=oldest)
            self.stdout.write(
                f"files: {gone} indexes older than {oldest.isoformat()} removed"
            )

    def _list(self, **_: Any) -> None:
        for held in dbbackups.database_backups(dbbackups.configured_backups()):
            started, finished = held.started.isoformat(), held.finished.isoformat()
            self.stdout.write(f"database {held.label}: {started} to {finished}")
        for index in filebackups.indexes(self._files_folder()):
            self.stdout.write(f"files {index.taken.isoformat()}: {index.count}")

    def _restore(
        self,
        *,
        to: datetime | None,
        database_into: Path | None,
        files_into: Path | None,
        **_: Any,
    ) -> None:
        if database_into is None and files_into is None:
            raise CommandError("name --database-into, --files-into or both")
        if database_into is not None:
            backups = dbbackups.configured_backups()
            dbbackups.database_restore(backups, moment=to, into=database_into)
            reached = to.isoformat() if to else "the last archived write"
            self.stdout.write(
                f"database: a cluster at {database_into}, replaying to {reached}"
            )
        if files_into is not None:
            index = filebackups.files_restore(
                backups=self._files_folder(), moment=to or timezone.now(),
                into={alias: files_into / alias for alias in filebackups.FILE_STORAGES},
            )  # fmt: skip
            self.stdout.write(
                f"files: {index.count} as indexed at {index.taken.isoformat()}, "
                f"in {files_into} (a folder per storage: "
                f"{', '.join(filebackups.FILE_STORAGES)})"
            )
