"""Helpers shared by the works services: audit context, permission, checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ruta.catalog.models import FiscalYear
from ruta.common.text.money import CENT, format_mxn
from ruta.works.models import FINAL_STATUSES, Work


@dataclass(frozen=True)
class FundingLine:
    """One source of a work's money, as given to a service."""

    source: str  # a FundingSource value
    amount: Decimal
    fund: str = ""


def ensure_open_year(year: FiscalYear) -> None:
    if year.is_closed:
        raise ValidationError(
            _("El ejercicio %(year)s está cerrado: no admite capturas."),
            code="closed_year",
            params={"year": year.year},
        )


def ensure_not_final(work: Work) -> None:
    if work.status in FINAL_STATUSES:
        raise ValidationError(
            _("La obra %(id)s está %(status)s: ya no admite cambios."),
            code="final_status",
            params={"id": work.public_id, "status": work.get_status_display()},
        )


def funding_check(*, total_investment: Decimal, funding: Sequence[FundingLine]) -> None:
    """Raise unless the sources add up to the total investment, to the centavo."""
    if any(line.amount < 0 for line in funding):
        raise ValidationError(
            _("Ninguna fuente de financiamiento puede ser negativa."),
            code="negative_funding",
        )
    keys = [(line.source, line.fund) for line in funding]
    if len(set(keys)) != len(keys):
        raise ValidationError(
            _("Cada fuente y fondo debe aparecer una sola vez."),
            code="repeated_funding",
        )
    funded = sum((line.amount for line in funding), Decimal(0))
    if funded.quantize(CENT) != total_investment.quantize(CENT):
        raise ValidationError(
            _(
                "Las fuentes de financiamiento suman %(funded)s, pero la inversión "
                "total es %(total)s."
            ),
            code="funding_mismatch",
            params={
                "funded": format_mxn(funded),
                "total": format_mxn(total_investment),
            },
        )
