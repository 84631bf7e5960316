"""A publish's temporary folders: a dead run's are removed, a live run's kept."""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import ExitStack

import pytest

from ruta.opendata.scratch import (
    LOCK_NAME,
    UNLOCKED_GRACE_SECONDS,
    scratch_folder,
    scratch_leftovers_remove,
)
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests.conftest import ACTOR


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """The system's temporary directory, for this test alone."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _left_by_a_killed_run(folder):
    """Make ``folder`` as a run killed mid-publish leaves it: lock file, no holder."""
    folder.mkdir()
    (folder / LOCK_NAME).touch()
    (folder / "obras.csv").write_bytes(b"folio,titulo\n" * 1000)
    return folder


def test_a_dead_runs_folders_go_and_a_live_runs_and_others_stay(temporary):
    old = time.time() - UNLOCKED_GRACE_SECONDS - 10
    dead = _left_by_a_killed_run(temporary / "ruta-opendata-dead")
    unlocked = temporary / "ruta-opendata-before-locks"
    unlocked.mkdir()
    os.utime(unlocked, (old, old))
    just_made = temporary / "ruta-opendata-just-made"
    just_made.mkdir()
    someone_elses = temporary / "otra-herramienta-123"
    someone_elses.mkdir()
    with ExitStack() as held:
        live = scratch_folder(held)
        assert set(scratch_leftovers_remove()) == {dead, unlocked}
        assert live.exists()
        assert just_made.exists()
        assert someone_elses.exists()
    assert not live.exists()  # its run ended: removed by the run itself


@pytest.mark.django_db
def test_a_publish_starts_by_removing_what_a_killed_publish_left(temporary):
    dead = _left_by_a_killed_run(temporary / "ruta-opendata-killed")
    publish_datasets(actor=ACTOR)
    assert not dead.exists()
    assert list(temporary.glob("ruta-opendata-*")) == []


def test_a_new_folder_is_never_seen_unlocked(temporary):
    """Its lock file is locked before it is named: another run's removal,
    however early it looks, finds it held."""
    with ExitStack() as held:
        live = scratch_folder(held)
        assert sorted(p.name for p in live.iterdir()) == [LOCK_NAME]
        assert scratch_leftovers_remove(now=time.time() + 10**6) == []
        assert live.exists()
