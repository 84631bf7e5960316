"""A table's workbook and JSON, written from a file of kept rows, apart.

A publish reads each table once, into its canonical CSV and a file of its
rows (``rows_kept``); the other formats are written from that file. The
workbook (XlsxWriter writes a cell in Python) and the JSON were most of a
large table's publish, on one core while the other idled: ``FormatsApart``
writes them in a child process while the publishing process reads the next
tables. Memory stays one piece of rows in each process. The child imports
only this module and ``ruta.common.files.downloads``: no settings, no database.

``python -m ruta.common.fast.formats_apart ORDER`` writes what ``ORDER`` (JSON)
says.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

from ruta.common.files.downloads import SheetWriter, json_default

Row = Mapping[str, Any]
KEPT_PIECE = 1_000  # rows pickled together
# The encoder ``json.dumps(ensure_ascii=False)`` uses for text (C when built).
_JSON_TEXT = encode_basestring


def rows_kept(rows: Iterable[Row], kept: IO[bytes]) -> Iterator[Row]:
    """Yield ``rows``, pickling them to ``kept`` a piece at a time."""
    piece: list[Row] = []
    for row in rows:
        piece.append(row)
        if len(piece) == KEPT_PIECE:
            pickle.dump(piece, kept, pickle.HIGHEST_PROTOCOL)
            piece = []
        yield row
    if piece:
        pickle.dump(piece, kept, pickle.HIGHEST_PROTOCOL)


def kept_rows(path: Path) -> Iterator[Row]:
    """Yield the rows ``rows_kept`` wrote, in their order (files this
    platform wrote, in a folder of its own)."""
    with path.open("rb") as kept:
        while True:
            try:
                piece = pickle.load(kept)  # noqa: S301 - our own temporary file
            except EOFError:
                return
            yield from piece


@dataclass(frozen=True)
class FormatsOrder:
    """What to write from a file of kept rows, and where."""

    rows_file: str
    workbook: str
    json: str
    name: str  # the table's: the workbook's sheet, the JSON's "conjunto"
    columns: list[tuple[str, str]]  # (key, heading), in order
    money_columns: list[str]


def formats_write(order: FormatsOrder) -> int:
    """Write the workbook and the JSON of the rows kept; return how many rows."""
    sheet = SheetWriter(
        Path(order.workbook),
        dict(order.columns),
        sheet_name=order.name,
        money_columns=set(order.money_columns),
    )
    count = 0
    with Path(order.json).open("w", encoding="utf-8") as json_file:
        json_file.write(_json_opening(order.name))
        for row in kept_rows(Path(order.rows_file)):
            sheet.append(row)
            json_file.write(("\n" if count == 0 else ",\n") + _json_record(row))
            count += 1
        json_file.write(_json_closing(count))
    sheet.close()
    return count


class FormatsApart:
    """``formats_write`` under way in a child process started here.

    ``wait`` returns once both files are written, raising the child's error;
    ``stop`` ends the child (the publish failed), and does nothing once it
    has been waited for.
    """

    def __init__(self, order: FormatsOrder) -> None:
        self.order = order
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, this module
            [sys.executable, "-m", __name__, json.dumps(asdict(order))],
            stderr=subprocess.PIPE,
        )

    def wait(self) -> None:
        """Return once the files are written; raise if they were not."""
        _, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise RuntimeError(
                f"the workbook and JSON of {self.order.name} were not written: "
                + stderr.decode(errors="replace")
            )

    def stop(self) -> None:
        """End the child if it is still writing."""
        if self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


# The JSON file is ``{"conjunto": …, "registros": […]}`` as ``json.dumps``
# writes it with ``indent=1``, written a record at a time.
def _json_opening(name: str) -> str:
    return '{\n "conjunto": ' + json.dumps(name) + ',\n "registros": ['


def _json_closing(count: int) -> str:
    return "\n ]\n}" if count else "]\n}"


def _json_record(row: Row) -> str:
    """Return ``row`` as one record of the file's list, indented as ``json.dumps``.

    A flat record (every value text, a number, a date, a truth or nothing,
    as the datasets' rows are) is written value by value with the encoder's
    C functions: ``json.dumps`` with an indent runs in Python, and was most
    of the file's cost. Any other record goes through ``json.dumps`` itself.
    """
    values = []
    for key, value in row.items():
        text = _json_scalar(value)
        if text is None or type(key) is not str:
            return _json_indented(row)
        values.append(f"   {_JSON_TEXT(key)}: {text}")
    if not values:
        return "  {}"
    return "  {\n" + ",\n".join(values) + "\n  }"


def _json_scalar(value: object) -> str | None:
    """Return ``value`` as JSON when it is flat and plain, else None."""
    if isinstance(value, str):
        return _JSON_TEXT(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if type(value) is Decimal or type(value) is date:
        return _JSON_TEXT(str(json_default(value)))
    return None


def _json_indented(row: Row) -> str:
    """Indent ``json.dumps``'s lines by hand: ``textwrap.indent`` would also
    split a value at a line separator (U+2028) that JSON leaves raw."""
    text = json.dumps(row, ensure_ascii=False, default=json_default, indent=1)
    return "\n".join(f"  {line}" for line in text.split("\n"))


def _main() -> None:
    formats_write(FormatsOrder(**json.loads(sys.argv[1])))


if __name__ == "__main__":
    _main()
