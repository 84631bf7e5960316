"""Values of a TMM-F004 form read by OCR are never verified on their own.

The reader calls a value verified when its copies agree and the form's
arithmetic holds; copies that all came from OCR can agree on the same
misreading, so such a value is kept as reconciled, with the rule
``read_by_ocr`` and the pages' confidence in its reason, until a person or a
text-layer copy confirms it. A value printed on any page with a text layer
keeps the reader's status.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from ruta.programs.models import ValueStatus
from ruta.programs.services import PrintedForm, PrintedValue

OCR_RULE = "read_by_ocr"
T = TypeVar("T")


def ocr_marked(
    form: PrintedForm, ocr_lines: Mapping[int, tuple[int, float]]
) -> PrintedForm:
    """Return ``form`` with its verified values read only by OCR reconciled."""
    if not ocr_lines:
        return form
    return _marked(form, ocr_lines)


def _marked(item: Any, ocr_lines: Mapping[int, tuple[int, float]]) -> Any:
    """Walk the form's values (dataclasses and tuples of them) and mark them."""
    if isinstance(item, PrintedValue):
        return _value(item, ocr_lines)
    if isinstance(item, tuple):
        return tuple(_marked(entry, ocr_lines) for entry in item)
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        changes = {
            field.name: _marked(getattr(item, field.name), ocr_lines)
            for field in dataclasses.fields(item)
        }
        return dataclasses.replace(item, **changes)
    return item


def _value(
    value: PrintedValue[T], ocr_lines: Mapping[int, tuple[int, float]]
) -> PrintedValue[T]:
    """Return a verified value printed only on OCR'd pages as reconciled."""
    if value.status != ValueStatus.VERIFIED or not value.places:
        return value
    read = [ocr_lines.get(place.line) for place in value.places]
    if any(entry is None for entry in read):
        return value
    pages = sorted({entry[0] for entry in read if entry})
    lowest = min(entry[1] for entry in read if entry)
    reason = (
        f"read by OCR on page(s) {', '.join(map(str, pages))} (word confidence "
        f"{lowest} %); the copies agree, but OCR alone does not verify a value"
    )
    return dataclasses.replace(
        value, status=ValueStatus.RECONCILED, rule=OCR_RULE, reason=reason
    )
