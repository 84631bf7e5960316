"""Reconciling the copies of the Mexicali TMM-F004 forms into one form per unit."""

from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ruta.ingest.poa import (
    ReconciledForm,
    ReconciledGoal,
    Source,
    Status,
    printed_row,
    read_copies,
    reconcile_copies,
    relative_percent,
)
from ruta.ingest.poa.alignment import RowFigures
from ruta.ingest.poa.quarters import settle
from ruta.programs.rules import Accumulation, accumulate
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path

SOURCE = "mexicali-poa-2023-q4.txt"
VERIFIED, RECONCILED, REVIEW = Status.VERIFIED, Status.RECONCILED, Status.NEEDS_REVIEW
CDHI = "DEPARTAMENTO DE CENTROS DE DESARROLLO HUMANO INTEGRAL"


@cache
def seed_text() -> str:
    return seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")


@cache
def seed_forms() -> tuple[ReconciledForm, ...]:
    return tuple(reconcile_copies(read_copies(seed_text(), source_name=SOURCE)))


def form(unit: str) -> ReconciledForm:
    """Return the form of unit code ``unit`` (or unit name, when no code)."""
    return next(
        f
        for f in seed_forms()
        if unit in (f.executing_unit.code.value, f.executing_unit.name.value)
    )


def goal(unit: str, number: int) -> ReconciledGoal:
    return form(unit).goal(number)


def cells(g: ReconciledGoal) -> list[tuple[int | None, int | None]]:
    return [(q.programmed.value, q.achieved.value) for q in g.quarters]


def statuses(g: ReconciledGoal) -> str:
    marks = {VERIFIED: "v", RECONCILED: "r", REVIEW: "?"}
    return "".join(
        marks[r.status] for q in g.quarters for r in (q.programmed, q.achieved)
    )


def seed_cells(line: int) -> list[str]:
    """Return the figures a seed line prints after the unit of measure."""
    cells = seed_text().splitlines()[line - 1].split("\t")
    at = next(i for i, c in enumerate(cells) if c.strip().endswith("%"))
    return [c.strip() for c in cells[at - 10 : at + 1]]


# ---------------------------------------------------------------- the forms


def test_five_executing_units_each_goal_once():
    goals = {
        f.executing_unit.code.value or f.executing_unit.name.value: [
            g.number.value for g in f.goals
        ]
        for f in seed_forms()
    }
    assert goals == {
        "54101": [100, 101, 102, 103],
        "54102": list(range(200, 208)),
        "54201": list(range(300, 314)),
        "54202": list(range(400, 408)),
        CDHI: list(range(500, 511)),
    }


def test_copies_are_grouped_by_unit_code_then_by_name():
    assert [f.copies for f in seed_forms()] == [
        (1, 2, 3),  # copy 3 prints "DIRECCIÓN" without the code
        (4, 5, 6),
        (7, 8, 9),
        (10, 11, 12, 13),
        (14, 15, 16),  # no copy prints the unit code
    ]


def test_header_codes_are_kept_as_printed():
    direccion = form("54101")
    assert direccion.ramo.code.value == "54"
    assert direccion.program.code.value == "511"
    assert direccion.finalidad.code.value == "2"
    assert [e.code.value for e in direccion.ejes] == ["2", "3", "4"]
    assert direccion.period.value.label == "OCTUBRE-DICIEMBRE 2023"
    assert (direccion.period.value.year, direccion.period.value.quarter) == (2023, 4)


def test_a_code_lost_in_one_copy_is_reconciled_by_the_others():
    unit = form("54101").executing_unit.code
    assert (unit.value, unit.status, unit.rule) == ("54101", RECONCILED, "majority")


def test_a_code_printed_beside_the_wrong_label_is_outvoted():
    program = form("54202").program.code
    assert (program.value, program.status) == ("542", RECONCILED)
    assert program.sources == (Source(11, 580), Source(12, 626), Source(13, 672))


def test_the_unit_code_no_copy_prints_is_left_empty_for_review():
    unit = form(CDHI).executing_unit
    assert unit.code.value is None
    assert unit.code.status == REVIEW
    assert "no copy prints" in unit.code.reason
    assert unit.name.status == VERIFIED


def test_a_code_only_other_forms_print_is_taken_from_the_document():
    ramo = form(CDHI).ramo
    assert (ramo.code.value, ramo.code.rule) == ("54", "document_context")
    assert ramo.name.value == "BIENESTAR SOCIAL MUNICIPAL (BISOM)"  # not BESOM
    assert form(CDHI).program.code.value == "542"


