"""Importing the Mexicali BISOM 2023 Q4 forms, with the seed's own copies."""

import json
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from ruta.catalog.models import Agency, FiscalYear, PlanElement
from ruta.common.models import AuditIndexEntry
from ruta.ingest.loaders.poa import poa_import, poa_payload_write
from ruta.programs.models import (
    Goal,
    QuarterProgress,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.programs.selectors import QUARTERS_FIELD, goal_view, review_item
from ruta.programs.services import CodedName, quarters_decide
from ruta.programs.tests.payloads import (
    another_document,
    form_index,
    of_unit,
    printed,
    replaced_at,
)
from ruta.sources.display import finding_text
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.services import ImportStatus
from testkit.actors import TEST_ACTOR

GOALS = {
    "54101": [100, 101, 102, 103],
    "54102": list(range(200, 208)),
    "54201": list(range(300, 314)),
    "54202": list(range(400, 408)),
}
CDHI = "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"
CDHI_GOALS = list(range(500, 511))  # no copy of its form prints its unit's code


def quarters_of(goal):
    return [(q.programmed, q.achieved) for q in goal.quarters.order_by("quarter")]


def written():
    return (
        SourceDocument.objects.count(),
        UnitProgram.objects.count(),
        Goal.objects.count(),
        QuarterProgress.objects.count(),
        DocumentFinding.objects.count(),
        AuditIndexEntry.objects.count(),
    )


def test_every_coded_unit_is_read_with_each_goal_once(imported):
    assert imported.status == ImportStatus.IMPORTED
    found = {
        up.executing_unit.code: list(
            up.goals.order_by("number").values_list("number", flat=True)
        )
        for up in UnitProgram.objects.select_related("executing_unit")
    }
    assert found == GOALS
    assert QuarterProgress.objects.count() == 4 * 34


def test_a_unit_no_copy_codes_is_not_filed_and_says_so(imported):
    assert not UnitProgram.objects.filter(executing_unit__code="").exists()
    assert not Goal.objects.filter(number__in=CDHI_GOALS).exists()
    finding = imported.document.findings.get(code="POA-UNIT-WITHOUT-CODE")
    assert finding.severity == "error"
    assert finding.where == f"{imported.name}, form {CDHI}"
    assert finding.values == {"unit": CDHI, "goals": "11", "catalog": ""}
    assert "sus 11 metas no se registraron" in finding.message
    with translation.override("es-mx"):
        text = finding_text(finding)
    assert text.message == (
        f"Ninguna copia del formato de {CDHI} establece la clave de la unidad "
        "ejecutora y el catálogo no da ninguna: sus 11 metas no se registraron y "
        "quedan solo en los renglones del documento. Con su clave en el "
        "catálogo, los documentos que se importen después la registrarán."
    )
    assert text.where == f"{imported.name}, formato {CDHI}"
    # The reader's "left for review" is replaced by the loader's decision.
    assert not imported.document.findings.filter(
        code="POA-NEEDS-REVIEW", values__field="unidad ejecutora code"
    ).exists()
    # Its goals are still among the document's rows, as printed.
    rows = PublishedRow.objects.filter(document=imported.document)
    assert set(CDHI_GOALS) <= set(rows.values_list("row_number", flat=True))
    assert imported.document.summary["forms_not_filed"] == 1


def test_a_unit_the_catalog_codes_is_filed_under_the_catalog_code(seed_payload):
    Agency.objects.filter(code="mexicali-bisom-departamento-cdhi").update(
        official_code="54203"
    )
    result = poa_payload_write(payload=seed_payload, actor=TEST_ACTOR)
    cdhi = UnitProgram.objects.get(executing_unit__code="54203")
    assert cdhi.executing_unit.name == CDHI
    assert cdhi.goals.count() == len(CDHI_GOALS)
    reading = cdhi.readings["executing_unit.code"]
    assert (reading["value"], reading["status"], reading["rule"]) == (
        "54203",
        ValueStatus.RECONCILED,
        "catalog",
    )
    finding = result.document.findings.get(code="POA-UNIT-CODE-FROM-CATALOG")
    assert finding.values == {"unit": CDHI, "code": "54203"}
    assert not result.document.findings.filter(code="POA-UNIT-WITHOUT-CODE").exists()


def test_units_are_linked_to_the_catalog_by_code(imported):
    units = {
        up.executing_unit.name: up.executing_unit.agency.code
        for up in UnitProgram.objects.select_related("executing_unit__agency")
    }
    assert units["DIRECCIÓN"] == "mexicali-bisom-direccion"
    assert units["DEPARTAMENTO TÉCNICO"] == "mexicali-bisom-departamento-tecnico"
    assert Ramo.objects.get().agency == Agency.objects.get(code="mexicali-bisom")


def test_lines_of_action_are_linked_to_the_municipal_plan(unit):
    goal = unit("54101").goals.get(number=101)
    lines = {line.code: line.element for line in goal.lines_of_action.all()}
    assert set(lines) == {"2.4.1", "2.6.1", "3.3.1"}
    assert lines["2.4.1"] == PlanElement.objects.get(
        key="pmd-mexicali-xxiv-ayuntamiento/linea-2.4.1"
    )


@pytest.mark.usefixtures("original_seed")
def test_header_and_signatures_are_kept(unit):
    direccion = unit("54101")
    assert direccion.program.code == "511"
    assert direccion.program.fiscal_year_id == 2023
    assert (direccion.finalidad_code, direccion.funcion_code) == ("2", "2")
    assert direccion.responsible_program == "CARLOS ROMERO ASCENCIO"
    assert direccion.responsible_ramo == "ALMA LAURA RUIZ LOPEZ"
    assert direccion.reported_quarter == 4
    ejes = direccion.references.filter(kind="axis").values_list("code", flat=True)
    assert sorted(ejes) == ["2", "3", "4"]


@pytest.mark.usefixtures("original_seed")
def test_goal_101_is_settled_by_the_arithmetic(unit):
    goal = unit("54101").goals.get(number=101)
    assert quarters_of(goal) == [(1, 4), (1, 1), (1, 4), (1, 2)]
    first = goal.quarters.get(quarter=1)
    assert first.status == ValueStatus.RECONCILED
    assert "arithmetic" in first.reason
    assert first.source_document is not None
    assert [1, 48] in first.source_lines
    view = goal_view(goal, through=4)
    assert (view.absolute, view.relative) == (11, 275)


@pytest.mark.usefixtures("original_seed")
def test_goal_308_is_reconciled_by_its_targets_arithmetic(unit):
    # The copies print "4 4 5 5 13" in shifted cells; only one placement has
    # Σ programmed = the annual target 14 and Σ achieved = the absolute 17.
    goal = unit("54201").goals.get(number=308)
    assert quarters_of(goal) == [(None, None), (4, 4), (5, None), (5, 13)]
    rows = list(goal.quarters.order_by("quarter"))
    assert {row.status for row in rows} == {ValueStatus.RECONCILED}
    assert all(row.reason for row in rows)
    assert goal.quarter_candidates == []


@pytest.mark.usefixtures("original_seed")
def test_values_left_for_review_carry_reasons_and_candidates(imported):
    waiting = QuarterProgress.objects.filter(status=ValueStatus.NEEDS_REVIEW)
    assert waiting.exists()
    for row in waiting:
        assert row.reason
        assert row.candidates


def test_findings_and_printed_rows_are_stored(imported):
    document = imported.document
    assert document.kind == "poa-tmm-f004"
    assert document.findings.count() == len(imported.findings) > 0
    assert PublishedRow.objects.filter(document=document).count() == 45
    rows = PublishedRow.objects.filter(document=document, table_id="tmm-f004-54201")
    row = rows.get(row_number=300)
    assert row.values["absolute"] == 1770
    assert row.values["relative_pct"] == "101"


def test_the_same_file_twice_writes_nothing(catalog, seed_file):
    first = poa_import(path=seed_file, actor=TEST_ACTOR)
    before = written()
    again = poa_import(path=seed_file, actor=TEST_ACTOR)
    assert first.status == ImportStatus.IMPORTED
    assert again.status == ImportStatus.ALREADY_IMPORTED
    assert written() == before


def test_a_dry_run_writes_nothing(catalog, seed_file):
    before = written()
    result = poa_import(path=seed_file, dry_run=True, actor=TEST_ACTOR)
    assert result.status == ImportStatus.DRY_RUN
    assert len(result.payload["forms"]) == 5
    assert written() == before


def test_a_file_with_no_form_is_refused_and_writes_nothing(catalog, tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text("AVANCE FÍSICO PROGRAMÁTICO\nsin metas\n", encoding="utf-8")
    before = written()
    with pytest.raises(DocumentError, match="nota.txt.*no goal row"):
        poa_import(path=path, actor=TEST_ACTOR)
    assert written() == before


@pytest.mark.usefixtures("original_seed")
def test_half_of_the_document_is_refused_as_truncated(catalog, seed_file, tmp_path):
    text = seed_file.read_text(encoding="utf-8")
    half = tmp_path / "poa-mitad.txt"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    before = written()
    with pytest.raises(DocumentError) as refused:
        poa_import(path=half, actor=TEST_ACTOR)
    assert "ends inside the form of unit 54202" in str(refused.value)
    assert "the file is truncated after line 552" in str(refused.value)
    assert written() == before
    assert not Ramo.objects.filter(programs__code="").exists()


def test_a_form_without_its_program_code_is_refused(seed_payload):
    program = seed_payload.forms[0].program
    uncoded = replace(program, code=printed(program.code, None))
    payload = replace(
        seed_payload, forms=replaced_at(seed_payload.forms, 0, program=uncoded)
    )
    before = written()
    with pytest.raises(DocumentError, match="does not give the program's code") as err:
        poa_payload_write(payload=payload, actor=TEST_ACTOR)
    assert err.value.field == "PROGRAMA"
    assert "copy 1 line" in err.value.reason
    assert written() == before


def test_a_unit_without_a_code_unknown_to_the_catalog_is_not_filed(seed_payload):
    unit = seed_payload.forms[0].executing_unit
    unknown = CodedName(
        code=printed(unit.code, None), name=printed(unit.name, "OFICINA DESCONOCIDA")
    )
    payload = replace(
        seed_payload, forms=replaced_at(seed_payload.forms, 0, executing_unit=unknown)
    )
    result = poa_payload_write(payload=payload, actor=TEST_ACTOR)
    assert not Goal.objects.filter(number__in=GOALS["54101"]).exists()
    finding = result.document.findings.get(where__endswith="OFICINA DESCONOCIDA")
    assert (finding.code, finding.values["catalog"]) == ("POA-UNIT-WITHOUT-CODE", "")


def test_a_document_whose_units_all_lack_a_code_is_refused(seed_payload):
    def uncoded(form, number):
        unit = form.executing_unit
        return CodedName(
            code=printed(unit.code, None), name=printed(unit.name, f"OFICINA {number}")
        )

    forms = tuple(
        replace(form, executing_unit=uncoded(form, number))
        for number, form in enumerate(seed_payload.forms)
    )
    before = written()
    with pytest.raises(DocumentError, match="no form settles") as err:
        poa_payload_write(payload=replace(seed_payload, forms=forms), actor=TEST_ACTOR)
    assert err.value.field == "UNIDAD EJECUTORA"
    assert written() == before


def test_the_database_refuses_a_program_without_a_code(imported):
    from django.db import IntegrityError

    program = UnitProgram.objects.first().program
    with pytest.raises(IntegrityError):
        type(program).objects.filter(pk=program.pk).update(code="")


def test_a_year_missing_from_the_catalog_is_refused_and_writes_nothing(seed_payload):
    FiscalYear.objects.filter(year=2023).delete()
    before = written()
    with pytest.raises(DocumentError, match="fiscal year 2023 is not in the catalog"):
        poa_payload_write(payload=seed_payload, actor=TEST_ACTOR)
    assert written() == before


def test_a_failure_while_writing_leaves_nothing(seed_payload, monkeypatch):
    from ruta.ingest.loaders import poa as imports

    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(**kwargs)

    original = imports.form_write
    monkeypatch.setattr(imports, "form_write", failing)
    before = written()
    with pytest.raises(RuntimeError):
        poa_payload_write(payload=seed_payload, actor=TEST_ACTOR)
    assert written() == before


def test_the_ingest_command_prints_the_forms_as_json(catalog, seed_file, capsys):
    call_command("ingest", "poa", str(seed_file), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert [form["executing_unit"] for form in data["forms"]] == [
        "54101",
        "54102",
        "54201",
        "54202",
        None,
    ]
    first = data["forms"][0]
    assert (first["ramo"], first["program"], first["period"]) == (
        "54",
        "511",
        "OCTUBRE-DICIEMBRE 2023",
    )
    assert first["executing_unit_name"] == "DIRECCIÓN"
    goal_101 = first["goals"][1]
    assert (goal_101["number"], goal_101["absolute"], goal_101["relative_pct"]) == (
        101,
        11,
        275,
    )
    assert data["import"]["status"] == "dry-run"
    assert SourceDocument.objects.count() == 0


def test_the_ingest_command_names_an_unreadable_file(catalog, tmp_path):
    path = tmp_path / "vacio.txt"
    path.write_text("nada\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was written.*vacio.txt"):
        call_command("ingest", "poa", str(path))


def stored():
    """Return every stored quarter value and each goal's target and ΣA."""
    quarters = {
        (row.goal_id, row.quarter): (
            row.programmed,
            row.achieved,
            row.status,
            row.source_document_id,
        )
        for row in QuarterProgress.objects.all()
    }
    goals = {
        goal.pk: (goal.annual_target, goal_view(goal, 4).absolute)
        for goal in Goal.objects.prefetch_related("quarters", "lines_of_action")
    }
    return quarters, goals


def test_an_older_quarter_imported_later_changes_nothing_stored(imported, seed_payload):
    before = stored()
    third = another_document(seed_payload, "poa-2023-t3.txt", quarter=3)
    goal = third.forms[0].goals[1]  # goal 101 of 54101, as the T3 form has it
    second = goal.quarters[1]
    goals = replaced_at(
        third.forms[0].goals,
        1,
        annual_target=printed(goal.annual_target, 9),
        quarters=replaced_at(goal.quarters, 1, achieved=printed(second.achieved, 7)),
    )
    third = replace(third, forms=replaced_at(third.forms, 0, goals=goals))
    result = poa_payload_write(payload=third, actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    assert set(UnitProgram.objects.values_list("reported_quarter", flat=True)) == {4}
    assert stored() == before
    assert PublishedRow.objects.filter(document=result.document).count() == 45


@pytest.mark.usefixtures("original_seed")
def test_a_newer_document_keeps_the_quarters_a_validator_decided(
    unit, seed_payload, bisom_validator
):
    goal = next(
        g
        for g in unit("54102").goals.order_by("number")
        if g.quarters.filter(status=ValueStatus.NEEDS_REVIEW).exists()
    )
    item = review_item(bisom_validator, goal.unit_program_id, goal.pk, QUARTERS_FIELD)
    waiting = [row.quarter for row in item.quarters]
    decided = dict(zip(waiting, item.options[0], strict=True))
    values = [decided.get(quarter, (None, None)) for quarter in range(1, 5)]
    quarters_decide(goal=goal, values=values, reason="Cotejado", actor=bisom_validator)
    poa_payload_write(
        payload=another_document(seed_payload, "poa-2023-t4-bis.txt"), actor=TEST_ACTOR
    )
    for row in goal.quarters.filter(quarter__in=decided):
        assert row.status == ValueStatus.REVIEWED
        assert (row.programmed, row.achieved) == decided[row.quarter]
        assert "document" in row.readings  # the new document's reading, beside


def test_capture_staff_import_only_the_forms_of_their_unit(seed_payload, capture_54101):
    before = written()
    with pytest.raises(PermissionDenied):
        poa_payload_write(payload=seed_payload, actor=capture_54101)
    assert written() == before
    own = of_unit(seed_payload, "54101")
    result = poa_payload_write(payload=own, actor=capture_54101)
    assert result.status == ImportStatus.IMPORTED
    assert UnitProgram.objects.get().executing_unit.code == "54101"


def test_a_second_report_of_the_same_quarter_says_what_it_replaces(
    imported, seed_payload
):
    bis = another_document(seed_payload, "poa-2023-t4-bis.txt")
    index = form_index(bis, "54101")
    goal_100 = bis.forms[index].goals[0]
    fourth = goal_100.quarters[3]  # OCT-DIC A: 1 in the seed
    quarters = replaced_at(goal_100.quarters, 3, achieved=printed(fourth.achieved, 3))
    goals = replaced_at(bis.forms[index].goals, 0, quarters=quarters)
    goals = tuple(goal for goal in goals if goal.number.value != 103)
    bis = replace(bis, forms=replaced_at(bis.forms, index, goals=goals))
    result = poa_payload_write(payload=bis, actor=TEST_ACTOR)
    found = DocumentFinding.objects.filter(document=result.document)
    replaced = found.get(code="POA-SUPERSEDED")
    assert replaced.message == (
        "Meta 100, OCT-DIC: 002_05c6b3e944b07002.txt reportó 1 programado y 1 "
        "alcanzado; este documento reporta 1 y 3, que los reemplazan."
    )
    missing = found.get(code="POA-GOAL-NOT-REPORTED")
    assert missing.message.startswith(
        "La meta 103 no está en este formato para OCT-DIC"
    )
    assert {f.code for f in result.findings} >= {
        "POA-SUPERSEDED",
        "POA-GOAL-NOT-REPORTED",
    }
