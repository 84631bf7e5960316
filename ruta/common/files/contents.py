"""Kinds of file content, recognised by their bytes, never by a name.

Each ``Content`` says how its first bytes look (its "magic"), its extension
and its media type; ``ruta.common.files.uploads`` declares which contents each
field takes. A stored file's extension is its recognised content's, so the
name says what the bytes are (``content_for``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MB = 1024 * 1024
HEAD_BYTES = 8192
# What a browser would run if it ever rendered the file as a page: looked
# for in the first bytes of a PDF or a text, where sniffing looks.
HIDDEN_CODE = re.compile(
    rb"<\s*(script|html|svg|body|iframe|object|embed|!doctype\s+html)\b"
    rb"|<\?xml-stylesheet|javascript:",
    re.IGNORECASE,
)
MARKUP_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<")
PROGRAM_START = (b"#!", b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


@dataclass(frozen=True)
class Content:
    """A kind of content the platform keeps, recognised by its bytes."""

    name: str
    label: str | StrPromise
    extension: str
    media_type: str
    matches: Callable[[bytes, BinaryIO], bool]


def _is_zip_workbook(head: bytes, file: BinaryIO) -> bool:
    """Return whether the file is a ZIP holding an Excel workbook."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def _is_text(head: bytes, file: BinaryIO) -> bool:
    """Return whether the first bytes are plain text (UTF-8 or Windows-1252).

    Markup and scripts are text too, and are refused: a CSV or a report's
    text does not start with ``<`` or ``#!``.
    """
    if not head.strip() or MARKUP_START.match(head) or head.startswith(PROGRAM_START):
        return False
    if any(byte < 0x20 and byte not in b"\t\n\r\f" for byte in head):
        return False
    # The head may end inside a character of several bytes.
    whole = head[: -3 if len(head) == HEAD_BYTES else None]
    for encoding in ("utf-8", "cp1252"):
        try:
            text = whole.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "\x7f" not in text
    return False


def _starts(*magic: bytes) -> Callable[[bytes, BinaryIO], bool]:
    return lambda head, file: head.startswith(magic)


PDF = Content("pdf", "PDF", "pdf", "application/pdf", _starts(b"%PDF-"))
JPEG = Content("jpeg", "JPEG", "jpg", "image/jpeg", _starts(b"\xff\xd8\xff"))
PNG = Content("png", "PNG", "png", "image/png", _starts(b"\x89PNG\r\n\x1a\n"))
WEBP = Content(
    "webp",
    "WebP",
    "webp",
    "image/webp",
    lambda head, file: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
)
CFDI_XML = Content(
    "cfdi",
    "CFDI (XML)",
    "xml",
    "application/xml",
    lambda head, file: bool(MARKUP_START.match(head)),
)
XLSX = Content(
    "xlsx",
    "XLSX",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _is_zip_workbook,
)
CSV = Content("csv", "CSV", "csv", "text/csv", _is_text)
TEXT = Content("text", gettext_lazy("texto"), "txt", "text/plain", _is_text)
PHOTOS = (JPEG, PNG, WEBP)
# Every photo is kept as the JPEG it was re-encoded into.
REENCODED = frozenset({JPEG, PNG, WEBP})
# Extensions of stored files; PNG and WebP only in files kept before photos
# were re-encoded.
CONTENTS = {
    content.extension: content
    for content in (PDF, JPEG, PNG, WEBP, CFDI_XML, XLSX, CSV, TEXT)
}


def content_for(name: str) -> Content | None:
    """Return the content a stored name's extension says it holds."""
    return CONTENTS.get(PurePath(name).suffix.lstrip(".").lower())
