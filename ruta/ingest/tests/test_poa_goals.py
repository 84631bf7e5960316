"""Matching a form's goal rows across its copies, on rendered forms.

Each test prints a form two or three times, edits a copy the way a scan
damages it, and checks what the reconciled goals may claim.
"""

from dataclasses import replace
from decimal import Decimal

from ruta.demo.documents.poa_samples import direccion
from ruta.demo.documents.tmm_f004 import (
    FIRST_QUARTER_CELL,
    Form,
    Goal,
    Page,
    figure,
    render_document,
    render_page,
)
from ruta.ingest.poa import ReconciledForm, ReconciledGoal, Source, Status, read_copies
from ruta.ingest.poa.alignment import RowFigures
from ruta.ingest.poa.quarters import settle
from ruta.ingest.poa.reconcile import reconcile_copies
from testkit.documents.verdicts import misreadings

VERIFIED, RECONCILED = Status.VERIFIED, Status.RECONCILED


def renumbered(page: Page, numbers: dict[int, int]) -> Page:
    """Return ``page`` with the goals of ``numbers`` printed under other numbers."""
    rows = []
    for row in page.rows:
        number, rest = row[1].split(".-", 1)
        printed = numbers.get(int(number), int(number))
        rows.append((row[0], f"{printed}.-{rest}", *row[2:]))
    return replace(page, rows=tuple(rows))


def with_cells(page: Page, number: int, cells: tuple[int | None, ...]) -> Page:
    """Return ``page`` with goal ``number``'s quarter cells printed as ``cells``."""
    rows = []
    for row, own in zip(page.rows, page.numbers, strict=True):
        if own == str(number):
            end = FIRST_QUARTER_CELL + len(cells)
            row = (*row[:FIRST_QUARTER_CELL], *map(figure, cells), *row[end:])
        rows.append(row)
    return replace(page, rows=tuple(rows))


def reconciled(*pages: Page) -> ReconciledForm:
    """Return the form the copies printed on ``pages`` reconcile to."""
    text = render_document(pages)
    return reconcile_copies(read_copies(text, source_name="formas.txt"))[0]


def goals_of(*pages: Page) -> dict[int, ReconciledGoal]:
    return {goal.number.value: goal for goal in reconciled(*pages).goals}


def statuses(goal: ReconciledGoal) -> set[Status]:
    return {reading.status for reading in goal.readings()}


def test_a_goal_only_one_copy_prints_is_reconciled_not_verified():
    page = render_page(direccion())
    first = renumbered(page, {102: 103})  # 103 printed twice, 102 not at all
    second = renumbered(page, {103: 102})  # 102 printed twice, 103 not at all
    goal = goals_of(first, second)[103]
    # Goal 102's row is the first "103.-" of the first copy; the second copy
    # prints no row for 103. One copy cannot verify anything.
    assert VERIFIED not in statuses(goal)
    assert (goal.description.status, goal.description.rule) == (
        RECONCILED,
        "sole_reading",
    )
    assert "1 of the form's 2 copies print no row for it" in goal.unit.reason


def _five_goals() -> Form:
    cells = (
        ((141, 140), (None, None), (142, 183), (None, None)),
        ((86, None), (150, None), (None, None), (None, None)),
        ((86, None), (150, None), (None, None), (None, None)),
        ((None, None), (None, None), (None, None), (103, None)),
        ((12, None), (None, None), (393, None), (1268, 62)),
    )
    texts = (
        "Reforestar camellones y parques con vecinos voluntarios.",
        "Publicar en el portal la información de interés público.",
        "Firmar convenios con universidades para prácticas profesionales.",
        "Capacitar al personal en primeros auxilios y protección civil.",
        "Actualizar los manuales de organización y de procedimientos.",
    )
    goals = tuple(
        Goal(100 + i, text, "Informe", sum(p for p, _ in q if p), q)
        for i, (text, q) in enumerate(zip(texts, cells, strict=True))
    )
    return replace(direccion(), goals=goals)


def test_rows_that_print_different_descriptions_verify_nothing():
    page = render_page(_five_goals())
    # The first copy shifts goal 103's only figure from P4 to A3; the second
    # passes the numbers along: 101 as 102, 102 as 103, 103 as 104.
    first = with_cells(page, 103, (None, None, None, None, None, 103, None, None))
    second = renumbered(page, {101: 102, 102: 103, 103: 104})
    goal = goals_of(first, second)[103]
    assert goal.description.status == Status.NEEDS_REVIEW
    assert {c.value for c in goal.description.candidates} == {
        "Capacitar al personal en primeros auxilios y protección civil.",
        "Firmar convenios con universidades para prácticas profesionales.",
    }
    # Both rows print P4 blank, but one of them is goal 102's.
    assert goal.quarters[3].programmed.value is None
    assert VERIFIED not in statuses(goal)


def _three_goals() -> Form:
    cells = (
        ((None, 591), (None, 300), (375, 8), (None, None)),
        ((278, None), (55, 451), (823, None), (None, 1983)),
        ((None, 1125), (None, 600), (None, 57), (1, 211)),
    )
    form = _five_goals()
    goals = tuple(
        replace(goal, number=300 + i, quarters=q, target=sum(p for p, _ in q if p))
        for i, (goal, q) in enumerate(zip(form.goals, cells, strict=False))
    )
    return replace(form, goals=goals)


def test_a_goal_printed_once_under_another_number_cannot_vouch_for_it():
    form = _three_goals()
    page = render_page(form)
    # The first copy prints goal 300 as 302 (once) and 302 as 301; the second
    # prints 300 as 301; the third lost goal 302's P4 and A4.
    first = renumbered(page, {300: 302, 302: 301})
    second = renumbered(page, {300: 301})
    third = with_cells(page, 302, (None, 1125, None, 600, 57, 1, None, None))
    goals = goals_of(first, second, third)
    assert [len(goals[n].sources) for n in (300, 301, 302)] == [3, 3, 3]
    assert [
        str(m) for m in misreadings([form], [reconciled(first, second, third)])
    ] == []


def test_a_goal_printed_once_under_another_number_goes_back_to_its_own():
    form = direccion()
    page = render_page(form)
    first = renumbered(page, {100: 102, 101: 103, 103: 102})  # 103 only once
    goals = goals_of(first, page)
    assert [len(goal.sources) for goal in goals.values()] == [2, 2, 2, 2]
    assert [str(m) for m in misreadings([form], [reconciled(first, page)])] == []


def test_a_relative_left_for_review_offers_the_relatives_the_copies_print():
    # Two copies print different absolutes; both readings fit, so the
    # absolute and the relative wait for review with what each copy prints.
    layout = tuple(range(8))
    cells = (2, 2, 2, 2, None, None, None, None)
    first = RowFigures(Source(1, 10), cells, layout, True, 4, Decimal(100))
    lost = (2, 2, 2, None, None, None, None, None)  # A2 lost, and so printed
    second = RowFigures(Source(2, 20), lost, layout, True, 2, Decimal(50))
    settled = settle([first, second], 4)
    assert settled.absolute.status == Status.NEEDS_REVIEW
    relative = settled.relative
    assert (relative.status, relative.rule) == (Status.NEEDS_REVIEW, "unchecked")
    assert [(c.value, c.sources) for c in relative.candidates] == [
        (Decimal(100), (Source(1, 10),)),
        (Decimal(50), (Source(2, 20),)),
    ]
