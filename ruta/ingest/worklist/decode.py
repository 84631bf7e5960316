"""Bytes to rows: a CSV or XLSX works list, bounded and with its encoding found.

Every refusal names the file and why, before a row is handed on: too large,
empty, binary, an XLSX whose archive would inflate past the limits (a
"zip bomb": huge shared strings, thousands of sheets), or a header no
vocabulary recognises. CSV text is UTF-8 (with or without BOM) or, failing
that, Windows-1252/Latin-1, as SHCP publishes its older files; records may
hold line breaks inside quoted cells.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ruta.ingest.worklist.columns import ColumnSet, column_set_for, header_name
from ruta.sources.findings import DocumentError

MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 100_000
# An XLSX is a zip: its parts are bounded before openpyxl inflates any.
MAX_XLSX_SHEETS = 20
MAX_XLSX_INFLATED = 512 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS = 128 * 1024 * 1024
MAX_XLSX_RATIO = 200
_CHUNK = 1024 * 1024

csv.field_size_limit(MAX_CELL_CHARS)


class RawRow(NamedTuple):
    """One record: its number after the header, its first line, its cells.

    A tuple: a reading makes one per record, twice per import.
    """

    number: int
    line: int
    cells: dict[str, str]
    # How far into the file the reader is, 0 to 1 (a CSV's bytes read); None
    # when unknown (XLSX).
    fraction: float | None = None


@dataclass(frozen=True)
class WorkListFile:
    """A works list opened and recognised, not yet read."""

    path: Path
    name: str
    sha256: str
    size: int
    format: str  # "csv" or "xlsx"
    encoding: str
    column_set: ColumnSet
    header: tuple[str, ...]


def _refuse(path: Path, reason: str, **where: Any) -> DocumentError:
    return DocumentError(reason, file=path.name, **where)


def _scan(path: Path) -> tuple[str, int, bytes, str]:
    """Return the SHA-256, size, first bytes and text encoding of the file.

    The size is checked before a byte is read, and the first chunk for
    binary content; then one pass hashes the file and tries a strict UTF-8
    decode over the same chunks. A file that is not UTF-8 is Windows-1252.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"the file has {size:,} bytes; a works list may have at most "
            f"{MAX_FILE_BYTES:,}",
        )
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    head, utf8 = b"", True
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if not head:
                head = chunk[:8]
                if not chunk.startswith(b"PK\x03\x04") and b"\x00" in chunk:
                    raise _refuse(path, "a binary file, not a CSV or XLSX works list")
            digest.update(chunk)
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    encoding = "utf-8-sig" if utf8 else "cp1252"
    return digest.hexdigest(), size, head, encoding


def worklist_open(path: Path) -> WorkListFile:
    """Return the file recognised: format, encoding and column set.

    Raise ``DocumentError`` (nothing to be written) when it cannot be read.
    """
    try:
        sha256, size, head, encoding = _scan(path)
    except OSError as problem:
        raise _refuse(path, f"cannot read the file: {problem.strerror}") from problem
    if size == 0:
        raise _refuse(path, "the file is empty")
    if head.startswith(b"PK\x03\x04"):
        xlsx_guard(path)
        header = _xlsx_header(path)
        file_format, encoding = "xlsx", ""
    elif b"\x00" in head or head.startswith(b"%PDF"):
        raise _refuse(path, "a binary file, not a CSV or XLSX works list")
    else:
        header = _csv_header(path, encoding)
    column_set = column_set_for(list(header))
    if column_set is None:
        raise _refuse(
            path,
            "no recognisable header: the first row must name the columns of the "
            "Obra Pública Abierta lists (2015 or 2019 onwards) or of the "
            "platform's template (docs/importing.md)",
            line=1,
        )
    file_format = "xlsx" if not encoding else "csv"
    return WorkListFile(
        path, path.name, sha256, size, file_format, encoding, column_set, tuple(header)
    )


def _csv_header(path: Path, encoding: str) -> list[str]:
    with path.open(encoding=encoding, newline="") as handle:
        first = handle.readline(MAX_CELL_CHARS)
    if "\x00" in first:
        raise _refuse(path, "a binary file, not a CSV or XLSX works list")
    if not first.strip():
        raise _refuse(path, "the first line is empty: there is no header", line=1)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader([first], delimiter=delimiter))


