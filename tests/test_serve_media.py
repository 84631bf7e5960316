"""``ruta serve`` alone, as ``make demo`` runs it, sends every public photo, no more.

No nginx: the development settings with ``RUTA_DEBUG=0``, files in folders
(``RUTA_MEDIA_ROOT``, ``RUTA_PRIVATE_ROOT``). A work's page links its staff's
progress photo and its committee's visit photos (the gallery and the
oversight section); each is fetched from the server. The committee's minutes,
photographed page by page, stay private: nothing under ``/media/`` reaches
them, however the address is written.
"""

from __future__ import annotations

import http.client
import re
from datetime import date
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.participation.services import visit_record
from ruta.works.services.photos import photo_add
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import MunicipalityFactory, StateFactory
from testkit.oversight import PDF, committee_with_member, jpeg_with_location
from testkit.served import Served, served_world

# Each test reads through the server; its own transaction is rolled back.
pytestmark = pytest.mark.django_db

JPEG_START = b"\xff\xd8\xff"


def _photo(colour: tuple[int, int, int]) -> tuple[BytesIO, int]:
    output = BytesIO()
    Image.new("RGB", (64, 48), colour).save(output, format="PNG")
    return BytesIO(output.getvalue()), len(output.getvalue())


def _make_user(role: Role | None = None, **scope):
    user = UserFactory()
    if role is not None:
        role_assign(
            user=user,
            role=role,
            municipality_id=getattr(scope.get("municipality"), "pk", None),
            actor=TEST_ACTOR,
        )
    return user


def _world() -> dict:
    """Return a work with a progress photo and a visit with photos and minutes."""
    sonora = StateFactory(code="26", name="Sonora")
    hermosillo = MunicipalityFactory(code="26030", name="Hermosillo", state=sonora)
    committee, member = committee_with_member(hermosillo, _make_user)
    work = committee.work
    upload, size = _photo((30, 120, 60))
    progress = photo_add(
        work=work, upload=upload, size=size, title="Avance", actor=TEST_ACTOR
    )
    pages = [jpeg_with_location(), jpeg_with_location()]
    visit = visit_record(
        committee=committee,
        visited_on=date(2024, 5, 10),
        checked="Avance de la barda perimetral",
        findings="Falta el señalamiento de la excavación",
        minutes=[(BytesIO(page), len(page)) for page in pages],
        photos=[_photo((200, 40, 40)), _photo((40, 40, 200))],
        actor=member,
    )
    return {"work": work, "progress": progress, "visit": visit}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory) -> Served:
    folder = tmp_path_factory.mktemp("served-media")
    with served_world(folder, django_db_blocker, _world) as served:
        yield served


def _ask(site: Served, path: str, method: str = "GET", **headers: str):
    """Return the status, headers and body of ``path`` sent exactly as written."""
    connection = http.client.HTTPConnection("127.0.0.1", site.node.port, timeout=300)
    try:
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


def _media_links(html: str) -> set[str]:
    return set(re.findall(r'(?:src|href)="(/media/[^"]+)"', html))


def test_every_photo_a_work_page_shows_is_served(site):
    work = site.world["work"]
    status, _headers, body = _ask(site, f"/es-mx/obras/{work.public_id}/")
    assert status == 200
    links = _media_links(body.decode())
    stored = {site.world["progress"].file.name} | {
        photo.image.name for photo in site.world["visit"].photos.all()
    }
    assert {urlsplit(link).path.removeprefix("/media/") for link in links} == stored
    for link in links:
        status, headers, photo = _ask(site, link)
        assert status == 200, link
        assert headers["Content-Type"] == "image/jpeg"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert photo == (site.media / link.removeprefix("/media/")).read_bytes()
        assert photo.startswith(JPEG_START)


def test_a_public_photo_is_cached_and_revalidated_without_sending_it_again(site):
    path = "/media/" + site.world["progress"].file.name
    status, headers, _body = _ask(site, path)
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert headers["ETag"]
    assert headers["Last-Modified"]
    for validator in (
        {"If-None-Match": headers["ETag"]},
        {"If-Modified-Since": headers["Last-Modified"]},
    ):
        status, again, body = _ask(site, path, **validator)
        assert (status, body) == (304, b"")
        assert again["ETag"] == headers["ETag"]
    status, head_headers, body = _ask(site, path, method="HEAD")
    assert (status, body) == (200, b"")
    assert head_headers["Content-Length"] == headers["Content-Length"]


def test_a_public_pdf_is_shown_by_the_browser_and_other_names_are_downloads(site):
    folder = Path(site.world["progress"].file.name).parent  # works/documents/<year>
    (site.media / folder / "expediente.pdf").write_bytes(PDF)
    (site.media / folder / "pagina.html").write_bytes(b"<script>alert(1)</script>")
    status, headers, body = _ask(site, f"/media/{folder}/expediente.pdf")
    assert (status, headers["Content-Type"], body) == (200, "application/pdf", PDF)
    assert headers["Content-Disposition"].startswith("inline")
    status, headers, _body = _ask(site, f"/media/{folder}/pagina.html")
    assert (status, headers["Content-Type"]) == (200, "application/octet-stream")
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_minutes_stay_private_however_the_address_is_written(site):
    minutes = site.world["visit"].minutes.name
    assert (site.private / minutes).read_bytes().startswith(b"%PDF-")
    assert not (site.media / minutes).exists()
    # A copy an older version left under MEDIA_ROOT, and a link to the
    # private file inside a public folder.
    left = site.media / minutes
    left.parent.mkdir(parents=True, exist_ok=True)
    left.write_bytes(PDF)
    link = site.media / "comites" / "fotos" / "enlace.jpg"
    link.symlink_to(site.private / minutes)
    private_root = site.private.name
    for path in (
        f"/media/{minutes}",
        "/media/comites/fotos/enlace.jpg",
        f"/media/comites/fotos/../actas/{Path(minutes).name}",
        f"/media/comites/fotos/%2e%2e/%2e%2e/../{private_root}/{minutes}",
        f"/media/../{private_root}/{minutes}",
        f"/media//{minutes}",
    ):
        status, _headers, body = _ask(site, path)
        assert status == 404, path
        assert b"%PDF" not in body


def test_folders_hidden_and_missing_names_answer_404_without_a_listing(site):
    year = Path(site.world["progress"].file.name).parent  # works/documents/<year>
    (site.media / year / ".oculta.jpg").write_bytes(JPEG_START)
    for path in (
        "/media/",
        "/media/works/documents/",
        f"/media/{year}/",
        f"/media/{year}",
        f"/media/{year}/.oculta.jpg",
        f"/media/{year}/no-existe.jpg",
    ):
        status, headers, body = _ask(site, path)
        assert status == 404, path
        assert b"<" not in body
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_only_reading_is_allowed(site):
    path = "/media/" + site.world["progress"].file.name
    status, headers, _body = _ask(site, path, method="POST")
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"
