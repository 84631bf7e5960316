"""The nginx configuration the project ships (``deploy/nginx``), run locally.

Tests and the benchmark copy the shipped files into a folder, point the
upstream at a local server and the cache at the folder, and start nginx on
a free port. Nothing else of the configuration changes, except that the
benchmark may drop the per-address request limits: its load comes from one
address.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "deploy" / "nginx"
SHIPPED_UPSTREAM = "server 127.0.0.1:8000;"
SHIPPED_CACHE = "/var/cache/nginx/ruta"
SHIPPED_MEDIA = "/srv/ruta/media/"
SHIPPED_PRIVATE = "/srv/ruta/private/"
SHIPPED_USAGE_LOG = "/var/log/nginx/ruta-usage.log"
STATIC_PATH = "/bench/static.html"


def nginx_binary() -> str | None:
    """Return the nginx executable, if this machine has one."""
    # Debian installs it in /usr/sbin, outside a non-root user's PATH.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def proxy_config(
    folder: Path,
    *,
    port: int,
    upstream_port: int | Sequence[int],
    limits: bool = True,
    static_file: Path | None = None,
    workers: str = "1",
    media_root: Path | None = None,
    private_root: Path | None = None,
) -> Path:
    """Write an nginx.conf in ``folder`` serving the shipped locations.

    ``upstream_port`` is the site's port, or the ports of several nodes (a
    ``server`` line each, as docs/deploy.md says for several machines). The
    public and private file folders are ``media_root`` and ``private_root``
    (by default ``media`` and ``private`` in ``folder``).
    """
    ports = [upstream_port] if isinstance(upstream_port, int) else upstream_port
    upstream = "\n    ".join(f"server 127.0.0.1:{each};" for each in ports)
    media_root = media_root or folder / "media"
    private_root = private_root or folder / "private"
    for conf in DEPLOY.glob("*.conf"):
        text = conf.read_text(encoding="utf-8")
        text = text.replace(SHIPPED_UPSTREAM, upstream)
        text = text.replace(SHIPPED_CACHE, str(folder / "cache"))
        text = text.replace(SHIPPED_MEDIA, f"{media_root}/")
        text = text.replace(SHIPPED_PRIVATE, f"{private_root}/")
        text = text.replace(SHIPPED_USAGE_LOG, str(folder / "usage.log"))
        if not limits:
            text = "\n".join(
                line
                for line in text.splitlines()
                if not line.strip().startswith("limit_req ")
            )
        (folder / conf.name).write_text(text, encoding="utf-8")
    static = (
        f"location = {STATIC_PATH} {{ alias {static_file}; default_type text/html; }}"
        if static_file
        else ""
    )
    # Run as root (a CI machine), nginx's workers would drop to a user who
    # cannot enter a private temporary folder: keep them as this user.
    user = "user root root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"""
{user}
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include ruta-http.conf;
    server {{
        listen 127.0.0.1:{port};
        include ruta-locations.conf;
        {static}
    }}
}}
""",
        encoding="utf-8",
    )
    return main


def config_test(folder: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """Return ``nginx -t`` on ``config``."""
    return subprocess.run(  # noqa: S603 - the machine's nginx, fixed arguments
        [nginx_binary() or "nginx", "-t", "-p", str(folder), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


@contextmanager
def nginx_running(folder: Path, config: Path, port: int) -> Iterator[None]:
    """Run nginx with ``config`` until the block ends."""
    process = subprocess.Popen(  # noqa: S603 - the machine's nginx, fixed arguments
        [
            nginx_binary() or "nginx",
            "-p",
            str(folder),
            "-c",
            str(config),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"nginx stopped: {error}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not listen within 15 s")
