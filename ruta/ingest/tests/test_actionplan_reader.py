"""The action-plan reader, on the Guanajuato report and on small variations."""

from decimal import Decimal

import pytest

from ruta.ingest.actionplan import action_plan_read
from ruta.ingest.actionplan.text import question_pairs
from ruta.sources.findings import DocumentError
from testkit.cecop import demonstration_document
from testkit.seeds import GTO_ACTION_PLAN, seed_path

SEED_AGENCIES = {
    "Portal Estatal de Transparencia Presupuestaria": "SFIA",
    "Guanajuato Construye": "SICOM",
    "Políticas públicas con participación social": "IPLANEG",
    "Plataforma de la Estrategia Impulso Social": "SEDESHU",
    "Impulsando tu crecimiento": "SSG - ISAPEG",
    "Consulta pública sobre propuestas regulatorias como parte de su proceso de "
    "mejora": "STRC",
    "Comunicación con la ciudadanía Conéctate GTO": "SG",
}

MINIMAL = """AVANCE DEL PLAN DE ACCIÓN LOCAL DEL ESTADO DE GUANAJUATO

NOMBRE DEL COMPROMISO\tDEPENDENCIA
Portal Uno\tSecretaría Uno (SU)
Portal Dos\tSecretaría Dos (SD)

PORTAL UNO

- **Secretaría Uno (SU)**

Descripción del portal.

- **Objetivo Principal**

Publicar datos.

- **Avance del compromiso**

{progress}

Categoría\tIndicador\tInformación
Conjunto de datos disponibles\tConjunto de datos\t¿En qué etapa está? {answer}
\tPresencia Web\t{web}
"""


@pytest.fixture(scope="module")
def seed_plan():
    path = seed_path(GTO_ACTION_PLAN)
    return action_plan_read(path.read_text(encoding="utf-8"), name=path.name)


def minimal(progress="Se tiene un 50% de avance.", answer="Diseño", web="No"):
    text = MINIMAL.format(progress=progress, answer=answer, web=web)
    return action_plan_read(text, name="plan.txt")


def codes(plan):
    return [finding.code for finding in plan.findings]


def test_seed_has_seven_commitments_with_the_table_agencies(seed_plan):
    read = {
        c.name: c.agency.rsplit("(", 1)[1].rstrip(")") for c in seed_plan.commitments
    }
    assert read == SEED_AGENCIES


def test_seed_progress_is_what_each_section_states(seed_plan):
    progress = {c.number: c.progress_pct for c in seed_plan.commitments}
    assert progress == {
        1: Decimal(40),
        2: None,
        3: None,
        4: Decimal(80),
        5: None,
        6: None,
        7: Decimal(80),
    }


def test_seed_questionnaire_answers_per_commitment(seed_plan):
    counts = [len(c.answers) for c in seed_plan.commitments]
    assert counts == [0, 0, 11, 4, 8, 8, 0]


def test_seed_three_column_cell_splits_into_its_questions(seed_plan):
    iplaneg = seed_plan.commitments[2]
    first = [a for a in iplaneg.answers if a.indicator == "Número de conjunto de datos"]
    assert [a.answer for a in first][2:] == [
        "0",
        "A los 46 municipios del estado para la conformación de los COPLADEM.",
    ]
    assert first[2].question == (
        "¿Cuántos cursos se han realizado para el desarrollo de las capacidades "
        "de participación?"
    )


def test_seed_four_column_table_takes_evidence_as_the_answer(seed_plan):
    sedeshu = seed_plan.commitments[3]
    assert (sedeshu.answers[1].indicator, sedeshu.answers[1].answer) == (
        "Nivel de uso (peticiones)",
        "Número de visitas a páginas 10,309",
    )


def test_seed_activities_actions_and_deliverables(seed_plan):
    sicom = seed_plan.commitments[1]
    names = [activity.name for activity in sicom.activities]
    assert names == [
        "Desarrollo del anteproyecto",
        "Data Warehouse y BI",
        "Diseño e implementación de las plataformas",
    ]
    warehouse = sicom.activities[1]
    assert [s.name for s in warehouse.steps if s.kind == "action"] == [
        "Extracción",
        "Transformación",
        "Procesamiento",
        "Carga de Información",
    ]
    assert [s.name for s in warehouse.steps if s.kind == "deliverable"] == [
        "Modelo integrado de BI"
    ]
    assert "BI Solutions de Dimensional Insight" in warehouse.resources
    assert sicom.next_step.startswith("Analizar durante las próximas semanas")


