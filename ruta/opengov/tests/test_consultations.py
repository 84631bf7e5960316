"""A draft through its consultation: comments, moderation, answers, report."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ruta.accounts.models import Role
from ruta.opengov.consultations import comment_counts, draft_tally
from ruta.opengov.models import (
    Comment,
    CommentDecision,
    CommentStatus,
    DraftRegulation,
)
from ruta.opengov.services import (
    PUBLIC_COMMENTER,
    comment_answer,
    comment_moderate,
    comment_submit,
    draft_close,
    draft_create,
    draft_version_add,
)
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory

TEXT = """Artículo 1. Objeto del reglamento.
Segundo párrafo del primero.
Artículo 2. Las autoridades.
"""
CANARY_NAME = "Persona Comentarista Zq"


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def draft(agency):
    today = timezone.localdate()
    return draft_create(
        agency=agency,
        slug="reglamento-mejora",
        title="Reglamento de mejora regulatoria",
        text=TEXT,
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=5),
        actor=TEST_ACTOR,
    )


def submit(draft, anchor="art-1-p-2", **extra):
    values = {"body": "Propongo aclarar el párrafo.", "author_name": CANARY_NAME}
    return comment_submit(
        draft=draft, anchor=anchor, actor=PUBLIC_COMMENTER, **{**values, **extra}
    )


def test_comment_on_a_paragraph_awaits_moderation(draft):
    comment = submit(draft, author_email="Alguien@Example.org")
    assert (comment.status, comment.version.number, comment.author_email) == (
        CommentStatus.PENDING,
        1,
        "alguien@example.org",
    )


@pytest.mark.parametrize(
    ("today", "message"),
    [(-10, "abre el"), (10, "terminó el")],
    ids=["before", "after"],
)
def test_comment_outside_the_period_is_refused(draft, today, message):
    with pytest.raises(ValidationError, match=message):
        submit(draft, today=timezone.localdate() + timedelta(days=today))
    assert Comment.objects.count() == 0


def test_comment_on_a_closed_draft_is_refused(draft):
    type(draft).objects.filter(pk=draft.pk).update(closed_at=timezone.now())
    with pytest.raises(ValidationError, match="cerrada"):
        submit(draft)


@pytest.mark.parametrize(
    ("anchor", "body"),
    [("art-9", "texto"), ("art-1", ""), ("art-1", "x" * 5001)],
    ids=["unknown-place", "empty", "huge"],
)
def test_bad_comments_are_refused(draft, anchor, body):
    with pytest.raises(ValidationError):
        submit(draft, anchor=anchor, body=body)
    assert Comment.objects.count() == 0


def test_new_version_takes_the_next_comments(draft):
    draft_version_add(draft=draft, text=TEXT + "Artículo 3. Nuevo.\n", actor=TEST_ACTOR)
    assert submit(draft, anchor="art-3").version.number == 2


def test_moderation_refusal_needs_a_reason(draft):
    comment = submit(draft)
    with pytest.raises(ValidationError):
        comment_moderate(comment=comment, publish=False, actor=TEST_ACTOR)


def test_only_published_comments_are_answered(draft):
    comment = submit(draft)
    with pytest.raises(ValidationError):
        comment_answer(
            comment=comment,
            decision=CommentDecision.ACCEPTED,
            answer="Sí",
            actor=TEST_ACTOR,
        )


def test_staff_of_another_agency_may_not_moderate(draft, make_user):
    other = make_user(Role.VALIDATOR, agency=AgencyFactory())
    with pytest.raises(PermissionDenied):
        comment_moderate(comment=submit(draft), publish=True, actor=other)


def test_closing_report_counts_from_the_comments(draft, client):
    accepted, rejected, refused = submit(draft), submit(draft, anchor=""), submit(draft)
    for comment in (accepted, rejected):
        comment_moderate(comment=comment, publish=True, actor=TEST_ACTOR)
    comment_moderate(
        comment=refused, publish=False, reason="Ofensivo", actor=TEST_ACTOR
    )
    comment_answer(
        comment=accepted,
        decision=CommentDecision.ACCEPTED,
        answer="Se aclara el párrafo.",
        actor=TEST_ACTOR,
    )
    comment_answer(
        comment=rejected,
        decision=CommentDecision.REJECTED,
        answer="La ley ya lo dispone.",
        actor=TEST_ACTOR,
    )
    tally = draft_tally(draft)
    assert (tally.received, tally.accepted, tally.rejected, tally.refused) == (
        3,
        1,
        1,
        1,
    )
    html = client.get(
        reverse("opengov:draft_report", args=[draft.slug])
    ).content.decode()
    assert "La ley ya lo dispone." in html
    assert CANARY_NAME not in html


def test_close_needs_the_period_ended_and_every_comment_answered(draft):
    submit(draft)
    with pytest.raises(ValidationError, match="sigue abierta"):
        draft_close(draft=draft, actor=TEST_ACTOR)
    type(draft).objects.filter(pk=draft.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="Faltan 1"):
        draft_close(draft=draft, actor=TEST_ACTOR)
    comment_moderate(
        comment=Comment.objects.get(),
        publish=False,
        reason="Duplicado",
        actor=TEST_ACTOR,
    )
    assert draft_close(draft=draft, actor=TEST_ACTOR).closed_at is not None


def test_page_shows_published_comments_without_names(draft, client):
    comment = submit(draft)
    submit(draft, body="Aún en moderación")
    comment_moderate(comment=comment, publish=True, actor=TEST_ACTOR)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Propongo aclarar el párrafo." in html
    assert "Aún en moderación" not in html
    assert CANARY_NAME not in html
    assert 'id="art-1-p-2"' in html


def test_form_posts_a_comment(draft, client):
    response = client.post(
        draft.get_absolute_url(),
        {"anchor": "art-2", "body": "Comentario", "author_name": "Ana"},
    )
    assert response.status_code == 302
    assert Comment.objects.get().anchor == "art-2"


def test_form_outside_the_period_says_why_and_writes_nothing(draft, client):
    type(draft).objects.filter(pk=draft.pk).update(
        opens_on=date(2020, 1, 1), closes_on=date(2020, 1, 31)
    )
    response = client.post(
        draft.get_absolute_url(),
        {"anchor": "", "body": "Comentario", "author_name": "Ana"},
    )
    assert response.status_code == 400
    assert "La consulta terminó el 31 de enero de 2020." in response.content.decode()
    assert Comment.objects.count() == 0


def test_counts_are_open_data_without_contacts(draft, client):
    submit(draft, author_email="privado@example.org")
    rows = comment_counts(draft)
    assert rows == [
        {
            "draft": "reglamento-mejora",
            "anchor": "art-1-p-2",
            "status": "pending",
            "decision": "",
            "comments": 1,
        }
    ]
    body = client.get(reverse("opengov:draft_counts", args=[draft.slug])).content
    assert b"privado" not in body


def desk(draft):
    return reverse("opengov:draft_desk", args=[draft.slug])


def test_agency_validator_moderates_and_answers_at_the_desk(
    draft, agency, client, make_user
):
    comment = submit(draft)
    client.force_login(make_user(Role.VALIDATOR, agency=agency))
    page = client.get(desk(draft)).content.decode()
    assert "Propongo aclarar el párrafo." in page
    assert CANARY_NAME not in page
    client.post(desk(draft), {"comment": comment.pk, "action": "publish"})
    client.post(
        desk(draft),
        {
            "comment": comment.pk,
            "action": "answer",
            "decision": "accepted",
            "answer": "Sí.",
        },
    )
    comment.refresh_from_db()
    assert (comment.status, comment.decision, comment.answer) == (
        "published",
        "accepted",
        "Sí.",
    )


def test_capture_staff_see_comments_to_moderate_but_no_button_to_moderate(
    draft, agency, client, make_user
):
    comment = submit(draft)
    client.force_login(make_user(Role.CAPTURE, agency=agency))
    page = client.get(desk(draft)).content.decode()
    assert "Propongo aclarar el párrafo." in page
    assert 'value="publish"' not in page
    assert 'value="close"' not in page
    assert 'value="version"' in page  # what capture staff do
    assert "(artículo 1, párrafo 2)" in page  # the place, not its anchor
    # Sent anyway, the moderation is refused on the site's page, saying why.
    response = client.post(desk(draft), {"comment": comment.pk, "action": "publish"})
    assert response.status_code == 403
    assert "no tiene permiso para validar y aprobar datos" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_desk_answer_without_decision_says_why(draft, agency, client, make_user):
    comment = submit(draft)
    comment_moderate(comment=comment, publish=True, actor=TEST_ACTOR)
    client.force_login(make_user(Role.VALIDATOR, agency=agency))
    response = client.post(
        desk(draft), {"comment": comment.pk, "action": "answer", "answer": "Razón"}
    )
    assert response.status_code == 400
    assert "Elija si el comentario se acepta o no." in response.content.decode()


def test_desk_refuses_staff_of_another_agency_and_the_anonymous(
    draft, client, make_user
):
    assert client.get(desk(draft)).status_code == 302
    client.force_login(make_user(Role.VALIDATOR, agency=AgencyFactory()))
    assert client.get(desk(draft)).status_code == 403


def test_capture_staff_put_a_draft_to_consultation(agency, client, make_user):
    client.force_login(make_user(Role.CAPTURE, agency=agency))
    today = timezone.localdate()
    response = client.post(
        reverse("opengov:draft_new"),
        {
            "agency": agency.pk,
            "title": "Reglamento",
            "slug": "reglamento",
            "text": "Artículo 1. Objeto.",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    draft = DraftRegulation.objects.get()
    assert (draft.agency, draft.versions.get().number) == (agency, 1)


def test_draft_form_offers_only_the_users_agencies(agency, client, make_user):
    client.force_login(make_user(Role.CAPTURE, agency=AgencyFactory()))
    response = client.post(
        reverse("opengov:draft_new"),
        {"agency": agency.pk, "title": "x", "slug": "x", "text": "Artículo 1. x"},
    )
    assert response.status_code == 400
    assert DraftRegulation.objects.count() == 0


def test_draft_form_refuses_users_without_capture(client, make_user):
    client.force_login(make_user(Role.COMMITTEE))
    assert client.get(reverse("opengov:draft_new")).status_code == 403


def test_desk_publishes_a_new_version(draft, agency, client, make_user):
    client.force_login(make_user(Role.CAPTURE, agency=agency))
    client.post(desk(draft), {"action": "version", "text": TEXT + "Artículo 3. Más."})
    assert draft.versions.count() == 2


def test_desk_close_while_open_says_why(draft, agency, client, make_user):
    client.force_login(make_user(Role.VALIDATOR, agency=agency))
    response = client.post(desk(draft), {"action": "close"})
    assert response.status_code == 400
    assert "sigue abierta" in response.content.decode()
