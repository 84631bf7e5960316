"""A restore drill's servers and world: a cluster of its own, backed up and restored.

The cluster is made as the replica tests make theirs (``testkit.replica``),
archiving its WAL the way the chosen method says
(``ruta.common.db.backups.archive_settings``): with Debian's PostgreSQL for
pgBackRest, whose configuration is the one ``ruta backup setup`` prints,
and with the embedded server's own PostgreSQL for ``pg_basebackup``.
Without pgBackRest or Debian's binaries that drill is skipped, or fails
where ``RUTA_REQUIRE_BACKUP`` is set (CI).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from ruta.common.db import backups as dbbackups
from ruta.common.db.backups import DatabaseBackups
from ruta.common.db.embedded import embedded_binaries
from testkit.nginx import free_port
from testkit.replica import (
    Server,
    as_server_user,
    cluster_folder,
    cluster_start,
    cluster_stop,
    postgres_binaries,
    server_made,
)

SERVER_USER = "postgres"


def backup_tools_required(method: str) -> Path:
    """Return the binaries the method's drill runs; skip without them.

    The base-backup method is the embedded server's: its drill runs the
    wheel's own PostgreSQL (16), always installed. pgBackRest's runs
    Debian's PostgreSQL and pgBackRest; without them it is skipped, or
    fails under CI's flag (``RUTA_REQUIRE_BACKUP``).
    """
    if method == dbbackups.BASEBACKUP:
        return embedded_binaries()
    binaries = postgres_binaries()
    missing = []
    if binaries is None:
        missing.append("Debian's PostgreSQL binaries (initdb, pg_ctl)")
    if shutil.which("pgbackrest") is None:
        missing.append("pgBackRest (Debian's pgbackrest package)")
    if binaries is not None and not missing:
        return binaries
    reason = " and ".join(missing) + " not installed"
    if os.environ.get("RUTA_REQUIRE_BACKUP", "") not in ("", "0"):
        pytest.fail(f"{reason}; RUTA_REQUIRE_BACKUP is set", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Drill:
    """The drill's cluster, its backups' settings and its folders."""

    binaries: Path
    folder: Path
    server: Server
    restored: Server
    latest: Server
    backups: DatabaseBackups

    @property
    def files(self) -> Path:
        """Where the platform keeps its files during the drill."""
        return self.folder / "kept"

    def start(self, server: Server) -> None:
        """Start ``server`` (a restored cluster): replay, then promotion."""
        cluster_start(self.binaries, server)
        deadline = time.monotonic() + 60
        while server.one("SELECT pg_is_in_recovery()"):
            assert time.monotonic() < deadline, "the restored cluster did not promote"
            time.sleep(0.05)


@contextmanager
def drill_cluster(binaries: Path, method: str) -> Iterator[Drill]:
    """Run a new cluster archiving its WAL by ``method``; remove all after."""
    folder = cluster_folder()
    server = Server(free_port(), folder / "primary")
    run_as = SERVER_USER if as_server_user() else None
    config = folder / "pgbackrest.conf"
    backups = DatabaseBackups(
        method=method,
        directory=folder / "backups",
        stanza="drill",
        config=config if method == dbbackups.PGBACKREST else None,
        retention=2,
        url=server.url(),
        binaries=binaries if method == dbbackups.BASEBACKUP else None,
        run_as=run_as,
    )
    conf = dbbackups.pgbackrest_conf(
        backups=backups, repository=folder / "repository", pgdata=server.data,
        port=server.port, socket=folder,
    )  # fmt: skip
    # The test's pgBackRest keeps its lock and log in the drill's folder.
    config.write_text(conf.replace("[global]\n", f"[global]\nlock-path={folder}\n"
                                   f"log-path={folder}\n", 1))  # fmt: skip
    archiving = dbbackups.archive_settings(backups)
    quoted = {name: value.replace("'", "''") for name, value in archiving.items()}
    settings = "".join(f"{name} = '{value}'\n" for name, value in quoted.items())
    settings += f"unix_socket_directories = '{folder}'\n"
    restored = Server(free_port(), folder / "restored")
    latest = Server(free_port(), folder / "latest")
    drill = Drill(binaries, folder, server, restored, latest, backups)
    try:
        if method == dbbackups.BASEBACKUP:
            dbbackups._owned_folder(backups, backups.archive)
        server_made(binaries, server, settings)
        if method == dbbackups.PGBACKREST:
            dbbackups.run_tool(
                backups, "pgbackrest", f"--config={config}", "--stanza=drill",
                "stanza-create",
            )  # fmt: skip
        yield drill
    finally:
        for each in (latest, restored, server):
            cluster_stop(binaries, each)
        shutil.rmtree(folder, ignore_errors=True)
