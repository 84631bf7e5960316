"""Organisations on their own: sign up with RFC and CLUNI checked, verify the
representative's e-mail through the mail queue, wait for staff's approval,
then apply; each refusal names the field and writes nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ruta.accounts.models import Role, RoleAssignment, User
from ruta.grants import services
from ruta.grants.models import Organization, OrganizationStatus
from ruta.grants.services.signup import (
    SIGNUP_FORM,
    VERIFY_LINK,
    organization_email_verify,
    organization_review,
    organization_signup,
)
from ruta.grants.tokens import SALT, LinkRefused, verify_token
from testkit.factories.catalog import AgencyFactory
from testkit.grants import apply, company_rfc, make_call, user_with

PASSWORD = "una-clave-bastante-larga"


def _cluni(rfc: str) -> str:
    return rfc[:9] + "2601A"


def _signup(n: int = 1, **changes):
    rfc = company_rfc(n)
    values = {
        "name": f"Comedor Comunitario {n}",
        "rfc": rfc,
        "cluni": _cluni(rfc),
        "legal_representative": f"Representante {n}",
        "representative_email": f"rep{n}@example.org",
        "representative_phone": "662 000 0000",
        "contact_email": f"osc{n}@example.org",
        "password": PASSWORD,
        **changes,
    }
    return organization_signup(**values, actor=SIGNUP_FORM)


def _link_in_last_mail() -> str:
    # The suite's mail backend keeps messages in ``mail.outbox`` (pytest-django).
    body = mail.outbox[-1].body
    return re.search(r"/registro/verificar/([^/\s]+)/", body)[1]


def _signs_in(email: str) -> bool:
    """Return whether the password signs ``email`` in (Django's own backend)."""
    return (
        ModelBackend().authenticate(None, username=email, password=PASSWORD) is not None
    )


def _refused_code(error: ValidationError) -> str:
    return next(item.code for items in error.error_dict.values() for item in items)


def test_signing_up_leaves_the_organisation_unverified_and_the_account_off(db):
    organization = _signup()
    user = User.objects.get(email="rep1@example.org")
    assert organization.status == OrganizationStatus.UNVERIFIED
    assert not user.is_active
    assert organization.member_ids() == {user.pk}
    assert not _signs_in("rep1@example.org")
    (sent,) = mail.outbox
    assert sent.to == ["rep1@example.org"]
    assert "Verifique el correo" in sent.subject


def test_following_the_link_verifies_the_email_and_the_organisation_waits_for_staff(db):
    organization = _signup()
    token = _link_in_last_mail()
    verified = organization_email_verify(token=token, actor=VERIFY_LINK)
    assert verified.status == OrganizationStatus.PENDING
    assert verified.email_verified_at is not None
    assert _signs_in("rep1@example.org")
    # The same link again changes nothing.
    again = organization_email_verify(token=token, actor=VERIFY_LINK)
    assert again.email_verified_at == verified.email_verified_at
    assert organization.pk == again.pk


def test_a_forged_or_expired_link_is_refused_and_changes_nothing(db, monkeypatch):
    organization = _signup()
    user = organization.members.get()
    with pytest.raises(LinkRefused) as forged:
        organization_email_verify(token="no-es-un-token", actor=VERIFY_LINK)
    assert forged.value.reason == "forged"
    other = signing.dumps({"o": organization.pk, "u": user.pk}, salt="otra")
    with pytest.raises(LinkRefused):
        organization_email_verify(token=other, actor=VERIFY_LINK)
    token = verify_token(organization.pk, user.pk)
    later = timezone.now() + timedelta(days=4)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(LinkRefused) as expired:
        organization_email_verify(token=token, actor=VERIFY_LINK)
    assert expired.value.reason == "expired"
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.UNVERIFIED
    assert SALT == "ruta.grants.signup"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"rfc": "GOMA800229HJ5"}, "rfc_not_company", "rfc"),
        ({"rfc": "ABC"}, "rfc_invalid", "rfc"),
        ({"cluni": "OAB15031226"}, "cluni_format", "cluni"),
        ({"cluni": "OAB1513122601A"}, "cluni_date", "cluni"),
        ({"cluni": "OAB1503124001A"}, "cluni_state", "cluni"),
    ],
)
def test_a_bad_rfc_or_cluni_is_refused_naming_the_field_and_nothing_is_written(
    db, changes, code, field
):
    with pytest.raises(ValidationError) as refused:
        _signup(**changes)
    assert field in refused.value.error_dict
    assert _refused_code(refused.value) == code
    assert not Organization.objects.exists()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_an_rfc_already_registered_is_refused(db):
    _signup(1)
    with pytest.raises(ValidationError) as same_rfc:
        _signup(2, rfc=company_rfc(1), cluni=_cluni(company_rfc(1)))
    assert _refused_code(same_rfc.value) == "rfc_registered"
    assert Organization.objects.count() == 1


