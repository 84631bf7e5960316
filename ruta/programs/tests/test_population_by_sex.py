"""A goal that says so records the population it served by sex (seed goal 502)."""

import csv
import io

import pytest
from django.urls import reverse

from ruta.programs.models import Goal, QuarterProgress
from ruta.programs.rules import (
    POPULATION_MISSING,
    POPULATION_SUM,
    population_findings,
    says_by_sex,
)
from ruta.programs.services import (
    CaptureRejected,
    QuarterEntry,
    quarter_approve,
    quarter_capture,
)

# Goal 502 and goal 505 of the seed's CDHI form, as printed.
GOAL_502 = (
    "Contribuir a disminuir la brecha de desigualdad entre hombres y mujeres, "
    "fomentando la perspectiva de género en la aplicación de nuestros programas "
    "identificando y registrando la población objetivo que atiende nuestra "
    "Entidad, desagregada por sexo."
)
GOAL_505 = (
    "Impartir pláticas a la comunidad de tipo asistencial, valores, nutrición, "
    "salud preventiva, pedagógicas, entre otras; para fomentar una cultura de "
    "salud, respeto y equidad de género."
)


def test_a_goal_says_it_registers_its_population_by_sex():
    assert says_by_sex(GOAL_502)
    assert not says_by_sex(GOAL_505)


def _codes(**kwargs):
    base = {"number": 500, "quarter": 1, "achieved": 10, "women": None, "men": None}
    base.update(kwargs)
    unit = base.pop("unit", "Persona usuaria")
    by_sex = base.pop("by_sex", True)
    return [
        f.code for f in population_findings(**base, by_sex=by_sex, unit_of_measure=unit)
    ]


def test_population_rules():
    # a goal that registers it gives both figures for a reported quarter
    assert _codes() == [POPULATION_MISSING]
    assert _codes(women=6) == [POPULATION_MISSING]
    assert _codes(achieved=None) == []
    assert _codes(by_sex=False) == []
    # people counted: women and men add up to what was achieved
    assert _codes(women=6, men=4) == []
    assert _codes(women=6, men=5) == [POPULATION_SUM]
    # a report (goal 502 counts reports): the population is its own figure
    assert _codes(unit="Informe", achieved=1, women=120, men=95) == []


def test_the_sum_finding_names_the_figures():
    (finding,) = population_findings(
        504, 4, 991, 600, 300, by_sex=True, unit_of_measure="Persona usuaria"
    )
    assert finding.message == (
        "Meta 504, OCT-DIC: 600 mujeres y 300 hombres suman 900, pero lo "
        "alcanzado es 991."
    )


@pytest.mark.usefixtures("cdhi_catalogued")
def test_the_import_marks_only_goal_502_as_registering_by_sex(imported):
    # The form prints the goal's words but no figures by sex: none are read.
    assert list(Goal.objects.filter(by_sex=True).values_list("number", flat=True)) == [
        502
    ]
    quarters = QuarterProgress.objects.filter(goal__number=502)
    assert quarters.exists()
    assert not quarters.exclude(women=None, men=None).exists()


def _capture(unit_program, values, actor):
    """Capture quarter 1: {goal number: (P, A, women, men)}."""
    return quarter_capture(
        unit_program=unit_program,
        quarter=1,
        entries=[
            QuarterEntry(
                goal.pk,
                values[goal.number][0],
                values[goal.number][1],
                "",
                women=values[goal.number][2],
                men=values[goal.number][3],
            )
            for goal in unit_program.goals.order_by("number")
        ],
        actor=actor,
    )


def test_capture_asks_women_and_men_and_publishes_them(
    programs_2024, capture_54101, bisom_validator, client
):
    direccion = programs_2024["54101"]
    Goal.objects.filter(number=100).update(by_sex=True)
    Goal.objects.filter(number=101).update(
        by_sex=True, unit_of_measure="Persona usuaria"
    )
    with pytest.raises(CaptureRejected) as rejected:
        _capture(direccion, {100: (1, 1, None, None), 101: (1, 1, 1, 1)}, capture_54101)
    assert [p.message for p in rejected.value.problems] == [
        "Meta 100 (Enero-marzo): la meta registra la población atendida por sexo; "
        "escriba cuántas mujeres y cuántos hombres atendió.",
        "Meta 101 (Enero-marzo): 1 mujeres y 1 hombres suman 2, pero lo alcanzado "
        "es 1.",
    ]
    _capture(direccion, {100: (1, 1, 120, 95), 101: (1, 1, 1, 0)}, capture_54101)
    page = client.get(reverse("programs:unit", args=[direccion.pk])).content.decode()
    assert "Mujeres atendidas" in page
    assert ">120<" not in page
    quarter_approve(unit_program=direccion, quarter=1, actor=bisom_validator)
    page = client.get(reverse("programs:unit", args=[direccion.pk])).content.decode()
    assert ">120<" in page
    assert ">95<" in page
    url = reverse("programs:data_csv", args=["avances"]) + f"?unidad={direccion.pk}"
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert {(r["goal"], r["women"], r["men"]) for r in rows} == {
        ("100", "120", "95"),
        ("101", "1", "0"),
    }
    url = reverse("programs:data_csv", args=["metas"]) + f"?unidad={direccion.pk}"
    goals = csv.DictReader(io.StringIO(client.get(url).content.decode()))
    assert {r["by_sex"] for r in goals} == {"True"}


def test_the_capture_page_shows_women_and_men_only_where_the_goal_asks(
    programs_2024, capture_54101, client
):
    direccion = programs_2024["54101"]
    goal = Goal.objects.get(unit_program=direccion, number=100)
    Goal.objects.filter(pk=goal.pk).update(by_sex=True)
    client.force_login(capture_54101)
    page = client.get(reverse("programs:capture", args=[direccion.pk])).content
    assert f'name="w_{goal.pk}"'.encode() in page
    assert f'name="m_{goal.pk}"'.encode() in page
    other = Goal.objects.get(unit_program=direccion, number=101)
    assert f'name="w_{other.pk}"'.encode() not in page
