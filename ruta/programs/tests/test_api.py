"""The programs API returns the same rows as the downloads, a page at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ruta.programs import selectors


def _all_pages(client, url: str) -> tuple[list[dict], list[int]]:
    """Follow ``next`` from ``url``; return the items and each page's queries."""
    items: list[dict] = []
    queries: list[int] = []
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        items += body["items"]
        queries.append(len(captured))
        url = body["next"]
    return items, queries


def test_goals_carry_the_derived_accumulated_figures(client, unit):
    tecnico = unit("54202")
    response = client.get(f"/api/v1/programs/goals?unit={tecnico.pk}")
    assert response.status_code == 200
    goals = {row["goal"]: row for row in response.json()["items"]}
    assert sorted(goals) == list(range(400, 408))
    assert (goals[404]["absolute"], goals[404]["relative_pct"]) == (170, "142")
    assert (goals[404]["flag"], goals[404]["flag_label"]) == ("over", "Superada")


def test_quarters_carry_status_and_source(client, unit):
    response = client.get(f"/api/v1/programs/quarters?unit={unit('54101').pk}")
    rows = response.json()["items"]
    assert len(rows) == 16
    assert {row["status"] for row in rows} <= {"verified", "reconciled", "needs_review"}
    labels = {"verified": "Verificado", "reconciled": "Conciliado"}
    labels["needs_review"] = "Requiere revisión"
    assert all(row["status_label"] == labels[row["status"]] for row in rows)
    assert all(row["source_sha256"] for row in rows)


@pytest.mark.usefixtures("original_seed")
def test_each_side_of_a_quarter_keeps_its_own_status_and_reason(client, unit):
    response = client.get(f"/api/v1/programs/quarters?unit={unit('54101').pk}")
    rows = {(row["goal"], row["quarter"]): row for row in response.json()["items"]}
    # Goal 101, ENE-MAR: the copies agree on P; A was restored by arithmetic.
    first = rows[101, 1]
    assert first["status"] == "reconciled"
    assert (first["programmed_status"], first["achieved_status"]) == (
        "verified",
        "reconciled",
    )
    assert (first["programmed_status_label"], first["achieved_status_label"]) == (
        "Verificado",
        "Conciliado",
    )
    assert first["programmed_reason"] != first["achieved_reason"]
    assert all(
        row["programmed_reason"] and row["achieved_reason"] for row in rows.values()
    )


def test_goal_pages_read_every_goal_once_and_the_last_costs_the_first(client, unit):
    everything = selectors.goal_rows(selectors.unit_programs())
    items, queries = _all_pages(client, "/api/v1/programs/goals?page_size=3")
    assert len(queries) > 3
    assert sorted((r["unit_code"], r["goal"]) for r in items) == sorted(
        (r["unit_code"], r["goal"]) for r in everything
    )
    assert queries[-1] <= queries[0]


def test_quarter_pages_read_every_published_quarter_once(client, unit):
    everything = selectors.quarter_rows(selectors.unit_programs())
    items, _ = _all_pages(client, "/api/v1/programs/quarters?page_size=7")
    keys = [(r["unit_code"], r["goal"], r["quarter"]) for r in items]
    assert len(keys) == len(set(keys)) == len(everything)


def test_an_altered_goals_cursor_names_no_page(client, unit):
    first = client.get("/api/v1/programs/goals?page_size=2").json()
    response = client.get(
        "/api/v1/programs/goals", {"cursor": first["next_cursor"][:-2] + "xx"}
    )
    assert response.status_code == 404
    assert response.json()["code"] == "invalid-cursor"