def test_an_email_with_an_account_registers_nothing_and_only_its_owner_is_told(db):
    _signup(1)
    mail.outbox.clear()
    assert _signup(3, representative_email="REP1@example.org") is None
    assert Organization.objects.count() == 1
    (told,) = mail.outbox
    assert told.to == ["rep1@example.org"]
    assert "ya tiene una cuenta" in told.body


def test_a_short_password_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValidationError):
        _signup(password="corta")
    assert not Organization.objects.exists()


def test_the_same_sign_up_again_sends_its_link_again_and_changes_nothing(db):
    first = _signup()
    again = _signup(password="otra-clave-tambien-bastante-larga", name="Otro")
    assert again.pk == first.pk
    assert Organization.objects.get().name == "Comedor Comunitario 1"
    assert User.objects.filter(email="rep1@example.org").count() == 1
    assert [sent.to for sent in mail.outbox] == [["rep1@example.org"]] * 2
    verified = organization_email_verify(token=_link_in_last_mail(), actor=VERIFY_LINK)
    assert verified.status == OrganizationStatus.PENDING
    assert _signs_in("rep1@example.org")  # with the password chosen first


def _pending(n: int = 1) -> Organization:
    _signup(n)
    return organization_email_verify(token=_link_in_last_mail(), actor=VERIFY_LINK)


def test_staff_approve_and_the_organisation_may_apply(db):
    organization = _pending()
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    representative = organization.members.get()
    assert RoleAssignment.objects.filter(
        user=representative, role=Role.APPLICANT
    ).exists()
    approved = organization_review(organization=organization, approve=True, actor=staff)
    assert approved.status == OrganizationStatus.APPROVED
    assert mail.outbox[-1].to == ["rep1@example.org"]
    assert "puede solicitar" in mail.outbox[-1].subject
    application = apply(call, approved, User.objects.get(pk=representative.pk), 1)
    assert application.folio == 1


def test_an_organisation_not_yet_approved_may_not_apply(db):
    organization = _pending()
    representative = organization.members.get()
    with pytest.raises(ValidationError) as refused:
        apply(make_call(), organization, User.objects.get(pk=representative.pk), 1)
    assert _refused_code(refused.value) == "organization_not_approved"


def test_a_rejection_needs_its_reason_and_only_staff_review(db):
    organization = _pending()
    call = make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    with pytest.raises(ValidationError):
        organization_review(organization=organization, approve=False, actor=staff)
    with pytest.raises(PermissionDenied):
        organization_review(
            organization=organization, approve=True, actor=user_with(Role.APPLICANT)
        )
    rejected = organization_review(
        organization=organization,
        approve=False,
        note="La CLUNI no corresponde a la constancia.",
        actor=staff,
    )
    assert rejected.status == OrganizationStatus.REJECTED
    assert not rejected.may_apply
    with pytest.raises(ValidationError):
        organization_review(organization=rejected, approve=True, actor=staff)


def test_a_validator_of_an_agency_running_no_call_may_not_review_an_organisation(db):
    organization = _pending()
    make_call()  # DIF Sonora administers a call; Conagua does not
    conagua = user_with(
        Role.VALIDATOR, AgencyFactory(code="conagua", name="Comisión Nacional del Agua")
    )
    with pytest.raises(PermissionDenied):
        organization_review(organization=organization, approve=True, actor=conagua)
    client = Client()
    client.force_login(conagua)
    assert client.get(reverse("grants:review")).status_code == 403
    decided = client.post(
        reverse("grants:review_decide", args=[organization.pk]),
        {f"{organization.pk}-decision": "approve"},
    )
    assert decided.status_code == 403
    page = client.get(organization.get_absolute_url())
    assert page.status_code == 404
    assert organization.cluni not in page.content.decode()
    assert "osc1@example.org" not in page.content.decode()
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.PENDING


def test_a_validator_above_the_administering_body_reviews_organisations(db):
    organization = _pending()
    secretariat = AgencyFactory(code="sdh", name="Secretaría de Desarrollo Humano")
    make_call(agency=AgencyFactory(code="dif", name="DIF Sonora", parent=secretariat))
    above = user_with(Role.VALIDATOR, secretariat)
    client = Client()
    client.force_login(above)
    listing = client.get(reverse("grants:review")).content.decode()
    assert organization.cluni in listing
    approved = organization_review(organization=organization, approve=True, actor=above)
    assert approved.status == OrganizationStatus.APPROVED


def test_only_staff_of_an_administering_body_register_an_organisation_approved(db):
    make_call()
    conagua = user_with(Role.VALIDATOR, AgencyFactory(code="conagua"))
    RoleAssignment.objects.create(user=conagua, role=Role.APPLICANT)
    registered = services.organization_register(
        name="Organización",
        rfc=company_rfc(7),
        legal_representative="Representante",
        contact_email="o@example.org",
        actor=conagua,
    )
    assert registered.status == OrganizationStatus.PENDING
    with pytest.raises(PermissionDenied):
        services.organization_standing_set(
            organization=registered,
            past_calls_ok=False,
            fiscal_standing_ok=True,
            actor=conagua,
        )


