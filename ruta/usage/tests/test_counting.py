"""Usage counted in aggregate rows: pages, downloads, the API, questions, nginx."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from ruta.accounts.actors import command_actor
from ruta.common.files.downloads import xlsx_bytes
from ruta.portal.questions.answers import question_ask
from ruta.usage.counter import pending, usage_count, usage_flush
from ruta.usage.dataset import USAGE
from ruta.usage.models import DailyCount, LogCursor
from ruta.usage.selectors import usage_rows
from ruta.usage.services import nginx_log_read

ACTOR = command_actor("usage test")


def _count(kind: str, name: str, origin: str = "app") -> int:
    row = DailyCount.objects.filter(kind=kind, name=name, origin=origin).first()
    return row.count if row else 0


@pytest.mark.django_db
def test_each_answered_page_adds_one_to_its_section_and_sets_no_cookie(client):
    before = _count("page", "datos")
    first = client.get("/es-mx/datos/")
    client.get("/en/datos/")
    client.get("/es-mx/datos/no-existe/")  # a 404 is no reading
    assert first.status_code == 200
    assert "Set-Cookie" not in first.headers
    assert _count("page", "datos") == before + 2


@pytest.mark.django_db
def test_api_calls_count_by_their_part(client):
    client.get("/api/v1/catalog/states")
    assert _count("api", "catalog") == 1


@pytest.mark.django_db
def test_questions_count_as_answered_or_declined():
    answer = question_ask("¿cuántos ornitorrincos hay en la luna?")
    assert not answer.answered
    assert _count("question", "declined") == 1
    assert _count("question", "answered") == 0


@pytest.mark.django_db
def test_a_tally_is_written_by_one_upsert_that_adds_to_the_day(settings):
    settings.RUTA_USAGE_FLUSH_HITS = 1000
    settings.RUTA_USAGE_FLUSH_SECONDS = 3600
    for _ in range(3):
        usage_count("page", "obras")
    assert pending() == 3
    assert _count("page", "obras") == 0
    usage_flush()
    usage_count("page", "obras")
    usage_flush()
    row = DailyCount.objects.get(kind="page", name="obras", origin="app")
    assert (row.day, row.count) == (timezone.localdate(), 4)


@pytest.mark.django_db(transaction=True)
def test_a_tally_is_written_within_a_second_or_two_without_another_request(settings):
    # A kill -9 then loses at most the last second: the timer, not the next
    # request, writes the tally.
    settings.RUTA_USAGE_FLUSH_HITS = 1000
    settings.RUTA_USAGE_FLUSH_SECONDS = 1
    usage_flush()  # the tally starts fresh
    usage_count("page", "temporizador")
    deadline = time.monotonic() + 2.5
    while _count("page", "temporizador") == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _count("page", "temporizador") == 1
    assert pending() == 0


def _log(path: Path, *lines: str) -> None:
    with path.open("a", encoding="utf-8") as log:
        for line in lines:
            log.write(line + "\n")


HIT = '2026-03-02T10:00:00-07:00 GET "/es-mx/obras/" 200 HIT'
MISS = '2026-03-02T10:00:01-07:00 GET "/es-mx/obras/" 200 MISS'
DOWNLOAD = '2026-03-02T10:00:02-07:00 GET "/es-mx/datos/obras/ultimo.csv" 200 HIT'


@pytest.mark.django_db
def test_the_nginx_log_adds_cache_hits_once_and_follows_rotation(tmp_path):
    log = tmp_path / "ruta-usage.log"
    _log(log, HIT, MISS, DOWNLOAD, "not a usage line", HIT)
    first = nginx_log_read(path=log, actor=ACTOR)
    assert (first.lines, first.counted, first.unreadable) == (5, 3, 1)
    again = nginx_log_read(path=log, actor=ACTOR)
    assert (again.lines, again.counted) == (0, 0)
    _log(log, HIT)
    assert nginx_log_read(path=log, actor=ACTOR).counted == 1
    day = date(2026, 3, 2)
    cached = DailyCount.objects.get(day=day, kind="page", name="obras", origin="cache")
    assert cached.count == 3
    assert _count("download", "obras", "cache") == 1
    os.replace(log, tmp_path / "ruta-usage.log.1")
    _log(log, HIT)
    rotated = nginx_log_read(path=log, actor=ACTOR)
    assert (rotated.rotated, rotated.counted) == (True, 1)


@pytest.mark.django_db
def test_a_line_still_being_written_waits_for_the_next_run(tmp_path):
    log = tmp_path / "ruta-usage.log"
    log.write_text(HIT + "\n" + HIT[:20], encoding="utf-8")
    assert nginx_log_read(path=log, actor=ACTOR).counted == 1
    with log.open("a", encoding="utf-8") as rest:
        rest.write(HIT[20:] + "\n")
    assert nginx_log_read(path=log, actor=ACTOR).counted == 1


@pytest.mark.django_db
def test_a_missing_log_is_refused_and_changes_nothing(tmp_path):
    with pytest.raises(ValidationError, match="cannot read"):
        nginx_log_read(path=tmp_path / "none.log", actor=ACTOR)
    assert not LogCursor.objects.exists()


@pytest.mark.django_db
def test_the_dataset_rows_are_the_daily_counts_and_nothing_else():
    usage_count("download", "obras")
    rows = [row for row in usage_rows() if row["TIPO"] == "download"]
    assert rows == [
        {
            "DIA": timezone.localdate(),
            "TIPO": "download",
            "NOMBRE": "obras",
            "ORIGEN": "app",
            "CUENTA": 1,
            "DEMOSTRACION": False,
        }
    ]


@pytest.mark.django_db
def test_the_usage_page_shows_the_counts_in_both_languages(client):
    client.get("/es-mx/datos/")
    spanish = client.get("/es-mx/uso/")
    english = client.get("/en/uso/")
    assert spanish.status_code == english.status_code == 200
    assert "Páginas vistas" in spanish.content.decode()
    assert "Page views" in english.content.decode()
    # A section is named by its address, not by a bare slug.
    assert '<th scope="row">/datos/</th>' in spanish.content.decode()


@pytest.mark.django_db
def test_the_workbook_writes_the_day_as_a_date():
    usage_count("download", "obras")
    workbook = load_workbook(
        BytesIO(xlsx_bytes(USAGE.columns, usage_rows(), sheet_name=USAGE.slug))
    )
    day = workbook.active.cell(row=2, column=1).value
    assert isinstance(day, datetime)
    assert day.date() == timezone.localdate()
