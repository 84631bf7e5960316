"""Reading the Mexicali TMM-F004 forms (BISOM, POA 2023, Q4) copy by copy."""

from decimal import Decimal
from functools import cache

import pytest

from ruta.ingest.poa import FormCopy, read_copies
from ruta.sources.findings import DocumentError
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path

SOURCE = "mexicali-poa-2023-q4.txt"


@cache
def seed_text() -> str:
    return seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")


@cache
def seed_copies() -> tuple[FormCopy, ...]:
    return tuple(read_copies(seed_text(), source_name=SOURCE))


def copy_at(line: int) -> FormCopy:
    """Return the copy whose page block holds ``line``."""
    return next(c for c in seed_copies() if c.first_line <= line <= c.last_line)


def row_at(line: int):
    return next(row for row in copy_at(line).rows if row.line == line)


def edited(old: str, new: str, occurrence: int = 1) -> str:
    """Return the seed with the ``occurrence``-th ``old`` replaced by ``new``."""
    text = seed_text()
    start = -1
    for _ in range(occurrence):
        start = text.index(old, start + 1)
    return text[:start] + new + text[start + len(old) :]


def test_every_page_block_is_a_copy_with_its_goal_rows():
    numbers = [tuple(row.number for row in c.rows) for c in seed_copies()]
    assert len(numbers) == 16
    assert numbers[:3] == [(100, 101, 102, 103)] * 3
    assert numbers[3:6] == [tuple(range(200, 208))] * 3
    assert numbers[6:9] == [tuple(range(300, 314))] * 3
    assert numbers[9:13] == [tuple(range(400, 408))] * 4
    assert numbers[13:15] == [tuple(range(500, 511))] * 2
    # The last copy prints "504.-" where 501 and 502 belong.
    assert numbers[15] == (500, 504, 504, 503, 504, 505, 506, 507, 508, 509, 510)


def test_copies_keep_their_lines():
    first = seed_copies()[0]
    assert (first.index, first.first_line, first.last_line) == (1, 5, 62)
    assert [row.line for row in first.rows] == [47, 48, 49, 50]


def test_unit_codes_are_read_as_printed_or_left_empty():
    units = [(c.unit_code(), c.unit_name()) for c in seed_copies()]
    assert units[0] == ("54101", "DIRECCIÓN")
    assert units[2] == (None, "DIRECCIÓN")  # the third copy prints no codes
    assert units[3][0] == "54102"
    assert units[6][0] == units[7][0] == "54201"  # "54201." in the second
    assert units[9] == ("54202", "DEPARTAMENTO TÉCNICO")
    assert set(units[13:]) == {
        (None, "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL")
    }


def test_labelled_header_is_read_with_codes_as_printed():
    header = {item.field: (item.code, item.name) for item in copy_at(14).items}
    assert header["ramo"] == ("54", "BIENESTAR SOCIAL MUNICIPAL (BISOM)")
    assert header["program"] == ("511", "GESTIÓN ADMINISTRATIVA")
    assert header["finalidad"] == ("2", "DESARROLLO SOCIAL")
    assert header["funcion"] == ("2", "VIVIENDA Y SERVICIOS A LA COMUNIDAD")
    assert header["subfuncion"] == ("2", "DESARROLLO COMUNITARIO")
    ejes = [(i.code, i.name) for i in copy_at(14).field_items("eje")]
    assert ejes == [
        ("2", "BIENESTAR PARA TODOS"),
        ("3", "MEXICALI CRECE"),
        ("4", "GOBERNAR PARA SERVIR"),
    ]


def test_values_printed_apart_from_their_labels_are_placed_by_code_and_order():
    copy = copy_at(261)  # values first, then the labels alone
    fields = [(i.field, i.code) for i in copy.items][:7]
    assert fields == [
        ("ramo", "54"),
        ("program", "511"),
        ("executing_unit", "54102"),
        ("finalidad", "2"),
        ("funcion", "2"),
        ("subfuncion", "2"),
        ("eje", "4"),
    ]
    assert len(copy.field_items("line")) == 11


def test_bulleted_values_with_trailing_dots_keep_the_code_only():
    copy = copy_at(394)
    assert copy.field_items("ramo")[0].code == "54"
    assert copy.field_items("ramo")[0].name == "BIENESTAR SOCIAL MUNICIPAL (BESOM)"
    assert copy.field_items("line")[0].code == "2.1.1"


def test_a_label_beside_another_fields_code_is_noted():
    copy = copy_at(534)  # "PROGRAMA: 54202 VINCULACIÓN SOCIAL …"
    assert copy.unit_code() == "54202"
    assert copy.unit_name() == "DEPARTAMENTO TÉCNICO"
    assert [f.code for f in copy.findings] == ["POA-HEADER-LABEL-MISMATCH"]


