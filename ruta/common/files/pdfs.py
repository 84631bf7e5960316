"""What a PDF must not carry to be kept: scripts, launched programs, attached files.

A published work's PDF is shown by the reader's browser, whose viewer runs
a PDF's JavaScript and follows its actions; an attached file or a form that
submits elsewhere is the same risk one click further. So an upload's
objects are walked (pdfminer, which ``pdfplumber`` brings, reads inside
compressed object streams too) and a PDF naming any active content is
refused, as is one with bytes after its last ``%%EOF`` (another format
hidden behind the PDF). A file pdfminer cannot walk is searched as bytes
for the same names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral

# The names of active content: as a key (``/JS (…)``) or a value
# (``/S /JavaScript``), each of them is refused.
ACTIVE_NAMES = frozenset(
    {
        "JS",
        "JavaScript",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "XFA",
        "SubmitForm",
        "ImportData",
    }
)
# Objects walked at most: a PDF within the uploads' size never has more.
MAX_OBJECTS = 200_000
_RAW_NAMES = re.compile(
    rb"/(" + b"|".join(name.encode() for name in sorted(ACTIVE_NAMES)) + rb")\b"
)
_LAST_EOF = re.compile(rb"%%EOF\s*\Z")


def pdf_active_content(data: bytes) -> str | None:
    """Return the first active name ``data`` carries, ``"trailing"`` for bytes
    after its end, or None for a PDF that only shows."""
    if b"%%EOF" in data and not _LAST_EOF.search(data[-1024:]):
        return "trailing"
    try:
        return _walked(data)
    except (PSException, ValueError, TypeError, KeyError, RecursionError):
        found = _RAW_NAMES.search(data)
        return found.group(1).decode() if found else None


def _walked(data: bytes) -> str | None:
    """Return the first active name among the objects of ``data``'s document."""
    document = PDFDocument(PDFParser(BytesIO(data)))
    for count, value in enumerate(_objects(document)):
        if count >= MAX_OBJECTS:
            return "too many objects"
        found = _active(value)
        if found:
            return found
    return None


def _objects(document: PDFDocument) -> Iterator[Any]:
    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                yield document.getobj(objid)
            except (PSException, ValueError, TypeError, KeyError):
                continue
    yield document.catalog
    yield from (xref.get_trailer() for xref in document.xrefs)


def _active(value: Any, depth: int = 0) -> str | None:
    """Return an active name found in ``value`` (a dict, list or stream), or None.

    References are not followed: every object is walked on its own.
    """
    if depth > 32:
        return None
    if isinstance(value, PDFStream):
        value = value.attrs
    if isinstance(value, PSLiteral):
        name = _text(value.name)
        return name if name in ACTIVE_NAMES else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _text(key) in ACTIVE_NAMES:
                return _text(key)
            found = _active(item, depth + 1)
            if found:
                return found
    if isinstance(value, list | tuple):
        for item in value:
            found = _active(item, depth + 1)
            if found:
                return found
    return None


def _text(name: object) -> str:
    """Return a PDF name as text (pdfminer gives bytes when it is not UTF-8)."""
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)
