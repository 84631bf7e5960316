"""Indicator endpoints: cards with results and semáforo, and the summary.

The cards are those of the CECOP 2024 report's demonstration (``testkit.cecop``).
"""

from testkit.cecop import demonstration_document


def test_cards_endpoint_gives_results_computed_figures_and_semaphore(
    client, imported_demonstration
):
    cards = client.get("/api/v1/indicators/cards?agency=CECOP&year=2024").json()
    assert [card["semaphore"] for card in cards] == ["red", "green", "red", "green"]
    labels = {"ascending": "Ascendente", "descending": "Descendente"}
    assert all(card["direction_label"] == labels[card["direction"]] for card in cards)
    committees = cards[2]
    assert (committees["baseline"], committees["goal"]) == ("90.0000", "87.0000")
    assert [(r["year"], r["published"]) for r in committees["results"]] == [
        (2022, "375.4500"),
        (2023, "101.5000"),
        (2024, "87.0000"),
    ]
    row = demonstration_document().report().indicator_results.rows[2]
    assert committees["results"][-1]["source_line"] == row.place.line
    assert committees["computation"] == "committees-per-works"


def test_summary_endpoint_counts_the_semaphores(client, imported_demonstration):
    summary = client.get("/api/v1/indicators/summary?agency=sonora-cecop").json()
    assert summary == {
        "indicators": 4,
        "with_advance": 2,
        "without_advance": 2,
        "equal": 0,
        "without_information": 0,
    }


def test_unknown_agency_is_not_found(client, db):
    assert client.get("/api/v1/indicators/cards?agency=NADA").status_code == 404


def test_cards_endpoint_judges_by_the_results_table_baseline_and_gives_the_cards(
    client, imported_demonstration
):
    cards = client.get("/api/v1/indicators/cards?agency=CECOP").json()
    assert [(card["baseline"], card["card_baseline"]) for card in cards] == [
        ("90.0000", "90.0000"),
        ("28.0000", "28.0000"),
        ("90.0000", "90.0000"),
        ("230.0000", "160.0000"),
    ]
    assert not any(card["computed_from_demo_data"] for card in cards)