def test_seed_evidence_links(seed_plan):
    assert seed_plan.commitments[0].evidence_links == (
        "https://finanzas.guanajuato.gob.mx/#/",
    )
    web = [
        a for a in seed_plan.commitments[4].answers if a.indicator == "Presencia Web"
    ]
    assert web[0].links == ("http://facebook.com/desarrolloinfantilguajuato",)


def test_seed_findings_name_what_does_not_hold_together(seed_plan):
    assert sorted(codes(seed_plan)) == [
        "agency_differs",
        "agency_differs",
        "answer_empty",
        "answer_not_applicable",
        "section_untitled",
        "section_untitled",
    ]
    differ = [f for f in seed_plan.findings if f.code == "agency_differs"]
    assert {f.values["section"] for f in differ} == {
        "Secretaría de la Transparencia y Rendición de Cuentas (STyRC)",
        "Coordinación General de Información Estratégica (CGIE)",
    }
    assert all("line" in f.where for f in seed_plan.findings)


def test_seed_untitled_sections_by_agency_and_by_position(seed_plan):
    untitled = {
        f.values["commitment"]: f.values["by"]
        for f in seed_plan.findings
        if f.code == "section_untitled"
    }
    assert untitled == {
        "Políticas públicas con participación social": "agency",
        "Comunicación con la ciudadanía Conéctate GTO": "position",
    }


def test_seed_state_and_latest_date(seed_plan):
    assert seed_plan.state == "GUANAJUATO"
    assert seed_plan.latest_date.isoformat() == "2020-02-05"


def test_percentage_stated_twice_differently_leaves_progress_unknown():
    plan = minimal(
        progress="Vamos en 40% del portal.", answer="Se tiene un 60% de avance"
    )
    assert plan.commitments[0].progress_pct is None
    assert "progress_stated_differently" in codes(plan)


def test_percentage_stated_twice_alike_is_kept():
    plan = minimal(progress="Vamos en 60%.", answer="Se tiene un 60% de avance")
    assert plan.commitments[0].progress_pct == Decimal(60)
    assert "progress_stated_differently" not in codes(plan)


def test_commitment_in_table_without_section_is_a_finding():
    plan = minimal()
    second = plan.commitments[1]
    assert (second.name, second.progress_pct, second.answers) == (
        "Portal Dos",
        None,
        (),
    )
    assert "commitment_without_section" in codes(plan)


def test_section_not_in_table_is_a_finding():
    text = MINIMAL.format(progress="", answer="x", web="y").replace(
        "PORTAL UNO\n", "PORTAL TRES\n"
    )
    plan = action_plan_read(text, name="plan.txt")
    assert "section_not_in_table" in codes(plan)
    assert "commitment_without_section" in codes(plan)


def test_empty_and_not_applicable_answers_are_findings():
    plan = minimal(answer="", web="N/A")
    assert codes(plan).count("answer_empty") == 1
    assert codes(plan).count("answer_not_applicable") == 1


def test_two_questions_without_answer_between_are_one():
    pairs = question_pairs("¿Existe alguna? ¿Cuáles? La de siempre")
    assert pairs == [("¿Existe alguna? ¿Cuáles?", "La de siempre")]


def test_question_mark_inside_a_link_does_not_split():
    pairs = question_pairs("¿Dónde? En https://example.org/?q=1 y ya")
    assert pairs == [("¿Dónde?", "En https://example.org/?q=1 y ya")]


def test_foreign_document_is_refused():
    report = demonstration_document()  # the CECOP annual report
    with pytest.raises(DocumentError, match="no commitments table"):
        action_plan_read(report.text, name=report.name)


def test_table_row_without_agency_is_refused_naming_the_line():
    text = MINIMAL.format(progress="", answer="", web="").replace(
        "Portal Dos\tSecretaría Dos (SD)", "Portal Dos\t"
    )
    with pytest.raises(DocumentError) as error:
        action_plan_read(text, name="plan.txt")
    assert (error.value.line, error.value.row) == (5, 2)


def test_table_without_sections_is_refused():
    text = "NOMBRE DEL COMPROMISO\tDEPENDENCIA\nUno\tSecretaría (S)\n\nNada más.\n"
    with pytest.raises(DocumentError, match="no commitment section"):
        action_plan_read(text, name="plan.txt")
