"""Reads on CFDI: which disbursement already holds a UUID."""

from __future__ import annotations

from ruta.grants.models import Cfdi


def cfdi_uuid_holder(uuid: str) -> str | None:
    """Return the disbursement (application folio and number) holding ``uuid``."""
    cfdi = (
        Cfdi.objects.select_related("disbursement__agreement__application__call")
        .filter(uuid__iexact=uuid)
        .first()
    )
    return None if cfdi is None else str(cfdi.disbursement)


def used_uuids() -> frozenset[str]:
    """Return every UUID presented, upper case (for a check before saving)."""
    return frozenset(u.upper() for u in Cfdi.objects.values_list("uuid", flat=True))
