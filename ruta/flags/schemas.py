"""API schemas of the red flags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class FlagReplyOut(Schema):
    """The agency's explanation of a flag (right of reply), as published."""

    text: str
    voice: str = Field(
        description="On whose behalf: ``agency`` (the agency's own) or "
        "``contractor`` (the contractor's, passed on by the agency)."
    )
    voice_label: str
    agency: str = Field(description="Code of the agency that answered.")
    agency_name: str
    written_on: date


class FlagOut(Schema):
    """A flag kept at the last publish, with the figures that raised it."""

    kind: str
    title: str
    subject: str
    subject_label: str
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
    reply: FlagReplyOut | None = Field(
        description="The agency's reply to the flag, if it gave one; never "
        "the name of the person who wrote it."
    )


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
    subject_label: str
    title: str
    reading: str
    source: str
    thresholds: list[ThresholdOut]
    raised: int
