"""A full disk leaves no partial file, and the page says there was no room."""

from __future__ import annotations

import errno
from io import BytesIO

import pytest
from django.core.files.base import File
from django.test import RequestFactory
from django.utils import translation

from ruta.common.files.wholefiles import WholeFileSystemStorage, storage_full
from ruta.portal.errors import server_error


class _FillsTheDisk(File):
    """Content whose second piece finds the disk full."""

    def __init__(self) -> None:
        super().__init__(None, name="acta.pdf")

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7\n" + b"x" * 4096
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_the_disk_fills_half_way_is_not_left_behind(tmp_path):
    storage = WholeFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="No space left") as failed:
        storage.save("obras/acta.pdf", _FillsTheDisk())
    assert storage_full(failed.value)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_file_saved_whole_stays(tmp_path):
    storage = WholeFileSystemStorage(location=tmp_path)
    name = storage.save("obras/acta.pdf", File(BytesIO(b"%PDF-1.7")))
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7"


@pytest.mark.django_db
def test_a_full_disk_answers_507_saying_nothing_was_kept():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as full:
            raise RuntimeError("the upload failed") from full
    except RuntimeError:
        with translation.override("es-mx"):
            answer = server_error(RequestFactory().get("/es-mx/"))
    assert answer.status_code == 507
    assert answer["Retry-After"] == "30"
    assert "no se guardó nada" in answer.content.decode()


def test_other_failures_are_not_a_full_disk():
    assert not storage_full(OSError(errno.EACCES, "Permission denied"))
    assert not storage_full(ValueError("x"))
