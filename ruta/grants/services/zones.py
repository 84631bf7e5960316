"""The ZAP catalogue (§3.6.2 b): written from its file, read by the subsidy rule.

``priority_zones_write`` replaces a decree year's zones with a file's (the
import keeps the file as their source); ``priority_zone_confirm`` is staff
saying which AGEB a subsidy's project operates in where the platform's
geography cannot (it holds municipal outlines, not the census's AGEBs).
Both audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.models import Municipality
from ruta.common.refusals import refusal
from ruta.grants.models import Application, PriorityZone
from ruta.grants.rules.requirements import PRIORITY_ZONE_SECTION, ageb_normal
from ruta.grants.selectors.organizations import may_review
from ruta.sources.findings import DocumentError
from ruta.sources.models import SourceDocument


@dataclass(frozen=True)
class ZoneWritten:
    """A zone as the import gives it: kind, municipality code, AGEB, its line."""

    kind: str
    municipality: str
    ageb: str
    line: int = 0


def priority_zones_write(
    *,
    document: SourceDocument,
    decree_year: int,
    zones: Sequence[ZoneWritten],
    actor: Actor,
    is_demo: bool = False,
) -> int:
    """Replace ``decree_year``'s zones with ``zones``; return how many.

    A municipality the catalog does not hold refuses the whole file
    (``DocumentError`` naming its line): nothing is written.
    """
    require_anywhere(actor, Action.CAPTURE)
    known = set(
        Municipality.objects.filter(
            code__in={zone.municipality for zone in zones}
        ).values_list("code", flat=True)
    )
    for zone in zones:
        if zone.municipality not in known:
            raise DocumentError(
                f"municipality {zone.municipality} is not in the catalog",
                file=document.name,
                line=zone.line or None,
                field="clave_municipio",
            )
    with transaction.atomic():
        PriorityZone.objects.filter(decree_year=decree_year).delete()
        PriorityZone.objects.bulk_create(
            PriorityZone(
                document=document,
                decree_year=decree_year,
                kind=zone.kind,
                municipality_id=zone.municipality,
                ageb=zone.ageb,
                is_demo=is_demo,
            )
            for zone in zones
        )
    return len(zones)


@service
def priority_zone_confirm(
    *, application: Application, ageb: str, actor: Actor
) -> Application:
    """Record the AGEB a subsidy's project operates in, as staff confirm it
    (§3.6.2 b): its key as the decree prints it, by whom."""
    if not may_review(actor):
        raise PermissionDenied(f"{actor} is not staff of an administering body")
    key = ageb_normal(ageb)
    if not key:
        raise refusal(
            _("La AGEB es una clave de cuatro caracteres, como 066A (%(section)s)."),
            "ageb_invalid",
            "ageb",
            section=PRIORITY_ZONE_SECTION,
        )
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.ageb = key
    application.ageb_confirmed_by = person(actor)
    application.save(update_fields=["ageb", "ageb_confirmed_by"])
    return application
