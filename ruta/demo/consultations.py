"""Two consultations on draft regulations, run on the site by the demo's staff.

One open, with a comment waiting for moderation and one published; one
closed, its comment answered, so its closing report is final. The CECOP's
capture staff put them to consultation and answer, its validator moderates
and closes, citizens comment through the public form. Marked as
demonstration data; a second load finds them in place and adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ruta.catalog.models import Agency
from ruta.demo.cycles import DemoStaff, demo_staff_ensure
from ruta.opengov.models import Comment, CommentDecision, DraftRegulation
from ruta.opengov.services import (
    PUBLIC_COMMENTER,
    comment_answer,
    comment_moderate,
    comment_submit,
    draft_close,
    draft_create,
)

AGENCY = "sonora-cecop"
OPEN_SLUG = "demo-reglamento-comites-ciudadanos"
CLOSED_SLUG = "demo-lineamientos-publicacion-de-obras"
DRAFT = (
    "Artículo 1. Cada obra concertada tiene un comité ciudadano que la vigila.\n"
    "El comité se forma en asamblea de las personas beneficiarias.\n"
    "Artículo 2. El comité registra sus visitas y firma el acta de entrega."
)
COMMENTER = "Persona de demostración"


def consultations_demo_load(today: date | None = None) -> int:
    """Open the demo's two consultations unless they exist; return how many opened."""
    today = today or timezone.localdate()
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None or DraftRegulation.objects.filter(slug=OPEN_SLUG).exists():
        return 0
    with transaction.atomic():
        people = demo_staff_ensure()
        _open_consultation(agency, people, today)
        _closed_consultation(agency, people, today)
    return 2


def _draft(
    agency: Agency, people: DemoStaff, slug: str, title: str, opens: date, closes: date
) -> DraftRegulation:
    return draft_create(
        agency=agency,
        slug=slug,
        title=title,
        text=DRAFT,
        opens_on=opens,
        closes_on=closes,
        is_demo=True,
        actor=people.capture,
    )


def _comment(draft: DraftRegulation, anchor: str, body: str, on: date) -> Comment:
    return comment_submit(
        draft=draft,
        anchor=anchor,
        body=body,
        author_name=COMMENTER,
        today=on,
        actor=PUBLIC_COMMENTER,
    )


def _open_consultation(agency: Agency, people: DemoStaff, today: date) -> None:
    """Open for a month more: one comment to moderate, one published."""
    draft = _draft(
        agency,
        people,
        OPEN_SLUG,
        "Reglamento de los comités ciudadanos de obra (demostración)",
        today - timedelta(days=10),
        today + timedelta(days=30),
    )
    _comment(draft, "art-1", "Que el comité pueda formarse también en línea.", today)
    published = _comment(
        draft, "art-2", "Que las visitas del comité se publiquen con sus fotos.", today
    )
    comment_moderate(comment=published, publish=True, actor=people.validator)


def _closed_consultation(agency: Agency, people: DemoStaff, today: date) -> None:
    """Closed a month ago, its one comment answered: the report is final."""
    opened = today - timedelta(days=60)
    draft = _draft(
        agency,
        people,
        CLOSED_SLUG,
        "Lineamientos para publicar las obras concertadas (demostración)",
        opened,
        today - timedelta(days=30),
    )
    answered = _comment(
        draft, "art-1", "Que cada obra diga qué comité la vigila.", opened
    )
    comment_moderate(comment=answered, publish=True, actor=people.validator)
    comment_answer(
        comment=answered,
        decision=CommentDecision.ACCEPTED,
        answer="Se agrega al artículo 1: cada obra enlaza a su comité.",
        actor=people.capture,
    )
    draft_close(draft=draft, actor=people.validator)
