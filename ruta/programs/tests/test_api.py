"""The programs API returns the same rows as the downloads."""


def test_goals_carry_the_derived_accumulated_figures(client, unit):
    tecnico = unit("54202")
    response = client.get(f"/api/v1/programs/goals?unit={tecnico.pk}")
    assert response.status_code == 200
    goals = {row["goal"]: row for row in response.json()}
    assert sorted(goals) == list(range(400, 408))
    assert (goals[404]["absolute"], goals[404]["relative_pct"]) == (170, "142")
    assert goals[404]["flag"] == "over"


def test_quarters_carry_status_and_source(client, unit):
    response = client.get(f"/api/v1/programs/quarters?unit={unit('54101').pk}")
    rows = response.json()
    assert len(rows) == 16
    assert {row["status"] for row in rows} <= {"verified", "reconciled", "needs_review"}
    assert all(row["source_sha256"] for row in rows)


def test_each_side_of_a_quarter_keeps_its_own_status_and_reason(client, unit):
    response = client.get(f"/api/v1/programs/quarters?unit={unit('54101').pk}")
    rows = {(row["goal"], row["quarter"]): row for row in response.json()}
    # Goal 101, ENE-MAR: the copies agree on P; A was restored by arithmetic.
    first = rows[101, 1]
    assert first["status"] == "reconciled"
    assert (first["programmed_status"], first["achieved_status"]) == (
        "verified",
        "reconciled",
    )
    assert first["programmed_reason"] != first["achieved_reason"]
    assert all(
        row["programmed_reason"] and row["achieved_reason"] for row in rows.values()
    )
