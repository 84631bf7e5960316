"""Test factories for problem reports (fictitious reporters).

A test database flushed by a transactional test (the browser tests) loses
the categories the data migration seeded, so ``categories_seeded`` writes
them again from that migration's own list.
"""

from __future__ import annotations

import importlib

import factory

from ruta.problems.models import Category, ProblemReport
from testkit.factories.works import WorkFactory

SEEDED = importlib.import_module("ruta.problems.migrations.0002_categories")


def categories_seeded() -> None:
    """Make sure the categories the migration seeds exist."""
    for order, (code, name, description) in enumerate(SEEDED.CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "description": description, "order": order},
        )


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
