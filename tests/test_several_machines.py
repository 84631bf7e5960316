"""Two web nodes behind the shipped nginx and a queue worker, sharing what they must.

The deployment docs/deploy.md describes for several machines, on one:
two ``ruta serve`` processes (the nodes) behind nginx configured as
``deploy/nginx`` ships it with a ``server`` line each, and ``ruta worker``
as a third process. They share only the database (this test's), the Redis
cache, the secret key and the storage: two buckets of a local S3-compatible
server (moto's, ``testkit.s3``). A document uploaded through one node is
read through the other, a session made on one is good on the other, the
worker runs the import a node queued, and with one node gone nginx keeps
serving from the other.

Skipped without nginx or Redis; CI sets ``RUTA_REQUIRE_NGINX=1`` and
``RUTA_REQUIRE_REDIS=1``, which make that a failure.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from ruta.accounts.models import Role, User
from ruta.common.db.urls import database_url
from ruta.ingest.models import ImportJob, JobStatus
from ruta.opendata.models import PublishedFile
from ruta.works.models import Work
from testkit.grants import apply, make_call, make_organization, user_with
from testkit.nginx import free_port, nginx_binary, nginx_running, proxy_config
from testkit.nodes import node_environment, queue_worker, web_node
from testkit.s3 import CREDENTIALS, PRIVATE_BUCKET, PUBLIC_BUCKET, s3_server
from testkit.secondfactor import SECOND_STEP, asks_second_factor, factor_code
from testkit.worklists import opa_2019_row, worklist_bytes

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("RUTA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "clave-segura-123"  # testkit.factories.accounts.UserFactory's
PDF = b"%PDF-1.4\n% comprobante de domicilio\n%%EOF\n"
DESK = "/es-mx/cuentas/mesa/"


def _required(component: str, flag: str) -> None:
    if os.environ.get(flag, "") not in ("", "0"):
        pytest.fail(f"{component} is not available; {flag} is set", pytrace=False)
    pytest.skip(f"{component} is not available")


@pytest.fixture
def machines_here() -> None:
    import redis

    if not nginx_binary():
        _required("nginx", "RUTA_REQUIRE_NGINX")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        _required(f"Redis at {REDIS_URL}", "RUTA_REQUIRE_REDIS")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """Someone with a browser's cookies, asking any address (nginx or a node)."""

    opener = urllib.request.build_opener(_NoRedirects)

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def ask(self, url: str, data: bytes | None = None, **headers: str):
        """Return the status, headers and body of a request to ``url``."""
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            answer = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            answer = error
        with answer:
            body = answer.read()
            for header in answer.headers.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return answer.status, answer.headers, body

    def post(self, url: str, fields: dict) -> int:
        """Post ``fields`` as a form would (a file is a name and bytes)."""
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"]}
        for key, value in fields.items():
            if isinstance(value, tuple):
                value = _Upload(*value)
            data[key] = value
        body = encode_multipart(BOUNDARY, data)
        return self.ask(url, body, **{"Content-Type": MULTIPART_CONTENT})[0]

    def sign_in(self, site: str, email: str) -> None:
        login = f"{site}/es-mx/cuentas/entrar/"
        assert self.ask(login)[0] == 200
        status = self.post(login, {"username": email, "password": PASSWORD})
        assert status == 302, "the sign-in was refused"
        user = User.objects.get(email=email)
        if asks_second_factor(user):
            code = {"code": factor_code(user)}
            assert self.post(f"{site}{SECOND_STEP}", code) == 302, "code refused"
        assert "sessionid" in self.cookies


class _Upload:
    """A file for ``encode_multipart``: a name and bytes to read."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name, self.content = name, content

    def read(self) -> bytes:
        return self.content


def _until(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.25)


def _works_published() -> bool:
    return PublishedFile.objects.filter(version__dataset="obras").exists()


def _job_done() -> bool:
    job = ImportJob.objects.first()
    return job is not None and job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


def test_two_nodes_behind_nginx_share_files_sessions_and_a_worker(
    machines_here, catalog, tmp_path: Path
):
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    staff = user_with(Role.ADMINISTRATOR)
    with ExitStack() as running:
        s3 = running.enter_context(s3_server(tmp_path))
        env = node_environment(
            DJANGO_SETTINGS_MODULE="testkit.node_settings",
            DATABASE_URL=database_url(connection.settings_dict),
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            RUTA_CACHE_URL=REDIS_URL,
            RUTA_TEST_CACHE_PREFIX=f"ruta-nodes-{uuid.uuid4().hex[:8]}",
            RUTA_STORAGE_URL=s3.public_url,
            RUTA_PRIVATE_STORAGE_URL=s3.private_url,
            RUTA_TRUSTED_PROXIES="127.0.0.1",
            RUTA_WORKERS="1",
            **CREDENTIALS,
        )
        first, second = (
            running.enter_context(
                web_node(free_port(), env, tmp_path / f"node-{name}.log")
            )
            for name in ("a", "b")
        )
        running.enter_context(queue_worker(env, tmp_path / "worker.log"))
        proxy_port = free_port()
        config = proxy_config(
            tmp_path, port=proxy_port, upstream_port=[first.port, second.port]
        )
        running.enter_context(nginx_running(tmp_path, config, proxy_port))
        site = f"http://127.0.0.1:{proxy_port}"

        # An applicant signs in and uploads a document through nginx.
        person = Visitor()
        person.sign_in(site, applicant.email)
        upload = {"requirement": "9", "file": ("comprobante.pdf", PDF)}
        at = reverse("grants:document_upload", args=[call.code, application.folio])
        assert person.post(site + at, upload) == 302
        document = application.documents.get(requirement="9")
        assert document.file.name in s3.keys(PRIVATE_BUCKET)
        page = reverse(
            "grants:file",
            args=[call.code, application.folio, "documento", document.pk],
        )

        # Each node knows the session and reads the document from the bucket.
        for node in (first, second):
            assert person.ask(node.url + DESK)[0] == 200
            status, headers, body = person.ask(node.url + page)
            assert (status, body) == (200, PDF)
            assert headers["Content-Disposition"].startswith("attachment;")
            assert Visitor().ask(node.url + page)[0] == 404

        # Staff queue a works list through nginx; the worker imports it.
        desk = Visitor()
        desk.sign_in(site, staff.email)
        works_list = ("obras.csv", worklist_bytes([opa_2019_row(1)]))
        assert desk.post(f"{site}/es-mx/importaciones/", {"file": works_list}) == 302
        _until(_job_done, "the worker to run the import")
        job = ImportJob.objects.get()
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert f"imports/{job.path}" in s3.keys(PRIVATE_BUCKET)
        assert Work.objects.count() == 1
        # The import published data: the worker writes the open-data files.
        _until(_works_published, "the worker to publish the open data")

        # One node gone: nginx sends everyone to the other, sessions intact.
        first.stop()
        for _ in range(3):
            assert person.ask(site + DESK)[0] == 200
            assert person.ask(site + page)[2] == PDF
        status, _, body = desk.ask(f"{site}/es-mx/importaciones/")
        assert status == 200
        assert "obras.csv" in body.decode()
        status, _, body = Visitor().ask(f"{site}/es-mx/datos/obras/ultimo.csv")
        assert status == 200
        served = PublishedFile.objects.get(
            version__dataset="obras", sha256=hashlib.sha256(body).hexdigest()
        )
        kept = s3.client().get_object(Bucket=PUBLIC_BUCKET, Key=served.file.name)
        assert kept["Body"].read() == body
