"""Test factories for problem reports (fictitious reporters).

The categories are the ones the data migration seeded (``testkit.committed``
puts them back after a test that commits).
"""

from __future__ import annotations

import factory

from ruta.problems.models import Category, ProblemReport
from testkit.factories.works import WorkFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = "mala-calidad"
    name = "Mala calidad o daños"


class ProblemReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemReport

    work = factory.SubFactory(WorkFactory, published=True)
    category = factory.SubFactory(CategoryFactory)
    description = factory.Sequence(lambda n: f"El pavimento ya tiene grietas ({n}).")
    reporter_name = factory.Sequence(lambda n: f"Persona Ficticia {n}")
    reporter_email = factory.Sequence(lambda n: f"persona{n}@example.org")
    reporter_phone = "000 000 0000"
