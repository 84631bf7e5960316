from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from ruta.problems import rules


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("open", "acknowledged", True),
        ("acknowledged", "in_progress", True),
        ("in_progress", "resolved", True),
        ("in_progress", "rejected", True),
        ("open", "rejected", True),
        ("acknowledged", "open", False),
        ("in_progress", "acknowledged", False),
        ("resolved", "open", False),
        ("rejected", "in_progress", False),
        ("open", "open", False),
        ("open", "bogus", False),
    ],
)
def test_transitions_move_forward_and_closed_reports_stay_closed(current, new, allowed):
    assert rules.transition_allowed(current, new) is allowed


def test_next_statuses_come_in_lifecycle_order():
    assert rules.next_statuses("acknowledged") == [
        "in_progress",
        "resolved",
        "rejected",
    ]
    assert rules.next_statuses("resolved") == []


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        ("29.0729", "-110.9559", True),  # Hermosillo
        ("21.1619", "-86.8515", True),  # Cancún
        ("32.5149", "-117.0382", True),  # Tijuana
        ("40.7128", "-74.0060", False),  # New York
        ("0", "0", False),
        ("19.4326", "99.1332", False),  # sign of the longitude forgotten
    ],
)
def test_only_points_inside_mexico_are_accepted(lat, lon, inside):
    assert rules.within_mexico(Decimal(lat), Decimal(lon)) is inside


def test_contact_expires_only_after_closing_and_the_retention():
    now = datetime(2025, 6, 1, tzinfo=UTC)
    assert not rules.contact_expired(None, now, 30)
    assert not rules.contact_expired(now - timedelta(days=29), now, 30)
    assert rules.contact_expired(now - timedelta(days=30), now, 30)


def test_open311_status_is_open_until_resolved_or_rejected():
    assert rules.open311_status("in_progress") == "open"
    assert rules.open311_status("rejected") == "closed"
    assert rules.open311_statuses("closed") == {"resolved", "rejected"}
    with pytest.raises(ValueError, match="pending"):
        rules.open311_statuses("pending")


@pytest.mark.parametrize(
    ("phone", "valid"),
    [
        ("662 123 4567", True),
        ("+52 (662) 123-4567", True),
        ("123", False),
        ("llámame", False),
    ],
)
def test_a_phone_is_seven_to_fifteen_digits(phone, valid):
    assert rules.phone_valid(phone) is valid


def test_the_nearest_work_within_reach_is_chosen_and_a_tie_names_both():
    here = (29.0729, -110.9559)
    near = ("A", 29.0731, -110.9559)  # ~22 m
    far = ("B", 29.0829, -110.9559)  # ~1.1 km
    assert rules.nearest_tied(here, [far, near], 300) == ["A"]
    assert rules.nearest_tied(here, [far], 300) == []
    twin = ("C", 29.0727, -110.9559)  # as far as A, the other side
    assert rules.nearest_tied(here, [near, twin], 300) == ["A", "C"]


def test_works_equally_near_are_all_named():
    here = (29.0729, -110.9559)
    same_point = [("A", 29.0729, -110.9559), ("B", 29.0729, -110.9559)]
    third = ("C", 29.0729, -110.9559)
    beyond = ("D", 29.0731, -110.9559)  # ~22 m: not as near as the others
    tied = rules.nearest_tied(here, [beyond, *same_point, third], 300)
    assert tied == ["A", "B", "C"]
    assert rules.nearest_tied(here, [beyond], 10) == []


def test_the_throttle_allows_up_to_the_limit():
    assert rules.throttle_allows(4, 5)
    assert not rules.throttle_allows(5, 5)


def test_an_address_names_places_as_whole_words_accents_aside():
    names = ["Álamos", "Alamo", "Navojoa", "San Ignacio Río Muerto", ""]
    assert rules.names_in("Calle Juárez 5, Col. Centro, ALAMOS, Son.", names) == [
        "Álamos"
    ]
    assert rules.names_in("Frente al río, San Ignacio Rio Muerto", names) == [
        "San Ignacio Río Muerto"
    ]
    assert rules.names_in("Navojoanos unidos", names) == []
