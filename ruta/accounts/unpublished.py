"""Values the audit history withholds until they are published.

A captured POA quarter awaits a validator's approval: until then its figures
are not public, and the audit history shows them only to readers who may
already see them where they work (the unit's capture staff and validators),
not to another agency's validator. Accounts sit below the domain apps, so
each app registers, when it starts, which fields of which model and, for a
page of events, those whose values a reader may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UnpublishedValues:
    """Fields of a model whose values some events hold before publication.

    ``withheld(events, reader)`` returns the ``pgh_slug`` of each of
    ``events`` whose values of ``fields`` ``reader`` may not see.
    """

    label: str
    fields: frozenset[str]
    withheld: Callable[[Sequence[Any], Any], set[str]]


_REGISTRY: dict[str, UnpublishedValues] = {}


def unpublished_values_register(entry: UnpublishedValues) -> None:
    """Declare that ``entry.label``'s events may hold unpublished values."""
    _REGISTRY[entry.label] = entry


def unpublished_values() -> dict[str, UnpublishedValues]:
    """Return every registered model with unpublished values, by label."""
    return dict(_REGISTRY)
