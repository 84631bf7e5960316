"""The previous release's code, taken out of the checkout's history.

The previous release is the newest tag ``v*`` behind ``HEAD`` (docs/deploy.md,
"Releases"); until one exists, it is the main line just before the last
commit that changed a migration: the code the web nodes still run while
the new release's migrations are applied. Its files are written into a
folder with ``git archive``, so nothing of the working checkout changes.
Without the history (not a git checkout, or a shallow clone) the tests
that need it are skipped, naming why.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

MIGRATIONS = ":(glob)ruta/**/migrations/*.py"
# What a web node runs: the settings and URLs, the platform, and the test
# settings' database backend (``testkit.postgresql``).
RUNNING_CODE = ("config", "ruta", "testkit")
GIT_TIMEOUT = 60


@dataclass(frozen=True)
class Release:
    """A release's commit and how it was chosen."""

    commit: str
    why: str


def _git(*args: str) -> str | None:
    """Return what git printed, or None when it failed."""
    try:
        done = subprocess.run(  # noqa: S603 - git, fixed arguments
            ["git", "-C", str(settings.BASE_DIR), *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def previous_release() -> Release:
    """Return the previous release's commit; skip where the history is missing."""
    if _git("rev-parse", "--verify", "HEAD") is None:
        pytest.skip("not a git checkout: the previous release's code is not here")
    head = _git("rev-parse", "HEAD^{commit}")
    for tag in (
        _git("tag", "--merged", "HEAD", "--sort=-v:refname", "--list", "v*") or ""
    ).split():
        commit = _git("rev-parse", f"{tag}^{{commit}}")
        if commit and commit != head:
            return Release(commit, f"tag {tag}")
    changed = _git(
        "log", "--first-parent", "-1", "--format=%H", "HEAD", "--", MIGRATIONS
    )
    if not changed:
        pytest.skip("no commit in this checkout's history changed a migration")
    before = _git("rev-parse", "--verify", "--quiet", f"{changed}^1^{{commit}}")
    if before is None:
        pytest.skip(
            "the history before the last migration's commit is not in this "
            "clone (a shallow clone: git fetch --unshallow)"
        )
    return Release(before, f"main before {changed[:10]}, the last migration's commit")


def release_extract(release: Release, folder: Path) -> Path:
    """Write the release's running code into ``folder``; return it."""
    done = subprocess.run(  # noqa: S603 - git, fixed arguments
        ["git", "-C", str(settings.BASE_DIR), "archive", "--format=tar",  # noqa: S607
         release.commit, *RUNNING_CODE],
        capture_output=True,
        check=True,
        timeout=GIT_TIMEOUT,
    )  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(folder, filter="data")
    return folder
