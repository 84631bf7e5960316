"""The instance: the municipality or state a deployment publishes for, or
the whole country.

``RUTA_STATE`` holds the state's INEGI code; a national instance leaves it
blank. ``RUTA_MUNICIPALITY`` holds a municipality's INEGI code (five digits)
for a municipality's own instance, and implies its state. This module is
their only reader (a test fails on any other): everything asks
``instance()`` for the instance's code, name, time zone, agencies,
municipalities, regions and the condition of what lies in it, so no place is
written into code and no app scopes by a rule of its own.
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
from ruta.common.text.workdays import WorkCalendar

_CODE = re.compile(r"^(0[1-9]|[12][0-9]|3[0-2])$")
_MUNICIPALITY_CODE = re.compile(r"^(0[1-9]|[12][0-9]|3[0-2])[0-9]{3}$")


@dataclass(frozen=True)
class Instance:
    """The deployment's scope: a state (its INEGI code) or, blank, the country;
    a municipality's own instance (``municipality_code``) lies in its state."""

    code: str
    municipality_code: str = ""

    @property
    def national(self) -> bool:
        return not self.code

    @property
    def municipal(self) -> bool:
        """Return whether the instance is a municipality's own."""
        return bool(self.municipality_code)

    @property
    def scope(self) -> str:
        """Return the code of the place covered: the municipality's or the state's."""
        return self.municipality_code or self.code

    def municipality(self) -> Municipality | None:
        """Return the municipality of a municipal instance, or None."""
        if not self.municipality_code:
            return None
        return Municipality.objects.filter(code=self.municipality_code).first()

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

    def government(self) -> Agency | None:
        """Return the ayuntamiento of a municipality's instance, or None."""
        if not self.municipality_code:
            return None
        ayuntamientos = Agency.objects.ayuntamientos()
        return ayuntamientos.filter(municipality_id=self.municipality_code).first()

    def name(self) -> str:
        """Return the municipality's or the state's name, or the country's."""
        place = self.municipality() or self.state()
        return place.name if place is not None else _("México")

    def agencies(self) -> QuerySet[Agency]:
        """Return the agencies of the state and its municipalities (all:
        national); a municipality's: its ayuntamiento's and their units."""
        if self.municipality_code:
            return Agency.objects.filter(self._own_agency())
        return Agency.objects.of_state(self.code) if self.code else Agency.objects.all()

    def _own_agency(self, prefix: str = "") -> Q:
        """Return the condition of a municipality's agencies and their units
        (two levels down, as the TMM-F004 lists them: entity, executing unit)."""
        code = self.municipality_code
        return (
            Q(**{f"{prefix}municipality_id": code})
            | Q(**{f"{prefix}parent__municipality_id": code})
            | Q(**{f"{prefix}parent__parent__municipality_id": code})
        )

    def agencies_working(self) -> QuerySet[Agency]:
        """Return the agencies of the instance and any other that executed a
        work located in it (a federal unit that built in the state); the
        units of other states' works are not among them. National: all. A
        municipality's staff pick among its own agencies only."""
        if self.municipality_code:
            return self.agencies()
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
        if self.municipality_code:
            return objects.filter(code=self.municipality_code)
        return objects.of_state(self.code) if self.code else objects.all()

    def regions(self) -> QuerySet[Region]:
        """Return the plan regions with a page here: the state's own; none on
        a municipality's instance (its pages and pickers do not appear)."""
        if self.municipality_code:
            return Region.objects.none()
        return Region.objects.of_state(self.code) if self.code else Region.objects.all()

    def located(self, prefix: str = "") -> Q:
        """Return the condition of records located in the instance.

        A record lies in its municipality's state, or in its own state when it
        has no municipality (a work of a whole state); one of several states or
        of the whole country lies in none. ``prefix`` reaches the municipality
        and state fields from another model (``"work__"``). National: all.
        On a municipality's instance a record lies in it by its municipality.
        """
        if self.municipality_code:
            return Q(**{f"{prefix}municipality_id": self.municipality_code})
        if not self.code:
            return Q()
        return located_in_state(self.code, prefix)

    def covers_work(self, prefix: str = "") -> Q:
        """Return the condition of the works the instance covers.

        A state's: those located in it (``located``), federal ones included. A
        municipality's: its own money, the works its agencies run wherever
        they are, and the state's and federal works located in it.
        """
        if not self.municipality_code:
            return self.located(prefix)
        return self.located(prefix) | self._own_agency(f"{prefix}executing_agency__")

    def runs_work(self, municipality_id: str | None, agency: Agency | None) -> bool:
        """Return whether one work is covered (``covers_work``), with its
        municipality's code and its executing agency (and parents) in hand."""
        if municipality_id == self.municipality_code:
            return True
        while agency is not None:
            if agency.municipality_id == self.municipality_code:
                return True
            agency = agency.parent
        return False

    def run_by_own_agencies(self, *prefixes: str) -> Q:
        """Return the condition of records a municipality's own agencies run
        (``prefixes`` reach an agency: ``"executing_unit__agency__"``), on its
        instance; on a state's or national one, every record (POA programs
        are not scoped by place there)."""
        if not self.municipality_code:
            return Q()
        condition = Q(pk__in=[])
        for prefix in prefixes:
            condition |= self._own_agency(prefix)
        return condition

    def of_municipality(self, prefix: str = "") -> Q:
        """Return the condition of records whose municipality is the instance's
        (a participatory-budget period, an ayuntamiento). National: all."""
        if self.municipality_code:
            return Q(**{f"{prefix}municipality_id": self.municipality_code})
        if not self.code:
            return Q()
        return Q(**{f"{prefix}municipality__state_id": self.code})


