"""The capture form's live check: the submit's checks as they type, saving nothing."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from pghistory.models import Context

from ruta.common.models import AuditIndexEntry
from ruta.programs.models import Goal, QuarterProgress, UnitProgram
from ruta.programs.services import QuarterEntry, quarter_check

GAP_101 = (
    "Meta 101 (Enero-marzo): se alcanzó 4 de 1 programado; explique la "
    "diferencia en las observaciones (política de la plataforma)."
)


def form_data(unit_program, values):
    """Return the capture form's POST data: {goal number: (P, A, observation)}."""
    data = {}
    for goal in unit_program.goals.all():
        p, a, note = values[goal.number]
        data |= {f"p_{goal.pk}": p, f"a_{goal.pk}": a, f"o_{goal.pk}": note}
    return data


def pks(unit_program):
    return {goal.number: str(goal.pk) for goal in unit_program.goals.all()}


def urls(unit_program):
    return (
        reverse("programs:capture", args=[unit_program.pk]),
        reverse("programs:capture_check", args=[unit_program.pk]),
    )


def written():
    """Return counts of everything a capture writes, audit trail included."""
    return (
        QuarterProgress.objects.count(),
        AuditIndexEntry.objects.count(),
        Context.objects.count(),
        list(UnitProgram.objects.order_by("pk").values_list("reported_quarter")),
        list(Goal.objects.order_by("pk").values_list("status")),
    )


def submitted_messages(response):
    """Return every message a submitted capture page shows, fields' and form's."""
    form = response.context["form"]
    return sorted(str(e) for errors in form.errors.values() for e in errors)


def checked_messages(answer):
    return sorted(
        [m for found in answer["goals"].values() for m in found] + answer["general"]
    )


@pytest.mark.parametrize(
    "values",
    [
        {100: ("1", "1", ""), 101: ("1", "4", "")},  # a gap without observation
        {100: ("1", "1", ""), 101: ("", "2", "Dos convenios")},  # nothing programmed
        {100: ("uno", "1", ""), 101: ("1", "-3", "")},  # fields the form refuses
    ],
    ids=["gap", "unprogrammed", "invalid-fields"],
)
def test_the_live_check_shows_the_messages_a_submit_shows(
    programs_2024, capture_54101, client, values
):
    direccion = programs_2024["54101"]
    capture_url, check_url = urls(direccion)
    data = form_data(direccion, values)
    client.force_login(capture_54101)
    checked = client.post(check_url, data)
    assert checked.status_code == 200
    assert checked["Content-Type"] == "application/json"
    answer = checked.json()
    submitted = client.post(capture_url, data)
    assert submitted.status_code == 200  # refused, the page again
    assert answer["valid"] is False
    assert checked_messages(answer)
    assert checked_messages(answer) == submitted_messages(submitted)
    assert set(answer["goals"]) == set(pks(direccion).values())


