"""The public seed documents, for the tests that read them.

The seeds sit beside the checkout (``../shared/seeds``, or ``RUTA_SEEDS_DIR``),
and so do the public data files (``../shared/data``, or ``RUTA_DATA_DIR``).
A clone without them still passes: the tests that need them are skipped,
and the project's own rendered documents stand in for them. CI sets
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
    PESO_POR_PESO_RULES_2021,
    REPO_ROOT,
    data_dir,
    find_data_file,
    find_seed,
    seeds_dir,
)

__all__ = [
    "CECOP_REPORT_2024",
    "GTO_ACTION_PLAN",
    "data_path",
    "MEXICALI_POA_2023_Q4",
    "PESO_POR_PESO_RULES_2021",
    "REPO_ROOT",
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
