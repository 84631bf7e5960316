"""The files imports read: kept where every machine's worker finds them.

Uploaded works lists and documents, and files queued from the command line,
are kept in the ``imports`` storage (``STORAGES``: the folder
``RUTA_IMPORT_DIR``, or the private bucket under ``imports/``;
``ruta.common.files.storageurls``), private: nothing publishes them. The worker
that runs a job reads the file in place when the storage is a folder it
sees, and otherwise copies it into a temporary folder of its own first
(``import_file_local``): the readers take paths.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile

from ruta.common.files.uploads import file_recognise, file_rule

IMPORTS_STORAGE = "imports"
# How much of a file the worker copies at a time from a bucket.
COPY_CHUNK = 1024 * 1024


def import_storage() -> Storage:
    """Return the storage of uploaded import files (``STORAGES["imports"]``)."""
    return storages[IMPORTS_STORAGE]


def import_upload_store(
    upload: UploadedFile, *, rule: str = "ingest.works_list"
) -> str:
    """Keep an uploaded file where the worker reads it; return its stored name.

    Each upload gets a random folder of its own in the imports storage
    (private: nothing publishes it), so two uploads of the same name never
    overwrite each other. The file keeps its name's stem (letters, digits,
    dots and dashes), which the imported document shows, with the extension
    of the content its bytes show (``rule`` says which are taken: the works
    list's XLSX or CSV, a document's PDF or text); anything else is refused.
    """
    name = Path(upload.name or "archivo").name
    content = file_recognise(file_rule(rule), cast(BinaryIO, upload), name=name)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem).strip(".")[-110:]
    stored = f"{uuid.uuid4().hex[:16]}/{stem or 'archivo'}.{content.extension}"
    return import_storage().save(stored, upload)


def import_file_keep(path: Path) -> str:
    """Keep a file of this machine in the imports storage; return its stored name.

    For a file queued from the command line: the worker that runs it may be
    on another machine. The file's name is kept as it is (the imported
    document shows it).
    """
    with path.open("rb") as handle:
        return import_storage().save(
            f"{uuid.uuid4().hex[:16]}/{path.name}", File(handle, name=path.name)
        )


def is_machine_path(name: str) -> bool:
    """Return whether a job's ``path`` is a file of a machine, not a stored name."""
    return Path(name).is_absolute()


def import_file_exists(name: str) -> bool:
    """Return whether the file a job names is still kept."""
    if is_machine_path(name):
        return Path(name).is_file()
    return import_storage().exists(name)


@contextmanager
def import_file_local(name: str) -> Iterator[Path]:
    """Yield a path of this machine holding the file a job names.

    The readers take paths (a workbook is read by seeking in it): a file of
    a folder this machine sees is read in place; one of a bucket is copied,
    a chunk at a time, into a temporary folder that is removed afterwards,
    under its own name.
    """
    if is_machine_path(name):
        yield Path(name)
        return
    storage = import_storage()
    try:
        local = Path(storage.path(name))
    except NotImplementedError:
        local = None
    if local is not None:
        yield local
        return
    with tempfile.TemporaryDirectory(prefix="ruta-import-") as folder:
        copy = Path(folder) / PurePosixPath(name).name
        with storage.open(name, "rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)
        yield copy
