"""Test factories for catalog records."""

from __future__ import annotations

import factory

from ruta.catalog.models import (
    Agency,
    AgencyKind,
    Municipality,
    PlanFramework,
    PlanLevel,
    Region,
    State,
)


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("code",)

    code = "26"
    name = "Sonora"
    abbreviation = "Son."


class PlanFrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanFramework
        django_get_or_create = ("code",)

    code = "ped-sonora-2021-2027"
    name = "Plan Estatal de Desarrollo 2021-2027"
    level = PlanLevel.STATE


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("state", "plan", "number")

    state = factory.SubFactory(StateFactory)
    plan = factory.SubFactory(PlanFrameworkFactory)
    number = 7
    name = "Capital"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    state = factory.SubFactory(StateFactory)
    code = "26030"
    municipal_code = factory.LazyAttribute(lambda m: m.code[2:])
    name = "Hermosillo"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Dependencia {n}")
    kind = AgencyKind.DEPENDENCIA
