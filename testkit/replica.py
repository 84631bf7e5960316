"""A PostgreSQL primary and its streaming replica, made by the tests themselves.

Debian's PostgreSQL binaries (``initdb``, ``pg_ctl``, ``pg_basebackup``;
the ``postgresql`` package) build both in a temporary folder, each on a
free port of its own: ``initdb`` makes the primary, ``pg_basebackup -R``
copies it into a hot standby that streams from it. Both are stopped and
the folder removed when the block ends. The embedded server's package
(pgserver) has no ``pg_basebackup``, so without Debian's binaries the tests
that need a replica are skipped, or fail where ``RUTA_REQUIRE_REPLICA`` is
set (CI).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from testkit.nginx import free_port

# Where Debian installs each major version's binaries; the newest wins.
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
DATABASE = "ruta"
# A throwaway pair on a shared machine: small, and no waiting for disks.
SERVER_SETTINGS = """
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 40
shared_buffers = 16MB
fsync = off
full_page_writes = off
wal_level = replica
max_wal_senders = 4
hot_standby = on
"""


def postgres_binaries() -> Path | None:
    """Return the folder of Debian's PostgreSQL binaries with ``pg_basebackup``."""
    if not DEBIAN_BINARIES.is_dir():
        return None
    versions = sorted(
        (folder for folder in DEBIAN_BINARIES.iterdir() if folder.name.isdigit()),
        key=lambda folder: int(folder.name),
    )
    for version in reversed(versions):
        binaries = version / "bin"
        tools = ("initdb", "pg_ctl", "pg_basebackup")
        if all((binaries / tool).is_file() for tool in tools):
            return binaries
    return None


def replica_binaries_required() -> Path:
    """Return Debian's binaries; skip the test without them (fail under CI's flag)."""
    binaries = postgres_binaries()
    if binaries is not None:
        return binaries
    if os.environ.get("RUTA_REQUIRE_REPLICA", "") not in ("", "0"):
        pytest.fail(
            "Debian's PostgreSQL binaries (initdb, pg_basebackup) are not "
            "installed; RUTA_REQUIRE_REPLICA is set",
            pytrace=False,
        )
    pytest.skip("Debian's PostgreSQL binaries (initdb, pg_basebackup) not installed")


@dataclass(frozen=True)
class Server:
    """One of the pair: where it listens, and its data folder."""

    port: int
    data: Path

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def settings(
        self, base: dict[str, Any], database: str = DATABASE
    ) -> dict[str, Any]:
        """Return Django's settings for this server, on top of ``base``'s."""
        return {
            **base,
            "NAME": database,
            "USER": SUPERUSER,
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "OPTIONS": {},
            "CONN_MAX_AGE": 0,
            "TEST": {"MIRROR": "default"},
        }

    def connect(self, database: str = DATABASE) -> psycopg.Connection:
        """Return a connection of the test's own, in autocommit."""
        return psycopg.connect(self.url(database), autocommit=True)

    def one(self, sql: str, params: tuple = ()) -> Any:
        with self.connect() as connection:
            row = connection.execute(sql, params).fetchone()
        return row[0] if row else None


@dataclass(frozen=True)
class Pair:
    """A primary and its streaming replica."""

    primary: Server
    replica: Server

    def caught_up(self, seconds: float = 30) -> None:
        """Wait until the replica has replayed everything the primary committed."""
        target = self.primary.one("SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + seconds
        while not self.replica.one(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)
        ):
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.05)

    @contextmanager
    def replay_paused(self) -> Iterator[None]:
        """Hold the replica's replay for the block: it lags behind the primary."""
        self.caught_up()
        self.replica.one("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 30
        while self.replica.one("SELECT pg_get_wal_replay_pause_state()") != "paused":
            assert time.monotonic() < deadline, "the replica did not pause"
            time.sleep(0.05)
        try:
            yield
        finally:
            self.replica.one("SELECT pg_wal_replay_resume()")


def as_server_user() -> dict[str, Any]:
    """Return how to run the binaries: as ``postgres`` when this is root.

    ``initdb`` and ``postgres`` refuse to run as root (a CI machine);
    Debian's package creates the ``postgres`` user.
    """
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root needs the postgres user (Debian's package)")
    return {"user": "postgres", "group": "postgres"}


def _run(binaries: Path, tool: str, *args: str) -> None:
    done = subprocess.run(  # noqa: S603 - Debian's PostgreSQL tools, fixed arguments
        [str(binaries / tool), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **as_server_user(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tool} failed: {done.stdout}{done.stderr}")


def cluster_start(binaries: Path, server: Server) -> None:
    """Start ``server``'s cluster with ``binaries``; return once it answers."""
    _run(
        binaries,
        "pg_ctl",
        "start",
        "--wait",
        "--timeout=60",
        f"--pgdata={server.data}",
        f"--log={server.data.parent / (server.data.name + '.log')}",
        f"--options=-p {server.port}",
    )


def cluster_stop(binaries: Path, server: Server) -> None:
    """Stop ``server``'s cluster at once, if it runs."""
    if (server.data / "postmaster.pid").exists():
        _run(binaries, "pg_ctl", "stop", "--mode=immediate", f"--pgdata={server.data}")


def server_stop(server: Server) -> None:
    """Stop ``server`` (a test of a replica that is gone)."""
    binaries = postgres_binaries()
    assert binaries is not None
    cluster_stop(binaries, server)


def server_start(server: Server) -> None:
    """Start ``server`` again after ``server_stop``."""
    binaries = postgres_binaries()
    assert binaries is not None
    cluster_start(binaries, server)


def cluster_folder() -> Path:
    """Return a new temporary folder the server's user owns."""
    folder = Path(tempfile.mkdtemp(prefix="ruta-cluster-"))
    user = as_server_user()
    if user:
        shutil.chown(folder, user["user"], user["group"])
    return folder


def server_made(binaries: Path, server: Server, settings: str = "") -> None:
    """Make ``server``'s cluster with ``initdb``, start it and create ``ruta``.

    ``settings`` are added to the pair's (later lines win).
    """
    _run(
        binaries, "initdb", f"--pgdata={server.data}", f"--username={SUPERUSER}",
        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
    )  # fmt: skip
    with (server.data / "postgresql.conf").open("a") as conf:
        conf.write(SERVER_SETTINGS + settings)
    cluster_start(binaries, server)
    with server.connect("postgres") as connection:
        connection.execute(f"CREATE DATABASE {DATABASE}")


@contextmanager
def primary_and_replica(binaries: Path) -> Iterator[Pair]:
    """Run a new primary with database ``ruta`` and its streaming replica.

    Both are stopped, and their folder removed, when the block ends.
    """
    folder = cluster_folder()
    primary = Server(free_port(), folder / "primary")
    replica = Server(free_port(), folder / "replica")
    started: list[Server] = [primary]
    try:
        server_made(binaries, primary)
        _run(
            binaries, "pg_basebackup", f"--pgdata={replica.data}", "--host=127.0.0.1",
            f"--port={primary.port}", f"--username={SUPERUSER}",
            "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast",
            "--no-sync",
        )  # fmt: skip
        cluster_start(binaries, replica)
        started.append(replica)
        pair = Pair(primary, replica)
        assert replica.one("SELECT pg_is_in_recovery()") is True
        yield pair
    finally:
        for server in reversed(started):
            cluster_stop(binaries, server)
        shutil.rmtree(folder, ignore_errors=True)
