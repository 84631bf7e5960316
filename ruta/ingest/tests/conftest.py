from pathlib import Path

import pytest

from testkit.cecop import (  # noqa: F401
    catalog,
    imported_seed,
    seed_file,
    write_report,
)


@pytest.fixture
def import_folder(settings, tmp_path: Path) -> Path:
    """Return the folder the imports storage keeps uploads in, for this test."""
    folder = tmp_path / "imports"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "ruta.common.privatefiles.PrivateFileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }
    return folder
