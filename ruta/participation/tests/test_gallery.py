"""A work's gallery: staff's progress photos and the committee's visit photos."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile

from ruta.participation.gallery import work_gallery
from ruta.participation.models import VisitPhoto
from ruta.works.models import DocumentKind, WorkDocument
from testkit.factories.participation import CommitteeFactory, OversightVisitFactory
from testkit.factories.works import WorkFactory
from testkit.oversight import jpeg_with_location


@pytest.fixture
def work(db):
    work = WorkFactory(published=True, public_id="SON-2024-00321")
    WorkDocument.objects.create(
        work=work,
        title="Colado de la losa",
        kind=DocumentKind.PHOTO,
        file=ContentFile(jpeg_with_location(), name="losa.jpg"),
        date=date(2024, 6, 1),
    )
    WorkDocument.objects.create(  # another site's photo: not loaded here
        work=work,
        title="Foto en otro sitio",
        kind=DocumentKind.PHOTO,
        url="https://example.org/foto.jpg",
    )
    visit = OversightVisitFactory(
        committee=CommitteeFactory(work=work), visited_on=date(2024, 7, 3)
    )
    VisitPhoto.objects.create(
        visit=visit, image=ContentFile(jpeg_with_location(), name="visita.jpg")
    )
    return work


def test_the_gallery_gathers_both_kinds_newest_first_with_their_alt_text(work):
    photos = work_gallery(work)
    assert [photo.by_committee for photo in photos] == [True, False]
    assert photos[0].alt.startswith("Visita de vigilancia del comité del")
    assert "Colado de la losa" in photos[1].alt
    assert all(photo.url.startswith("/") for photo in photos)


def test_the_work_page_shows_the_gallery_lazy_and_keyboard_reachable(client, work):
    for language, heading in (("es-mx", "Galería de fotos"), ("en", "Photo gallery")):
        page = client.get(f"/{language}/obras/{work.public_id}/")
        html = page.content.decode()
        assert page.status_code == 200
        assert heading in html
        assert html.count('loading="lazy" decoding="async"') == 2
        assert 'example.org/foto.jpg" alt' not in html


def test_a_work_without_photos_has_no_gallery(client, db):
    bare = WorkFactory(published=True, public_id="SON-2024-00322")
    page = client.get(f"/es-mx/obras/{bare.public_id}/")
    assert "Galería de fotos" not in page.content.decode()
