"""Findings of the works-list, OCDS, POA and action-plan readers in Spanish.

Each test runs a reader on a small file it writes (or on a seed, when the
seeds are present), stores the findings as the import does (every value a
string) and reads them back as a Spanish page shows them.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.ingest.actionplan import action_plan_read
from ruta.ingest.ocds import ocds_parse, processes_compile, releases_validate
from ruta.ingest.poa import check_document, read_copies, reconcile_copies
from ruta.ingest.worklist import (
    Geography,
    RepeatedKeys,
    boundaries_load,
    raw_rows,
    row_read,
    worklist_open,
)
from ruta.programs.checks import capture_findings
from ruta.programs.rules import Accumulation, check_goal
from ruta.sources.display import FindingText, finding_text
from ruta.sources.findings import Finding
from testkit.ocds import release, release_package
from testkit.seeds import seed_path
from testkit.worklists import opa_2019_row, worklist_file

DATA = Path(__file__).resolve().parents[2] / "catalog" / "data"
POA_SEED = "002_05c6b3e944b07002.txt"
ACTION_PLAN_SEED = "003_ce9accbc04228567.txt"


def spanish(finding: Finding) -> FindingText:
    """Return ``finding`` as stored (values as strings) on a Spanish page."""
    with translation.override("es-mx"):
        return finding_text(Finding(**finding.as_dict()))


def only(findings: list[Finding], code: str) -> Finding:
    [found] = [finding for finding in findings if finding.code == code]
    return found


# ---------------------------------------------------------------- works lists


@pytest.fixture(scope="module")
def geography() -> Geography:
    with (DATA / "states.csv").open(encoding="utf-8") as handle:
        states = {row["cve_ent"]: row["name"] for row in csv.DictReader(handle)}
    return Geography(
        states=states,
        municipalities=frozenset({"26030"}),
        boundaries=boundaries_load(DATA / "state_boundaries.json"),
    )


def worklist_findings(tmp_path: Path, geography: Geography, rows) -> list[Finding]:
    file = worklist_open(worklist_file(tmp_path, "opa.csv", rows))
    findings, repeated = [], RepeatedKeys()
    for raw in raw_rows(file):
        reading = row_read(raw, file.column_set, geography)
        findings += reading.findings
        if reading.row is not None:
            findings += repeated.check(reading.row)
    return findings


def test_a_works_list_cell_that_does_not_read_names_its_column(tmp_path, geography):
    rows = [opa_2019_row(1, APROBADO="un millón")]
    text = spanish(
        only(worklist_findings(tmp_path, geography, rows), "cell_unreadable")
    )
    assert text.message == (
        "La columna APROBADO dice «un millón», que no se lee como un monto; se deja "
        "en blanco."
    )
    assert (text.where, text.where_lang) == (
        "renglón 1 (línea 2), clave 000109J3E0005",
        "",
    )
    assert text.original == ""


def test_paid_over_modified_is_told_in_pesos(tmp_path, geography):
    rows = [opa_2019_row(1, EJERCIDO="950000.5")]
    text = spanish(
        only(worklist_findings(tmp_path, geography, rows), "paid_exceeds_modified")
    )
    assert text.message == (
        "Lo ejercido (EJERCIDO), 950,000.50 pesos, es mayor que lo modificado "
        "(MODIFICADO), 900,000.00 pesos."
    )


def test_sources_that_do_not_add_up_give_both_sums(tmp_path, geography):
    # A project of one year: its sources are its whole funding.
    rows = [opa_2019_row(1, PROPIO="500000", FECHA_FIN_CAL_FF="31/12/2019")]
    text = spanish(
        only(worklist_findings(tmp_path, geography, rows), "sources_do_not_add_up")
    )
    assert text.message == (
        "Las fuentes de financiamiento suman 2,500,000.00 pesos, pero la inversión "
        "total es 3,000,000.00 pesos."
    )


def test_one_years_sources_over_the_lifetime_total_say_the_calendar(
    tmp_path, geography
):
    rows = [opa_2019_row(1, FISCAL="2500000")]
    text = spanish(
        only(worklist_findings(tmp_path, geography, rows), "year_sources_exceed_total")
    )
    assert text.message == (
        "El calendario del proyecto va de 2019 a 2021, así que sus fuentes de "
        "financiamiento son las de un año; suman 3,500,000.00 pesos, más que la "
        "inversión total de todos los años, 3,000,000.00 pesos."
    )


def test_swapped_coordinates_and_dates_out_of_order(tmp_path, geography):
    rows = [
        opa_2019_row(1, LATITUD="-110.955919", LONGITUD="29.072967"),
        opa_2019_row(
            2, FECHA_INICIO_CAL_FF="01/06/2021", FECHA_FIN_CAL_FF="31/12/2019"
        ),
    ]
    findings = worklist_findings(tmp_path, geography, rows)
    swapped = spanish(only(findings, "coordinates_swapped"))
    assert swapped.message == (
        "La latitud -110.955919 y la longitud 29.072967 están invertidas: "
        "intercambiadas, el punto cae en México; se dejan en blanco."
    )
    dates = spanish(only(findings, "dates_out_of_order"))
    assert dates.message == (
        "La fecha de fin, 31/12/2019, es anterior a la de inicio, 01/06/2021; ambas "
        "se dejan en blanco."
    )
    # The description's line break makes each row two lines of the file.
    assert dates.where == "renglón 2 (línea 4), clave 000209J3E0005"


def test_a_key_repeated_with_other_figures_names_its_first_row(tmp_path, geography):
    rows = [opa_2019_row(1), opa_2019_row(1, EJERCIDO="700000")]
    text = spanish(
        only(worklist_findings(tmp_path, geography, rows), "key_repeated_different")
    )
    assert text.message == (
        "La clave 000109J3E0005 se repite (primero en el renglón 1) con otras "
        "cifras; la obra toma el renglón del año más reciente, el primero si "
        "empatan."
    )
    assert text.where == "renglón 2 (línea 4), clave 000109J3E0005"


def test_a_row_known_by_its_ppi_id_says_which(tmp_path, geography):
    rows = [opa_2019_row(1, CVE_CARTERA="")]
    text = spanish(only(worklist_findings(tmp_path, geography, rows), "key_missing"))
    assert text.message == (
        "El renglón no imprime clave de cartera; se identifica por su ID_PPI 50001 "
        "como PPI-50001."
    )


def test_a_works_list_finding_stored_before_its_values_keeps_its_english():
    old = Finding(
        code="cell_unreadable",
        message="approved: 'x' is not an amount; left blank",
        where="row 3 (line 4), key 1",
        values={"key": "1", "field": "approved", "printed": "x"},
    )
    text = spanish(old)
    assert text.message == "Una celda no se puede leer; se deja en blanco."
    assert text.original == old.message
    assert text.where == "renglón 3 (línea 4), clave 1"


def test_a_work_the_loader_would_not_change_is_named_by_its_key():
    refused = Finding(
        code="work_not_from_a_file",
        message="work OB-1 exists and was not imported from a file of this kind",
        where="key OB-1",
        values={"key": "OB-1"},
    )
    text = spanish(refused)
    assert text.message == (
        "La obra OB-1 ya existe y no se importó de un archivo de este tipo: no se "
        "modifica."
    )
    assert text.where == "clave OB-1"


# ---------------------------------------------------------------- OCDS


def test_a_json_lines_line_that_is_not_json_is_told_with_its_line():
    lines = [json.dumps(release(id="a")), "{not json", json.dumps(release(id="b"))]
    [finding] = ocds_parse("l.jsonl", "\n".join(lines)).findings
    text = spanish(finding)
    assert text.message == (
        "línea 2: la línea no es JSON («{not json…»); la entrega no se leyó."
    )
    assert (text.where, text.where_lang) == ("l.jsonl línea 2", "")


def test_a_json_lines_line_too_deep_is_told_with_where_it_goes_too_deep():
    deep = release(id="deep")
    deep["tender"]["extra"] = json.loads("[" * 40 + "]" * 40)
    lines = [json.dumps(release(id="a")), json.dumps(deep)]
    [finding] = ocds_parse("l.jsonl", "\n".join(lines)).findings
    column = finding.values["column"]
    assert spanish(finding).message == (
        "línea 2: el JSON anida más de 32 arreglos u objetos (línea 2, columna "
        f"{column}, dentro de tender.extra" + "[0]" * 30 + "); la entrega no se leyó."
    )


def test_a_release_without_ocid_is_named_by_its_place():
    package = release_package(release(), {"id": "lost"})
    [finding] = ocds_parse("p.json", json.dumps(package)).findings
    assert spanish(finding).message == (
        "releases[1]: la entrega no tiene ocid; no se leyó."
    )


def test_a_schema_type_problem_says_the_type_expected():
    bad = release()
    bad["tender"]["value"]["amount"] = "mucho"
    parsed = ocds_parse("p.json", json.dumps(release_package(bad)))
    finding = next(
        f
        for f in releases_validate("p.json", parsed.releases)
        if f.values["path"] == "$.tender.value.amount"
    )
    text = spanish(finding)
    assert text.message == (
        "ocid ocds-tst001-0001, entrega ocds-tst001-0001-01, $.tender.value.amount: el "
        "valor no es del tipo que pide el esquema (number, null) (esquema OCDS 1.1)."
    )
    assert text.where == "p.json releases[0] $.tender.value.amount"


def test_a_missing_required_field_is_named():
    bad = release()
    del bad["date"]
    parsed = ocds_parse("p.json", json.dumps(release_package(bad)))
    finding = next(
        f
        for f in releases_validate("p.json", parsed.releases)
        if f.values["rule"] == "required"
    )
    assert spanish(finding).message == (
        "ocid ocds-tst001-0001, entrega ocds-tst001-0001-01, $: falta el campo "
        "obligatorio «date» (esquema OCDS 1.1)."
    )


def test_an_amount_out_of_bounds_and_an_overlaid_merge():
    first, later = release(id="r1", amount=1e20), release(id="r2", amount=1e20)
    del first["date"], later["date"]
    parsed = ocds_parse("p.json", json.dumps(release_package(first, later)))
    _, findings = processes_compile("p.json", parsed.releases)
    merge = spanish(only(findings, "ocds-merge"))
    assert merge.message.startswith(
        "ocid ocds-tst001-0001: sus 2 entregas no se pueden combinar con las reglas "
        "de OCDS; se superpusieron por fecha"
    )
    amount = spanish(
        next(f for f in findings if f.values.get("path") == "tender.value")
    )
    assert amount.message == (
        "ocid ocds-tst001-0001, tender.value: el monto «1e+20» no es un número dentro "
        "de límites; no se guardó."
    )


# ---------------------------------------------------------------- POA rules


def test_the_goal_rules_say_each_figure_in_spanish():
    findings = check_goal(
        7,
        10,
        [(2, 3), (3, 3), (0, 2), (5, 1)],
        8,
        Decimal(70),
        where="poa.pdf, form 54101 DIRECCIÓN",
    )
    texts = {finding.code: spanish(finding) for finding in findings}
    assert texts["POA-ACHIEVED-SUM"].message == (
        "Meta 7: la suma de lo alcanzado es 9, pero el avance absoluto impreso es 8."
    )
    assert texts["POA-RELATIVE"].message == (
        "Meta 7: el avance relativo impreso es 70%, pero 8 ÷ 10 da 80%."
    )
    assert texts["POA-ACHIEVED-UNPROGRAMMED"].message == (
        "Meta 7: se alcanzó 2 en JUL-SEP sin nada programado."
    )
    assert texts["POA-NO-OBSERVATION"].message == (
        "Meta 7: el avance es 70%, por debajo de la meta, y no hay observación "
        "(política de la plataforma)."
    )
    assert texts["POA-RELATIVE"].where == "poa.pdf, formato 54101 DIRECCIÓN, meta 7"


def test_a_programme_kept_as_a_level_is_told_so():
    [finding] = check_goal(
        3,
        5,
        [(1, 1), (2, 2), (3, 3), (4, 4)],
        4,
        Decimal(80),
        observation="sin cambios",
        accumulation=Accumulation.MAX,
    )
    text = spanish(finding)
    assert text.message == (
        "Meta 3: lo mayor programado es 4, pero la meta anual es 5."
    )
    assert text.where == "meta 3"


def test_a_quarter_off_its_programme_at_capture(settings):
    settings.RUTA_POA_OBSERVATION_REQUIRED = True
    [finding] = capture_findings(
        number=12, annual_target=20, earlier=[(5, 5)], entry=(5, 3), observation=""
    )
    assert spanish(finding).message == (
        "Meta 12: en ABR-JUN se alcanzó 3 contra 5 programado y no hay observación "
        "(política de la plataforma)."
    )


# ---------------------------------------------------------------- seeds


@cache
def poa_seed_findings() -> tuple[Finding, ...]:
    text = seed_path(POA_SEED).read_text(encoding="utf-8")
    copies = read_copies(text, source_name="poa.txt")
    return tuple(check_document(copies, reconcile_copies(copies)))


def test_every_poa_seed_finding_is_rebuilt_in_spanish():
    texts = [spanish(finding) for finding in poa_seed_findings()]
    assert [t.code for t in texts if t.original or t.where_lang] == []


def test_a_poa_header_run_and_a_reading_left_for_review():
    findings = list(poa_seed_findings())
    run = spanish(only(findings, "POA-REPEATED-RUN"))
    assert run.message == (
        "95 renglones del encabezado repiten «EMPoderamiento PARA LAS MUJERES» con "
        "claves sucesivas (de 3.1.6 a 3.1.100): se leen como un defecto del "
        "escaneo y se ignoran."
    )
    assert run.where == "poa.txt, copia 15 (líneas 757-894), líneas 776-870"
    review = next(
        spanish(f)
        for f in findings
        if f.code == "POA-NEEDS-REVIEW" and f.values["field"] == "ABR-JUN P"
    )
    assert review.message == (
        "Meta 204: las copias del formato no establecen lo programado en ABR-JUN; "
        "queda para revisión (lecturas: — | 1)."
    )


@cache
def action_plan_findings() -> tuple[Finding, ...]:
    """Return the findings of the action plan's report (the demonstration's)."""
    report = next(d for d in DEMONSTRATIONS if d.seed == ACTION_PLAN_SEED)
    return tuple(action_plan_read(report.text(), name="plan.txt").findings)


def test_every_action_plan_report_finding_is_rebuilt_in_spanish():
    texts = [spanish(finding) for finding in action_plan_findings()]
    assert [t.code for t in texts if t.original or t.where_lang] == []


def test_an_agency_that_differs_names_both_and_both_places():
    text = next(
        spanish(f)
        for f in action_plan_findings()
        if f.code == "agency_differs"
        and f.values["table"].startswith("Secretaría de G")
    )
    assert text.message == (
        "La tabla asigna «Comunicación con la ciudadanía Conéctate GTO» a "
        "«Secretaría de Gobierno(SG)»; su sección nombra a «Coordinación General de "
        "Información Estratégica (CGIE)»."
    )
    assert text.where == (
        "plan.txt, línea 17 (compromisos, renglón 7); plan.txt, línea 218 (sección "
        "'Coordinación General de Información Estratégica (CGIE)')"
    )


def test_progress_stated_twice_gives_each_figure_with_its_line():
    stated = Finding(
        code="progress_stated_differently",
        message="the progress is stated differently: 40% on line 12, 60% on line 20",
        where="plan.txt, section 'Portal', lines 12, 20",
        values={"percentages": "40; 60", "stated": "40 12; 60 20"},
    )
    text = spanish(stated)
    assert text.message == (
        "El avance se declara de formas distintas: 40% en la línea 12, 60% en la "
        "línea 20; no se toma ninguno."
    )
    assert text.where == "plan.txt, sección 'Portal', líneas 12, 20"
