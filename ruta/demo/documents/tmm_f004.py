"""TMM-F004 "Avance físico programático" forms written from structured data.

A ``Form`` holds what one executing unit's form states; ``render_page``
prints it as a ``Page`` in the layout the POA reader takes (title block,
labelled header, the goals table with its P/A sub-header, the signatures),
and ``render_document`` joins the pages as text extracted from a PDF would.
A ``Page`` keeps its parts apart (header lines, table cells, signatures) so
the scanner can damage them before they become text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ruta.programs.rules import (
    PERIOD_NAMES,
    QUARTER_LABELS,
    Accumulation,
    accumulate,
    relative_percent,
)

ISSUER = "XXIV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA"
FORM_CODE = "TMM-F004"
PAGE_BREAK = "\n\n\n\n"

# Labels of the header, in the order the form prints them.
RAMO, PROGRAM, UNIT = "RAMO", "PROGRAMA", "UNIDAD EJECUTORA"
FINALIDAD, FUNCION, SUBFUNCION = "FINALIDAD", "FUNCION", "SUBFUNCION"
EJE, LINES = "EJE DE GOBIERNO", "LÍNEAS DE ACCIÓN"
LABELS = (RAMO, PROGRAM, UNIT, FINALIDAD, FUNCION, SUBFUNCION, EJE, LINES)

# The persons who sign, in the order the form prints them.
ROLE_PROGRAM = "RESPONSABLE DEL PROGRAMA"
ROLE_UNIT = "RESPONSABLE DE LA UNIDAD EJECUTORA"
ROLE_RAMO = "RESPONSABLE DEL RAMO"

# A goal row prints codes, "NNN.- description", unit and target, then P1 …
GOAL_CELL, UNIT_CELL, FIRST_QUARTER_CELL = 1, 2, 4
QUARTER_CELLS = 8  # P and A of each quarter

Quarter = tuple[int | None, int | None]  # (programmed, achieved); None = blank
SUM = Accumulation.SUM


@dataclass(frozen=True)
class Coded:
    """A header entry: a code and its name ("54", "BIENESTAR SOCIAL …")."""

    code: str
    name: str

    def printed(self, *, with_code: bool = True) -> str:
        """Return the entry as the form prints it: code, a space, the name.

        An entry whose code is unknown ("") or not printed is its name alone.
        """
        return f"{self.code} {self.name}" if self.code and with_code else self.name


@dataclass(frozen=True)
class Goal:
    """One goal (meta y acción) of a form, with its quarters."""

    number: int
    description: str
    unit: str
    target: int
    quarters: tuple[Quarter, Quarter, Quarter, Quarter]
    lines: tuple[str, ...] = ()
    observation: str = ""
    # How the quarters make the absolute: most goals add up; a goal restated
    # each quarter (the seed's 503) prints the last.
    accumulation: Accumulation = SUM

    @property
    def cells(self) -> tuple[int | None, ...]:
        """Return P1, A1 … P4, A4 as the form prints them, blanks as None."""
        return tuple(value for quarter in self.quarters for value in quarter)

    @property
    def absolute(self) -> int:
        """Return the accumulated absolute advance of the achieved quarters."""
        achieved = [achieved for _, achieved in self.quarters]
        return accumulate(achieved, self.accumulation)

    @property
    def relative(self) -> Decimal:
        """Return the relative advance as the form prints it (whole percent)."""
        return relative_percent(self.absolute, self.target)


@dataclass(frozen=True)
class Signatures:
    """The names of the persons responsible, who sign every form."""

    program: str
    unit: str
    ramo: str


@dataclass(frozen=True)
class Form:
    """What one executing unit's TMM-F004 form states.

    ``header_codes`` False prints the header's entries by name alone (the
    lines of action keep their codes), as the seed's CDHI form does; its
    codes stay here, known from the document's other forms, so a test can
    ask whether the reader finds them. A unit whose code no form prints has
    the code "".
    """

    ramo: Coded
    program: Coded
    unit: Coded
    finalidad: Coded
    funcion: Coded
    subfuncion: Coded
    ejes: tuple[Coded, ...]
    lines: tuple[Coded, ...]
    goals: tuple[Goal, ...]
    signatures: Signatures
    issuer: str = ISSUER
    year: int = 2023
    quarter: int = 4
    header_codes: bool = True

    @property
    def period(self) -> str:
        """Return the date the form prints: "OCTUBRE-DICIEMBRE 2023"."""
        return f"{PERIOD_NAMES[self.quarter - 1]} {self.year}"


@dataclass(frozen=True)
class HeaderLine:
    """One header line: its label ("" on a continuation line) and its value.

    ``repeats`` is how many times a scan prints the line's name again, each
    time under the next code (2.1.5, 2.1.6, …), as the seed's CDHI copies
    repeat one line of action dozens of times.
    """

    label: str
    value: str
    repeats: int = 0

    def values(self) -> list[str]:
        """Return the value as printed, then its repeats under the next codes."""
        code, _, name = self.value.partition(" ")
        *head, last = code.split(".")
        return [self.value] + [
            f"{'.'.join([*head, str(int(last) + n)])} {name}"
            for n in range(1, self.repeats + 1)
        ]


@dataclass(frozen=True)
class Page:
    """A printed form: its parts as printed, before they become text.

    ``labels_apart`` prints the header's values first and its labels alone
    after them, as some copies of the seed do. ``numbers`` are the goals'
    numbers as rendered, row by row: damage changes what a row prints, not
    which goal it is.
    """

    title: tuple[str, ...]
    header: tuple[HeaderLine, ...]
    heading: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    signatures: tuple[tuple[str, str], ...]  # (name, role)
    numbers: tuple[str, ...] = ()
    labels_apart: bool = False

    def text(self) -> str:
        """Return the page as text: lines, blank lines between blocks, tabs."""
        blocks = [
            "\n\n".join(self.title),
            self._header_text(),
            "\n".join("\t".join(cells) for cells in (*self.heading, *self.rows)),
            "\n\n".join(f"{name}\n{role}" for name, role in self.signatures),
        ]
        return "\n\n".join(blocks) + "\n"

    def _header_text(self) -> str:
        if not self.labels_apart:
            return "\n".join(text for line in self.header for text in _labelled(line))
        values = "\n".join(f"- {v}" for line in self.header for v in line.values())
        labels = "\n".join(line.label for line in self.header if line.label)
        return f"{values}\n\n{labels}"


def _labelled(line: HeaderLine) -> list[str]:
    first, *repeated = line.values()
    return [f"{line.label}: {first}" if line.label else first, *repeated]


def figure(value: int | None) -> str:
    """Return a count as the form prints it: thousands commas, blank for None."""
    return "" if value is None else f"{value:,}"


def render_page(form: Form) -> Page:
    """Return ``form`` printed as a page, in the layout of the seed's first copy."""
    return Page(
        title=(
            form.issuer,
            f"PROGRAMA OPERATIVO ANUAL {form.year}",
            "AVANCE FÍSICO PROGRAMÁTICO",
            FORM_CODE,
            f"FECHA: {form.period}",
        ),
        header=tuple(_header(form)),
        heading=HEADING,
        rows=tuple(goal_row(goal) for goal in form.goals),
        numbers=tuple(str(goal.number) for goal in form.goals),
        signatures=(
            (form.signatures.program, ROLE_PROGRAM),
            (form.signatures.unit, ROLE_UNIT),
            (form.signatures.ramo, ROLE_RAMO),
        ),
    )