def test_the_live_check_puts_each_message_on_its_goal(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    goal = pks(direccion)
    data = form_data(direccion, {100: ("1", "1", ""), 101: ("1", "4", "")})
    client.force_login(capture_54101)
    answer = client.post(urls(direccion)[1], data).json()
    assert answer == {
        "valid": False,
        "goals": {goal[100]: [], goal[101]: [GAP_101]},
        "general": [],
        "invalid": [],
    }


def test_the_live_check_clears_once_the_observation_is_typed(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    goal = pks(direccion)
    data = form_data(direccion, {100: ("1", "1", ""), 101: ("1", "4", "Convenios")})
    client.force_login(capture_54101)
    answer = client.post(urls(direccion)[1], data).json()
    assert answer == {
        "valid": True,
        "goals": {goal[100]: [], goal[101]: []},
        "general": [],
        "invalid": [],
    }


def test_the_live_check_names_the_fields_the_form_refuses(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    goal = pks(direccion)
    data = form_data(direccion, {100: ("uno", "1", ""), 101: ("1", "-3", "")})
    client.force_login(capture_54101)
    answer = client.post(urls(direccion)[1], data).json()
    assert answer["invalid"] == [f"p_{goal[100]}", f"a_{goal[101]}"]
    assert answer["goals"] == {
        goal[100]: ["Introduzca un número entero."],
        goal[101]: ["Asegúrese de que este valor sea mayor o igual a 0."],
    }


def test_the_live_check_runs_the_services_checks(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    goals = {goal.number: goal.pk for goal in direccion.goals.all()}
    problems = quarter_check(
        unit_program=direccion,
        quarter=1,
        entries=[
            QuarterEntry(goals[100], 1, 1, ""),
            QuarterEntry(goals[101], 1, 4, ""),
        ],
        actor=capture_54101,
    )
    assert [(p.goal_number, p.message) for p in problems] == [(101, GAP_101)]


@pytest.mark.parametrize(
    "values",
    [
        {100: ("1", "1", ""), 101: ("1", "4", "Dos convenios")},  # would be saved
        {100: ("1", "1", ""), 101: ("1", "4", "")},  # would be refused
    ],
    ids=["clean", "blocked"],
)
def test_the_live_check_writes_nothing(programs_2024, capture_54101, client, values):
    direccion = programs_2024["54101"]
    data = form_data(direccion, values)
    client.force_login(capture_54101)
    before = written()
    assert client.post(urls(direccion)[1], data).status_code == 200
    assert written() == before
    assert before[0] == 0


def test_the_live_check_refuses_another_units_staff(
    programs_2024, capture_54101, client
):
    finanzas = programs_2024["54102"]
    client.force_login(capture_54101)
    data = form_data(finanzas, {200: ("1", "4", "")})
    before = written()
    response = client.post(urls(finanzas)[1], data)
    assert response.status_code == 403
    assert GAP_101[:7] not in response.content.decode()
    assert written() == before


def test_the_live_check_refuses_anonymous_users(programs_2024, client):
    direccion = programs_2024["54101"]
    data = form_data(direccion, {100: ("1", "1", ""), 101: ("1", "4", "")})
    response = client.post(urls(direccion)[1], data)
    assert response.status_code == 403  # not a login redirect a script would follow
    assert "Meta" not in response.content.decode()


def test_the_live_check_requires_the_csrf_token(programs_2024, capture_54101):
    direccion = programs_2024["54101"]
    capture_url, check_url = urls(direccion)
    client = Client(enforce_csrf_checks=True)
    client.force_login(capture_54101)
    data = form_data(direccion, {100: ("1", "1", ""), 101: ("1", "4", "")})
    assert client.post(check_url, data).status_code == 403
    page = client.get(capture_url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    with_field = client.post(check_url, {**data, "csrfmiddlewaretoken": token})
    assert with_field.status_code == 200
    with_header = client.post(check_url, data, headers={"X-CSRFToken": token})
    assert with_header.status_code == 200


def test_the_live_check_only_answers_posts(programs_2024, capture_54101, client):
    client.force_login(capture_54101)
    assert client.get(urls(programs_2024["54101"])[1]).status_code == 405


def test_the_live_check_says_when_the_year_is_complete(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    direccion.reported_quarter = 4
    direccion.save(update_fields=["reported_quarter"])
    client.force_login(capture_54101)
    answer = client.post(urls(direccion)[1], {}).json()
    assert answer == {
        "valid": False,
        "goals": {},
        "general": ["El año ya está informado completo."],
        "invalid": [],
    }


def test_the_capture_page_loads_the_live_check(programs_2024, capture_54101, client):
    direccion = programs_2024["54101"]
    capture_url, check_url = urls(direccion)
    client.force_login(capture_54101)
    response = client.get(capture_url)
    page = response.content.decode()
    assert '<script src="/static/programs/capture-check.js" defer></script>' in page
    assert finders.find("programs/capture-check.js")
    assert f'data-check-url="{check_url}"' in page
    for pk in pks(direccion).values():
        assert re.search(
            rf'<div class="capture-check" data-check-goal="{pk}" aria-live="polite"',
            page,
        )
    assert page.count('aria-live="polite"') == 3  # two goals and the form
    # CSP allows scripts from files only: nothing inline.
    assert re.findall(r"<script\b[^>]*>", page) == [
        '<script src="/static/programs/capture-check.js" defer>'
    ]
    assert not re.search(r"\son[a-z]+=", page)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_other_program_pages_do_not_load_the_live_check(
    programs_2024, capture_54101, client
):
    client.force_login(capture_54101)
    page = client.get(reverse("programs:unit", args=[programs_2024["54101"].pk]))
    assert "capture-check.js" not in page.content.decode()
