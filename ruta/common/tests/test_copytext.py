"""Rows encoded as COPY text read back by PostgreSQL as the values they were."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction

from ruta.common.fast.copytext import NULL, copy_cell, copy_line

_AWKWARD = [
    "Calle 5\tde Mayo",
    "Primera línea\nsegunda línea",
    "Fin de renglón de Windows\r\n",
    "C:\\obras\\2024",
    "\\N",  # the text, not NULL
    "\\t literal",
    "ñandú «comillas» “tipográficas”",
    "",
]


@pytest.mark.pure
@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, NULL),
        (True, "t"),
        (False, "f"),
        (12, "12"),
        (Decimal("1234.50"), "1234.50"),
        (date(2024, 6, 30), "2024-06-30"),
        ("a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"),
    ],
)
def test_a_cell_is_written_as_postgresql_reads_it(value, cell):
    assert copy_cell(value) == cell


@pytest.mark.pure
@pytest.mark.parametrize(
    "value", [datetime(2024, 6, 30, 12, tzinfo=UTC), 1.5, b"bytes", [1]]
)
def test_a_value_without_a_plain_text_form_is_refused(value):
    with pytest.raises(TypeError, match="no COPY text"):
        copy_cell(value)


@pytest.mark.django_db
def test_awkward_text_numbers_dates_and_nulls_come_back_from_copy_unchanged():
    rows = [
        (number, text, Decimal("10.25") * number, date(2024, 1, number + 1), None)
        for number, text in enumerate(_AWKWARD)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE copied (n integer, t text, a numeric, d date, "
            "x text) ON COMMIT DROP"
        )
        with cursor.copy("COPY copied FROM STDIN") as copy:
            copy.write("".join(copy_line(row) for row in rows))
        cursor.execute("SELECT n, t, a, d, x FROM copied ORDER BY n")
        assert cursor.fetchall() == rows
