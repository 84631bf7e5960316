"""Test factories for committees and their (fictitious) members."""

from __future__ import annotations

from datetime import date

import factory

from ruta.participation.models import Committee, CommitteeMember, MemberRole
from ruta.works.factories import WorkFactory


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
