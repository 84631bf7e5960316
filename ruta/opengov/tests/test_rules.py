"""The commitment semáforo and the detection of answers naming officials."""

from decimal import Decimal

import pytest

from ruta.opengov.rules import (
    CommitmentStatus,
    commitment_status,
    name_key,
    names_officials,
    progress_change,
)


@pytest.mark.parametrize(
    ("pct", "status"),
    [
        (None, CommitmentStatus.GREY),
        (Decimal(0), CommitmentStatus.RED),
        (Decimal("39.99"), CommitmentStatus.RED),
        (Decimal(40), CommitmentStatus.YELLOW),
        (Decimal("69.99"), CommitmentStatus.YELLOW),
        (Decimal(70), CommitmentStatus.GREEN),
        (Decimal(80), CommitmentStatus.GREEN),
        (Decimal(100), CommitmentStatus.DONE),
    ],
)
def test_status_thresholds(pct, status):
    assert commitment_status(pct) is status


def test_seed_progress_gives_yellow_for_40_and_green_for_80():
    assert [commitment_status(Decimal(v)) for v in (40, 80)] == [
        CommitmentStatus.YELLOW,
        CommitmentStatus.GREEN,
    ]


def test_staff_indicator_names_officials():
    assert names_officials(
        indicator="Personal involucrado en la apertura y consumo de datos",
        question="¿Cuántas personas están involucradas?",
    )


def test_question_asking_for_names_names_officials():
    assert names_officials(indicator="Otro", question="¿Quién? (nombre, área y cargo)")


def test_other_answers_do_not_name_officials():
    assert not names_officials(
        indicator="Presencia Web", question="Link para seguimiento de las acciones?"
    )


def test_progress_change_needs_both_periods():
    assert progress_change(Decimal(40), Decimal(65)) == Decimal(25)
    assert progress_change(None, Decimal(65)) is None


def test_name_key_ignores_case_accents_and_final_period():
    assert name_key("CONSULTA PÚBLICA SOBRE PROPUESTAS.") == name_key(
        "Consulta pública sobre propuestas"
    )
