"""The question box, checked with a set of Spanish questions and their answers.

The asked_works below has known figures; each question names the figure its
answer must give (to the centavo) and what it must cite, or that the box
must decline.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from ruta.indicators.models import DirectionChoice
from ruta.portal.questions import answers
from ruta.portal.questions.answers import answer_question
from ruta.portal.questions.parse import Slot, name_aliases
from ruta.portal.questions.vocabulary import question_vocabulary
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    Program,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import WorkPublication
from testkit.factories.catalog import (
    AgencyFactory,
    MunicipalityFactory,
    StateFactory,
)
from testkit.factories.indicators import IndicatorCardFactory, IndicatorResultFactory
from testkit.factories.works import (
    FiscalYearFactory,
    ProgressFactory,
    WorkFactory,
    WorksProgramFactory,
)

OPA_SHA = "a" * 64


@pytest.fixture
def asked_works(sonora, hermosillo, cajeme, settings):
    """Six published works in four municipalities, two programs and two years."""
    settings.RUTA_STATE = "26"
    alamos = MunicipalityFactory(code="26003", name="Álamos", state=sonora)
    slrc = MunicipalityFactory(code="26055", name="San Luis Río Colorado", state=sonora)
    MunicipalityFactory(code="26049", name="Quiriego", state=sonora)
    jalisco = StateFactory(code="14", name="Jalisco", abbreviation="Jal.")
    MunicipalityFactory(code="14039", name="Guadalajara", state=jalisco)
    tsam = WorksProgramFactory()
    indigena = WorksProgramFactory(
        code="infraestructura-indigena",
        name="Programa de Infraestructura Indígena",
        acronym="PII",
    )
    y2023 = FiscalYearFactory(year=2023)

    def work(**kwargs):
        return WorkFactory(published=True, **kwargs)

    vado = work(
        public_id="GSE-2024-0001",
        title="Vado en El Paso",
        municipality=alamos,
        program=tsam,
        total_investment=Decimal("1200000.00"),
    )
    ProgressFactory(
        work=vado,
        date=date(2024, 6, 30),
        physical_percent=Decimal("45.50"),
        amount_paid=Decimal("300000.00"),
    )
    work(municipality=alamos, program=indigena, total_investment=Decimal("800000.00"))
    work(
        municipality=alamos,
        program=tsam,
        fiscal_year=y2023,
        total_investment=Decimal("500000.00"),
    )
    work(municipality=hermosillo, program=tsam, total_investment=Decimal("2500000.50"))
    work(municipality=cajeme, program=indigena, total_investment=Decimal("1000000.00"))
    canal = work(
        public_id="SLRC-2023-0006",
        title="Revestimiento de canal",
        municipality=slrc,
        program=indigena,
        fiscal_year=y2023,
        total_investment=Decimal("750000.25"),
    )
    document = SourceDocument.objects.create(
        sha256=OPA_SHA, kind=DocumentKind.WORKS_OPA, name="opa-2023-t4.csv"
    )
    WorkPublication.objects.create(
        work=canal,
        document=document,
        row_number=12,
        as_of=date(2023, 12, 31),
        title=canal.title,
        physical_progress=Decimal("80.00"),
    )
    WorkFactory(municipality=hermosillo, total_investment=Decimal("9999999.00"))
    committees = IndicatorCardFactory(
        name="Porcentaje de comités ciudadanos integrados"
    )
    IndicatorResultFactory(card=committees, year=2024, value=Decimal("95"))
    response_time = IndicatorCardFactory(
        name="Tiempo promedio de respuesta a solicitudes",
        direction=DirectionChoice.DESCENDING,
        baseline_value=Decimal("10"),
        value_unit="number",
    )
    IndicatorResultFactory(card=response_time, year=2024, value=Decimal("12"))
    return {"committees": committees, "response_time": response_time}


ANSWERS = [
    # How much was invested: municipality, program, year and combinations.
    ("¿Cuánto se invirtió en Álamos?", "$2,500,000.00", "municipality=26003"),
    ("¿Cuánto se invirtió en alamos en 2024?", "$2,000,000.00", "year=2024"),
    ("cuanto dinero se gastó en Álamos en 2023", "$500,000.00", "year=2023"),
    ("¿Cuánto se invirtió en 2024?", "$5,500,000.50", "year=2024"),
    ("¿Cuánto se invirtió en 2023?", "$1,250,000.25", "year=2023"),
    ("¿Cuánta inversión hubo en Hermosillo?", "$2,500,000.50", "municipality=26030"),
    ("¿Cuánto se invirtió en Cajeme en 2024?", "$1,000,000.00", "municipality=26018"),
    ("¿Cuánto se invirtió en San Luis Río Colorado?", "$750,000.25", "26055"),
    (
        "¿Cuánto dinero se destinó al Programa de Infraestructura Indígena?",
        "$2,550,000.25",
        "program=infraestructura-indigena",
    ),
    (
        "¿Cuánto se invirtió en el Programa Transforma Sonora en Apoyo a los "
        "Municipios en 2024?",
        "$3,700,000.50",
        "program=transforma-sonora-apoyo-municipios",
    ),
    (
        "¿Cuánto se invirtió en Álamos con el programa de infraestructura indígena?",
        "$800,000.00",
        "program=infraestructura-indigena",
    ),
    ("¿Qué monto de inversión tiene Cajeme?", "$1,000,000.00", "26018"),
    # A program by the first words of its name, or by its acronym.
    ("¿cuánto se invirtió en transforma sonora?", "$4,200,000.50", "program=trans"),
    ("¿Cuánto se invirtió en el TSAM en 2023?", "$500,000.00", "program=trans"),
    ("¿Cuánto se invirtió en el PII?", "$2,550,000.25", "program=infra"),
    ("cuanto se ha gastado en obras", "$6,750,000.75", "/obras/"),
    ("¿Cuántos pesos se invirtieron en Hermosillo en 2024?", "$2,500,000.50", "26030"),
    # A municipality of the state without works: zero, not the state's total.
    ("¿Cuánto se invirtió en Quiriego?", "Se invirtieron $0.00 en Quiriego", "26049"),
    # How many works.
    ("¿Cuántas obras hay en Álamos?", "Hay 3 obras registradas", "26003"),
    ("¿Cuántas obras hay en 2024?", "Hay 4 obras registradas", "year=2024"),
    ("¿cuantas obras tiene hermosillo?", "Hay 1 obra registrada", "26030"),
    ("Número de obras en Cajeme en 2023", "Hay 0 obras registradas", "26018"),
    (
        "¿Cuántas obras del programa de infraestructura indígena hay?",
        "Hay 3 obras registradas",
        "infraestructura-indigena",
    ),
    # Which works a place has.
    ("¿Qué obras hay en Álamos?", "Hay 3 obras publicadas", "26003"),
    ("¿Cuáles obras se hicieron en Hermosillo en 2024?", "Hay 1 obra", "26030"),
    ("obras en San Luis Río Colorado", "Hay 1 obra", "26055"),
    ("lista de obras de Cajeme", "Hay 1 obra", "26018"),
    (
        "¿Qué obras tiene el programa de infraestructura indígena en 2024?",
        "Hay 2 obras",
        "year=2024",
    ),
    # A work's progress, by folio.
    (
        "¿Cuál es el avance de la obra GSE-2024-0001?",
        "45.50 % de avance físico y $300,000.00 pagados al 30/06/2024",
        "/obras/GSE-2024-0001/",
    ),
    ("avance de gse-2024-0001", "45.50 %", "/obras/GSE-2024-0001/"),
    ("¿Cómo va la obra GSE-2024-0001?", "45.50 %", "/obras/GSE-2024-0001/"),
    (
        "¿Qué avance tiene la obra SLRC-2023-0006?",
        "80.00 % de avance físico según el archivo publicado al 31/12/2023",
        f"/documentos/{OPA_SHA}/",
    ),
    # An indicator's semáforo.
    (
        "¿Cuál es el semáforo del indicador de comités ciudadanos?",
        "marca 95% en 2024 frente a su línea base",
        "#indicador-",
    ),
    (
        "¿Cómo va el indicador porcentaje de comités ciudadanos integrados?",
        "semáforo verde",
        "#indicador-",
    ),
    (
        "semáforo del tiempo promedio de respuesta a solicitudes",
        "marca 12 en 2024",
        "#indicador-",
    ),
]

DECLINED = [
    ("¿Cuál es el avance de la obra XYZ-2024-9999?", "No hay una obra publicada"),
    ("¿Cuál es el avance de la obra?", "escriba su folio"),
    # The one work of Hermosillo here is found by its place; it has no progress.
    ("avance de la obra de Hermosillo", "Entendí que pregunta por la obra OBRA-2024-"),
    (
        "¿Cuál es el semáforo del indicador de becas escolares?",
        "No entendí «becas», «escolares»",
    ),
    ("", "Escriba una pregunta."),
    ("¿Quién es el gobernador?", "No entendí «gobernador»"),
    ("'; DROP TABLE works_work; --", "No entendí «DROP»"),
    ("¿Cuánto se invirtió en 2019?", "No hay obras publicadas del ejercicio 2019"),
    ("x" * 301, "demasiado larga"),
    (
        "¿Cuánto se invirtió en Álamos en 2023 y 2024?",
        "«ejercicio»: pregunte por uno a la vez",
    ),
    (
        "¿Cuánto se invirtió en Hermosillo y Cajeme?",
        "«municipio»: pregunte por uno a la vez",
    ),
    ("¿Cuánto se invirtió en Guadalajara?", "no es de este estado"),
]


@pytest.mark.parametrize(("question", "figure", "cited"), ANSWERS)
def test_the_box_answers_with_the_figure_and_its_source(
    asked_works, question, figure, cited
):
    answer = answer_question(question)
    assert answer.answered, answer.text
    assert figure in answer.text
    assert any(cited in citation.url for citation in answer.sources), answer.sources


@pytest.mark.parametrize(("question", "reason"), DECLINED)
def test_the_box_says_plainly_what_it_cannot_answer(asked_works, question, reason):
    answer = answer_question(question)
    assert not answer.answered
    assert reason in answer.text
    assert answer.works == []


@pytest.mark.parametrize(
    "question",
    [
        "¿Cuál es el presupuesto autorizado de 2024?",
        "¿Cuánto dinero se aprobó en 2024?",
        "¿Cuánto se ha ejercido en 2024?",
    ],
)
def test_a_budget_moment_is_never_answered_with_a_works_money_group(
    asked_works, question
):
    answer = answer_question(question)
    assert answer.answered, answer.text
    assert answer.asked == "budget"
    labels = [figure.label for figure in answer.figures]
    assert "Aprobado (obras)" in labels
    assert not any("liberar" in label for label in labels)
    assert answer.sources[0].url.startswith(reverse("portal:budget"))


def test_a_budget_moment_of_a_place_is_declined_citing_the_budget_page(
    asked_works,
):
    answer = answer_question("presupuesto modificado de Álamos")
    assert not answer.answered
    assert [citation.url for citation in answer.sources] == [reverse("portal:budget")]


def test_the_set_has_at_least_forty_questions():
    assert len(ANSWERS) + len(DECLINED) >= 40


def test_a_program_named_programa_is_not_called_programa_twice(asked_works):
    text = answer_question(
        "¿Cuánto se invirtió en el Programa Transforma Sonora en Apoyo a los "
        "Municipios?"
    ).text
    assert "del Programa Transforma Sonora en Apoyo a los Municipios" in text
    assert "programa Programa" not in text


def test_unpublished_works_never_count(asked_works):
    assert "$2,500,000.50" in answer_question("¿Cuánto se invirtió en Hermosillo?").text


def test_an_injection_attempt_changes_nothing(asked_works):
    answer_question("'; DROP TABLE works_work; --")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM works_work")
        assert cursor.fetchone()[0] == 7


def test_every_citation_of_every_answer_opens(client, asked_works):
    urls = {
        citation.url
        for question, _figure, _cited in ANSWERS
        for citation in answer_question(question).sources
    }
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_the_page_answers_and_escapes_what_it_did_not_understand(client, asked_works):
    response = client.get(
        reverse("portal:question"),
        {"q": "<script>alert(1)</script> ¿cuánto se invirtió en Álamos?"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    # Declined, naming the words it did not understand, escaped.
    assert "Sin respuesta" in page
    assert "&laquo;script&raquo;" in page or "«script»" in page
    assert "<script>alert(1)</script>" not in page
    answered = client.get(
        reverse("portal:question"), {"q": "¿cuánto se invirtió en Álamos?"}
    ).content.decode()
    assert "$2,500,000.00" in answered
    assert "Fuentes" in answered


def test_an_empty_or_huge_question_is_an_error_at_the_field(client, asked_works):
    empty = client.get(reverse("portal:question"), {"q": ""})
    assert empty.status_code == 400
    huge = client.get(reverse("portal:question"), {"q": "x" * 301})
    assert huge.status_code == 400
    assert 'id="id_q-error"' in huge.content.decode()


def test_the_page_without_a_question_offers_examples(client, asked_works):
    page = client.get(reverse("portal:question")).content.decode()
    assert "GSE-2024-0001" in page


def test_a_program_is_known_by_its_name_its_acronym_or_its_first_words():
    names = name_aliases(
        [
            ("tsam", "Programa Transforma Sonora en Apoyo a los Municipios", "TSAM"),
            ("indigena", "Programa de Infraestructura Indígena", ""),
            ("agua-1", "Programa Agua Limpia Rural", ""),
            ("agua-2", "Programa Agua Limpia Urbana", ""),
            ("otro", "Programa Otro", "TSAM"),
        ]
    )
    assert names["transforma sonora"] == "tsam"
    assert "tsam" not in names  # two programs print the same acronym
    assert names["infraestructura indigena"] == "indigena"
    assert "agua limpia" not in names  # two programs start the same way
    assert names["programa agua limpia rural"] == "agua-1"


@pytest.mark.parametrize("few_works", [20_000, 0], ids=["few", "many"])
def test_a_file_is_cited_for_the_works_it_published_however_many_are_asked_of(
    asked_works, monkeypatch, few_works
):
    monkeypatch.setattr(answers, "FEW_WORKS", few_works)
    canal = answer_question("¿Cuánto se invirtió en San Luis Río Colorado?")
    elsewhere = answer_question("¿Cuánto se invirtió en Hermosillo?")
    assert any(OPA_SHA in citation.url for citation in canal.sources), canal.sources
    assert not any(OPA_SHA in citation.url for citation in elsewhere.sources)


def test_an_agency_is_known_when_it_or_a_child_executed_a_published_work(
    asked_works, hermosillo
):
    parent = AgencyFactory(code="sonora-sidur", name="Secretaría de Infraestructura")
    child = AgencyFactory(code="sonora-juntas", name="Junta de Caminos", parent=parent)
    idle = AgencyFactory(code="sonora-idle", name="Oficina sin Obras Publicadas")
    WorkFactory(published=True, executing_agency=child, municipality=hermosillo)
    WorkFactory(executing_agency=idle, municipality=hermosillo)
    known = set(question_vocabulary().names[Slot.AGENCY].values())
    assert {"sonora-sidur", "sonora-juntas"} <= known
    assert "sonora-idle" not in known


def _goal_101(year: int, agency) -> None:
    """Write a POA of ``year`` with its goal 101, as two years' POAs number them."""
    ramo, _ = Ramo.objects.get_or_create(
        code="99", defaults={"name": "Ramo de prueba", "agency": agency}
    )
    unit, _ = ExecutingUnit.objects.get_or_create(
        ramo=ramo, code="99101", defaults={"name": "Dirección", "agency": agency}
    )
    program = Program.objects.create(
        fiscal_year=FiscalYearFactory(year=year), ramo=ramo, code="901", name="P"
    )
    unit_program = UnitProgram.objects.create(
        program=program, executing_unit=unit, status=ValueStatus.VERIFIED
    )
    Goal.objects.create(
        unit_program=unit_program,
        number=101,
        description="Celebrar convenios con la sociedad civil",
        unit_of_measure="Convenio",
        annual_target=4,
        status=ValueStatus.VERIFIED,
    )


def test_a_goal_number_of_two_years_asks_back_with_each_year_as_a_link(
    asked_works,
):
    agency = AgencyFactory()
    _goal_101(2023, agency)
    _goal_101(2024, agency)
    answer = answer_question("¿Cuál es el avance de la meta 101?")
    assert not answer.answered
    assert "Varios coinciden" in answer.text
    assert answer.suggestions == [
        "¿Cuál es el avance de la meta 101 de 2023?",
        "¿Cuál es el avance de la meta 101 de 2024?",
    ]
    for suggestion in answer.suggestions:
        chosen = answer_question(suggestion)
        assert chosen.answered, chosen.text
        assert f"del POA {suggestion[-5:-1]}" in chosen.text
