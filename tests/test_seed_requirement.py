"""A missing seed document skips its tests on a bare clone and fails them in CI."""

import re

import pytest

from testkit.seeds import CECOP_REPORT_2024, REPO_ROOT, seed_path

LOOKS_FOR_A_SEED = re.compile(r"\b(?:seeds_dir|find_seed)\(")


def test_a_missing_seed_skips_where_seeds_are_not_required(monkeypatch, tmp_path):
    monkeypatch.setenv("RUTA_SEEDS_DIR", str(tmp_path))
    monkeypatch.delenv("RUTA_REQUIRE_SEEDS", raising=False)
    with pytest.raises(pytest.skip.Exception, match=CECOP_REPORT_2024):
        seed_path(CECOP_REPORT_2024)


def test_a_missing_seed_fails_where_seeds_are_required(monkeypatch, tmp_path):
    monkeypatch.setenv("RUTA_SEEDS_DIR", str(tmp_path))
    monkeypatch.setenv("RUTA_REQUIRE_SEEDS", "1")
    with pytest.raises(pytest.fail.Exception, match="RUTA_REQUIRE_SEEDS"):
        seed_path(CECOP_REPORT_2024)


def test_a_present_seed_is_found(monkeypatch, tmp_path):
    (tmp_path / CECOP_REPORT_2024).write_text("informe", encoding="utf-8")
    monkeypatch.setenv("RUTA_SEEDS_DIR", str(tmp_path))
    assert seed_path(CECOP_REPORT_2024).read_text(encoding="utf-8") == "informe"


def test_tests_reach_the_seeds_only_through_seed_path():
    # A test that looked for a seed by itself could skip without it, and CI,
    # which requires the seeds, would not notice the skip.
    sources = [*REPO_ROOT.glob("ruta/*/tests/*.py"), *REPO_ROOT.glob("tests/*.py")]
    sources += [*REPO_ROOT.glob("testkit/**/*.py"), REPO_ROOT / "conftest.py"]
    gateway = REPO_ROOT / "testkit" / "seeds.py"
    found = [
        str(path.relative_to(REPO_ROOT))
        for path in sources
        if path != gateway and LOOKS_FOR_A_SEED.search(path.read_text("utf-8"))
    ]
    assert found == []
