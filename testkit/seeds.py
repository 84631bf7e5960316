"""The public seed documents, for the tests that read them.

The seeds sit beside the checkout (``../shared/seeds``, or ``RUTA_SEEDS_DIR``),
and so do the public data files (``../shared/data``, or ``RUTA_DATA_DIR``).
A clone without them still passes: the tests that need them are skipped,
and the project's own rendered documents stand in for them
(``seed_or_demonstration`` gives a seed's demonstration document). CI sets
``RUTA_REQUIRE_SEEDS=1``, which turns a missing seed into a failure, so
those tests cannot be skipped there unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ruta.common.seeds import (
    CECOP_REPORT_2024,
    GTO_ACTION_PLAN,
    MEXICALI_POA_2023_Q4,
    REPO_ROOT,
    data_dir,
    find_data_file,
    find_seed,
    seeds_dir,
)
from ruta.demo.documents.demonstration import DEMONSTRATIONS

__all__ = [
    "CECOP_REPORT_2024",
    "GTO_ACTION_PLAN",
    "data_path",
    "MEXICALI_POA_2023_Q4",
    "REPO_ROOT",
    "seed_or_demonstration",
    "seed_path",
    "seeds_dir",
    "seeds_required",
]


def seeds_required() -> bool:
    """Return whether a missing seed must fail the run (CI) instead of skipping."""
    return os.environ.get("RUTA_REQUIRE_SEEDS", "") not in ("", "0")


def seed_path(name: str) -> Path:
    """Return the path of seed document ``name``; skip (or fail in CI) if absent.

    Callable at module level too: a missing seed skips the whole module.
    """
    path = find_seed(name)
    if path is not None:
        return path
    reason = f"seed document {name} not found in {seeds_dir()} (RUTA_SEEDS_DIR)"
    if seeds_required():
        pytest.fail(f"{reason}; RUTA_REQUIRE_SEEDS is set", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def seed_or_demonstration(name: str, directory: Path) -> Path:
    """Return seed ``name``'s path, or its demonstration document's, written now.

    As ``ruta load-demo`` does, a clone without the seeds takes the
    project's demonstration document in the original's place, written in
    ``directory``. A seed with no demonstration yet, or any missing seed
    where seeds are required (CI), skips or fails as ``seed_path`` does.
    """
    path = find_seed(name)
    standing = next((d for d in DEMONSTRATIONS if d.seed == name), None)
    if path is not None or standing is None or seeds_required():
        return seed_path(name)
    written = directory / standing.file_name
    written.write_text(standing.text(), encoding="utf-8")
    return written


def data_path(relative: str) -> Path:
    """Return the path of public data file ``relative``; skip (or fail in CI).

    The data files (``../shared/data`` or ``RUTA_DATA_DIR``) follow the seeds'
    rule: ``RUTA_REQUIRE_SEEDS=1`` turns a missing one into a failure.
    """
    path = find_data_file(relative)
    if path is not None:
        return path
    reason = f"data file {relative} not found in {data_dir()} (RUTA_DATA_DIR)"
    if seeds_required():
        pytest.fail(f"{reason}; RUTA_REQUIRE_SEEDS is set", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
