"""The instance's configuration of which computation evaluates each card.

A card's ``computation`` and ``population`` are data on the card. This file
of the instance (``data/computations.csv``, with its sources beside it) sets
them for the cards it lists whenever their document is imported; other cards
keep what staff chose in the administration (nothing, at first).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from ruta.common.text.folding import normalize_key
from ruta.indicators.models import Computation
from ruta.works.models import WorksDelivery

COMPUTATIONS_FILE = Path(__file__).resolve().parent / "data" / "computations.csv"


@dataclass(frozen=True)
class ConfiguredComputation:
    """How one card is evaluated from the platform's data."""

    computation: str
    population: str


def _checked(row: dict[str, str], where: str) -> ConfiguredComputation:
    """Return a row's computation, or raise naming the line and the column."""
    if row["computation"] not in Computation.values:
        raise ImproperlyConfigured(
            f"{where}: computation {row['computation']!r} is not one of "
            f"{', '.join(value for value in Computation.values if value)}"
        )
    if row["population"] and row["population"] not in WorksDelivery.values:
        raise ImproperlyConfigured(
            f"{where}: population {row['population']!r} is not one of "
            f"{', '.join(WorksDelivery.values)} (or blank)"
        )
    return ConfiguredComputation(row["computation"], row["population"])


@cache
def configured_computations(
    path: Path = COMPUTATIONS_FILE,
) -> dict[tuple[str, str], ConfiguredComputation]:
    """Return the configured computations keyed by (agency slug, card key)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (row["agency"], normalize_key(row["indicator"])): _checked(
            row, f"{path.name}, line {number}"
        )
        for number, row in enumerate(rows, start=2)
    }


def configured_computation(agency: str, key: str) -> ConfiguredComputation | None:
    """Return how the card ``key`` of agency ``agency`` is evaluated, if configured."""
    return configured_computations().get((agency, normalize_key(key)))