def test_a_period_no_copy_prints_comes_from_the_document():
    period = form("54102").period
    assert period.value.label == "OCTUBRE-DICIEMBRE 2023"
    assert (period.status, period.rule) == (RECONCILED, "document_context")


def test_shifted_header_labels_are_outvoted():
    admin = form("54102")
    assert admin.subfuncion.name.value == "DESARROLLO COMUNITARIO"
    assert admin.subfuncion.name.status == RECONCILED
    assert [e.code.value for e in admin.ejes] == ["4"]
    assert len(admin.lines_of_action) == 11


# ---------------------------------------------------------------- names


def test_program_responsible_spelling_is_the_documents_majority():
    for unit in ("54101", "54201"):
        person = form(unit).persons.program
        assert person.value == "CARLOS ROMERO ASCENCIO"
        assert (person.status, person.rule) == (RECONCILED, "document_majority")
    discarded = {a.value for a in form("54101").persons.program.discarded}
    assert discarded == {"CARLOS ROMERO ASCENCO", "CARLOS ROMERO ASCÁNCIO"}
    assert {a.value for a in form("54201").persons.program.discarded} == {
        "CARLOS ROMERO ASCENZO"
    }


def test_a_different_surname_is_outvoted_within_the_form():
    person = form(CDHI).persons.program
    assert (person.value, person.rule) == ("CARLOS ROMERO ASCENCIO", "majority")
    assert [a.value for a in person.discarded] == ["CARLOS ROMERO ESPINOSA"]


def test_a_name_with_three_readings_and_no_majority_is_left_for_review():
    person = form(CDHI).persons.executing_unit
    assert person.value is None
    assert person.status == REVIEW
    assert {c.value for c in person.candidates} == {
        "HOMERO SARMIENTO AGUILERA",
        "HOMERO GAMANTE AGUILAN",
        "HOMERO SAMANTEGO AGUILAR",
    }


def test_line_of_action_names_follow_the_majority_spelling():
    line = next(e for e in form("54102").lines_of_action if e.code.value == "4.2.4")
    assert line.name.value == "CIUDADANÍA INFORMADA"
    assert [a.value for a in line.name.discarded] == ["CIDADADANÍA INFORMADA"]


# ---------------------------------------------------------------- goals


def test_goal_101_is_resolved_by_majority_and_arithmetic():
    g = goal("54101", 101)
    assert cells(g) == [(1, 4), (1, 1), (1, 4), (1, 2)]
    assert (g.absolute.value, g.relative_pct.value) == (11, Decimal("275"))
    assert statuses(g) == "vrvvvrvr"
    achieved = g.quarters[0].achieved
    assert achieved.rule == "majority_and_arithmetic"
    assert achieved.sources == (Source(1, 48), Source(2, 111))
    assert [(a.value, a.sources) for a in achieved.discarded] == [
        (1, (Source(3, 156),))
    ]


def test_goal_308_is_realigned_from_shifted_and_lost_cells():
    g = goal("54201", 308)
    assert cells(g) == [(None, None), (4, 4), (5, None), (5, 13)]
    assert (g.absolute.value, g.relative_pct.value) == (17, Decimal("121"))
    a4 = g.quarters[3].achieved
    assert (a4.status, a4.rule) == (RECONCILED, "alignment_and_arithmetic")
    assert {a.value for a in a4.discarded} == {None, 17}
    assert sum(a for _, a in cells(g) if a) == g.absolute.value


def test_a_lost_achieved_cell_is_restored_from_the_absolute():
    g = goal("54202", 400)
    assert cells(g)[3] == (1, 1)
    a4 = g.quarters[3].achieved
    assert (a4.status, a4.rule) == (RECONCILED, "restored_from_sum")


def test_p_a_a_copies_and_pair_copies_agree_on_goal_404():
    g = goal("54202", 404)
    assert cells(g) == [(30, 101), (30, 52), (30, 14), (30, 3)]
    assert g.absolute.value == 170
    assert g.relative_pct.value == Decimal("142")


def test_unanimous_copies_give_verified_values():
    g = goal(CDHI, 500)
    assert statuses(g) == "v" * 8
    assert g.absolute.status == g.relative_pct.status == VERIFIED
    assert g.annual_target.value == 39375


