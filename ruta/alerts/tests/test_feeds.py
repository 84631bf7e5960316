"""Atom feeds of what can be followed, with no sign-up."""

from __future__ import annotations

import uuid

from defusedxml import ElementTree
from django.test import Client
from django.utils import timezone

from ruta.alerts.services import events_detect
from ruta.alerts.tests.helpers import ACTOR
from ruta.works.models import Work, WorkStatus
from testkit.factories.works import WorkFactory


def _changed(work: Work) -> None:
    events_detect(actor=ACTOR)
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.CONTRACTED)
    events_detect(actor=ACTOR)


def test_a_works_feed_is_atom_with_its_events(work):
    _changed(work)
    answer = Client().get(f"/es-mx/avisos/canal/work/{work.public_id}.atom")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    text = answer.content.decode()
    assert "<feed" in text
    assert "Contratada" in text


def test_a_municipality_and_a_search_feed_carry_their_works_events(work, hermosillo):
    _changed(work)
    place = Client().get(f"/es-mx/avisos/canal/municipality/{hermosillo.code}.atom")
    search = Client().get(
        f"/es-mx/avisos/canal/busqueda.atom?municipality={hermosillo.code}"
    )
    assert work.public_id in place.content.decode()
    assert work.public_id in search.content.decode()


def test_a_feed_answers_not_modified_until_a_new_event(work):
    _changed(work)
    address = f"/es-mx/avisos/canal/work/{work.public_id}.atom"
    first = Client().get(address)
    again = Client().get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    Work.objects.filter(pk=work.pk).update(status=WorkStatus.IN_EXECUTION)
    events_detect(actor=ACTOR)
    changed = Client().get(address, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200


def test_an_unpublished_or_unknown_target_has_no_feed(db, hermosillo):
    hidden = WorkFactory(municipality=hermosillo)
    assert (
        Client().get(f"/es-mx/avisos/canal/work/{hidden.public_id}.atom").status_code
        == 404
    )
    assert Client().get("/es-mx/avisos/canal/planeta/x.atom").status_code == 404
    assert Client().get("/es-mx/avisos/canal/busqueda.atom?year=abc").status_code == 404


def test_a_search_feed_without_a_filter_asks_for_one_in_plain_words(db):
    for address in ("busqueda.atom", "busqueda.atom?q=&year="):
        answer = Client().get(f"/es-mx/avisos/canal/{address}")
        assert answer.status_code == 400
        assert answer["Content-Type"] == "text/plain; charset=utf-8"
        assert "al menos un filtro" in answer.content.decode()


def test_the_work_page_offers_to_follow_it(work):
    _changed(work)
    page = Client().get(work.get_absolute_url()).content.decode()
    assert "Seguir esta obra" in page
    assert f"/es-mx/avisos/seguir/work/{work.public_id}/" in page
    assert f"/es-mx/avisos/canal/work/{work.public_id}.atom" in page


def test_the_work_page_lists_the_works_latest_alerts(work):
    _changed(work)
    event = work.alert_events.order_by("-pk").first()
    page = Client().get(work.get_absolute_url()).content.decode()
    assert "Últimos avisos" in page
    assert f'id="aviso-{event.pk}"' in page


def test_following_a_search_checks_it_with_the_explorers_form(work, client):
    good = client.get("/es-mx/avisos/seguir/busqueda/?municipality=26030")
    bad = client.get("/es-mx/avisos/seguir/busqueda/?amount_min=-5")
    empty = client.get("/es-mx/avisos/seguir/busqueda/")
    assert good.status_code == 200
    assert (bad.status_code, empty.status_code) == (400, 400)
    assert timezone.now()


def test_the_municipality_page_and_a_filtered_explorer_offer_to_follow(
    work, hermosillo
):
    place = Client().get(f"/es-mx/municipios/{hermosillo.code}/").content.decode()
    assert f"/es-mx/avisos/seguir/municipality/{hermosillo.code}/" in place
    listing = Client().get(f"/es-mx/obras/?municipality={hermosillo.code}")
    assert (
        "/es-mx/avisos/seguir/busqueda/?municipality=26030" in listing.content.decode()
    )


def test_the_work_page_offers_its_program_and_municipality_too(work, client):
    page = client.get(work.get_absolute_url()).content.decode()
    program = f"/es-mx/avisos/seguir/program/{work.program.code}/"
    assert program in page
    assert "/es-mx/avisos/seguir/municipality/26030/" in page
    assert client.get(program).status_code == 200
    feed = client.get(f"/es-mx/avisos/canal/program/{work.program.code}.atom")
    assert feed.status_code == 200


ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_feed_follows_rfc_4287_ids_authors_and_updated(work):
    _changed(work)
    answer = Client().get(f"/es-mx/avisos/canal/work/{work.public_id}.atom")
    feed = ElementTree.fromstring(answer.content)
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry_id in ids:
        assert entry_id.startswith("urn:uuid:")
        uuid.UUID(entry_id.removeprefix("urn:uuid:"))
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}title").text
    # The same event keeps its id on the next read.
    again = ElementTree.fromstring(
        Client().get(f"/es-mx/avisos/canal/work/{work.public_id}.atom").content
    )
    assert [
        entry.find(f"{ATOM}id").text for entry in again.findall(f"{ATOM}entry")
    ] == ids