def _header(form: Form) -> Iterable[HeaderLine]:
    single: tuple[Coded, ...] = (form.ramo, form.program, form.unit)
    single += (form.finalidad, form.funcion, form.subfuncion)
    coded = form.header_codes
    for label, entry in zip(LABELS[: len(single)], single, strict=True):
        yield HeaderLine(label, entry.printed(with_code=coded))
    for index, entry in enumerate(form.ejes):
        yield HeaderLine(EJE if index == 0 else "", entry.printed(with_code=coded))
    for index, entry in enumerate(form.lines):
        yield HeaderLine(LINES if index == 0 else "", entry.printed())


def _heading() -> tuple[tuple[str, ...], ...]:
    """Return the goals table's heading: titles, quarters, and the P/A row."""
    lead = ("", "", "", "")
    titles: tuple[str, ...] = ("LÍNEA DE ACCIÓN P.M.D.", "METAS Y ACCIONES")
    titles += ("UNIDAD MEDIDA",)
    titles += ("META ANUAL", "PERIODO", *[""] * (QUARTER_CELLS - 1))
    titles += ("AVANCE ABSOLUTO", "ACUMULADO RELATIVO", "OBSERVACIONES")
    quarters = tuple(cell for label in QUARTER_LABELS for cell in (label, ""))
    roles = ("P", "A") * len(QUARTER_LABELS)
    return titles, lead + quarters, lead + roles


HEADING = _heading()


def goal_row(goal: Goal) -> tuple[str, ...]:
    """Return the cells of a goal's row, as the form prints them."""
    return (
        " ".join(goal.lines),
        f"{goal.number}.- {goal.description}",
        goal.unit,
        figure(goal.target),
        *(figure(value) for value in goal.cells),
        figure(goal.absolute),
        f"{goal.relative}%",
        goal.observation,
    )


def render_document(pages: Sequence[Page]) -> str:
    """Return the pages as one document's text, a few blank lines between pages."""
    return PAGE_BREAK.join(page.text() for page in pages)


def render(forms: Sequence[Form]) -> str:
    """Return the text of a document printing each form once, undamaged."""
    return render_document([render_page(form) for form in forms])
