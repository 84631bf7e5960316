"""The alerts' pure rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ruta.alerts.rules import (
    FOLLOW,
    HELP,
    LEAVE,
    UNKNOWN,
    Keyword,
    figures_by_month,
    gives_up,
    keyword_parse,
    retry_delay,
    search_key,
    signature_of,
    signature_valid,
)


def test_keywords_ignore_case_and_accents():
    assert keyword_parse("  seguir  obra-2024-1 ") == Keyword(FOLLOW, "", "OBRA-2024-1")
    assert keyword_parse("Seguir municipio León") == Keyword(
        FOLLOW, "municipality", "LEON"
    )
    assert keyword_parse("SEGUIR PROGRAMA fism") == Keyword(FOLLOW, "program", "FISM")
    assert keyword_parse("baja") == Keyword(LEAVE)
    assert keyword_parse("Ayuda") == Keyword(HELP)
    assert keyword_parse("baja ya mismo") == Keyword(UNKNOWN)
    assert keyword_parse("SEGUIR") == Keyword(UNKNOWN)


def test_a_signature_validates_only_with_the_same_secret_and_body():
    body = b'{"entry": []}'
    good = signature_of(body, "s3cret")
    assert signature_valid(body, good, "s3cret")
    assert not signature_valid(body + b" ", good, "s3cret")
    assert not signature_valid(body, good, "other")
    assert not signature_valid(body, good.removeprefix("sha256="), "s3cret")
    assert not signature_valid(body, good, "")


def test_retries_back_off_up_to_a_ceiling_and_then_give_up():
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert retry_delay(30) == timedelta(hours=6)
    assert not gives_up(7)
    assert gives_up(8)


def test_a_saved_search_is_the_same_in_any_order_and_keeps_only_filters():
    allowed = {"year", "municipality", "sort"}
    one = search_key([("year", "2024"), ("municipality", "26030")], allowed)
    two = search_key(
        [("municipality", "26030"), ("sort", "amount"), ("x", "1"), ("year", "2024")],
        allowed,
    )
    assert one == two == "municipality=26030&year=2024"


def test_conectate_figures_add_up_per_month():
    """March–December 2019: 4,114 sign-ups and 452 drop-outs in all."""
    signups = [
        (datetime(2019, 3 + n % 10, 1, tzinfo=UTC), "whatsapp", False)
        for n in range(4114)
    ]
    dropouts = [
        (datetime(2019, 3 + n % 10, 2, tzinfo=UTC), "whatsapp", False)
        for n in range(452)
    ]
    rows = figures_by_month(signups, dropouts)
    assert len(rows) == 10
    assert sum(r.signups for r in rows) == 4114
    assert sum(r.dropouts for r in rows) == 452


def test_the_demos_followers_are_counted_apart_from_real_ones():
    march = datetime(2019, 3, 5, tzinfo=UTC)
    signups = [(march, "email", False), (march, "email", True), (march, "email", True)]
    rows = figures_by_month(signups, [])
    assert [(r.month, r.channel, r.signups, r.demo) for r in rows] == [
        ("2019-03", "email", 1, False),
        ("2019-03", "email", 2, True),
    ]
