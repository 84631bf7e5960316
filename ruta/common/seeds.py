"""Where the public seed documents are.

The platform is built from five published documents. They are public reports
kept beside the repository (``../shared/seeds`` of a checkout) rather than
copied into it; ``RUTA_SEEDS_DIR`` points elsewhere. The demo imports them
when they are there, and the tests read them.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

CECOP_REPORT_2024 = "000_ae3294f082ec36ac.txt"
MEXICALI_POA_2023_Q4 = "002_05c6b3e944b07002.txt"
GTO_ACTION_PLAN = "003_ce9accbc04228567.txt"
PESO_POR_PESO_RULES_2021 = "004_a12843f07ee8146b.txt"


def seeds_dir() -> Path:
    """Return the folder of seed documents."""
    configured = os.environ.get("RUTA_SEEDS_DIR")
    if configured:
        return Path(configured)
    return REPO_ROOT.parent / "shared" / "seeds"


def find_seed(name: str) -> Path | None:
    """Return the path of seed document ``name``, or None when it is absent."""
    path = seeds_dir() / name
    return path if path.is_file() else None


def data_dir() -> Path:
    """Return the folder of public data files (OPA lists, OCDS samples, INEGI).

    Like the seeds, they are real published files kept beside the repository
    (``../shared/data``), or where ``RUTA_DATA_DIR`` says.
    """
    configured = os.environ.get("RUTA_DATA_DIR")
    if configured:
        return Path(configured)
    return REPO_ROOT.parent / "shared" / "data"


def find_data_file(relative: str) -> Path | None:
    """Return the path of data file ``relative`` (to the data folder), or None."""
    path = data_dir() / relative
    return path if path.exists() else None
