"""Helpers for tests: the seed documents, which the tests must find."""

from __future__ import annotations

from pathlib import Path

from ruta.common.seeds import (
    CECOP_REPORT_2024,
    MEXICALI_POA_2023_Q4,
    REPO_ROOT,
    find_seed,
    seeds_dir,
)

__all__ = [
    "CECOP_REPORT_2024",
    "MEXICALI_POA_2023_Q4",
    "REPO_ROOT",
    "seed_path",
    "seeds_dir",
]


def seed_path(name: str) -> Path:
    """Return the path of seed document ``name``; fail loudly if it is missing."""
    path = find_seed(name)
    if path is None:
        raise FileNotFoundError(
            f"seed document {name} not found in {seeds_dir()}; set RUTA_SEEDS_DIR"
        )
    return path
