"""A work's funding lines on its row, read and written through ``Funding``."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pghistory
import pytest
from django.db import IntegrityError, connection, transaction

from ruta.common.audit.history import history_of
from ruta.works.models import (
    LINES_PER_WORK,
    Funding,
    FundingSource,
    Work,
    funded_by,
)
from ruta.works.selectors import work_detail
from ruta.works.selectors.provenance import figure_sources, work_events
from ruta.works.services.imports import FundingShare
from ruta.works.services.staged import funding_lines_json
from testkit.factories.works import WorkFactory

pytestmark = [pytest.mark.django_db, pytest.mark.server]


def _immediately() -> None:
    """Run the checks COMMIT would run, now."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _lines_set(work: Work, lines: str) -> None:
    """Write ``lines`` on ``work``'s row around the view, as raw SQL would."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE works_work SET funding_lines = %s::jsonb WHERE id = %s",
            [lines, work.pk],
        )


def _work_of(municipality, funding) -> Work:
    """Return a work of ``funding`` (source, amount) lines, its total their sum."""
    total = sum((Decimal(amount) for _, amount in funding), Decimal(0))
    return WorkFactory(
        municipality=municipality, total_investment=total, funding=funding
    )


def test_a_line_added_is_numbered_after_its_works_others(hermosillo):
    work = _work_of(hermosillo, [(FundingSource.STATE, "1.00")])
    (first,) = work.funding.all()
    added = Funding.objects.create(
        work=work, source=FundingSource.FEDERAL, fund="FAIS", amount=Decimal("2.00")
    )
    Work.objects.filter(pk=work.pk).update(total_investment=Decimal("3.00"))
    _immediately()
    assert added.pk == first.pk + 1 == work.pk * LINES_PER_WORK + 1
    assert list(work.funding.order_by("pk").values_list("source", "amount")) == [
        ("state", Decimal("1.00")),
        ("federal", Decimal("2.00")),
    ]


def test_a_line_deleted_or_changed_keeps_the_others_numbers(hermosillo):
    work = _work_of(
        hermosillo,
        [
            (FundingSource.STATE, "1.00"),
            (FundingSource.FEDERAL, "2.00"),
            (FundingSource.OTHER, "3.00"),
        ],
    )
    state, federal, other = work.funding.order_by("pk")
    state.delete()
    other.amount = Decimal("4.00")
    other.save()
    Work.objects.filter(pk=work.pk).update(total_investment=Decimal("6.00"))
    _immediately()
    assert list(work.funding.order_by("pk").values_list("pk", "amount")) == [
        (federal.pk, Decimal("2.00")),
        (other.pk, Decimal("4.00")),
    ]


def test_a_work_saved_after_its_lines_changed_keeps_them(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    line = work.funding.get()
    Funding.objects.filter(pk=line.pk).update(fund="FAIS")
    work.title = "Otro título"
    work.save()  # read before the change: its lines are not written back
    assert Work.objects.get(pk=work.pk).funding_lines[0]["fund"] == "FAIS"


def test_a_repeated_source_and_fund_is_refused_at_once_through_the_view(hermosillo):
    work = _work_of(hermosillo, [(FundingSource.STATE, "1.00")])
    with pytest.raises(IntegrityError, match="funding_unique_source"):
        Funding.objects.create(work=work, source=FundingSource.STATE, amount=0)


def test_a_line_of_no_work_is_refused(db):
    with pytest.raises(IntegrityError, match="foreign key"):
        Funding.objects.create(work_id=987654, source=FundingSource.STATE, amount=1)


def test_a_line_keeps_its_work(hermosillo, cajeme):
    line = WorkFactory(municipality=hermosillo).funding.get()
    other = WorkFactory(municipality=cajeme)
    with pytest.raises(Exception, match="keeps its key and its work"):
        Funding.objects.filter(pk=line.pk).update(work=other)


@pytest.mark.parametrize(
    "line",
    [
        '{"k": 0, "source": "lottery", "fund": "", "amount": 1.00}',
        '{"k": 0, "source": "state", "fund": "", "amount": -1.00}',
        '{"k": 0, "source": "state", "fund": "", "amount": "1.00"}',
        '{"k": 2000, "source": "state", "fund": "", "amount": 1.00}',
        '{"source": "state", "fund": "", "amount": 1.00}',
    ],
    ids=["source", "negative", "text", "number", "unnumbered"],
)
def test_a_line_written_around_the_view_is_checked_on_the_row(hermosillo, line):
    work = WorkFactory(municipality=hermosillo)
    with pytest.raises(IntegrityError, match="lines_valid"), transaction.atomic():
        _lines_set(work, f"[{line}]")


@pytest.mark.parametrize(
    ("lines", "refusal"),
    [
        (
            '[{"k": 0, "source": "state", "fund": "", "amount": 0.50},'
            ' {"k": 1, "source": "state", "fund": "", "amount": 0.50}]',
            "funding_unique_source",
        ),
        ('[{"k": 0, "source": "state", "fund": "", "amount": 1.001}]', "whole cents"),
        ('[{"k": 0, "source": "state", "fund": "", "amount": 2.00}]', "adds up to 2"),
    ],
    ids=["repeated", "cents", "sum"],
)
def test_lines_that_are_not_right_are_refused_at_commit(hermosillo, lines, refusal):
    work = _work_of(hermosillo, [(FundingSource.STATE, "1.00")])
    _lines_set(work, lines)  # accepted for now: the transaction may set it right
    with pytest.raises(IntegrityError, match=refusal):
        _immediately()


def test_an_imports_lines_are_written_exact_and_numbered():
    lines = funding_lines_json(
        [
            FundingShare("state", Decimal("1E+3")),
            FundingShare("federal", Decimal("0.1"), 'FAIS "{1}"'),
        ]
    )
    assert json.loads(lines, parse_float=Decimal) == [
        {"k": 0, "source": "state", "fund": "", "amount": Decimal("1000.00")},
        {"k": 1, "source": "federal", "fund": 'FAIS "{1}"', "amount": Decimal("0.10")},
    ]
    assert funding_lines_json([]) == "[]"


def test_a_lines_source_is_the_work_event_that_set_it(hermosillo, administrator):
    work = WorkFactory(municipality=hermosillo, published=True)
    line = work.funding.get()
    with pghistory.context(user=administrator.pk):
        Funding.objects.filter(pk=line.pk).update(fund="FAIS")
    work.title = "Otro título"
    work.save()  # a later event of the work that leaves the line as it was
    sources = figure_sources(work_detail(public_id=work.public_id))
    events = list(
        history_of(Work).objects.filter(pgh_obj_id=work.pk).order_by("pgh_id")
    )
    set_it = next(e for e in events if "FAIS" in str(e.funding_lines))
    assert sources[f"f{line.pk}"].when == set_it.pgh_created_at
    assert sources[f"f{line.pk}"].who.endswith("(Administrador)")
    assert sources["work"].when == events[-1].pgh_created_at > set_it.pgh_created_at


def test_a_line_last_written_in_the_old_table_takes_that_tables_event(hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    line = work.funding.get()
    detail = work_detail(public_id=work.public_id)
    # The work's events from before the lines were on the row hold none.
    events = [replace(event, funding_lines=None) for event in work_events(detail)]
    event = history_of(Funding).objects.create(
        pgh_obj_id=12,
        pgh_label="insert",
        work_id=work.pk,
        source=line.source,
        fund=line.fund,
        amount=line.amount,
        id=12,
    )
    sources = figure_sources(detail, events)
    assert sources[f"f{line.pk}"].when == event.pgh_created_at


def test_a_work_is_funded_by_a_source_only_with_a_line_of_it_above_zero(hermosillo):
    both = _work_of(
        hermosillo, [(FundingSource.STATE, "1.00"), (FundingSource.FEDERAL, "0.00")]
    )
    federal = _work_of(hermosillo, [(FundingSource.FEDERAL, "2.00")])
    funded = Work.objects.filter(funded_by(FundingSource.FEDERAL))
    assert list(funded) == [federal]
    assert list(Work.objects.filter(funded_by(FundingSource.STATE))) == [both]
    assert not Work.objects.filter(funded_by('x" || @.amount > 0 || "')).exists()
