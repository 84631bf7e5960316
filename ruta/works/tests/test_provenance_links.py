"""A figure read from a published document links to that document's row."""

from datetime import date
from decimal import Decimal

import pghistory
import pytest
from django.urls import reverse
from django.utils.html import escape

from ruta.sources.models import DocumentKind, PublishedRow, SourceDocument
from ruta.sources.records import row_anchor
from ruta.works.models import Payment, WorkOrigin, WorkPublication
from ruta.works.selectors import work_detail
from ruta.works.selectors.provenance import figure_sources
from testkit.factories.works import ContractFactory, WorkFactory

SHA = "b" * 64


@pytest.fixture
def document(db):
    document = SourceDocument.objects.create(
        sha256=SHA, kind=DocumentKind.WORKS_TEMPLATE, name="obras-2024.xlsx"
    )
    for number in (6, 7):
        PublishedRow.objects.create(
            document=document,
            table_id="works",
            title="Obras",
            row_number=number,
            line=number + 1,
            label=f"Obra del renglón {number}",
        )
    return document


@pytest.fixture
def imported(document, hermosillo):
    with pghistory.context(document=SHA, system="ingest"):
        work = WorkFactory(
            municipality=hermosillo,
            origin=WorkOrigin.AGENCY_FILE,
            published=True,
            total_investment=Decimal("1000.00"),
        )
    WorkPublication.objects.create(
        work=work, document=document, row_number=7, as_of=date(2024, 12, 31), title="x"
    )
    return work


def test_row_anchors_are_one_fragment_per_table_and_row():
    assert row_anchor("works", 7) == "renglon-works-7"
    assert row_anchor("A.1 Obras", 3) == "renglon-a-1-obras-3"


def test_the_documents_page_gives_each_row_its_anchor(client, document):
    page = client.get(reverse("sources:detail", args=[SHA])).content.decode()
    assert 'id="renglon-works-6"' in page
    assert 'id="renglon-works-7"' in page


def test_an_imported_works_figures_link_to_its_row_of_the_document(client, imported):
    sources = figure_sources(work_detail(public_id=imported.public_id))
    assert sources["work"].document == SHA
    assert (sources["work"].row, sources["work"].anchor) == (7, "renglon-works-7")
    page = client.get(imported.get_absolute_url()).content.decode()
    link = reverse("sources:detail", args=[SHA]) + "?tabla=works&desde=7"
    assert f'href="{escape(link)}#renglon-works-7"' in page
    assert "documento publicado, renglón 7" in page
    assert 'id="renglon-works-7"' in client.get(link).content.decode()


def test_a_payment_read_from_a_line_links_to_that_row(client, imported, document):
    contract = ContractFactory(
        work=imported, amount=Decimal("900.00"), signed_on=date(2024, 2, 1)
    )
    payment = Payment.objects.create(
        contract=contract,
        paid_on=date(2024, 3, 1),
        amount=Decimal("100.00"),
        source_document=document,
        source_line=7,
    )
    sources = figure_sources(work_detail(public_id=imported.public_id))
    assert sources[f"p{payment.pk}"].anchor == "renglon-works-6"
    page = client.get(imported.get_absolute_url()).content.decode()
    assert "documento publicado, renglón 6" in page


def test_a_typed_figure_names_who_entered_it_without_a_link(client, hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    sources = figure_sources(work_detail(public_id=work.public_id))
    assert sources["work"].anchor == ""
    assert sources["work"].row is None
