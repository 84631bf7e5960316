"""One home for accent folding: ``ruta.common.text``, free of Django."""

import subprocess
import sys

from ruta.common import search, text
from ruta.common.text import normalize_key


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
