"""Program pages, the regenerated TMM-F004 form (HTML and XLSX) and downloads."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ruta.programs.exports import rows_csv
from ruta.programs.models import Goal, QuarterProgress, UnitProgram, ValueStatus
from ruta.programs.selectors.exports import VERSIONED
from ruta.programs.selectors.progress import unit_programs, unit_summaries

VERIFIED = ValueStatus.VERIFIED
ACCUMULATED = (12, 13)  # absolute and relative columns


class TableRows(HTMLParser):
    """Collect the cell texts of every ``<tr data-goal=N>`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, list[str]] = {}
        self._goal: int | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "tr" and "data-goal" in attributes:
            self._goal = int(attributes["data-goal"])
            self.rows[self._goal] = []
        elif tag == "td" and self._goal is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[self._goal].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._goal = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def shown(value):
    return "" if value is None else f"{value:,}"


def verified_figures(goal):
    """Return {column index: text} of the goal's verified figures, as printed.

    Columns as the form prints them: 3 annual target, 4-11 P and A of each
    quarter, 12 absolute, 13 relative.
    """
    figures = {}
    readings = goal.readings
    if readings["annual_target"]["status"] == VERIFIED:
        figures[3] = shown(readings["annual_target"]["value"])
    for row in goal.quarters.order_by("quarter"):
        for offset, side in enumerate(("programmed", "achieved")):
            if row.readings[side]["status"] == VERIFIED:
                figures[4 + 2 * (row.quarter - 1) + offset] = shown(
                    row.readings[side]["value"]
                )
    if readings["absolute"]["status"] == VERIFIED:
        figures[12] = shown(readings["absolute"]["value"])
    if readings["relative_pct"]["status"] == VERIFIED:
        figures[13] = f"{readings['relative_pct']['value']}%"
    return figures


def waits(goal):
    return goal.quarters.filter(status=ValueStatus.NEEDS_REVIEW).exists()


def test_the_summary_lists_every_unit(client, cdhi_catalogued, imported):
    page = client.get(reverse("programs:index")).content.decode()
    for name in ("DIRECCIÓN", "DEPARTAMENTO TÉCNICO", "CENTROS DE DESARROLLO HUMANO"):
        assert name in page
    assert "Con valores por revisar" in page


def test_the_summary_columns_of_advance_add_up_to_the_goals(imported):
    for summary in unit_summaries(unit_programs()):
        counted = summary.met + summary.over + summary.under + summary.unknown
        assert counted == summary.goals
        assert 0 <= summary.unknown <= summary.goals


def test_a_goal_shows_its_progress_as_a_bar_and_as_text(client, unit):
    url = reverse("programs:unit", args=[unit("54201").pk])
    page = client.get(url).content.decode()
    assert '<progress max="100" value="100"' in page
    assert "Avance acumulado: 1,770 de 1,751 (101%)" in page
    assert "Superada" in page
    assert "Por debajo" in page


def test_the_regenerated_form_shows_the_verified_figures(client, cdhi_catalogued, unit):
    compared = 0
    for code in ("54101", "54102", "54201", "54202", cdhi_catalogued):
        unit_program = unit(code)
        url = reverse("programs:form", args=[unit_program.pk, 4])
        parser = TableRows()
        parser.feed(client.get(url).content.decode())
        for goal in unit_program.goals.all():
            cells = parser.rows[goal.number]
            for column, text in verified_figures(goal).items():
                if column in ACCUMULATED and waits(goal):
                    # derived only once decided: shown meanwhile as printed, marked
                    assert cells[column].startswith(f"{text}*"), (code, goal.number)
                else:
                    assert cells[column] == text, (code, goal.number, column)
                compared += 1
    assert compared > 300


@pytest.mark.usefixtures("original_seed")
def test_the_form_workbook_shows_the_verified_figures(client, unit):
    unit_program = unit("54201")
    url = reverse("programs:form_xlsx", args=[unit_program.pk, 4])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    rows = {
        int(str(row[1]).split(".-")[0]): row
        for row in sheet.iter_rows(values_only=True)
        if row[1] and str(row[1])[:3].isdigit() and ".-" in str(row[1])
    }
    assert sorted(rows) == list(range(300, 314))
    for goal in unit_program.goals.all():
        for column, text in verified_figures(goal).items():
            value = rows[goal.number][column]
            value = f"{round(value * 100)}%" if column == 13 else shown(value)
            assert value == text, (goal.number, column)
    assert sheet["O3"].value == "TMM-F004"
    pending = [g.number for g in unit_program.goals.all() if waits(g)]
    assert pending  # shown as printed, with a note saying so
    notes = {cell.row: cell.comment for cell in sheet["M"] if cell.comment}
    assert len(notes) == len(pending)
    assert all("como lo imprime el formato" in note.text for note in notes.values())


@pytest.mark.usefixtures("original_seed")
def test_the_printable_form_has_the_header_and_signatures(client, unit):
    unit_program = unit("54101")
    page = client.get(reverse("programs:form", args=[unit_program.pk, 4])).content
    page = page.decode()
    for text in (
        "FECHA: OCTUBRE-DICIEMBRE 2023",
        "54 BIENESTAR SOCIAL MUNICIPAL (BISOM)",
        "511 GESTIÓN ADMINISTRATIVA",
        "2.4.1 INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CUIDADO",
        "CARLOS ROMERO ASCENCIO",
        "RESPONSABLE DEL RAMO",
        "programs/programs.css",
    ):
        assert text in page


def test_an_unreported_quarter_has_no_form(client, programs_2024):
    url = reverse("programs:form", args=[programs_2024["54101"].pk, 1])
    assert client.get(url).status_code == 404


@pytest.mark.usefixtures("original_seed")
def test_downloads_carry_every_value_with_its_status(client, imported):
    response = client.get(reverse("programs:data_csv", args=["avances"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 34 * 4  # the CDHI form is not filed: no unit code
    assert {row["status"] for row in rows} >= {"verified", "reconciled", "needs_review"}
    first = next(r for r in rows if r["unit_code"] == "54101" and r["goal"] == "101")
    assert first["source_document"] == "002_05c6b3e944b07002.txt"
    assert "copy 1 line 48" in first["source_lines"]
    goals = client.get(reverse("programs:data_csv", args=["metas"])).content.decode()
    assert len(list(csv.DictReader(io.StringIO(goals)))) == 34
    data = json.loads(client.get(reverse("programs:data_json")).content)
    goal_300 = next(g for g in data["goals"] if g["goal"] == 300)
    assert (goal_300["absolute"], goal_300["relative_pct"]) == (1770, "101")


def english_page(client, name, *args):
    """Return the English page (the language stays what it was afterwards)."""
    with translation.override("en"):
        return client.get(reverse(name, args=args)).content.decode()


def test_downloads_answer_not_modified_until_the_data_changes(client, imported):
    url = reverse("programs:data_csv", args=["avances"])
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    json_url = reverse("programs:data_json")
    assert client.get(json_url, headers={"if-none-match": etag}).status_code == 304
    # a write the history records, as every service's write is
    QuarterProgress.objects.filter(quarter=1).update(observation="Corregido")
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_one_units_download_is_never_answered_by_the_whole_downloads_tag(
    client, imported
):
    url = reverse("programs:data_csv", args=["avances"])
    whole = client.get(url)["ETag"]
    unit = UnitProgram.objects.order_by("pk").first()

    one = client.get(f"{url}?unidad={unit.pk}", headers={"if-none-match": whole})

    assert one.status_code == 200
    assert one["ETag"] != whole


def test_the_summary_and_downloads_read_in_a_fixed_number_of_queries(
    client, imported, django_assert_max_num_queries
):
    # 5 units, 45 goals, 180 quarters: the count does not grow with them
    with django_assert_max_num_queries(5):
        client.get(reverse("programs:index"))
    with django_assert_max_num_queries(5 + 2 * len(VERSIONED)):
        client.get(reverse("programs:data_json"))


@pytest.mark.usefixtures("original_seed")
def test_values_left_for_review_are_explained_in_the_page_language(
    client, unit, bisom_validator
):
    tecnico = unit("54102")
    english_reason = "readings of the quarter cells fit the arithmetic"
    assert tecnico.goals.filter(quarters__reason__contains=english_reason).exists()
    page = client.get(reverse("programs:unit", args=[tecnico.pk])).content.decode()
    assert "Varias lecturas de las copias del formato cuadran" in page
    assert english_reason not in page
    page = english_page(client, "programs:unit", tecnico.pk)
    assert "copies fit its arithmetic and none is better" in page
    client.force_login(bisom_validator)  # validators also see the reader's words
    page = client.get(reverse("programs:unit", args=[tecnico.pk])).content.decode()
    assert re.search(f'lang="en">[^<]*{english_reason}', page)


def test_english_pages_name_quarters_in_english(client, unit):
    direccion = unit("54101")
    page = english_page(client, "programs:unit", direccion.pk)
    assert "January-March" in page
    assert "ENE-MAR" not in page
    form = english_page(client, "programs:form", direccion.pk, 4)
    assert '<div class="tmm" lang="es">' in form  # the form's own headings
    assert "ENE-MAR" in form


@pytest.mark.usefixtures("original_seed")
def test_the_review_marker_has_text_for_screen_readers(client, unit):
    tecnico = unit("54102")
    page = client.get(reverse("programs:form", args=[tecnico.pk, 4])).content.decode()
    marker = '<span class="marker" aria-hidden="true"'
    assert marker in page
    after = page.split(marker, 1)[1]
    assert '<span class="visually-hidden" lang="es-mx">por revisar</span>' in after


def test_csv_cells_that_look_like_formulas_are_quoted():
    rows = [
        {"text": '=HYPERLINK("http://x")', "n": -5},
        {"text": "+1", "n": None},
        {"text": "@SUM(A1)", "n": 0},
        {"text": "\tx", "n": 1},
        {"text": "Informe -trimestral", "n": 2},
    ]
    read = list(csv.DictReader(io.StringIO(rows_csv(rows, ["text", "n"]))))
    assert [row["text"] for row in read] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'@SUM(A1)",
        "'\tx",
        "Informe -trimestral",
    ]
    assert [row["n"] for row in read] == ["-5", "", "0", "1", "2"]


def test_workbook_text_is_never_a_formula(client, unit):
    direccion = unit("54101")
    Goal.objects.filter(unit_program=direccion, number=100).update(description="=1+1")
    url = reverse("programs:form_xlsx", args=[direccion.pk, 4])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "100.- =1+1")
    assert cell.data_type == "s"
    Goal.objects.filter(unit_program=direccion, number=100).update(description="")
    QuarterProgress.objects.filter(goal__number=100).update(observation="=cmd|x")
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=cmd|x"]
    assert cells
    assert all(c.data_type == "s" for c in cells)


def test_download_columns_are_the_api_fields(client, unit):
    direccion = unit("54101")
    for dataset, endpoint in (("metas", "goals"), ("avances", "quarters")):
        url = reverse("programs:data_csv", args=[dataset])
        text = client.get(f"{url}?unidad={direccion.pk}").content.decode()
        header = next(csv.reader(io.StringIO(text)))
        api = client.get(f"/api/v1/programs/{endpoint}?unit={direccion.pk}").json()
        assert header == list(api["items"][0])


def test_each_form_names_its_lines_of_action_as_it_prints_them(
    client, cdhi_catalogued, unit
):
    def form_html(code):
        unit_program = unit(code)
        url = reverse("programs:form", args=[unit_program.pk, 4])
        return client.get(url).content.decode()

    assert "APOYOS A POBLACIÓN EN POBREZA EXTREMA" in form_html("54201")
    cdhi = form_html(cdhi_catalogued)
    assert "INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CIUDADANO" in cdhi
    assert "APOYOS A POBLACIÓN EN POBREZA EXTREMA" not in cdhi


def test_the_form_title_names_the_government_its_copies_print(client, unit):
    # 54102's copies lose the title line; the document's other forms print it.
    for code in ("54101", "54102"):
        url = reverse("programs:form", args=[unit(code).pk, 4])
        page = client.get(url).content.decode()
        assert "XXIV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA" in page


@pytest.mark.usefixtures("original_seed")
def test_header_values_left_for_review_are_marked_on_the_form(
    client, cdhi_catalogued, unit
):
    # CDHI: no copy prints the subfunción code, and the copies disagree on
    # several línea de acción names.
    url = reverse("programs:form", args=[unit(cdhi_catalogued).pk, 4])
    page = client.get(url).content.decode()
    header = page[page.index('<dl class="tmm-header">') : page.index("</dl>")]
    subfuncion = header[header.index("SUBFUNCIÓN") : header.index("EJE DE GOBIERNO")]
    assert 'class="marker"' in subfuncion
    lines = header[header.index("LÍNEAS DE ACCIÓN") :]
    assert lines.count('class="marker"') >= 5
    assert "2.1.5 INFRAESTRUCTURA PARA EL DESARROLLO HUMANO Y EL CIUDADANO<" in lines


def test_an_earlier_quarters_form_does_not_borrow_the_printed_year_end_figures(
    client, unit
):
    # The seed reports OCT-DIC: its printed absolute is the year's, not ENE-MAR's.
    for code in ("54101", "54102"):
        url = reverse("programs:form", args=[unit(code).pk, 1])
        page = client.get(url).content.decode()
        assert "el formato publicado imprime" not in page
        assert "como lo imprime el formato" not in page


def test_a_unit_page_lists_the_findings_of_its_own_form(client, unit):
    page = client.get(reverse("programs:unit", args=[unit("54101").pk])).content
    page = page.decode()
    findings = page[page.index('id="hallazgos"') :]
    assert (
        "Meta 103: el avance es 125%, por encima de la meta, y no hay observación "
        "(política de la plataforma)."
    ) in findings
    assert "goal 103" not in findings  # rebuilt from its values: no English
    assert "Meta 312" not in findings  # 54201's, not this form's
    social = client.get(reverse("programs:unit", args=[unit("54201").pk])).content
    assert "Meta 312: se alcanzó 450 en ABR-JUN sin nada programado." in (
        social.decode()
    )
    assert "La línea de acción 2.1.5 lleva 2 nombres distintos" in social.decode()
