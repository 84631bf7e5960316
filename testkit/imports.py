"""Where a test's uploads for import are kept: a folder of its own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def import_folder(settings, tmp_path: Path) -> Path:
    """Return the folder the imports storage keeps uploads in, for this test."""
    folder = tmp_path / "imports"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "ruta.common.files.privatefiles.PrivateFileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }
    return folder
