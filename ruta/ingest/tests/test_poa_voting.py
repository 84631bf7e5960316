"""Choosing one spelling among the copies' readings (``vote_name``)."""

from ruta.ingest.poa.model import Source, Status
from ruta.ingest.poa.voting import Printed, vote_name


def printed(*values: str | None) -> list[Printed]:
    return [Printed(v, Source(i, 10 * i)) for i, v in enumerate(values, start=1)]


def test_the_accents_most_copies_print_win_over_the_least_accented():
    reading = vote_name(printed("así como", "asi como", "así como"), what="text")
    assert (reading.value, reading.status) == ("así como", Status.RECONCILED)
    assert reading.sources == (Source(1, 10), Source(3, 30))


def test_accents_are_chosen_word_by_word_when_no_spelling_has_a_majority():
    reading = vote_name(
        printed(
            "la administracion así", "la administracion asi", "la administración así"
        ),
        what="description",
    )
    assert reading.value == "la administracion así"
    assert reading.rule == "majority"
    assert reading.sources == (Source(1, 10),)
    assert "copy 1 prints exactly this" in reading.reason


def test_a_word_spelled_both_ways_by_as_many_copies_takes_the_accent():
    reading = vote_name(printed("la accion", "la acción"), what="observation")
    assert (reading.value, reading.status) == ("la acción", Status.RECONCILED)
    assert "the accented form on a tie" in reading.reason


def test_a_spelling_no_copy_prints_whole_says_so_and_keeps_its_copies():
    reading = vote_name(
        printed("acción asi", "accion así", "accion asi", "acción así"), what="text"
    )
    assert reading.value == "acción así"
    assert reading.sources == (Source(4, 40),)
    reading = vote_name(
        printed("acción asi", "accion así", "accion asi", "acción asi"), what="text"
    )
    assert reading.value == "acción asi"
    reading = vote_name(printed("acción asi", "accion así"), what="text")
    assert reading.value == "acción así"
    assert reading.sources == (Source(1, 10), Source(2, 20))
    assert "no copy prints exactly this" in reading.reason


def test_a_tie_on_case_is_left_for_review():
    reading = vote_name(printed("Informe anual", "informe anual"), what="unit")
    assert (reading.value, reading.status) == (None, Status.NEEDS_REVIEW)
    assert reading.rule == "no_majority"
    assert {c.value for c in reading.candidates} == {"Informe anual", "informe anual"}


def test_free_text_with_no_majority_is_left_for_review_not_settled():
    reading = vote_name(
        printed("entregado por el conculcor", "entregado por el consultor"),
        what="observation",
    )
    assert (reading.value, reading.status) == (None, Status.NEEDS_REVIEW)
    assert reading.rule == "no_majority"
    assert [(c.value, c.sources) for c in reading.candidates] == [
        ("entregado por el conculcor", (Source(1, 10),)),
        ("entregado por el consultor", (Source(2, 20),)),
    ]


def test_a_long_text_is_one_spelling_whatever_the_order_of_its_copies():
    long = "Se aprobó paquete de obra FAIS en el 4to. trimestre, el cual es " * 4
    readings = (long + "se supere", long + "se superó", long + "se supera")
    for order in (readings, readings[::-1]):
        reading = vote_name(printed(*order), what="observation")
        assert reading.status == Status.NEEDS_REVIEW
        assert len(reading.candidates) == 3
