"""The folder where every process of a machine keeps its metrics (``RUTA_METRICS_DIR``).

prometheus_client's multiprocess mode gives each process files of its own,
named for its kind and process id (``counter_4242.db``,
``histogram_4242.db``); a scrape sums them all. A process that ended leaves
its files behind: its counts must stay in the sums while the server runs
(a counter that went down would read as a reset and a burst), yet a folder
of gunicorn's recycled workers would grow without end. So the files of
processes gone are folded into one per kind (``counter_gone.db``) at each
scrape (``ruta.common.ops.scrape``), and removed, folded ones included, when
``ruta serve`` starts, which starts every sum again.

Nothing here imports prometheus_client: ``ruta serve`` calls this before
gunicorn forks the workers, which must import it after the settings.
"""

from __future__ import annotations

import os
from pathlib import Path

# The process-id part of the files that keep the counts of processes gone.
GONE = "gone"


def process_of(path: Path) -> int | None:
    """Return the process id a metrics file is named for; None for a folded one."""
    pid = path.stem.rpartition("_")[2]
    return int(pid) if pid.isdigit() else None


def process_running(pid: int) -> bool:
    """Return whether process ``pid`` runs (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def files_of_processes_gone(folder: Path, kind: str = "*") -> list[Path]:
    """Return the metrics files of ``kind`` whose process no longer runs."""
    return sorted(
        path
        for path in folder.glob(f"{kind}_*.db")
        if (pid := process_of(path)) is not None and not process_running(pid)
    )


def metrics_folder_prepare(folder: str) -> int:
    """Make the metrics folder ready for a server's start; return files removed.

    The files of processes no longer running (the last start's web workers)
    and the folded ones are removed, so every sum starts again; a running
    process's files stay (a queue worker on the machine keeps counting).
    """
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    removed = [*files_of_processes_gone(path), *path.glob(f"*_{GONE}.db")]
    for kept in removed:
        kept.unlink(missing_ok=True)
    return len(removed)
