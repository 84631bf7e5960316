"""A form's reading does not depend on the order its copies are printed in.

Every form of the Mexicali TMM-F004 (the original where it is, and always the
project's demonstration document in its layout, with its scan damage) is
reconciled again with its copies in every order (all of them up to four
copies, a fixed sample beyond): each value and its status come out the same.
Which copy a reason names first may change; what is read may not.
"""

from __future__ import annotations

import itertools
import random
from functools import cache
from typing import Any

import pytest

from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.ingest.poa import forms_as_json, group_copies, read_copies
from ruta.ingest.poa.model import FormCopy
from ruta.ingest.poa.reconcile import DocumentContext, document_context, reconcile_form
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_or_demonstration

# What says where a reading came from or why, not what was read.
PROVENANCE = frozenset(
    {"reason", "sources", "candidates", "discarded", "copies", "alternatives"}
)
ORDERS_AT_MOST = 12  # orders tried per form beyond four copies


def _demonstration() -> str:
    return next(d for d in DEMONSTRATIONS if d.seed == MEXICALI_POA_2023_Q4).text()


def _original_or_demonstration() -> str:
    return seed_or_demonstration(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")


DOCUMENTS = {"demonstration": _demonstration, "seed": _original_or_demonstration}


@cache
def _forms(document: str) -> tuple[DocumentContext, list[list[FormCopy]]]:
    copies = read_copies(DOCUMENTS[document](), source_name="tmm-f004.txt")
    return document_context(copies), [list(g) for g in group_copies(copies)]


def _read(copies: list[FormCopy], context: DocumentContext) -> Any:
    """Return what the form reads, without where each reading came from."""
    return _without_provenance(forms_as_json([reconcile_form(copies, context)], []))


def _without_provenance(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _without_provenance(item)
            for key, item in value.items()
            if key not in PROVENANCE
        }
    if isinstance(value, list):
        return [_without_provenance(item) for item in value]
    return value


def _orders(copies: list[FormCopy]) -> list[list[FormCopy]]:
    if len(copies) <= 4:
        return [list(order) for order in itertools.permutations(copies)]
    chosen = random.Random(len(copies))
    return [chosen.sample(copies, len(copies)) for _ in range(ORDERS_AT_MOST)]


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_form_reads_the_same_whatever_the_order_of_its_copies(document):
    context, forms = _forms(document)
    assert len(forms) >= 5
    for copies in forms:
        printed = _read(copies, context)
        for order in _orders(copies):
            assert _read(order, context) == printed, [c.index for c in order]
