"""The demo of citizens' voice: follows of every kind, data requests, usage
counts and works' photo galleries.

Everything goes through the apps' own services and tables: followers of the
first goal, indicator, commitment, call and consultation the demo and its
seed documents hold (confirmed by their own links); the works already late
recorded as the late-work job records them (so their pages and feeds show
an «atrasada» alert); two data requests, one answered by the platform's
demo actor and one open; two weeks of usage counts; and a flat-colour photo
(it shows no one) from the staff and from the committee of the first demo
works with oversight visits. Invented contacts only (``example.org``).
The requests, the counts and the follows are marked as demonstration data
(``is_demo``), and their pages say so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from PIL import Image

from ruta.accounts.actors import DEMO
from ruta.alerts.models import ChannelKind, Subscription, TargetKind
from ruta.alerts.selectors import TargetUnknown, target_resolve
from ruta.alerts.services import (
    late_works_detect,
    subscription_confirm,
    subscription_request,
)
from ruta.alerts.tokens import confirm_token
from ruta.catalog.models import Agency
from ruta.datarequests.models import DataRequest, RequestStatus
from ruta.datarequests.services import data_request_answer, data_request_file
from ruta.grants.models import Call
from ruta.indicators.models import IndicatorCard
from ruta.opengov.models import Commitment, DraftRegulation
from ruta.participation.models import OversightVisit, VisitPhoto
from ruta.programs.models import Goal
from ruta.programs.models.status import PlanStatus
from ruta.usage.counter import Key, counts_add
from ruta.usage.models import DailyCount
from ruta.works.models import DocumentKind, WorkDocument

VOICE_FOLLOWER_EMAIL = "sigue-todo@example.org"
GALLERY_WORKS = 3
USAGE_DAYS = 14
SECTIONS = {"inicio": 140, "obras": 220, "municipios": 60, "datos": 45, "pregunta": 30}
DOWNLOADS = {"obras": 12, "poa": 5, "avisos-suscripciones": 2}
ANSWERED_REQUEST = (
    "Las fechas de pago de cada contrato de obra de 2024, con su monto, para "
    "comparar el avance financiero con el físico."
)
OPEN_REQUEST = (
    "Los padrones de beneficiarios por localidad, sólo en totales (sin nombres), "
    "de las obras de agua potable."
)


@dataclass(frozen=True)
class VoiceSummary:
    """What the demo of citizens' voice added (all zero: already loaded)."""

    followers: int
    late_alerts: int
    requests: int
    usage_rows: int
    photos: int

    def line(self) -> str:
        """Return the sentence the demo command prints."""
        return (
            f"Citizens' voice: {self.followers} follows of goals, indicators, "
            f"commitments, calls and consultations, {self.late_alerts} late-work "
            f"alerts, {self.requests} data requests, {self.usage_rows} usage "
            f"counts, {self.photos} gallery photos (zero means already loaded)."
        )


def voice_demo_load() -> VoiceSummary:
    """Load every part of the citizens' voice demo that is missing."""
    return VoiceSummary(
        followers=_followers(),
        late_alerts=late_works_detect(today=timezone.localdate(), actor=DEMO),
        requests=_requests(),
        usage_rows=_usage(),
        photos=_photos(),
    )


def _first_keys() -> list[tuple[str, str]]:
    """Return the kind and key of the first public record of each new kind."""
    goal = Goal.objects.filter(unit_program__plan_status=PlanStatus.APPROVED).first()
    found = [
        (TargetKind.GOAL, goal and str(goal.pk)),
        (TargetKind.INDICATOR, _first_pk(IndicatorCard.objects.order_by("pk"))),
        (TargetKind.COMMITMENT, _first_pk(Commitment.objects.order_by("pk"))),
        (
            TargetKind.CALL,
            Call.objects.published()
            .order_by("code")
            .values_list("code", flat=True)
            .first(),
        ),
        (
            TargetKind.CONSULTATION,
            DraftRegulation.objects.order_by("slug")
            .values_list("slug", flat=True)
            .first(),
        ),
    ]
    return [(kind, key) for kind, key in found if key]


