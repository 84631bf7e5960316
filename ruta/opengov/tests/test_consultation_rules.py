"""Consultation rules: a draft's places, the period, the closing tally."""

from datetime import date

from ruta.opengov.rules import (
    ConsultationState,
    closing_tally,
    consultation_state,
    draft_units,
)

TEXT = """Exposición de motivos.

Artículo 1. Este reglamento tiene por objeto la mejora regulatoria.
Se aplica en todo el Estado.

ARTÍCULO 2.- Son autoridades:
La Secretaría.
Artículo 2. Repetido por error.
"""


def test_articles_and_paragraphs_get_anchors():
    anchors = [unit.anchor for unit in draft_units(TEXT)]
    assert anchors == [
        "art-1",
        "art-1-p-1",
        "art-1-p-2",
        "art-2",
        "art-2-p-1",
        "art-2-p-2",
        "art-2-p-3",
    ]


def test_text_before_the_first_article_has_no_anchor():
    assert all(unit.article for unit in draft_units(TEXT))


def test_repeated_article_number_continues_the_article():
    last = draft_units(TEXT)[-1]
    assert (last.anchor, last.text) == ("art-2-p-3", "Artículo 2. Repetido por error.")


def test_text_without_articles_has_no_places():
    assert draft_units("Solo un párrafo.") == []


def test_period_is_inclusive_and_closing_ends_it():
    days = {"opens_on": date(2026, 3, 1), "closes_on": date(2026, 3, 31)}
    states = [
        consultation_state(**days, closed=False, today=date(2026, 2, 28)),
        consultation_state(**days, closed=False, today=date(2026, 3, 1)),
        consultation_state(**days, closed=False, today=date(2026, 3, 31)),
        consultation_state(**days, closed=False, today=date(2026, 4, 1)),
        consultation_state(**days, closed=True, today=date(2026, 3, 15)),
    ]
    assert states == [
        ConsultationState.UPCOMING,
        ConsultationState.OPEN,
        ConsultationState.OPEN,
        ConsultationState.ENDED,
        ConsultationState.CLOSED,
    ]


def test_tally_counts_answers_of_published_comments_only():
    tally = closing_tally(
        [
            ("published", "accepted"),
            ("published", "rejected"),
            ("published", "rejected"),
            ("published", ""),
            ("refused", ""),
            ("pending", ""),
        ]
    )
    assert (tally.received, tally.published, tally.refused, tally.pending) == (
        6,
        4,
        1,
        1,
    )
    assert (tally.accepted, tally.rejected, tally.unanswered) == (1, 2, 1)
