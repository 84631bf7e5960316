"""API schemas of the catalogs (also the shape of their open-data exports)."""

from __future__ import annotations

from ninja import Schema


class StateOut(Schema):
    code: str
    name: str
    abbreviation: str


class RegionOut(Schema):
    state: str
    plan: str
    number: int
    name: str


class MunicipalityOut(Schema):
    code: str
    state: str
    name: str
    population_2020: int | None
    region: str | None
