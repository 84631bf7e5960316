"""An auditor reads within its agencies (private files too, logged); writes nothing.

An auditor of a programme's ruling body (a grants call's normative body) reads
the programme's records that another body administers, and no other's.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts.cycles import step_take
from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.accounts.permissions import ROLE_ACTIONS, Action, can
from ruta.common.refusals import Refused
from ruta.grants import services
from ruta.grants.cycles import DOCUMENT
from ruta.grants.models import Call, DocumentStatus
from testkit.factories.catalog import AgencyFactory
from testkit.grants import apply, make_call, make_organization, user_with

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% acta constitutiva\n%%EOF\n"
# Every action a write needs: services and steps require one of these.
WRITES = set(Action) - {Action.VIEW_AUDIT, Action.VIEW_PERSONAL_DATA}


def _document_of(call):
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    return services.document_upload(
        application=application,
        requirement="7",
        file=ContentFile(PDF, name="Acta constitutiva.pdf"),
        actor=applicant,
    )


@pytest.fixture
def ruled_file():
    """A document of a call DIF rules and another body administers, and two
    auditors: DIF's and that of the body ruling another programme."""
    dif = AgencyFactory(code="sonora-dif", name="DIF Sonora")
    other_ruler = AgencyFactory(code="otra-normativa")
    call = make_call(AgencyFactory(code="osc-administradora"))
    make_call(AgencyFactory(code="otra-administradora"), code="otro-2021")
    Call.objects.filter(code="pxp-2021").update(normative_agency=dif)
    Call.objects.filter(code="otro-2021").update(normative_agency=other_ruler)
    call.refresh_from_db()
    document = _document_of(call)
    return {
        "application": document.application,
        "document": document,
        "auditor": user_with(Role.AUDITOR, dif),
        "elsewhere": user_with(Role.AUDITOR, other_ruler),
        "ruler's validator": user_with(Role.VALIDATOR, dif),
    }


@pytest.fixture
def audited_file():
    """An application's document, its call's auditor and another agency's."""
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    document = services.document_upload(
        application=application,
        requirement="7",
        file=ContentFile(PDF, name="Acta constitutiva.pdf"),
        actor=applicant,
    )
    return {
        "application": application,
        "document": document,
        "auditor": user_with(Role.AUDITOR, call.agency),
        "elsewhere": user_with(Role.AUDITOR, AgencyFactory(code="otra-auditada")),
    }


def _url(files) -> str:
    application = files["application"]
    return reverse(
        "grants:file",
        args=[
            application.call.code,
            application.folio,
            "documento",
            files["document"].pk,
        ],
    )


def test_the_auditor_role_holds_no_action_that_writes():
    assert ROLE_ACTIONS[Role.AUDITOR].isdisjoint(WRITES)


def test_an_auditor_reads_a_private_file_of_its_agency_and_the_read_is_logged(
    client, audited_file
):
    client.force_login(audited_file["auditor"])
    url = _url(audited_file)
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    reads = MiddlewareEvents.objects.tracks(audited_file["application"]).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert list(reads.values_list("user", "pgh_context__url")) == [
        (audited_file["auditor"].pk, url)
    ]


def test_an_auditor_of_another_agency_does_not_reach_it(client, audited_file):
    client.force_login(audited_file["elsewhere"])
    assert client.get(_url(audited_file)).status_code == 404


def test_every_write_an_auditor_attempts_is_refused(client, audited_file):
    auditor, document = audited_file["auditor"], audited_file["document"]
    application = audited_file["application"]
    assert not any(can(auditor, action, application) for action in WRITES)
    with pytest.raises(Refused):
        step_take(DOCUMENT, document, "accept", actor=auditor)
    with pytest.raises(Refused):
        services.document_upload(
            application=application,
            requirement="8",
            file=ContentFile(PDF, name="otro.pdf"),
            actor=auditor,
        )
    client.force_login(auditor)
    step = DOCUMENT.url(document, DOCUMENT.step("accept"))
    assert client.post(step).status_code == 404
    document.refresh_from_db()
    assert document.status == DocumentStatus.RECEIVED


def test_an_auditor_of_a_programmes_ruling_body_reads_its_file_and_not_another(
    client, ruled_file
):
    """Costs one call with an application and a second bare call (about 1 s)."""
    url = _url(ruled_file)
    application = ruled_file["application"]
    page = reverse(
        "grants:application", args=[application.call.code, application.folio]
    )
    client.force_login(ruled_file["elsewhere"])
    assert client.get(url).status_code == 404
    assert client.get(page).status_code == 403
    client.force_login(ruled_file["ruler's validator"])
    assert client.get(url).status_code == 404
    client.force_login(ruled_file["auditor"])
    assert url in client.get(page).content.decode()  # the file, from its page
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    reads = MiddlewareEvents.objects.tracks(ruled_file["application"]).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    # Its page showed the file's personal data too: both reads are logged.
    assert set(reads.values_list("user", "pgh_context__url")) == {
        (ruled_file["auditor"].pk, page),
        (ruled_file["auditor"].pk, url),
    }
    auditor, application = ruled_file["auditor"], ruled_file["application"]
    assert not any(can(auditor, action, application) for action in WRITES)
    with pytest.raises(Refused):
        step_take(DOCUMENT, ruled_file["document"], "accept", actor=auditor)
