"""The demo's aid requests on the site: one granted by another person, one waiting.

Two demonstration staff accounts of the CECOP's aids department (they cannot
sign in) capture and resolve as two people would: the capture clerk records
two requests of the latest open fiscal year after the demo's 2024 aids; the
validator grants one, so it appears on the aids page and in the dataset, and
the other waits on the validators' desk. Marked as demonstration, with an
invented name. Idempotent: a year that already has the demo's requests gets
no more.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.demo.modifications import _staff
from ruta.works.cycles import AID
from ruta.works.models import Aid
from ruta.works.services.aids import AidRequest, aid_requests_capture

AGENCY = "sonora-cecop-departamento-ayudas-diversas"
CAPTURE_EMAIL = "capturista.ayudas@demo.rutadeldinero.mx"
VALIDATOR_EMAIL = "validadora.ayudas@demo.rutadeldinero.mx"
# After the demo's 2024 aids, which reproduce the report's count.
AFTER_YEAR = 2024


@transaction.atomic
def aids_demo_load() -> int:
    """Capture the demo's aid requests; return how many (zero when loaded)."""
    agency = Agency.objects.filter(code=AGENCY).first()
    year = (
        FiscalYear.objects.filter(year__gt=AFTER_YEAR, is_closed=False)
        .order_by("year")
        .first()
    )
    if agency is None or year is None:
        return 0
    if Aid.objects.filter(fiscal_year=year, agency=agency, is_demo=True).exists():
        return 0
    clerk = _staff(CAPTURE_EMAIL, Role.CAPTURE, agency)
    validator = _staff(VALIDATOR_EMAIL, Role.VALIDATOR, agency)
    hermosillo = Municipality.objects.filter(code="26030").first()
    day = date(year.year, 2, 3)
    granted, _waiting = aid_requests_capture(
        requests=[
            AidRequest(
                concept="persons",
                amount=Decimal("15000.00"),
                requested_on=day,
                municipality=hermosillo,
                description="Apoyo a mujer emprendedora (demostración)",
                beneficiaries=1,
                recipient_sex="M",
                age_group="30-59",
                recipient_name="Persona de demostración",
            ),
            AidRequest(
                concept="nonprofits",
                amount=Decimal("250000.00"),
                requested_on=day,
                description="Equipamiento de un internado (demostración)",
                beneficiaries=120,
            ),
        ],
        fiscal_year=year,
        agency=agency,
        is_demo=True,
        actor=clerk,
    )
    step_take(AID, granted, "grant", actor=validator)
    return 2
