"""Writing a JSON package one item at a time, and the values both standards share.

A package of a million projects must not be held in memory, so it is written
as its header, then each item as it is built, then the closing brackets; the
text is the same as ``json.dumps`` of the whole package would give.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import TextChoices
from django.utils.translation import get_language

from ruta.opendata.normalise import currency_code

CURRENCY = "MXN"

LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    # Not an SPDX licence: the terms of Mexico's national open-data portal.
    "LibreUsoMX": "https://datos.gob.mx/libreusomx",
}


def license_url(license_id: str | None = None) -> str:
    """Return the address of the data licence (SPDX's page for other ids)."""
    license_id = license_id or settings.RUTA_DATA_LICENSE
    return LICENSE_URLS.get(license_id, f"https://spdx.org/licenses/{license_id}.html")


def _default(value: Any) -> Any:
    """Return ``value`` as JSON can write it: money as a number, dates as text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> str:
    """Return ``value`` as compact JSON text, accents kept as they are."""
    return json.dumps(
        value, default=_default, ensure_ascii=False, separators=(",", ":")
    )


def stream_package(
    header: dict[str, Any],
    key: str,
    items: Iterable[Any],
    trailer: Callable[[], dict[str, Any]] | None = None,
) -> Iterator[str]:
    """Yield the JSON text of ``header`` with ``items`` as its list ``key``,
    and then what ``trailer`` returns once every item is written.

    The items are serialized one at a time, as they are produced.
    """
    opening = dumps({**header, key: []})
    yield opening[: -len("[]}")] + "["
    for index, item in enumerate(items):
        yield ("," if index else "") + dumps(item)
    closing = dumps(trailer()) if trailer is not None else "{}"
    yield "]" + ("," + closing[1:] if closing != "{}" else "}")


def money(amount: Decimal | None, currency: str = CURRENCY) -> dict[str, Any] | None:
    """Return an OCDS ``Value`` (amount and currency), or None without an amount;
    a currency outside the codelist as ``currency_code`` mends it."""
    if amount is None:
        return None
    code = currency_code(currency) if currency else CURRENCY
    return {"amount": amount, "currency": code} if code else {"amount": amount}


def day_start(day: date | None) -> str | None:
    """Return the start of ``day`` in the site's time zone, as a date-time."""
    if day is None:
        return None
    moment = datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment.isoformat()


def period(start: date | None, end: date | None) -> dict[str, str] | None:
    """Return an OCDS ``Period`` of two days, or None when neither is known."""
    found = {"startDate": day_start(start), "endDate": day_start(end)}
    return compact(found) or None


def compact(value: dict[str, Any]) -> dict[str, Any]:
    """Return ``value`` without its empty members: the standards forbid empty fields."""
    return {key: item for key, item in value.items() if item not in (None, "", [], {})}


def publisher() -> dict[str, str]:
    """Return the package's publisher: the site, at its public address."""
    return {"name": settings.RUTA_SITE_NAME, "uri": settings.RUTA_SITE_URL}


@functools.lru_cache(maxsize=64)
def _labels(choices: type[TextChoices], language: str | None) -> dict[str, str]:
    return {value: str(text) for value, text in choices.choices}


def label(choices: type[TextChoices], value: str) -> str:
    """Return the label of ``value`` in the active language.

    Translated once per language: a lookup per row of a million-row package
    was a fifth of its time.
    """
    return _labels(choices, get_language())[value]