def located_in_state(code: str, prefix: str = "") -> Q:
    """Return the condition of records located in state ``code`` (``located``)."""
    return Q(**{f"{prefix}municipality__state_id": code}) | Q(
        **{f"{prefix}municipality__isnull": True, f"{prefix}state_id": code}
    )


def instance() -> Instance:
    """Return the instance as configured now (a municipality implies its state)."""
    municipality = getattr(settings, "RUTA_MUNICIPALITY", "")
    if municipality:
        return Instance(code=municipality[:2], municipality_code=municipality)
    return Instance(code=getattr(settings, "RUTA_STATE", ""))


def instance_scope() -> str:
    """Return what caches and ETags are scoped by besides the data: the code
    of the place covered (``Instance.scope``).

    Named in settings (``RUTA_INSTANCE_SCOPE``) for ``ruta.common``, which
    keys caches and may not import the catalog.
    """
    return instance().scope


@register()
def instance_state_check(
    app_configs: object = None, **kwargs: object
) -> list[CheckMessage]:
    """Refuse to start with a ``RUTA_STATE`` that is not an INEGI state code."""
    code = getattr(settings, "RUTA_STATE", "")
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


@register()
def instance_municipality_check(
    app_configs: object = None, **kwargs: object
) -> list[CheckMessage]:
    """Refuse a ``RUTA_MUNICIPALITY`` that is not an INEGI municipality code,
    or one beside a ``RUTA_STATE`` it does not lie in."""
    code = getattr(settings, "RUTA_MUNICIPALITY", "")
    state = getattr(settings, "RUTA_STATE", "")
    if code and not _MUNICIPALITY_CODE.match(code):
        return [
            Error(
                f"RUTA_MUNICIPALITY={code!r} is not an INEGI municipality code "
                "(five digits: the state's two and the municipality's three)",
                hint="Set it to the municipality's code, e.g. "
                "RUTA_MUNICIPALITY=02002 for Mexicali, or leave it blank.",
                id="ruta.catalog.E002",
            )
        ]
    if code and state and state != code[:2]:
        return [
            Error(
                f"RUTA_MUNICIPALITY={code!r} does not lie in RUTA_STATE={state!r}",
                hint="Leave RUTA_STATE blank: the municipality implies its state.",
                id="ruta.catalog.E003",
            )
        ]
    return []
