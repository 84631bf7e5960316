"""Path converters that bound numbers in page addresses before any view runs.

``<int:…>`` accepts any number of digits; these accept only what can exist,
so anything else is a 404 from the URL resolver itself.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """A database id: up to 18 digits, so within bigint (0 names no record)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    """A fiscal year: four digits (the catalog says which exist)."""

    regex = "(?:19|20|21)[0-9]{2}"


class QuarterConverter(IdConverter):
    """A quarter of the year: 1 to 4."""

    regex = "[1-4]"


class Sha256Converter:
    """A document's SHA-256: 64 lower-case hexadecimal digits."""

    regex = "[0-9a-f]{64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PublicIdConverter(Sha256Converter):
    """A record's public id ("GSE-2024-0001"): letters, digits, ``_.+-``.

    Dots and plus signs appear in keys that spreadsheets rewrote
    ("OPA-1.136E+13"); such a work still needs an address.
    """

    regex = "[A-Za-z0-9][A-Za-z0-9_.+-]{0,39}"


def converters_register() -> None:
    """Register the bounded converters (``<id:…>``, ``<year:…>``, …)."""
    register_converter(IdConverter, "id")
    register_converter(Sha256Converter, "sha256")
    register_converter(PublicIdConverter, "public_id")
    register_converter(YearConverter, "year")
    register_converter(QuarterConverter, "quarter")
