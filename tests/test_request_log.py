"""One JSON line per request and per job, tied to the audit history by its id."""

from __future__ import annotations

import json
import logging
import uuid
from types import SimpleNamespace

import pytest
from pghistory.models import MiddlewareEvents

from ruta.common.mail import MAIL_TASK, mail_wake
from ruta.common.ops.requestlog import (
    JOB_ARGUMENT,
    JsonFormatter,
    job_logged,
    request_id_held,
)
from ruta.datarequests.models import DataRequest
from testkit.factories.catalog import AgencyFactory
from testkit.queue import run_worker_once

EMAIL = "canario.bitacora@example.org"


def _lines(caplog, logger: str) -> list[dict]:
    return [
        json.loads(JsonFormatter().format(record))
        for record in caplog.records
        if record.name == logger
    ]


@pytest.mark.django_db
def test_a_requests_line_and_its_audit_events_carry_the_id_it_answers(client, caplog):
    agency = AgencyFactory(code="sidur")
    with caplog.at_level(logging.INFO, logger="ruta.requests"):
        response = client.post(
            "/es-mx/peticiones-de-datos/nueva/?conjunto=obras",
            {
                "what": "Las fechas de pago de cada obra.",
                "agency": agency.pk,
                "email": EMAIL,
            },
        )
    assert response.status_code == 302
    request_id = response["X-Request-ID"]
    (line,) = _lines(caplog, "ruta.requests")
    assert line["request_id"] == request_id
    assert (line["method"], line["status"], line["actor"]) == ("POST", 302, None)
    assert line["view"] == "datarequests:new"
    events = MiddlewareEvents.objects.tracks(DataRequest.objects.get())
    assert {event.pgh_context["request_id"] for event in events} == {request_id}
    # Personal data stays out: no address unless asked for, no mail address.
    assert "client" not in line
    assert EMAIL not in json.dumps(line)


@pytest.mark.django_db
def test_a_signed_in_actor_is_logged_by_id_and_an_address_only_truncated_when_set(
    client, administrator, caplog, settings
):
    settings.RUTA_LOG_ADDRESSES = "truncated"
    client.force_login(administrator)
    with caplog.at_level(logging.INFO, logger="ruta.requests"):
        client.get("/es-mx/cuentas/mesa/", REMOTE_ADDR="203.0.113.77")
    (line,) = _lines(caplog, "ruta.requests")
    assert line["actor"] == administrator.pk
    assert line["client"] == "203.0.113.0"
    assert administrator.email not in json.dumps(line)


def test_an_error_page_shows_the_id_a_person_can_quote(client, db):
    response = client.get("/es-mx/no-existe/")
    assert response.status_code == 404
    assert f"<code>{response['X-Request-ID']}</code>" in response.content.decode()


def test_an_id_sent_by_anyone_but_a_trusted_proxy_is_made_anew(client, settings):
    sent = uuid.uuid4().hex
    settings.RUTA_TRUSTED_PROXIES = []
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] != sent
    settings.RUTA_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_and_logs_under_the_id_of_the_request_that_queued_it(caplog):
    request_id = uuid.uuid4().hex
    with request_id_held(request_id):
        mail_wake()
    with caplog.at_level(logging.INFO, logger="ruta.jobs"):
        run_worker_once()
    (line,) = _lines(caplog, "ruta.jobs")
    assert (line["request_id"], line["task"]) == (request_id, MAIL_TASK)
    assert line["outcome"] == "succeeded"


@pytest.mark.django_db
def test_a_jobs_audit_events_carry_its_request_id_and_the_task_never_sees_it():
    request_id = uuid.uuid4().hex
    seen = {}

    def task() -> None:
        seen.update(job.task_kwargs)
        AgencyFactory(code="cecop")

    job = SimpleNamespace(
        id=7, task_name="ruta.test", task_kwargs={"a": 1, JOB_ARGUMENT: request_id}
    )
    job_logged(task, SimpleNamespace(job=job), worker=None)
    assert seen == {"a": 1}
    from ruta.catalog.models import Agency

    events = MiddlewareEvents.objects.tracks(Agency.objects.get(code="cecop"))
    assert [event.pgh_context["request_id"] for event in events] == [request_id]
