"""The publish's temporary folders, and the removal of those a killed run left.

A publish writes each table's files in a folder of the system's temporary
directory before copying them into storage (70 MB for the works at a few
hundred thousand rows). A run that ends removes its folders; a run killed
(``kill -9``, out of memory, a worker lost) cannot, and its folders stayed
for good. So each folder holds a lock file, locked (``flock``) while its run
lives; the kernel releases the lock when the process dies, however it dies.
At its start a publish removes the folders of its own kind whose lock no
one holds: those of dead runs, never a live run's (the job and ``ruta
opendata publish`` may run at once), and nothing else in the directory.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time
from contextlib import ExitStack, suppress
from pathlib import Path

logger = logging.getLogger(__name__)

PREFIX = "ruta-opendata-"
LOCK_NAME = ".publish.lock"
# A folder of this kind with no lock file is a run's that died between making
# the folder and locking it, or one left before folders were locked: removed
# once this old, so a run that has just made its folder keeps it.
UNLOCKED_GRACE_SECONDS = 60


def scratch_folder(held: ExitStack) -> Path:
    """Return a new temporary folder for this run, locked while it lives.

    ``held`` closes the lock and removes the folder when the run ends.
    """
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    held.callback(shutil.rmtree, folder, ignore_errors=True)
    # Locked before it takes its name: another run never finds it unlocked.
    pending = folder / f"{LOCK_NAME}.new"
    descriptor = os.open(pending, os.O_CREAT | os.O_RDWR, 0o600)
    held.callback(os.close, descriptor)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    pending.rename(folder / LOCK_NAME)
    return folder


def scratch_leftovers_remove(now: float | None = None) -> list[Path]:
    """Remove the folders of dead publishing runs; return those removed."""
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(Path(tempfile.gettempdir()).glob(f"{PREFIX}*")):
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder, now):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    if removed:
        logger.warning("removed %s folders of publishing runs that died", len(removed))
    return removed


def _abandoned(folder: Path, now: float) -> bool:
    """Return whether no live run holds ``folder``."""
    lock = folder / LOCK_NAME
    try:
        descriptor = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        with suppress(FileNotFoundError):
            return now - folder.stat().st_mtime > UNLOCKED_GRACE_SECONDS
        return False
    except OSError:
        return False  # not ours to open: leave it
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # its run lives
    finally:
        os.close(descriptor)
    return True
