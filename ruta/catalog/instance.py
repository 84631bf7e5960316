"""The state an instance publishes for: configured, then found in the catalog.

``RUTA_STATE`` holds its INEGI code; a national instance leaves it blank.
Pages that speak of "the state" (its municipalities, its regions) read it
here, so no state is written into code.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.db.models import QuerySet

from ruta.catalog.models import Agency, Municipality, Region, State

_CODE = re.compile(r"^(0[1-9]|[12][0-9]|3[0-2])$")


def instance_state_code() -> str:
    """Return the configured state's INEGI code; blank for a national instance."""
    return getattr(settings, "RUTA_STATE", "")


def instance_state() -> State | None:
    """Return the configured state, or None (national, or not in the catalog yet)."""
    code = instance_state_code()
    return State.objects.filter(code=code).first() if code else None


def instance_agencies_own() -> QuerySet[Agency]:
    """Return the agencies of the instance's state and its municipalities.

    A national instance has every agency.
    """
    code = instance_state_code()
    return Agency.objects.of_state(code) if code else Agency.objects.all()


def instance_municipalities() -> QuerySet[Municipality]:
    """Return the municipalities with a page on this instance: the state's own.

    Another state's municipality has no page on a state's instance (its works
    are not shown there); a national instance has every municipality.
    """
    code = instance_state_code()
    return Municipality.objects.of_state(code) if code else Municipality.objects.all()


def instance_regions() -> QuerySet[Region]:
    """Return the plan regions with a page on this instance: the state's own."""
    code = instance_state_code()
    return Region.objects.of_state(code) if code else Region.objects.all()


@register()
def instance_state_check(
    app_configs: object = None, **kwargs: object
) -> list[CheckMessage]:
    """Refuse to start with a ``RUTA_STATE`` that is not an INEGI state code."""
    code = instance_state_code()
    if not code or _CODE.match(code):
        return []
    return [
        Error(
            f"RUTA_STATE={code!r} is not an INEGI state code (two digits, 01 to 32)",
            hint="Set it to the state's code, e.g. RUTA_STATE=26 for Sonora, or "
            "leave it blank for a national instance.",
            id="ruta.catalog.E001",
        )
    ]
