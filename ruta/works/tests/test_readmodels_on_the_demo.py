"""The works' read models return exactly what their plain selectors return.

The plain selector is the contract (``ruta.works.selectors``); a read model
reads the same with fewer, cached queries for the pages and API a benchmark
named. Each is compared here with its selector on the demo world, whose works
have every kind of row a work's page lists; its own reads (how many queries,
what it keeps per data version) are checked in ``test_readmodels.py``.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from ruta.demo.published import federal_works_import
from ruta.works.models import (
    BudgetModification,
    DocumentKind,
    ModificationStatus,
    Work,
    WorkDocument,
)
from ruta.works.readmodels.detail import DETAIL_DEFERRED
from ruta.works.readmodels.detail import work_detail as read_detail
from ruta.works.readmodels.provenance import work_events as read_events
from ruta.works.selectors import WorkDetail, work_detail
from ruta.works.selectors.provenance import AuditEvent, figure_sources, work_events
from testkit.factories.works import WorkFactory
from testkit.world import constraints_settled, demo_documents_written

pytestmark = pytest.mark.django_db

# The works compared: this many of each kind of row a work may have, and one
# in ``SAMPLED`` of all (most of the thousands the demo imports have nothing
# but their funding and the file that published them).
PER_KIND = 15
SAMPLED = 60
# The relations of a work's detail whose rows are compared by their links' keys.
LINKED = ("contract", "source_document", "document", "work")


def _row(row: Model | None) -> Any:
    """Return a row as its model, its fields' values and its links' rows."""
    if row is None:
        return None
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.attname not in DETAIL_DEFERRED
    }
    return (row._meta.label, values)


def _work(work: Work) -> Any:
    """Return a work with the catalog rows it names, each whole."""
    catalog = ("program", "subprogram", "executing_agency", "fiscal_year")
    return (
        _row(work),
        {name: _row(getattr(work, name)) for name in (*catalog, "state")},
        _row(work.municipality),
        _row(work.municipality.region) if work.municipality else None,
    )


def _detail(detail: WorkDetail) -> dict[str, Any]:
    """Return everything a work's page reads of ``detail``, as plain values."""
    compared: dict[str, Any] = {}
    for name, value in vars(detail).items():
        if name == "work":
            compared[name] = _work(value)
        elif isinstance(value, list):
            compared[name] = [
                (_row(row), {link: _row(getattr(row, link, None)) for link in LINKED})
                for row in value
            ]
        elif isinstance(value, Model):
            compared[name] = _row(value)
        else:
            compared[name] = value
    compared["delay"] = detail.delay
    compared["modified"] = detail.modified
    compared["funding_adds_up"] = detail.funding_adds_up
    return compared


