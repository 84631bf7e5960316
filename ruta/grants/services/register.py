"""Writes on the beneficiary register (§3.7.2-5; §5 Transparencia)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Municipality
from ruta.common.refusals import refusal
from ruta.grants.models import Agreement, BeneficiaryEntry

ADULT_AGE = 18
# The privacy notice the platform shows where beneficiaries' data is taken;
# each entry records the version its person was shown.
PRIVACY_NOTICE_VERSION = "2021-01"


@transaction.atomic
def beneficiary_add(
    *,
    agreement: Agreement,
    full_name: str,
    age: int,
    sex: str,
    benefit: str,
    municipality: Municipality,
    locality: str,
    privacy_notice_version: str,
    guardian_name: str = "",
    guardian_consent_on: date | None = None,
    actor: Actor,
) -> BeneficiaryEntry:
    """Add a person to the register; a minor needs a guardian's written consent."""
    require(actor, Action.APPLY_GRANT, agreement)
    require(actor, Action.VIEW_PERSONAL_DATA, agreement)
    if not 0 <= age <= 120:
        raise refusal(_("La edad va de 0 a 120 años."), "age_bounds", "age")
    if age < ADULT_AGE and not (guardian_name.strip() and guardian_consent_on):
        raise refusal(
            _(
                "Para registrar a una persona menor de edad se necesita el "
                "consentimiento escrito de su madre, padre o tutor (§3.7.2-5)."
            ),
            "guardian_consent_required",
            "guardian_consent_on",
        )
    if not privacy_notice_version.strip():
        raise refusal(
            _("Indique la versión del aviso de privacidad mostrado."),
            "privacy_notice_required",
            "privacy_notice_version",
        )
    entry = BeneficiaryEntry(
        agreement=agreement,
        full_name=full_name.strip(),
        age=age,
        sex=sex,
        benefit=benefit.strip(),
        municipality=municipality,
        locality=locality.strip(),
        guardian_name=guardian_name.strip(),
        guardian_consent_on=guardian_consent_on,
        privacy_notice_version=privacy_notice_version.strip(),
    )
    entry.full_clean()
    with audited(actor, "beneficiary_add"):
        entry.save()
    return entry
