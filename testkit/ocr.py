"""OCR in the tests: Debian's Tesseract with its Spanish data.

Without it the OCR tests are skipped, so a clone without Tesseract still
passes; CI installs it and sets ``RUTA_REQUIRE_OCR=1``, which turns a
missing Tesseract into a failure instead of a silent skip.
"""

from __future__ import annotations

import os

import pytest

from ruta.ingest.pdf.ocr import ocr_available


def require_ocr() -> None:
    """Skip the calling test when OCR cannot run here (fail when CI needs it)."""
    missing = ocr_available()
    if not missing:
        return
    if os.environ.get("RUTA_REQUIRE_OCR", "") not in ("", "0"):
        pytest.fail(f"{missing}; RUTA_REQUIRE_OCR is set", pytrace=False)
    pytest.skip(missing)