def test_when_several_placements_fit_the_candidates_are_kept():
    g = goal("54102", 204)  # Σ achieved is short by a pair the copies lost
    assert cells(g)[0] == (1, 1)
    assert statuses(g) == "vv??????"
    assert {c.cells for c in g.candidates} == {
        (1, 1, 1, 1, None, None, None, None),
        (1, 1, None, None, 1, 1, None, None),
        (1, 1, None, None, None, None, 1, 1),
    }
    assert {c.value for c in g.quarters[1].programmed.candidates} == {1, None}


def test_goal_309_with_no_decisive_reading_is_left_for_review():
    g = goal("54201", 309)
    assert len(g.candidates) >= 2
    assert all(c.absolute == 60 for c in g.candidates)
    assert REVIEW in {q.achieved.status for q in g.quarters}


def test_goal_503_restated_each_quarter_is_settled_not_left_for_review():
    g = goal(CDHI, 503)  # 1 each quarter, absolute printed 1, 100 %
    assert cells(g) == [(1, 1)] * 4
    assert {q.achieved.status for q in g.quarters} == {VERIFIED}
    assert g.absolute.value == 1
    assert (g.accumulation.value, g.accumulation.status) == ("last", RECONCILED)
    assert "equals it" in g.accumulation.reason


def test_goals_that_add_up_say_so():
    g = goal("54101", 101)
    assert (g.accumulation.value, g.accumulation.status) == ("sum", VERIFIED)


def test_a_repeated_goal_number_is_matched_by_its_description():
    for number in (501, 502):
        g = goal(CDHI, number)
        assert (g.number.status, g.number.rule) == (RECONCILED, "description_match")
        assert [(a.value, a.sources[0].copy) for a in g.number.discarded] == [(504, 16)]
    assert goal(CDHI, 504).number.status == VERIFIED
    assert goal(CDHI, 501).description.value.startswith("Seguimiento al gasto")


def test_lines_of_action_of_a_goal_go_by_majority_or_review():
    assert goal("54102", 200).lines_of_action.status == RECONCILED
    assert len(goal("54102", 200).lines_of_action.value) == 11
    codes = goal("54102", 202).lines_of_action
    assert codes.status == REVIEW
    assert len(codes.candidates) == 3
    assert goal("54201", 301).lines_of_action.value == ()


def test_goal_100_description_keeps_the_accent_of_asi_two_copies_print():
    # Copy 1: "administracion … así", copy 2: "administracion … asi",
    # copy 3: "administración … así". Word by word: "administracion" 2 to 1,
    # "así" 2 to 1, which is copy 1's text.
    description = goal("54101", 100).description
    assert description.value == (
        "Dirigir y presentar un informe trimestral del estado que guarda la "
        "administracion de la Entidad así como de su patrimonio."
    )
    assert (description.status, description.rule) == (RECONCILED, "majority")
    assert description.sources == (Source(1, 47),)
    assert description.reason.startswith("copies 1, 2, 3 print description")
    assert "'así' (copies 1, 3) over 'asi' (copy 2)" in description.reason
    assert "'administracion' (copies 1, 2) over 'administración' (copy 3)" in (
        description.reason
    )
    assert "copy 1 prints exactly this" in description.reason


def test_goal_101_observation_keeps_the_accent_of_autonoma_two_copies_print():
    # Copy 2 alone prints "Autonoma"; copies 1 and 3 print "Autónoma".
    observation = goal("54101", 101).observation
    assert "Universidad Autónoma de Baja California" in observation.value
    assert "así mismo practicas profesionales" in observation.value  # 2 to 1
    assert (observation.status, observation.rule) == (RECONCILED, "majority")
    assert observation.sources == (Source(1, 48),)
    assert "'Autónoma' (copies 1, 3) over 'Autonoma' (copy 2)" in observation.reason


def test_a_copy_whose_letters_differ_elsewhere_still_votes_on_a_word():
    # Copies 7 and 9 print the same letters, "jornadas" and "Jornadas"; copy 8
    # ("reforestación y reforestación") prints "jornadas" too.
    description = goal("54201", 304).description
    assert "a través de las jornadas de trabajo, forestación" in description.value
    assert description.sources == (Source(7, 358),)
    assert "'jornadas' (copies 7, 8) over 'Jornadas' (copy 9)" in description.reason


def test_an_observation_with_no_majority_is_left_for_review_with_every_reading():
    obs = goal("54201", 313).observation
    assert obs.value is None
    assert (obs.status, obs.rule) == (REVIEW, "no_majority")
    assert [(c.value.split()[6], c.sources) for c in obs.candidates] == [
        ("conciliar", (Source(7, 367),)),
        ("conculcor", (Source(8, 438),)),
        ("consultor", (Source(9, 508),)),
    ]


