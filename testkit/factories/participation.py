"""Test factories for committees and their (fictitious) members."""

from __future__ import annotations

from datetime import date

import factory

from ruta.participation.models import (
    Committee,
    CommitteeMember,
    MemberRole,
    OversightVisit,
    TrainingWorkshop,
)
from testkit.factories.works import WorkFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    work = factory.SubFactory(WorkFactory, published=True)
    name = factory.LazyAttribute(lambda c: f"Comité ciudadano de {c.work.public_id}")
    formed_on = date(2024, 2, 15)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    full_name = factory.Sequence(lambda n: f"Integrante Ficticio Número {n}")
    role = MemberRole.MEMBER
    phone = "000 000 0000"
    email = factory.Sequence(lambda n: f"integrante{n}@example.org")


class TrainingWorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingWorkshop

    committee = factory.SubFactory(CommitteeFactory)
    held_on = date(2024, 2, 20)
    attendance = 12
    topics = "Contraloría social, lectura del expediente técnico"


class OversightVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightVisit

    committee = factory.SubFactory(CommitteeFactory)
    visited_on = date(2024, 5, 10)
    checked = "Avance de la obra y señalamientos"
    findings = "Sin hallazgos"
    minutes = factory.django.FileField(
        filename="minuta.pdf", data=b"%PDF-1.4\n% minuta de prueba\n%%EOF\n"
    )
