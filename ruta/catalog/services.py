"""Writes on the catalogs."""

from __future__ import annotations

from django.db import transaction

from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency


@transaction.atomic
def agency_update(
    *, actor, agency: Agency, name: str | None = None, acronym: str | None = None
) -> Agency:
    """Change an agency's published name or acronym, within the actor's scope."""
    require(actor, Action.EDIT_AGENCY, agency)
    if name is not None:
        agency.name = name.strip()
    if acronym is not None:
        agency.acronym = acronym.strip()
    agency.full_clean()
    agency.save(update_fields=["name", "acronym"])
    return agency
