"""A work imported from a file and the same work captured on the site are alike.

The import writes works with set-based statements (``ruta.works.services.
staged``); staff write one work at a time (``work_create``). Both are the
works app's services, and whatever a work's row and its derived figures hold
must not depend on which of the two wrote it: the same values written both
ways give the same columns, funding lines and kept phase inputs, but for
what says where a work came from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model

from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.sources.services import ImportResult
from ruta.works.loader import works_catalog_load
from ruta.works.models import Work
from ruta.works.models.phases import WorkPhaseInputs
from ruta.works.services import work_create
from ruta.works.services.common import FundingLine
from testkit.actors import TEST_ACTOR
from testkit.worklists import template_row, worklist_file

pytestmark = [pytest.mark.django_db, pytest.mark.server]

# What differs by design between a work read from a file and one captured:
# its identity, where it came from and when, and what the file published.
BY_ORIGIN = {
    "id",
    "public_id",
    "origin",
    "as_of",
    "status",
    "published_at",
    "created",
    "updated",
    "search_vector",
}
# The kept inputs of a work's phases the file's published figures fill.
PUBLISHED_INPUTS = {"published_approved", "published_modified", "published_paid"}

ROWS = (
    template_row(1),
    template_row(2, ESTATAL="100000", MUNICIPAL="0", LOCALIDAD="Miguel Alemán"),
    template_row(3, FISCAL="70000", ESTATAL="30000", MUNICIPAL="0"),
    template_row(4, LATITUD="", LONGITUD="", DESCRIPCION="Sin coordenadas"),
)


def _columns(row: Model, left_out: set[str]) -> dict[str, object]:
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.attname not in left_out
    }


def _captured_like(
    work: Work, funding: list[tuple[str, str, Decimal]] | None = None
) -> Work:
    """Capture on the site a work with ``work``'s values, under another folio.

    Its funding lines are ``work``'s, in the order the file listed them,
    unless ``funding`` gives others.
    """
    if funding is None:
        funding = list(
            work.funding.order_by("id").values_list("source", "fund", "amount")
        )
    return work_create(
        public_id=f"SITIO-{work.public_id}",
        fiscal_year=work.fiscal_year,
        program=work.program,
        subprogram=work.subprogram,
        executing_agency=work.executing_agency,
        municipality=work.municipality,
        title=work.title,
        total_investment=work.total_investment,
        funding=[
            FundingLine(source=source, amount=amount, fund=fund)
            for source, fund, amount in funding
        ],
        locality=work.locality,
        description=work.description,
        beneficiaries=work.beneficiaries,
        latitude=work.latitude,
        longitude=work.longitude,
        start_date=work.start_date,
        end_date=work.end_date,
        actor=TEST_ACTOR,
    )


def _lines(work: Work) -> list[tuple[str, str, Decimal]]:
    return sorted(work.funding.values_list("source", "fund", "amount"))


def test_a_work_imported_and_the_same_work_captured_hold_the_same_values(
    catalog, tmp_path
):
    _imported(tmp_path, ROWS)
    imported = list(Work.objects.order_by("public_id"))
    assert len(imported) == len(ROWS)
    captured = [_captured_like(work) for work in imported]
    for a, b in zip(imported, captured, strict=True):
        a.refresh_from_db()
        b.refresh_from_db()
        assert _columns(a, BY_ORIGIN) == _columns(b, BY_ORIGIN), a.public_id
        assert _lines(a) == _lines(b), a.public_id
        inputs = (
            WorkPhaseInputs.objects.get(pk=a.pk),
            WorkPhaseInputs.objects.get(pk=b.pk),
        )
        assert _columns(inputs[0], PUBLISHED_INPUTS | {"work_id"}) == _columns(
            inputs[1], PUBLISHED_INPUTS | {"work_id"}
        ), a.public_id


def _imported(tmp_path, rows) -> ImportResult:
    works_catalog_load()
    path = worklist_file(tmp_path, "obras.csv", rows, header=list(TEMPLATE_HEADER))
    return works_file_import(
        path=path,
        actor=TEST_ACTOR,
        agency="sonora-cecop",
        program="transforma-sonora-apoyo-municipios",
        as_of=date(2024, 6, 30),
    )


def test_funding_that_does_not_add_up_never_makes_a_work_that_does_not_add_up(
    catalog, tmp_path
):
    result = _imported(tmp_path, [template_row(5, ESTATAL="59999")])
    # The file's work is kept with its total and an unknown source, and the
    # finding says why; staff capturing the same sources are refused.
    work = Work.objects.get()
    [(source, _fund, amount)] = _lines(work)
    assert (source, amount) == ("other", work.total_investment)
    assert [finding.code for finding in result.findings] == ["sources_do_not_add_up"]
    with pytest.raises(ValidationError) as refused:
        _captured_like(work, funding=[("state", "ESTATAL", Decimal("59999"))])
    assert refused.value.code == "funding_mismatch"
