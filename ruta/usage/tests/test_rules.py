"""What a request counts as, and nginx's usage log read: pure rules."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ruta.usage.rules import (
    API,
    DOWNLOAD,
    PAGE,
    Hit,
    cached_hit,
    classify,
    log_line_parse,
)


def test_pages_count_by_their_section_in_either_language():
    assert classify("/es-mx/obras/SON-2024-1/", 200) == Hit(PAGE, "obras")
    assert classify("/en/obras/", 304) == Hit(PAGE, "obras")
    assert classify("/es-mx/", 200) == Hit(PAGE, "inicio")


def test_downloads_count_by_dataset_and_the_api_by_its_part():
    assert classify("/es-mx/datos/obras/ultimo.csv", 200) == Hit(DOWNLOAD, "obras")
    assert classify("/en/datos/uso-del-sitio/12.json", 200) == Hit(
        DOWNLOAD, "uso-del-sitio"
    )
    assert classify("/es-mx/datos/obras/", 200) == Hit(PAGE, "datos")
    assert classify("/api/v1/works/SON-1", 200) == Hit(API, "works")


def test_errors_staff_areas_and_files_are_not_counted():
    assert classify("/es-mx/obras/", 404) is None
    assert classify("/es-mx/obras/", 302) is None
    assert classify("/es-mx/cuentas/mesa/", 200) is None
    assert classify("/static/ruta/css/site.css", 200) is None
    assert classify("/admin/", 200) is None


def test_a_usage_log_line_is_read_with_its_zone_and_nothing_else_is_guessed():
    line = log_line_parse(
        '2026-03-01T23:30:00-07:00 GET "/es-mx/obras/?page=2" 200 HIT\n'
    )
    assert line is not None
    assert line.moment == datetime(
        2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-7))
    )
    assert (line.path, line.status, line.cache) == ("/es-mx/obras/", 200, "HIT")
    assert log_line_parse('1.2.3.4 - - [01/Mar/2026] "GET / HTTP/1.1" 200') is None
    assert log_line_parse('2026-03-01T23:30:00 GET "/es-mx/" 200 HIT') is None


def test_only_answers_nginx_gave_from_its_cache_are_added():
    def hit(cache: str, method: str = "GET") -> Hit | None:
        line = log_line_parse(
            f'2026-03-01T10:00:00+00:00 {method} "/es-mx/" 200 {cache}'
        )
        assert line is not None
        return cached_hit(line)

    assert hit("HIT") == Hit(PAGE, "inicio")
    assert hit("UPDATING") == Hit(PAGE, "inicio")
    for answered_by_the_app in (
        "MISS",
        "EXPIRED",
        "REVALIDATED",
        "BYPASS",
        "STALE",
        "-",
    ):
        assert hit(answered_by_the_app) is None
    assert hit("HIT", method="POST") is None
