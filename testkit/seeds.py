"""The public seed documents, for the tests that read them.

The seeds sit beside the checkout (``../shared/seeds``, or ``RUTA_SEEDS_DIR``).
A clone without them still passes: the tests that read an original are
skipped, and the project's demonstration documents (``ruta.demo.documents``)
stand in for them in every other test. CI sets ``RUTA_REQUIRE_SEEDS=1``,
which turns a missing seed into a failure, so those tests cannot be skipped
there unnoticed.

The public data files the tests read ship with the repository: what the demo
loads in ``ruta/demo/data``, what only the tests read in ``testkit/data``
(sources and checksums in each ``SOURCES.md``). Only the originals the
project does not ship (the INEGI and CONAPO exports its catalog files were
derived from) are looked for beside the checkout (``../shared/data``, or
``RUTA_DATA_DIR``), under the seeds' rule.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
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
from ruta.demo.documents.demonstration import DEMONSTRATIONS

# Where the repository keeps its copies of public data files, in the layout of
# the data folder beside the checkout.
SHIPPED_DATA = (REPO_ROOT / "ruta" / "demo" / "data", REPO_ROOT / "testkit" / "data")

__all__ = [
    "CECOP_REPORT_2024",
    "GTO_ACTION_PLAN",
    "data_path",
    "MEXICALI_POA_2023_Q4",
    "PESO_POR_PESO_RULES_2021",
    "REPO_ROOT",
    "original_data_path",
    "seed_or_demonstration",
    "seed_path",
    "seeds_dir",
    "seeds_required",
    "shipped_data_path",
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


@cache
def _demonstrations_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="ruta-demonstrations-"))


def seed_or_demonstration(name: str) -> Path:
    """Return seed document ``name`` if present, else its demonstration document.

    For the tests of what the platform does with such a document rather than
    of the original's own text: they run on any clone, on the original where
    it is (CI) and on the project's document in the original's layout, with
    its figures, elsewhere (``ruta.demo.documents.demonstration``). The
    demonstration is written once per process. Where seeds are required
    (CI), a missing one fails as ``seed_path`` says.
    """
    original = find_seed(name)
    if original is not None or seeds_required():
        return seed_path(name)
    demonstration = next(item for item in DEMONSTRATIONS if item.seed == name)
    path = _demonstrations_folder() / demonstration.file_name
    if not path.exists():
        path.write_text(demonstration.text(), encoding="utf-8")
    return path


def shipped_data_path(relative: str) -> Path | None:
    """Return the repository's copy of public data file ``relative``, or None."""
    for root in SHIPPED_DATA:
        path = root / relative
        if path.exists():
            return path
    return None


def original_data_path(relative: str) -> Path:
    """Return the original of public data file ``relative`` beside the checkout.

    Skipped where it is absent, a failure where seeds are required (CI).
    """
    path = find_data_file(relative)
    if path is not None:
        return path
    reason = f"data file {relative} not found in {data_dir()} (RUTA_DATA_DIR)"
    if seeds_required():
        pytest.fail(f"{reason}; RUTA_REQUIRE_SEEDS is set", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def data_path(relative: str) -> Path:
    """Return the path of public data file ``relative``; skip (or fail in CI).

    The repository's copy when it ships one; otherwise the original beside
    the checkout (``../shared/data`` or ``RUTA_DATA_DIR``), under the seeds'
    rule: ``RUTA_REQUIRE_SEEDS=1`` turns a missing one into a failure.
    """
    return shipped_data_path(relative) or original_data_path(relative)
