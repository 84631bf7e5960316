"""Test factories for problem reports (fictitious reporters)."""

from __future__ import annotations

import factory

from ruta.problems.models import Category, ProblemReport
from ruta.works.factories import WorkFactory


class ProblemReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemReport

    work = factory.SubFactory(WorkFactory, published=True)
    category = factory.LazyFunction(lambda: Category.objects.get(code="mala-calidad"))
    description = factory.Sequence(lambda n: f"El pavimento ya tiene grietas ({n}).")
    reporter_name = factory.Sequence(lambda n: f"Persona Ficticia {n}")
    reporter_email = factory.Sequence(lambda n: f"persona{n}@example.org")
    reporter_phone = "000 000 0000"
