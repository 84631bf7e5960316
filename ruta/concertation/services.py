"""Writes of the concertation: agreements, their signature, their checklist.

Validators of the concerting agency (its planning staff) record each
agreement, its signature and the lineamientos met; every write is audited.
What "Liberar recursos" asks of a concerted work is ``checks.release_check``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited, person, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.common.refusals import refusal
from ruta.common.text.money import format_mxn
from ruta.common.web.guards import unstorable
from ruta.concertation import rules
from ruta.concertation.lineamientos import LABELS
from ruta.concertation.models import Agreement, LineamientoCheck
from ruta.concertation.selectors import (
    concerting_agencies,
    floor_use,
)
from ruta.works.services.documents import clean_pdf

CENT = Decimal("0.01")


def _amount(value: Decimal, *, what: str, field: str) -> Decimal:
    if not Decimal(0) <= value <= rules.AMOUNT_MAX:
        raise refusal(
            _("%(what)s debe estar entre $0.00 y %(most)s.")
            % {"what": what, "most": format_mxn(rules.AMOUNT_MAX)},
            f"{field}_range",
            field,
        )
    return value.quantize(CENT)


def _notes(text: str) -> str:
    text = text.strip()
    if unstorable(text) or len(text) > rules.NOTES_MAX:
        raise refusal(
            _("Las notas admiten hasta %(most)s caracteres de texto.")
            % {"most": rules.NOTES_MAX},
            "notes",
            "notes",
        )
    return text


def _amounts_set(
    agreement: Agreement,
    *,
    floor: Decimal,
    municipal_contribution: Decimal,
    community_contribution: Decimal,
    notes: str,
) -> None:
    agreement.floor = _amount(floor, what=_("El piso"), field="floor")
    agreement.municipal_contribution = _amount(
        municipal_contribution,
        what=_("La aportación municipal"),
        field="municipal_contribution",
    )
    agreement.community_contribution = _amount(
        community_contribution,
        what=_("La aportación de los beneficiarios"),
        field="community_contribution",
    )
    agreement.notes = _notes(notes)


@service
def agreement_record(
    *,
    agency: Agency,
    municipality: Municipality,
    year: int,
    floor: Decimal,
    municipal_contribution: Decimal,
    community_contribution: Decimal,
    notes: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> Agreement:
    """Record the year's agreement of ``agency`` with ``municipality`` (unsigned)."""
    agreement = Agreement(
        agency=agency, municipality=municipality, fiscal_year_id=year, is_demo=is_demo
    )
    require(actor, Action.VALIDATE, agreement)
    if not concerting_agencies().filter(pk=agency.pk).exists():
        raise refusal(
            _("%(agency)s no tiene programas de obra concertada con municipios.")
            % {"agency": agency.name},
            "agency_not_concerting",
            "agency",
        )
    if not instance().municipalities().filter(pk=municipality.pk).exists():
        raise refusal(
            _("%(municipality)s no es un municipio de esta entidad.")
            % {"municipality": municipality.name},
            "municipality_outside",
            "municipality",
        )
    if not FiscalYear.objects.filter(year=year).exists():
        raise refusal(
            _("El ejercicio %(year)s no está en el catálogo.") % {"year": year},
            "year_unknown",
            "year",
        )
    if Agreement.objects.filter(
        agency=agency, municipality=municipality, fiscal_year_id=year
    ).exists():
        raise refusal(
            _("Ya hay un convenio con %(municipality)s para %(year)s.")
            % {"municipality": municipality.name, "year": year},
            "agreement_exists",
            "municipality",
        )
    _amounts_set(
        agreement,
        floor=floor,
        municipal_contribution=municipal_contribution,
        community_contribution=community_contribution,
        notes=notes,
    )
    agreement.save()
    return agreement


@service
def agreement_update(
    *,
    agreement: Agreement,
    floor: Decimal,
    municipal_contribution: Decimal,
    community_contribution: Decimal,
    notes: str = "",
    actor: Actor,
) -> Agreement:
    """Change an agreement's amounts; the floor never falls below what is used."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, Action.VALIDATE, agreement)
    used = floor_use(agreement).released
    _amounts_set(
        agreement,
        floor=floor,
        municipal_contribution=municipal_contribution,
        community_contribution=community_contribution,
        notes=notes,
    )
    if agreement.floor < used:
        raise refusal(
            _(
                "El piso no puede bajar de %(used)s: es lo que ya se liberó a las "
                "obras concertadas del municipio."
            )
            % {"used": format_mxn(used)},
            "floor_below_use",
            "floor",
        )
    agreement.save()
    return agreement


@service
def agreement_sign(
    *,
    agreement: Agreement,
    signed_on: date,
    upload: BinaryIO | None = None,
    size: int = 0,
    actor: Actor,
) -> Agreement:
    """Record the date an agreement was signed and, optionally, its signed PDF."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, Action.VALIDATE, agreement)
    year = agreement.fiscal_year_id
    if signed_on > timezone.localdate():
        raise refusal(
            _("La fecha de firma no puede ser posterior a hoy."),
            "signed_in_future",
            "signed_on",
        )
    if not year - 1 <= signed_on.year <= year:
        raise refusal(
            _("Un convenio del ejercicio %(year)s se firma en %(before)s o %(year)s.")
            % {"year": year, "before": year - 1},
            "signed_year",
            "signed_on",
        )
    agreement.signed_on = signed_on
    if upload is not None:
        content = clean_pdf(upload, size=size)
        agreement.document.save("convenio.pdf", ContentFile(content), save=False)
    agreement.save()
    return agreement


@service
def lineamiento_check(
    *, agreement: Agreement, item: str, evidence: str, actor: Actor
) -> LineamientoCheck:
    """Record that the agreement's ``item`` is met, with its evidence."""
    require(actor, Action.VALIDATE, agreement)
    if item not in LABELS:
        raise refusal(_("Ese lineamiento no es del convenio."), "item_unknown", "item")
    evidence = evidence.strip()
    if not evidence or unstorable(evidence) or len(evidence) > rules.EVIDENCE_MAX:
        raise refusal(
            _(
                "Escriba la evidencia (un oficio, un depósito, un expediente), de "
                "hasta %(most)s caracteres."
            )
            % {"most": rules.EVIDENCE_MAX},
            "evidence",
            "evidence",
        )
    if agreement.checks.filter(item=item).exists():
        raise refusal(
            _("«%(item)s» ya se marcó como cumplido.") % {"item": LABELS[item]},
            "item_checked",
            "item",
        )
    return LineamientoCheck.objects.create(
        agreement=agreement, item=item, evidence=evidence, checked_by=person(actor)
    )


def lineamiento_uncheck(
    *, agreement: Agreement, item: str, reason: str, actor: Actor
) -> None:
    """Mark the agreement's ``item`` unmet again, saying why (kept in the history)."""
    require(actor, Action.VALIDATE, agreement)
    reason = " ".join(reason.split())
    if not reason or len(reason) > rules.EVIDENCE_MAX:
        raise refusal(
            _("Escriba el motivo, de hasta %(most)s caracteres.")
            % {"most": rules.EVIDENCE_MAX},
            "reason_required",
            "reason",
        )
    with transaction.atomic():
        check = agreement.checks.select_for_update().filter(item=item).first()
        if check is None:
            raise refusal(_("Ese lineamiento no estaba cumplido."), "item_unchecked")
        with audited(actor, "lineamiento_uncheck", reason=reason):
            check.delete()