def _first_pk(records: QuerySet) -> str | None:
    pk = records.values_list("pk", flat=True).first()
    return None if pk is None else str(pk)


@transaction.atomic
def _followers() -> int:
    if Subscription.objects.filter(email=VOICE_FOLLOWER_EMAIL).exists():
        return 0
    made = 0
    for kind, key in _first_keys():
        try:
            target = target_resolve(kind, key)
        except TargetUnknown:
            continue
        pending = subscription_request(
            target=target,
            channel=ChannelKind.EMAIL,
            email=VOICE_FOLLOWER_EMAIL,
            is_demo=True,
            actor=DEMO,
        )
        subscription_confirm(
            token=confirm_token(pending.pk, pending.confirm_nonce), actor=DEMO
        )
        made += 1
    return made


@transaction.atomic
def _requests() -> int:
    if DataRequest.objects.demo().exists():
        return 0
    agency = Agency.objects.filter(executed_works__is_demo=True).distinct().first()
    answered = data_request_file(
        what=ANSWERED_REQUEST,
        dataset="obras",
        agency=agency,
        email="pregunta-datos@example.org",
        is_demo=True,
        actor=DEMO,
    )
    data_request_answer(
        request=answered,
        outcome=RequestStatus.ANSWERED,
        answer=(
            "Cada pago está en el conjunto «pagos» con su fecha y contrato; la "
            "página de cada obra los muestra junto a su avance."
        ),
        actor=DEMO,
    )
    data_request_file(what=OPEN_REQUEST, agency=agency, is_demo=True, actor=DEMO)
    return 2


@transaction.atomic
def _usage() -> int:
    if DailyCount.objects.exists():
        return 0
    rng = random.Random("usage-demo")  # noqa: S311 - demonstration figures
    today = timezone.localdate()
    counts: dict[Key, int] = {}
    for back in range(1, USAGE_DAYS + 1):
        day = today - timedelta(days=back)
        for section, mean in SECTIONS.items():
            counts[(day, "page", section, "app")] = rng.randint(mean // 2, mean)
            counts[(day, "page", section, "cache")] = rng.randint(mean, mean * 3)
        for slug, mean in DOWNLOADS.items():
            counts[(day, "download", slug, "app")] = rng.randint(0, mean) or 1
        counts[(day, "api", "works", "app")] = rng.randint(20, 80)
        counts[(day, "question", "answered", "app")] = rng.randint(3, 12)
        counts[(day, "question", "declined", "app")] = rng.randint(1, 4)
    counts_add(counts, demo=True)
    return len(counts)


def _photo(name: str, colour: tuple[int, int, int]) -> ContentFile:
    """Return a flat-colour JPEG: a demonstration photo that shows no one."""
    output = BytesIO()
    Image.new("RGB", (640, 480), colour).save(output, format="JPEG")
    return ContentFile(output.getvalue(), name=name)


@transaction.atomic
def _photos() -> int:
    visits = list(
        OversightVisit.objects.filter(committee__work__is_demo=True)
        .select_related("committee__work")
        .order_by("committee__work__public_id", "visited_on")
    )
    works = list(dict.fromkeys(visit.committee.work for visit in visits))[
        :GALLERY_WORKS
    ]
    if (
        not works
        or WorkDocument.objects.filter(work__in=works, kind=DocumentKind.PHOTO).exists()
    ):
        return 0
    made = 0
    for work in works:
        WorkDocument.objects.create(
            work=work,
            title="Avance de la obra (foto de demostración)",
            kind=DocumentKind.PHOTO,
            file=_photo("avance-demostracion.jpg", (150, 150, 140)),
            date=timezone.localdate(),
        )
        visit = next(visit for visit in visits if visit.committee.work == work)
        VisitPhoto.objects.create(
            visit=visit, image=_photo("visita-demostracion.jpg", (120, 160, 110))
        )
        made += 2
    return made
