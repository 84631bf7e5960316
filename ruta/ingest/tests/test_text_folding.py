"""One home for accent folding: ``ruta.common.text.folding``, free of Django."""

import re
import subprocess
import sys
from pathlib import Path

from ruta.common.text import folding as text
from ruta.common.text import search
from ruta.common.text.folding import normalize_key


def test_search_uses_the_fold_of_common_text():
    assert search.fold is text.fold
    assert (search.ACCENTED, search.PLAIN) == (text.ACCENTED, text.PLAIN)


def test_normalize_key_folds_accents_case_and_spaces():
    assert normalize_key("  Tres  Ríos ") == normalize_key("TRES RIOS") == "TRES RIOS"


def test_normalize_key_strips_marks_the_search_map_leaves():
    # NFKD, not the search map: "³" and "ã" fold too, as before.
    assert normalize_key("60 m³, São") == "60 M3, SAO"
    assert text.fold("São") == "são"


def test_cecop_reader_imports_without_django():
    code = (
        "import sys, ruta.ingest.cecop; "
        "sys.exit(any(name.startswith('django') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_no_module_folds_text_by_itself():
    root = Path(text.__file__).resolve().parents[2]
    # A fold's definition, accents stripped by hand, SQL's translate().
    folding = re.compile(r'def fold\b|not unicodedata\.combining|function="translate"')
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and path not in {Path(text.__file__), Path(search.__file__)}
        and folding.search(path.read_text())
    ]
    assert found == []
