"""Processes of the platform started by a test: web nodes and a queue worker.

Each runs the platform's own command (``ruta serve``, ``ruta worker``) with
the environment the test gives it, its output in a log file, and is ended
when the block ends (or earlier, to lose a node).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Node:
    """One process of the platform: its port (for a web node) and its log."""

    process: subprocess.Popen
    log: Path
    port: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """End the process (its gunicorn workers with it) and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def _started(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603 - the platform's own command
            [sys.executable, "-m", "ruta", *args],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@contextmanager
def web_node(port: int, env: dict[str, str], log: Path) -> Iterator[Node]:
    """Run ``ruta serve 127.0.0.1:port`` until the block ends."""
    node = Node(_started(["serve", f"127.0.0.1:{port}"], env, log), log, port)
    try:
        _listening(node)
        yield node
    finally:
        node.stop()


@contextmanager
def queue_worker(env: dict[str, str], log: Path) -> Iterator[Node]:
    """Run ``ruta worker`` until the block ends."""
    node = Node(_started(["worker"], env, log), log)
    try:
        yield node
    finally:
        node.stop()


def _listening(node: Node, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if node.process.poll() is not None:
            raise RuntimeError(f"ruta serve stopped:\n{node.log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", node.port or 0), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"ruta serve did not listen within {seconds} s")


def node_environment(**values: str) -> dict[str, str]:
    """Return this process's environment for a node, with ``values`` on top.

    Without the test run's own database settings (the node is given its
    ``DATABASE_URL``) and without the suite's browser allowance.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "RUTA_DATABASE_OWNER_URL",
            "RUTA_TEST_DATABASE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "PYTEST_XDIST_WORKER",
        )
    }
    env.update(values)
    return env
