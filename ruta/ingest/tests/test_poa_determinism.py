"""The reader's output is the same in every process, whatever the hash seed.

Readings with equal evidence are listed in an explicit order (most copies,
first printed, then figure before blank), never in set or dict hash order:
``hash(None)`` differs between processes on Python 3.11, and so does the hash
of strings unless PYTHONHASHSEED is fixed.
"""

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from ruta.ingest.poa import ReconciledGoal, read_copies, reconcile_copies
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path

PROJECT = Path(__file__).resolve().parents[3]
HASH_SEEDS = ("1", "12345")

# Line 1: the JSON of the forms and findings; line 2: every reading in full
# (reasons, sources, discarded readings and candidates), which the JSON omits.
SCRIPT = """
import json
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path
from ruta.ingest.poa import (
    check_document, forms_as_json, read_copies, reconcile_copies
)
path = seed_path(MEXICALI_POA_2023_Q4)
copies = read_copies(path.read_text(encoding="utf-8"), source_name=path.name)
forms = reconcile_copies(copies)
findings = check_document(copies, forms)
print(json.dumps(forms_as_json(forms, findings), sort_keys=False))
print(repr(forms))
"""


def read_seed_in_process(hash_seed: str) -> list[str]:
    """Return what a fresh interpreter with PYTHONHASHSEED ``hash_seed`` prints."""
    seed_path(MEXICALI_POA_2023_Q4)  # fail here, clearly, if the seed is missing
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stdout[:2000]
    return lines


def test_the_seed_reads_the_same_whatever_the_hash_seed():
    first, second = (read_seed_in_process(seed) for seed in HASH_SEEDS)
    assert first[0] == second[0], "forms_as_json differs between hash seeds"
    assert first[1] == second[1], "the readings differ between hash seeds"


# ---------------------------------------------------------------- the order


@cache
def seed_goal(unit: str, number: int) -> ReconciledGoal:
    text = seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")
    forms = reconcile_copies(read_copies(text, source_name=MEXICALI_POA_2023_Q4))
    form = next(f for f in forms if f.executing_unit.code.value == unit)
    return form.goal(number)


def test_equally_good_readings_go_earlier_quarters_first():
    g = seed_goal("54102", 204)  # copies 5 and 6 lost a pair of 1s
    assert [c.cells for c in g.candidates] == [
        (1, 1, 1, 1, None, None, None, None),
        (1, 1, None, None, 1, 1, None, None),
        (1, 1, None, None, None, None, 1, 1),
    ]


def test_a_cells_candidates_go_by_the_copies_reading_them():
    g = seed_goal("54102", 204)
    p2 = g.quarters[1].programmed  # blank in copies 5 and 6, 1 in copy 4
    assert [(c.value, [s.copy for s in c.sources]) for c in p2.candidates] == [
        (None, [5, 6]),
        (1, [4]),
    ]
    assert p2.reason.endswith("P2 is blank or 1")
