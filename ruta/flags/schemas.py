"""API schemas of the red flags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class FlagOut(Schema):
    """A flag kept at the last publish, with the figures that raised it."""

    kind: str
    title: str
    subject: str
    key: str
    work: str | None
    contract: str | None
    ocid: str | None
    agency: str | None
    contractor_rfc: str | None
    message: str
    values: dict[str, str]
    source: str
    raised_on: date
    is_demo: bool


class ThresholdOut(Schema):
    """A rule's setting: its value, its unit and where its default comes from."""

    name: str
    value: Decimal
    unit: str
    default: Decimal
    source: str


class FlagKindOut(Schema):
    """A kind of flag: what it is, how to read it, its source and settings."""

    kind: str
    subject: str
    title: str
    reading: str
    source: str
    thresholds: list[ThresholdOut]
    raised: int
