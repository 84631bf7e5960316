"""What "Liberar recursos" asks of a concerted work, read from its agreement.

Registered on the works' cycle (``registrations``): the step runs it before
it moves the work, so a refusal changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ruta.common.refusals import refusal
from ruta.common.text.money import format_mxn
from ruta.concertation.models import Agreement
from ruta.concertation.selectors import (
    agreement_of,
    floor_use,
    is_concerted,
    state_money_of,
    unmet_labels,
)
from ruta.works.models import Work


def release_check(work: Work) -> None:
    """Refuse releasing a concerted work outside its municipality's agreement.

    The agreement must exist and be signed, each lineamiento be met, and the
    state's money of the municipality's released concerted works, this one's
    added, stay within the floor.
    """
    if not is_concerted(work):
        return
    agreement = agreement_of(work)
    where = {"municipality": work.municipality, "year": work.fiscal_year_id}
    if agreement is None:
        raise refusal(
            _(
                "No hay convenio de concertación con %(municipality)s para "
                "%(year)s: sin él no se liberan recursos de sus obras concertadas."
            )
            % where,
            "agreement_missing",
        )
    missing = [] if agreement.signed_on else [_("la firma del convenio")]
    missing += unmet_labels(agreement)
    if missing:
        raise refusal(
            _(
                "No se liberan recursos: el convenio con %(municipality)s de "
                "%(year)s no cumple aún: %(items)s."
            )
            % {**where, "items": "; ".join(str(item) for item in missing)},
            "lineamientos_unmet",
        )
    _floor_check(work, agreement)


def _floor_check(work: Work, agreement: Agreement) -> None:
    use = floor_use(agreement, besides=work)
    amount = state_money_of(work)
    if use.fits(amount):
        return
    raise refusal(
        _(
            "No se liberan recursos: la aportación estatal de esta obra "
            "(%(amount)s) pasa el piso de %(municipality)s en %(year)s. Piso: "
            "%(floor)s; ya liberado: %(used)s; disponible: %(available)s."
        )
        % {
            "amount": format_mxn(amount),
            "municipality": work.municipality,
            "year": work.fiscal_year_id,
            "floor": format_mxn(use.floor),
            "used": format_mxn(use.released),
            "available": format_mxn(max(use.available, Decimal(0))),
        },
        "floor_exceeded",
    )
