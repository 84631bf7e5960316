"""A committees roster is read into committees, each problem a finding (pure)."""

import pytest

from ruta.common.errors import InputError
from ruta.participation.roster import HEADER, roster_read, roster_text

ROWS = [
    [
        "TSAM-2025-0001",
        "Comité de la calle Ejemplo",
        "2025-03-01",
        "Persona Uno",
        "Presidenta",
        "",
        "",
    ],
    [
        "TSAM-2025-0001",
        "",
        "",
        "Persona Dos",
        "tesorero",
        "662 000 0000",
        "DOS@EXAMPLE.ORG",
    ],
    ["TSAM-2025-0001", "", "", "Persona Tres", "Vocal de Contraloría Social", "", ""],
    ["TSAM-2025-0002", "", "2025-03-02", "Persona Cuatro", "Vocal", "", ""],
]


def csv_text(rows, header=HEADER):
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def test_rows_of_one_work_make_its_committee_with_offices_read_as_written():
    roster = roster_read(csv_text(ROWS), name="comites.csv")
    assert roster.findings == ()
    first, second = roster.committees
    assert (first.work, first.name, str(first.formed_on)) == (
        "TSAM-2025-0001",
        "Comité de la calle Ejemplo",
        "2025-03-01",
    )
    assert [m.role for m in first.members] == ["president", "treasurer", "comptroller"]
    assert first.members[1].email == "dos@example.org"
    assert (second.name, [m.role for m in second.members]) == ("", ["member"])


def test_an_office_that_is_no_committee_office_is_a_finding_at_its_row():
    rows = [*ROWS[:1], ["TSAM-2025-0001", "", "", "Persona Cinco", "Gerente", "", ""]]
    (finding,) = roster_read(csv_text(rows), name="comites.csv").findings
    assert finding.code == "ROSTER-OFFICE-UNKNOWN"
    assert finding.where == "row 2 (line 3)"
    assert "«Gerente» no existe" in finding.message


def test_two_presidents_of_one_committee_are_a_finding():
    rows = [*ROWS[:1], ["TSAM-2025-0001", "", "", "Persona Seis", "Presidente", "", ""]]
    codes = [f.code for f in roster_read(csv_text(rows), name="c.csv").findings]
    assert codes == ["ROSTER-OFFICE-TWICE"]


def test_a_committee_without_date_or_with_two_dates_is_a_finding():
    rows = [
        ["TSAM-2025-0001", "", "2025-03-01", "Persona Uno", "Vocal", "", ""],
        ["TSAM-2025-0001", "", "2025-04-01", "Persona Dos", "Vocal", "", ""],
        ["TSAM-2025-0003", "", "1/3/2025", "Persona Tres", "Vocal", "", ""],
    ]
    codes = [f.code for f in roster_read(csv_text(rows), name="c.csv").findings]
    assert codes == [
        "ROSTER-COMMITTEE-DIFFERS",
        "ROSTER-DATE-INVALID",
        "ROSTER-DATE-MISSING",
    ]


def test_missing_values_and_bad_addresses_are_findings():
    rows = [["TSAM-2025-0001", "", "2025-03-01", "", "Vocal", "", "no-es-correo"]]
    codes = [f.code for f in roster_read(csv_text(rows), name="c.csv").findings]
    assert codes == ["ROSTER-VALUE-MISSING", "ROSTER-EMAIL-INVALID"]


def test_a_file_that_is_not_the_template_is_refused_naming_the_columns():
    with pytest.raises(InputError) as refused:
        roster_read(csv_text([["a", "b"]], header=["OBRA", "PERSONA"]), name="x.csv")
    assert refused.value.code == "ROSTER-NOT-TEMPLATE"
    assert refused.value.values == {"columns": "NOMBRE, CARGO"}


def test_a_roster_saved_by_a_spreadsheet_in_windows_1252_is_read():
    data = csv_text(ROWS).replace("Comité", "Comit\u00e9").encode("cp1252")
    assert "Comité de la calle" in roster_text(data, name="c.csv")