def test_a_hundred_repeated_header_lines_are_dropped_as_an_artifact():
    copy = copy_at(776)
    codes = [item.code for item in copy.field_items("line")]
    assert "3.1.50" not in codes
    run = [f for f in copy.findings if f.code == "POA-REPEATED-RUN"]
    assert len(run) == 1
    assert "lines 776-870" in run[0].where


def test_form_code_and_period_are_read_even_when_misprinted():
    assert copy_at(131).form_code == "TMN-F004"
    assert copy_at(900).form_code == "TMH-F004"
    period = copy_at(319).period  # "OCTUBRE - DICIEMBRE"; year in the title
    assert (period.year, period.quarter) == (2023, 4)
    assert copy_at(175).period is None  # these copies print no date


def test_goal_row_keeps_raw_cells_target_and_relative():
    row = row_at(354)
    assert (row.number, row.unit, row.target) == (300, "Expediente", 1751)
    assert row.quarter_cells == (371, 410, 241, 202, 629, 671, 509, 487, None, None)
    assert (row.absolute, row.relative) == (1770, Decimal("101"))
    assert row.codes[:2] == ("2.1.1", "2.1.4")
    assert row.observation.startswith("No se alcanzó la meta")
    assert row.raw.startswith("2.1.1, 2.1.4")


def test_blank_cells_stay_blank():
    assert row_at(433).quarter_cells == (None, None, 4, 4, 5, 5, 13, 17)
    assert row_at(433).absolute == 17


def test_tables_without_an_absolute_column_are_recognised():
    assert copy_at(549).layout.has_absolute is False
    assert row_at(549).absolute is None
    assert copy_at(595).layout.has_absolute is True
    assert row_at(599).absolute == 170


def test_the_p_a_a_sub_header_places_the_quarters():
    layout = copy_at(549).layout
    assert layout.roles == "PAAPAAPAAPAA"
    assert layout.positions == (0, 1, 3, 4, 6, 7, 9, 10)


def test_a_goal_number_in_its_own_cell_keeps_its_description():
    row = row_at(926)
    assert row.number == 504
    assert row.description == "Seguimiento al gasto de servicios personales."
    assert (row.unit, row.target, row.codes) == ("Nomina", 24, None)


def test_a_row_without_codes_cell_differs_from_an_empty_one():
    assert row_at(876).codes is None  # the cell is missing
    assert row_at(355).codes == ()  # the cell is printed empty


def test_a_run_of_codes_counting_up_is_marked_as_artifact():
    assert row_at(875).codes_artifact is True
    assert row_at(734).codes_artifact is False


def test_signatures_are_read_by_role():
    persons = {p.role: p.name for p in copy_at(48).persons}
    assert persons == {
        "program": "CARLOS ROMERO ASCENCO",
        "executing_unit": "ALMA LAURA RUIZ LOPEZ",
        "ramo": "ALMA LAURA RUIZ LOPEZ",
    }
    first = copy_at(887).persons[0]  # ramo signs first on this copy
    assert (first.role, first.name, first.line) == ("ramo", "ANA LAURA RUÍZ LÓPEZ", 887)


def test_a_row_whose_figures_do_not_parse_is_a_finding_and_the_rest_is_read():
    text = edited("1,770\t101%", "1,77O\t101%", occurrence=2)
    copies = read_copies(text, source_name=SOURCE)
    copy = next(c for c in copies if c.first_line <= 425 <= c.last_line)
    assert [row.number for row in copy.rows] == list(range(301, 314))
    (finding,) = [f for f in copy.findings if f.code == "POA-ROW-UNREADABLE"]
    assert finding.message.startswith("Meta 300: ")
    assert "«1,77O»" in finding.message
    assert finding.where.endswith(
        "form 54201 DEPARTAMENTO DE PARTICIPACIÓN SOCIAL, line 425"
    )
    assert "copy 8" in finding.where


def test_a_malformed_percent_is_a_finding():
    copies = read_copies(edited("\t275%", "\t27S%"), source_name=SOURCE)
    (finding,) = [f for f in copies[0].findings if f.code == "POA-ROW-UNREADABLE"]
    assert finding.message.startswith("Meta 101: la cifra «27S%» del renglón")


def test_text_without_any_form_is_a_document_error():
    with pytest.raises(DocumentError) as error:
        read_copies("AVANCE FÍSICO PROGRAMÁTICO\nRAMO: 54\n", source_name=SOURCE)
    assert error.value.file == SOURCE
    assert "no goal row" in str(error.value)


def test_empty_text_is_a_document_error():
    with pytest.raises(DocumentError):
        read_copies("", source_name=SOURCE)
