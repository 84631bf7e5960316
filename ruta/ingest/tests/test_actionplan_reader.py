"""The action-plan reader, on the Guanajuato report and on small variations.

The report is read as the project's demonstration document on any clone,
and as the published original too when it is beside the checkout: the
tests on the report hold for both, and one compares their readings.
"""

from decimal import Decimal

import pytest

from ruta.demo.documents.action_plan_samples import TITLE, sample_report
from ruta.demo.documents.demonstration import (
    CECOP_REPORT_2024,
    DEMONSTRATIONS,
    GTO_ACTION_PLAN,
    MARK,
)
from ruta.ingest.actionplan import action_plan_read
from ruta.ingest.actionplan.text import question_pairs
from ruta.sources.findings import DocumentError
from testkit.seeds import seed_path

DEMONSTRATION = next(d for d in DEMONSTRATIONS if d.seed == GTO_ACTION_PLAN)
AGENCIES = {
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


def demonstration_plan():
    return action_plan_read(DEMONSTRATION.text(), name=DEMONSTRATION.file_name)


def seed_plan():
    path = seed_path(GTO_ACTION_PLAN)
    return action_plan_read(path.read_text(encoding="utf-8"), name=path.name)


@pytest.fixture(scope="module", params=["demonstration", "seed"])
def report(request):
    """The report as read from each document (the seed's only when it is there)."""
    return demonstration_plan() if request.param == "demonstration" else seed_plan()


def minimal(progress="Se tiene un 50% de avance.", answer="Diseño", web="No"):
    text = MINIMAL.format(progress=progress, answer=answer, web=web)
    return action_plan_read(text, name="plan.txt")


def codes(plan):
    return [finding.code for finding in plan.findings]


def test_seven_commitments_with_the_table_agencies(report):
    read = {c.name: c.agency.rsplit("(", 1)[1].rstrip(")") for c in report.commitments}
    assert read == AGENCIES


def test_progress_is_what_each_section_states(report):
    progress = {c.number: c.progress_pct for c in report.commitments}
    assert progress == {
        1: Decimal(40),
        2: None,
        3: None,
        4: Decimal(80),
        5: None,
        6: None,
        7: Decimal(80),
    }


def test_questionnaire_answers_per_commitment(report):
    counts = [len(c.answers) for c in report.commitments]
    assert counts == [0, 0, 11, 4, 8, 8, 0]


def test_three_column_cell_splits_into_its_questions(report):
    iplaneg = report.commitments[2]
    first = [a for a in iplaneg.answers if a.indicator == "Número de conjunto de datos"]
    assert len(first) == 4
    assert first[2].answer == "0"
    assert first[3].answer.startswith("A los 46 municipios del estado")
    assert first[2].question.startswith("¿Cuántos cursos")
    assert first[3].question.startswith("¿A qué municipios y sectores")


def test_four_column_table_takes_evidence_as_the_answer(report):
    sedeshu = report.commitments[3]
    assert sedeshu.answers[1].indicator == "Nivel de uso (peticiones)"
    assert "10,309" in sedeshu.answers[1].answer
    assert "80%" in sedeshu.answers[0].answer


def test_activities_actions_and_deliverables(report):
    sicom = report.commitments[1]
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
    platforms = sicom.activities[2]
    assert [s.name for s in platforms.steps] == [
        "Análisis",
        "Diseño",
        "Desarrollo",
        "Pruebas",
        "Implementación",
        "Plataformas electrónicas",
    ]
    assert "DevExpress" in platforms.resources
    assert "chatbot" in sicom.next_step


def test_evidence_links(report):
    assert report.commitments[0].evidence_links == (
        "https://finanzas.guanajuato.gob.mx/#/",
    )
    web = [a for a in report.commitments[4].answers if a.indicator == "Presencia Web"]
    assert web[0].links == ("http://facebook.com/desarrolloinfantilguajuato",)


def test_findings_name_what_does_not_hold_together(report):
    assert sorted(codes(report)) == [
        "agency_differs",
        "agency_differs",
        "answer_empty",
        "answer_not_applicable",
        "section_untitled",
        "section_untitled",
    ]
    differ = [f for f in report.findings if f.code == "agency_differs"]
    assert {f.values["section"] for f in differ} == {
        "Secretaría de la Transparencia y Rendición de Cuentas (STyRC)",
        "Coordinación General de Información Estratégica (CGIE)",
    }
    assert all("line" in f.where for f in report.findings)


def test_untitled_sections_by_agency_and_by_position(report):
    untitled = {
        f.values["commitment"]: f.values["by"]
        for f in report.findings
        if f.code == "section_untitled"
    }
    assert untitled == {
        "Políticas públicas con participación social": "agency",
        "Comunicación con la ciudadanía Conéctate GTO": "position",
    }


def test_state_and_latest_date(report):
    assert report.state == "GUANAJUATO"
    assert report.latest_date.isoformat() == "2020-02-05"


# ---------------------------------------------------------------- the two documents


def test_demonstration_mark_is_not_taken_for_the_title():
    assert DEMONSTRATION.text().startswith(MARK)
    assert demonstration_plan().title == TITLE


def test_demonstration_answers_are_read_as_written():
    """Every answer the data hold is read back with its indicator and question."""
    written = [
        [
            (row.indicator, answer.question, answer.answer)
            for row in commitment.section.questionnaire.rows
            for answer in row.answers
        ]
        if commitment.section.questionnaire
        else []
        for commitment in sample_report().commitments
    ]
    read = [
        [(a.indicator, a.question, a.answer) for a in c.answers]
        for c in demonstration_plan().commitments
    ]
    assert read == written


def reading(plan):
    """Return what a reading says, leaving out the wording of its prose."""
    return {
        "title": plan.title,
        "state": plan.state,
        "latest_date": plan.latest_date,
        "commitments": [
            (
                c.number,
                c.name,
                c.agency,
                c.section_title,
                c.section_agency,
                c.progress_pct,
                c.evidence_links,
                [(a.category, a.indicator) for a in c.answers],
                [
                    (a.name, [(s.kind, s.name) for s in a.steps[:-1]])
                    for a in c.activities
                ],
            )
            for c in plan.commitments
        ],
        "findings": [
            (f.code, f.severity, {k: v for k, v in f.values.items() if k != "answer"})
            for f in plan.findings
        ],
    }


def test_demonstration_reads_as_the_seed():
    """Same commitments, agencies, progress, questionnaire rows and findings.

    The prose is worded apart: descriptions, answers, and the name of a
    deliverable.
    """
    assert reading(demonstration_plan()) == reading(seed_plan())


# ---------------------------------------------------------------- variations


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
    cecop = next(d for d in DEMONSTRATIONS if d.seed == CECOP_REPORT_2024)
    with pytest.raises(DocumentError, match="no commitments table"):
        action_plan_read(cecop.text(), name=cecop.file_name)


def test_a_line_above_the_title_is_not_taken_for_it():
    text = "GOBIERNO ABIERTO\n\n" + MINIMAL.format(progress="", answer="x", web="y")
    plan = action_plan_read(text, name="plan.txt")
    assert plan.title == "AVANCE DEL PLAN DE ACCIÓN LOCAL DEL ESTADO DE GUANAJUATO"
    assert plan.state == "GUANAJUATO"


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
