"""Pages that show payment records, row links and indicator trends pass axe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from ruta.sources.models import DocumentKind, PublishedRow, SourceDocument
from ruta.works.models import Payment
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from tests.browser.conftest import axe_violations

INVOICE = "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B"


def _records(vado) -> SourceDocument:
    with transaction.atomic():
        document = SourceDocument.objects.create(
            sha256="c" * 64, kind=DocumentKind.WORKS_TEMPLATE, name="pagos.xlsx"
        )
        PublishedRow.objects.create(
            document=document, table_id="works", row_number=3, line=4, label="Pago"
        )
        Payment.objects.create(
            contract=vado.contracts.get(),
            paid_on=date(2024, 3, 1),
            amount=Decimal("1500000.00"),
            invoice_uuid=INVOICE,
            source_document=document,
            source_line=4,
        )
        card = IndicatorCardFactory()
        IndicatorResultFactory(card=card, year=2024, value=Decimal("95"))
    return document


def test_payment_records_their_row_link_and_a_trend_pass_axe(page, world):
    document = _records(world["vado"])
    page.goto(f"/es-mx/obras/{world['vado'].public_id}/")
    assert INVOICE in page.locator("section[aria-labelledby=pagos] table").inner_text()
    page.get_by_role("link", name="documento publicado, renglón 3").click()
    page.wait_for_url(f"**/{document.sha256}/?*#renglon-works-3")
    assert page.locator("#renglon-works-3").is_visible()
    assert axe_violations(page) == []
    page.goto(f"/es-mx/obras/{world['vado'].public_id}/")
    assert axe_violations(page) == []
    page.goto("/es-mx/indicadores/")
    assert page.locator("figure.trend-chart svg").count() == 1
    assert axe_violations(page) == []