def _csv_delimiter(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as handle:
        first = handle.readline(MAX_CELL_CHARS)
    return ";" if first.count(";") > first.count(",") else ","


def _cells(names: list[tuple[int, str]], values: list[str]) -> dict[str, str]:
    """Return the record's cells by name: ``names`` are the kept columns'."""
    count = len(values)
    return {name: values[index] for index, name in names if index < count}


def _names(file: WorkListFile, only: frozenset[str] | None) -> list[tuple[int, str]]:
    """Return the position and name of each column kept (named, and in ``only``)."""
    names = [header_name(cell) for cell in file.header]
    return [
        (index, name)
        for index, name in enumerate(names)
        if name and (only is None or name in only)
    ]


class _CountedFile(io.FileIO):
    """A file that counts the bytes read from it.

    How far a reader is, without a system call per row (what ``tell`` is):
    its reads are of a buffer at a time, so the count runs ahead of the rows
    handed on by less than a buffer.
    """

    consumed = 0

    def readinto(self, buffer: Any) -> int | None:
        count = super().readinto(buffer)
        self.consumed += count or 0
        return count


def _blank(values: list[str]) -> bool:
    """Return whether a record's cells are all empty or spaces."""
    first = values[0] if values else ""
    if first and not first.isspace():
        return False  # most records: their first cell says
    return not "".join(values).strip()


def csv_rows(
    file: WorkListFile, only: frozenset[str] | None = None
) -> Iterator[RawRow]:
    """Yield the file's records, numbered from 1 after the header, with their line."""
    delimiter = _csv_delimiter(file.path, file.encoding)
    names = _names(file, only)
    counted = _CountedFile(file.path)
    size = max(file.size, 1)
    with io.TextIOWrapper(
        io.BufferedReader(counted), encoding=file.encoding, newline=""
    ) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            next(reader)
            number, line = 0, reader.line_num + 1
            for values in reader:
                # The record read began on the line after the last one's end.
                first, line = line, reader.line_num + 1
                if _blank(values):
                    continue
                number += 1
                if number > MAX_ROWS:
                    raise _refuse(file.path, f"more than {MAX_ROWS:,} rows", line=first)
                fraction = counted.consumed / size
                yield RawRow(
                    number,
                    first,
                    _cells(names, values),
                    1.0 if fraction > 1 else fraction,
                )
        except csv.Error as problem:
            raise _refuse(
                file.path, f"not a readable CSV: {problem}", line=reader.line_num
            ) from problem


def xlsx_guard(path: Path) -> None:
    """Refuse an XLSX whose parts would inflate past the limits, before opening it."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as problem:
        raise _refuse(path, "a damaged zip archive, not a readable XLSX") from problem
    sheets = [e for e in entries if e.filename.startswith("xl/worksheets/sheet")]
    if not sheets:
        raise _refuse(path, "a zip archive with no worksheet: not an XLSX")
    if len(sheets) > MAX_XLSX_SHEETS:
        raise _refuse(
            path,
            f"{len(sheets)} sheets; a spreadsheet may have at most {MAX_XLSX_SHEETS}",
        )
    inflated = sum(entry.file_size for entry in entries)
    if inflated > MAX_XLSX_INFLATED:
        raise _refuse(
            path,
            f"its parts inflate to {inflated:,} bytes; the limit is "
            f"{MAX_XLSX_INFLATED:,}",
        )
    for entry in entries:
        if entry.filename == "xl/sharedStrings.xml" and (
            entry.file_size > MAX_XLSX_SHARED_STRINGS
        ):
            raise _refuse(
                path,
                f"its shared strings inflate to {entry.file_size:,} "
                f"bytes; the limit is {MAX_XLSX_SHARED_STRINGS:,}",
            )
        if (
            entry.compress_size
            and entry.file_size / entry.compress_size > (MAX_XLSX_RATIO)
            and entry.file_size > _CHUNK
        ):
            raise _refuse(
                path,
                f"part {entry.filename} inflates "
                f"{entry.file_size // entry.compress_size}-fold: a "
                "zip bomb, not a spreadsheet",
            )


def xlsx_values(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many kinds on a bad file
        raise _refuse(path, f"not a readable XLSX: {problem}") from problem
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield ["" if value is None else _cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)[:MAX_CELL_CHARS]


def _xlsx_header(path: Path) -> list[str]:
    for values in xlsx_values(path):
        return values
    raise _refuse(path, "the first sheet is empty: there is no header", line=1)


def xlsx_rows(
    file: WorkListFile, only: frozenset[str] | None = None
) -> Iterator[RawRow]:
    """Yield the first sheet's rows after the header, numbered from 1."""
    rows = xlsx_values(file.path)
    next(rows, None)
    names = _names(file, only)
    number = 0
    for line, values in enumerate(rows, start=2):
        if _blank(values):
            continue
        number += 1
        if number > MAX_ROWS:
            raise _refuse(file.path, f"more than {MAX_ROWS:,} rows", line=line)
        yield RawRow(number, line, _cells(names, values))


def raw_rows(
    file: WorkListFile, only: frozenset[str] | None = None
) -> Iterator[RawRow]:
    """Yield the records of a recognised works list, CSV or XLSX.

    ``only`` (header names) keeps just those cells of each record: numbered
    and refused as the whole record is, for a quick pass over the file.
    """
    if file.format == "xlsx":
        return xlsx_rows(file, only)
    return csv_rows(file, only)


def csv_bytes(rows: list[list[str]]) -> bytes:
    """Return rows as UTF-8 CSV (for templates and tests)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
