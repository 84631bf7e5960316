"""The instance: the state a deployment publishes for, or the whole country.

``RUTA_STATE`` holds the state's INEGI code; a national instance leaves it
blank. This module is its only reader (a test fails on any other):
everything asks ``instance()`` for the instance's code, name, time zone,
agencies, municipalities, regions and the condition of what lies in it, so
no state is written into code and no app scopes by a rule of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ruta.catalog.holidays import work_calendar
from ruta.catalog.models import Agency, Municipality, Region, State
from ruta.common.workdays import WorkCalendar

_CODE = re.compile(r"^(0[1-9]|[12][0-9]|3[0-2])$")


@dataclass(frozen=True)
class Instance:
    """The deployment's scope: a state (its INEGI code) or, blank, the country."""

    code: str

    @property
    def national(self) -> bool:
        return not self.code

    @property
    def time_zone(self) -> str:
        """Return the zone dates are shown in (``RUTA_TIME_ZONE`` or the state's)."""
        return str(settings.TIME_ZONE)

    def work_calendar(self) -> WorkCalendar:
        """Return the business days here: federal days off and the state's own."""
        return work_calendar(self.code)

    def state(self) -> State | None:
        """Return the state, or None (national, or not in the catalog yet)."""
        return State.objects.filter(code=self.code).first() if self.code else None

    def name(self) -> str:
        """Return the state's name, or the country's for a national instance."""
        state = self.state()
        return state.name if state is not None else _("México")

    def agencies(self) -> QuerySet[Agency]:
        """Return the agencies of the state and its municipalities (all: national)."""
        return Agency.objects.of_state(self.code) if self.code else Agency.objects.all()

    def agencies_working(self) -> QuerySet[Agency]:
        """Return the agencies of the instance and any other that executed a
        work located in it (a federal unit that built in the state); the
        units of other states' works are not among them. National: all."""
        if not self.code:
            return Agency.objects.all()
        builders = Agency.objects.filter(self.located("executed_works__"))
        return Agency.objects.filter(
            Q(pk__in=self.agencies().values("pk")) | Q(pk__in=builders.values("pk"))
        )

    def municipalities(self) -> QuerySet[Municipality]:
        """Return the municipalities with a page here: the state's own.

        Another state's municipality has no page on a state's instance (its
        works are not shown there); a national instance has every one.
        """
        objects = Municipality.objects
        return objects.of_state(self.code) if self.code else objects.all()

    def regions(self) -> QuerySet[Region]:
        """Return the plan regions with a page here: the state's own."""
        return Region.objects.of_state(self.code) if self.code else Region.objects.all()

    def located(self, prefix: str = "") -> Q:
        """Return the condition of records located in the instance.

        A record lies in its municipality's state, or in its own state when it
        has no municipality (a work of a whole state); one of several states or
        of the whole country lies in none. ``prefix`` reaches the municipality
        and state fields from another model (``"work__"``). National: all.
        """
        if not self.code:
            return Q()
        return located_in_state(self.code, prefix)

    def of_municipality(self, prefix: str = "") -> Q:
        """Return the condition of records whose municipality is the instance's
        (a participatory-budget period, an ayuntamiento). National: all."""
        if not self.code:
            return Q()
        return Q(**{f"{prefix}municipality__state_id": self.code})


def located_in_state(code: str, prefix: str = "") -> Q:
    """Return the condition of records located in state ``code`` (``located``)."""
    return Q(**{f"{prefix}municipality__state_id": code}) | Q(
        **{f"{prefix}municipality__isnull": True, f"{prefix}state_id": code}
    )


def instance() -> Instance:
    """Return the instance as configured now."""
    return Instance(code=getattr(settings, "RUTA_STATE", ""))


def instance_scope() -> str:
    """Return what caches and ETags are scoped by besides the data: the code.

    Named in settings (``RUTA_INSTANCE_SCOPE``) for ``ruta.common``, which
    keys caches and may not import the catalog.
    """
    return instance().code


@register()
def instance_state_check(
    app_configs: object = None, **kwargs: object
) -> list[CheckMessage]:
    """Refuse to start with a ``RUTA_STATE`` that is not an INEGI state code."""
    code = instance().code
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
