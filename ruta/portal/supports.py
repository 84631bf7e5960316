"""The social aids granted to an organisation, as other known public support.

Grants and works are sibling layers that do not import each other; the
portal reads both. An aid granted to an institution may carry its RFC
(``Aid.recipient_rfc``, a company's): the grants commission reads those
granted to the applying organisation's RFC in the last months beside its
declaration of other support (``ruta.grants.selectors.organizations``).
"""

from __future__ import annotations

from datetime import date

from ruta.grants.models import Organization
from ruta.grants.rules.requirements import KnownAid, known_aids_since
from ruta.works.models import Aid


def organization_granted_aids(
    organization: Organization, today: date
) -> list[KnownAid]:
    """Return the aids granted to ``organization``'s RFC from a year before
    ``today`` to ``today``, oldest first."""
    if not organization.rfc:
        return []
    aids = (
        Aid.objects.granted()
        .filter(
            recipient_rfc=organization.rfc,
            granted_on__gte=known_aids_since(today),
            granted_on__lte=today,
        )
        .order_by("granted_on", "public_id")
    )
    return [
        KnownAid(
            aid.public_id, aid.get_concept_display(), str(aid.amount), aid.granted_on
        )
        for aid in aids
        if aid.granted_on is not None  # the filter read it; for the types
    ]