def test_a_long_observation_keeps_every_copy_among_its_candidates():
    obs = goal("54201", 308).observation
    assert (obs.value, obs.status, obs.rule) == (None, REVIEW, "no_majority")
    assert {c.sources for c in obs.candidates} == {
        (Source(7, 362),),
        (Source(8, 433),),
        (Source(9, 503),),
    }
    assert all(c.value.startswith("Se aprobó paquete") for c in obs.candidates)


def test_regenerated_rows_show_the_figures_of_the_verified_source():
    # 54201 prints its rows in the second copy as: target, 8 cells, absolute, %.
    assert printed_row(goal("54201", 300))[1:] == tuple(seed_cells(425)[1:])
    assert printed_row(goal(CDHI, 504)) == (
        "2,632",
        "396",
        "1,104",
        "738",
        "1,129",
        "726",
        "749",
        "772",
        "991",
        "3,973",
        "151%",
    )


def test_every_goal_accumulates_its_achieved_cells_to_the_absolute():
    """Settled goals hold their arithmetic; each candidate of the others does too."""
    settled = 0
    for f in seed_forms():
        for g in f.goals:
            kind = Accumulation(g.accumulation.value)
            values = [q.achieved for q in g.quarters]
            if g.absolute.status == REVIEW or any(r.status == REVIEW for r in values):
                assert g.candidates, g.number.value  # left with readings to choose
                for candidate in g.candidates:
                    assert accumulate(candidate.cells[1::2], kind) == candidate.absolute
                continue
            assert accumulate([r.value for r in values], kind) == g.absolute.value
            settled += 1
    assert settled >= 40  # of the seed's 45 goals


# ---------------------------------------------------------------- synthetic


def two_copy_form(first: str, second: str) -> str:
    """Return a document with two copies of one form differing in one row."""
    head = (
        "AVANCE FÍSICO PROGRAMÁTICO\nRAMO: 54 BIENESTAR SOCIAL MUNICIPAL (BISOM)\n"
        "UNIDAD EJECUTORA: 54999 DEPARTAMENTO DE PRUEBA\n"
        "LINEA DE ACCION P.M.D.\tMETAS Y ACCIONES\tUNIDAD MEDIDA\tMETA ANUAL\n"
    )
    signed = (
        "\nANA PRUEBA\nRESPONSABLE DEL PROGRAMA\nANA PRUEBA\n"
        "RESPONSABLE DE LA UNIDAD EJECUTORA\nANA PRUEBA\nRESPONSABLE DEL RAMO\n"
    )
    return f"{head}{first}\n{signed}\n\n{head}{second}\n{signed}"


def test_two_copies_that_disagree_on_the_target_keep_both_candidates():
    row = "4.1.6\t900.- Hacer algo.\tInforme\t{target}\t1\t1\t1\t1\t1\t1\t1\t1\t4\t100%"
    text = two_copy_form(row.format(target=4), row.format(target=5))
    (only,) = reconcile_copies(read_copies(text, source_name="synthetic.txt"))
    target = only.goal(900).annual_target
    assert target.status == REVIEW
    assert [(c.value, c.sources) for c in target.candidates] == [
        (4, (Source(1, 5),)),
        (5, (Source(2, 19),)),
    ]


quarter = st.tuples(st.integers(1, 400), st.one_of(st.none(), st.integers(1, 400)))


@settings(max_examples=60, deadline=None)
@given(st.lists(quarter, min_size=4, max_size=4), st.integers(0, 7))
def test_identical_copies_with_one_lost_cell_give_back_the_truth(quarters, lost):
    truth = tuple(v for pair in quarters for v in pair)
    target = sum(p for p, _ in quarters)
    absolute = sum(a or 0 for _, a in quarters)
    relative = relative_percent(absolute, target)
    template = tuple(range(8))

    def copy(index: int, cells: tuple[int | None, ...]) -> RowFigures:
        return RowFigures(
            Source(index, index), cells, template, True, absolute, relative
        )

    damaged = tuple(None if i == lost else v for i, v in enumerate(truth))
    settled = settle([copy(1, truth), copy(2, damaged), copy(3, truth)], target)
    assert tuple(r.value for r in settled.slots) == truth
    assert sum(r.value or 0 for r in settled.slots[1::2]) == settled.absolute.value
    expected = RECONCILED if truth[lost] is not None else VERIFIED
    assert settled.slots[lost].status == expected
    assert all(r.status == VERIFIED for i, r in enumerate(settled.slots) if i != lost)
