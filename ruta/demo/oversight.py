"""The demo committees' oversight: workshops, visits and handover acts.

Consistent with each work's status: every committee had its workshop; a
committee visits its work once it is contracted (one to three visits, within
the work's dates); a work handed over has its committee's act (the lifecycle
requires it), most conform, some with objections; a completed work waits for
its act, which the demo committee member can record. Idempotent: a committee
that already has a workshop, visits or an act gets nothing more.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ruta.accounts.actors import DEMO, audited
from ruta.accounts.models import Role, User
from ruta.accounts.services import role_assign, user_create
from ruta.participation.models import (
    Committee,
    CommitteeMember,
    Conformity,
    HandoverAct,
    MemberRole,
    OversightVisit,
    TrainingWorkshop,
)
from ruta.participation.services import committee_member_link
from ruta.works.models import WorkStatus

DEMO_COMMITTEE_EMAIL = "comite@demo.rutadeldinero.mx"
VISITED = (
    WorkStatus.CONTRACTED,
    WorkStatus.IN_EXECUTION,
    WorkStatus.COMPLETED,
    WorkStatus.HANDED_OVER,
)
CHECKS = (
    "Avance físico contra el programa de obra",
    "Calidad de los materiales y del concreto",
    "Señalamientos y seguridad en la obra",
    "Que el letrero de la obra muestre el monto y la fuente",
)
FINDINGS = (
    "Sin hallazgos: la obra avanza conforme al programa.",
    "Falta el letrero con el monto de la inversión.",
    "La excavación no tiene señalamiento nocturno.",
    "Se observó material acumulado sobre la banqueta.",
)
OBJECTIONS = (
    "La rampa de acceso quedó sin terminar.",
    "Faltan luminarias en el tramo final.",
)
# One small PDF stands for every demo visit's signed minutes: it names no one.
DEMO_MINUTES = (
    b"%PDF-1.4\n% Minuta de visita de vigilancia (datos de demostracion)\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


@dataclass(frozen=True)
class OversightSummary:
    workshops: int
    visits: int
    acts: int


def _visit_days(start: date, end: date, rng: random.Random) -> list[date]:
    """Return one to three visit dates within the work's dates, up to today."""
    last = min(end, timezone.localdate())
    span = max((last - start).days, 1)
    count = rng.randint(1, 3)
    return sorted({start + timedelta(days=rng.randint(0, span)) for _ in range(count)})


def _receiver(committee: Committee) -> str:
    municipality = committee.work.municipality
    place = municipality.name if municipality else "la dependencia ejecutora"
    return f"Dirección de Obras Públicas de {place}"


def _plan(committee: Committee, minutes: str) -> tuple:
    """Return the workshop, visits and act of a demo committee."""
    rng = random.Random(f"oversight:{committee.work.public_id}")  # noqa: S311
    work = committee.work
    visits, act = [], None
    workshop = TrainingWorkshop(
        committee=committee,
        held_on=committee.formed_on + timedelta(days=rng.randint(1, 10)),
        attendance=rng.randint(8, 35),
        topics="Contraloría social y lectura del expediente técnico",
    )
    if work.status in VISITED and work.start_date:
        visits = [
            OversightVisit(
                committee=committee,
                visited_on=max(day, committee.formed_on),
                checked=rng.choice(CHECKS),
                findings=rng.choice(FINDINGS),
                minutes=minutes,
            )
            for day in _visit_days(
                work.start_date, work.end_date or work.start_date, rng
            )
        ]
    if work.status == WorkStatus.HANDED_OVER:
        objects = rng.random() < 0.15
        act = HandoverAct(
            committee=committee,
            delivered_on=min(
                (work.end_date or committee.formed_on)
                + timedelta(days=rng.randint(1, 20)),
                timezone.localdate(),
            ),
            received_by=_receiver(committee),
            conformity=Conformity.OBJECTIONS if objects else Conformity.CONFORM,
            objections=rng.choice(OBJECTIONS) if objects else "",
        )
    return workshop, visits, act


@transaction.atomic
def oversight_demo_load() -> OversightSummary:
    """Give the demo committees their workshop, visits and handover acts.

    A committee that already holds any of them is left as it is: this part
    wrote them, or the committee was formed through the site's services
    with its own (the yearly cycles' committee, formed after this part),
    so a second run writes nothing.
    """
    touched = (
        set(TrainingWorkshop.objects.values_list("committee_id", flat=True))
        | set(OversightVisit.objects.values_list("committee_id", flat=True))
        | set(HandoverAct.objects.values_list("committee_id", flat=True))
    )
    committees = [
        committee
        for committee in Committee.objects.demo().select_related(
            "work", "work__municipality"
        )
        if committee.pk not in touched
    ]
    minutes_field = OversightVisit._meta.get_field("minutes")
    storage = minutes_field.storage
    minutes = storage.save(
        minutes_field.generate_filename(OversightVisit(), "minuta.pdf"),
        ContentFile(DEMO_MINUTES),
    )
    workshops, visits, acts = [], [], []
    for committee in committees:
        workshop, planned, act = _plan(committee, minutes)
        workshops.append(workshop)
        visits += planned
        acts += [act] if act else []
    with audited(DEMO, "oversight_demo_load"):
        TrainingWorkshop.objects.bulk_create(workshops)
        OversightVisit.objects.bulk_create(visits)
        HandoverAct.objects.bulk_create(acts)
    if not visits:
        storage.delete(minutes)
    return OversightSummary(len(workshops), len(visits), len(acts))


def _seats_for_demo_member() -> list[CommitteeMember]:
    """Return the presidencies the demo member holds: one work underway, one done."""
    seats = []
    for status in (WorkStatus.IN_EXECUTION, WorkStatus.COMPLETED):
        seat = (
            CommitteeMember.objects.filter(
                committee__is_demo=True,
                committee__work__status=status,
                role=MemberRole.PRESIDENT,
            )
            .order_by("committee__work__public_id")
            .first()
        )
        if seat is not None:
            seats.append(seat)
    return seats


def demo_committee_member_ensure(email: str = DEMO_COMMITTEE_EMAIL) -> str:
    """Create the demo committee member's account, or renew its password.

    The account holds two committees' presidencies (fictitious people), so a
    new user can sign in from a phone and record a visit and a handover act.
    """
    password = secrets.token_urlsafe(12)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email,
            password=password,
            full_name="Integrante de comité de demostración",
            actor=DEMO,
        )
        role_assign(user=user, role=Role.COMMITTEE, actor=DEMO)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    for seat in _seats_for_demo_member():
        if seat.user_id is None:
            committee_member_link(member=seat, user=user, actor=DEMO)
    return password