def test_an_unverified_organisation_is_not_reviewed(db):
    organization = _signup()
    staff = user_with(Role.VALIDATOR, make_call().agency)
    with pytest.raises(ValidationError):
        organization_review(organization=organization, approve=True, actor=staff)


# ------------------------------------------------------------------ pages


def test_the_signup_page_shows_a_refusal_at_its_field_and_keeps_nothing(db):
    rfc = company_rfc(1)
    page = Client().post(
        reverse("grants:signup"),
        {
            "name": "Comedor",
            "rfc": rfc,
            "cluni": "OAB1513122601A",
            "contact_email": "osc@example.org",
            "legal_representative": "Representante",
            "representative_email": "rep@example.org",
            "representative_phone": "6620000000",
            "password": PASSWORD,
            "password_again": PASSWORD,
            "privacy": "on",
        },
    )
    assert page.status_code == 200
    assert "La fecha de constitución de la CLUNI" in page.content.decode()
    assert not Organization.objects.exists()


def test_the_signup_page_sends_the_link_and_the_link_page_verifies(db):
    rfc = company_rfc(1)
    page = Client().post(
        reverse("grants:signup"),
        {
            "name": "Comedor",
            "rfc": rfc,
            "cluni": _cluni(rfc),
            "contact_email": "osc@example.org",
            "legal_representative": "Representante",
            "representative_email": "rep@example.org",
            "representative_phone": "6620000000",
            "password": PASSWORD,
            "password_again": PASSWORD,
            "privacy": "on",
        },
    )
    assert "Revise su correo" in page.content.decode()
    token = _link_in_last_mail()
    url = reverse("grants:signup_verify", args=[token])
    assert Organization.objects.get().status == OrganizationStatus.UNVERIFIED
    assert Client().get(url).status_code == 200  # GET changes nothing
    assert Organization.objects.get().status == OrganizationStatus.UNVERIFIED
    done = Client().post(url)
    assert done.status_code == 200
    assert Organization.objects.get().status == OrganizationStatus.PENDING
    assert Client().post(reverse("grants:signup_verify", args=["x"])).status_code == 400


def test_the_organisation_page_shows_the_representative_only_to_who_acts_for_it(db):
    organization = _pending()
    representative = User.objects.get(email="rep1@example.org")
    staff = user_with(Role.VALIDATOR, make_call().agency)
    url = organization.get_absolute_url()
    own = Client()
    own.force_login(representative)
    text = own.get(url).content.decode()
    assert "rep1@example.org" in text
    assert "Representante 1" in text
    assert "Por aprobar" in text
    reviewer = Client()
    reviewer.force_login(staff)
    seen = reviewer.get(url).content.decode()
    assert organization.rfc in seen
    assert "rep1@example.org" not in seen
    stranger = Client()
    stranger.force_login(user_with(Role.APPLICANT))
    assert stranger.get(url).status_code == 404


def test_staff_review_sign_ups_from_their_desk_page(db):
    organization = _pending()
    staff = user_with(Role.VALIDATOR, make_call().agency)
    client = Client()
    client.force_login(staff)
    listing = client.get(reverse("grants:review")).content.decode()
    assert organization.name in listing
    refused = client.post(
        reverse("grants:review_decide", args=[organization.pk]),
        {f"{organization.pk}-decision": "reject", f"{organization.pk}-note": ""},
    )
    assert refused.status_code == 400
    assert "necesita el motivo" in refused.content.decode()
    client.post(
        reverse("grants:review_decide", args=[organization.pk]),
        {f"{organization.pk}-decision": "approve"},
    )
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.APPROVED
    applicant = Client()
    applicant.force_login(user_with(Role.APPLICANT))
    assert applicant.get(reverse("grants:review")).status_code == 403


def test_staff_register_organisations_approved_and_applicants_register_them_pending(
    db,
):
    staff = user_with(Role.VALIDATOR, make_call().agency)
    RoleAssignment.objects.create(user=staff, role=Role.APPLICANT)
    by_staff = services.organization_register(
        name="Organización",
        rfc=company_rfc(5),
        legal_representative="Representante",
        contact_email="o@example.org",
        actor=staff,
    )
    assert by_staff.may_apply
    by_applicant = services.organization_register(
        name="Otra",
        rfc=company_rfc(6),
        legal_representative="Representante",
        contact_email="p@example.org",
        actor=user_with(Role.APPLICANT),
    )
    assert by_applicant.status == OrganizationStatus.PENDING


def test_the_sign_up_and_its_review_read_in_english(db):
    page = Client().get("/en/apoyos/registro/").content.decode()
    assert "Register a civil-society organisation" in page
    assert (
        "Legal representative&#x27;s e-mail" in page
        or "Legal representative's e-mail" in page
    )
    _pending()
    staff = user_with(Role.VALIDATOR, make_call().agency)
    client = Client()
    client.force_login(staff)
    review = client.get("/en/apoyos/organizaciones/por-aprobar/").content.decode()
    assert "Organisations awaiting approval" in review