@pytest.fixture(scope="module")
def compared(django_db_setup, django_db_blocker) -> Iterator[Compared]:
    """Compare the work detail's read model with its selector on the demo.

    The demo, the federal works lists it imports (works with the files that
    published them), a work's document and approved budget change, and a
    proposed work; ``PER_KIND`` works of each kind of row are compared, and
    a sample of all.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        demo_documents_written()
        federal_works_import()
        work = Work.objects.published().filter(contracts__isnull=False).first()
        WorkDocument.objects.create(
            work=work,
            title="Acta de entrega-recepción",
            kind=DocumentKind.HANDOVER_ACT,
            url="https://example.org/acta.pdf",
            date=date(2024, 11, 5),
        )
        BudgetModification.objects.create(
            work=work,
            amount=Decimal("125000.50"),
            reason="Ampliación de metas",
            status=ModificationStatus.APPROVED,
            decided_at=timezone.now(),
        )
        WorkFactory(municipality=work.municipality, public_id="PROPUESTA-1")
        constraints_settled()
        yield _compared(_folios())
        transaction.set_rollback(True)


@dataclass
class Compared:
    """What the comparison met: the works that differed and the rows compared."""

    differing: list[str] = field(default_factory=list)
    published: int = 0
    unpublished: int = 0
    kinds: set[str] = field(default_factory=set)
    committees: int = 0
    # A compared detail with progress, to check the comparison sees a change.
    example: WorkDetail | None = None
    # The audit events' read model against its selector: the works whose
    # events or figures' sources differed, how many events were compared and
    # the kinds of rows they were of (``work``, ``f``, ``g``, ``c``, ``p``).
    events_differing: list[str] = field(default_factory=list)
    events: int = 0
    event_kinds: set[str] = field(default_factory=set)
    example_events: list[AuditEvent] = field(default_factory=list)


def _folios() -> list[str]:
    """Return the folios of ``PER_KIND`` works of each kind of row, and a sample.

    The kinds of rows a work has or not by itself; the imported works' files
    (their publications) are the same few for thousands, and are in the sample.
    """
    kinds = (
        Q(contracts__isnull=False),
        Q(progress__isnull=False),
        Q(documents__isnull=False),
        Q(budget_modifications__isnull=False),
        Q(committee__members__isnull=False),
        Q(published_at__isnull=True),
    )
    folios = Work.objects.order_by("public_id").values_list("public_id", flat=True)
    chosen = set(folios[::SAMPLED])
    for kind in kinds:
        chosen |= set(folios.filter(kind).distinct()[:PER_KIND])
    return sorted(chosen)


def _compared(folios: list[str]) -> Compared:
    found = Compared()
    for folio in folios:
        try:
            plain = work_detail(public_id=folio)
        except Work.DoesNotExist:
            found.unpublished += 1
            with contextlib.suppress(Work.DoesNotExist):
                read_detail(public_id=folio)
                found.differing.append(f"{folio}: published to the read model only")
            plain = work_detail(public_id=folio, published_only=False)
            read = read_detail(public_id=folio, published_only=False)
        else:
            found.published += 1
            read = read_detail(public_id=folio)
        if _detail(read) != _detail(plain):
            found.differing.append(folio)
        found.kinds |= {
            name
            for name, value in vars(plain).items()
            if isinstance(value, list) and value
        }
        found.committees += bool(plain.committee_member_count)
        if plain.progress and found.example is None:
            found.example = plain
        _events_compared(found, folio, plain)
    return found


def _in_order(events: list[AuditEvent]) -> list[AuditEvent]:
    """Return ``events`` in one order: rows' events written together tie."""
    return sorted(events, key=lambda event: (event.when, event.number, event.key))


def _events_compared(found: Compared, folio: str, detail: WorkDetail) -> None:
    """Compare the work's audit events and figures' sources, read both ways."""
    plain, read = work_events(detail), read_events(detail)
    if _in_order(read) != _in_order(plain) or figure_sources(
        detail, read
    ) != figure_sources(detail, plain):
        found.events_differing.append(folio)
    found.events += len(plain)
    found.event_kinds |= {event.key.rstrip("0123456789") for event in plain}
    found.event_kinds |= {key.rstrip("0123456789") for key in figure_sources(detail)}
    if len(plain) > len(found.example_events):
        found.example_events = plain


def test_the_work_detail_read_model_returns_the_selectors_detail_on_the_demo(
    compared,
):
    assert compared.differing == []
    assert compared.published > 100
    assert compared.unpublished >= 1


def test_the_events_read_model_returns_the_selectors_events_on_the_demo(compared):
    assert compared.events_differing == []
    assert compared.events > 300
    assert compared.event_kinds == {"work", "f", "g", "c", "p"}


def test_the_events_comparison_sees_a_missing_event_and_a_changed_one(compared):
    events = compared.example_events
    assert len(events) > 2
    assert _in_order(events[:-1]) != _in_order(events)
    changed = replace(events[0], metadata={**events[0].metadata, "user": -1})
    assert _in_order([changed, *events[1:]]) != _in_order(events)


def test_the_comparison_sees_a_missing_row_and_a_changed_field(compared):
    example = compared.example
    assert _detail(replace(example, progress=example.progress[:-1])) != _detail(example)
    changed = copy.copy(example.work)
    changed.title += "."
    assert _detail(replace(example, work=changed)) != _detail(example)


def test_the_demo_works_compared_hold_every_kind_of_row_a_work_page_lists(compared):
    assert compared.kinds == {
        "funding",
        "progress",
        "contracts",
        "payments",
        "documents",
        "publications",
        "modifications",
    }
    assert compared.committees
