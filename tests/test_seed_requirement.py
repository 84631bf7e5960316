"""A missing seed document skips its tests on a bare clone and fails them in CI."""

import pytest

from testkit.seeds import CECOP_REPORT_2024, seed_path


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
