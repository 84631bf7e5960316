"""Read the "Cédula de Indicadores" cards of the annex.

A card is a run of tab-separated lines where a label cell is followed by its
value ("METODO DE CALCULO", value), ending with the baseline and goal figures
under a "Línea base YYYY / Meta YYYY" line.
"""

from __future__ import annotations

import re

from ruta.common.text.folding import normalize_key
from ruta.indicators.rules import Direction
from ruta.ingest.cecop.document import Document, figure
from ruta.ingest.cecop.model import Figure, IndicatorCard, Place

_LABELS = {
    "UNIDAD RESPONSABLE": "responsible_unit",
    "UNIDAD EJECUTORA": "executing_unit",
    "OBJETIVO": "objective",
    "INDICADOR": "indicator",
    "OBJETIVO DEL INDICADOR": "indicator_objective",
    "DESCRIPCION GENERAL": "description",
    "METODO DE CALCULO": "method",
    "SENTIDO DEL INDICADOR": "direction",
    "FRECUENCIA DE MEDICION": "frequency",
    "FUENTE": "source",
    "UNIDAD DE MEDIDA": "unit_of_measure",
    "REFERENCIA ADICIONAL": "additional_reference",
}
_MAY_BE_BLANK = {"additional_reference"}
_DIRECTIONS = {"ASCENDENTE": Direction.ASCENDING, "DESCENDENTE": Direction.DESCENDING}
_BASELINE = re.compile(r"^LINEA BASE (\d{4})$")
_GOAL = re.compile(r"^META (\d{4})$")


def read_cards(doc: Document) -> tuple[IndicatorCard, ...]:
    """Return every indicator card, in the order printed."""
    headings = doc.find(lambda number: doc.key(number) == "CEDULA DE INDICADORES")
    if not headings:
        raise doc.error("no 'Cédula de Indicadores' card found")
    return tuple(
        _read_card(doc, f"indicator_card_{index}", heading)
        for index, heading in enumerate(headings, start=1)
    )


def _read_card(doc: Document, card_id: str, heading: int) -> IndicatorCard:
    fields: dict[str, tuple[str, int]] = {}
    number = heading + 1
    while doc.is_table_line(number):
        cells = doc.cells(number)
        if any(_BASELINE.match(normalize_key(cell)) for cell in cells):
            return _build(doc, card_id, heading, fields, number)
        _collect_fields(cells, number, fields)
        number += 1
    raise doc.error(
        "card ends without its 'Línea base' and 'Meta' figures",
        Place(card_id, 0, number),
        field="Línea base",
    )


def _collect_fields(
    cells: list[str], number: int, fields: dict[str, tuple[str, int]]
) -> None:
    """Add each label cell's following cell to ``fields`` with its line."""
    index = 0
    while index < len(cells):
        name = _LABELS.get(normalize_key(cells[index]))
        if name is None:
            index += 1
            continue
        value = cells[index + 1] if index + 1 < len(cells) else ""
        fields[name] = (value, number)
        index += 2


def _read_figure(
    doc: Document, card_id: str, labels: int, name: str, pattern: re.Pattern[str]
) -> tuple[int, Figure]:
    """Return the year and figure of column ``name`` from the line under ``labels``."""
    keys = [normalize_key(cell) for cell in doc.cells(labels)]
    values = doc.cells(labels + 1)
    place = Place(card_id, 0, labels + 1)
    for index, key in enumerate(keys):
        match = pattern.match(key)
        if match and index < len(values):
            value = doc.read(figure, values[index], place, name)
            if value is None:
                break
            return int(match[1]), value
    raise doc.error(f"card lacks its {name} figure", place, field=name)


def _build(
    doc: Document,
    card_id: str,
    heading: int,
    fields: dict[str, tuple[str, int]],
    labels: int,
) -> IndicatorCard:
    texts = {
        name: _field(doc, card_id, heading, fields, name) for name in _LABELS.values()
    }
    baseline_year, baseline = _read_figure(doc, card_id, labels, "baseline", _BASELINE)
    goal_year, goal = _read_figure(doc, card_id, labels, "goal", _GOAL)
    return IndicatorCard(
        id=card_id,
        key=normalize_key(texts["indicator"]),
        direction=_direction(doc, card_id, fields["direction"]),
        baseline_year=baseline_year,
        baseline=baseline,
        goal_year=goal_year,
        goal=goal,
        place=Place(card_id, 0, heading),
        figures_line=labels + 1,
        **{name: value for name, value in texts.items() if name != "direction"},
    )


def _field(
    doc: Document,
    card_id: str,
    heading: int,
    fields: dict[str, tuple[str, int]],
    name: str,
) -> str:
    """Return the text of field ``name``; raise if a required one is blank."""
    value, line = fields.get(name, ("", heading))
    if not value and name not in _MAY_BE_BLANK:
        raise doc.error(
            f"card field {name} is missing", Place(card_id, 0, line), field=name
        )
    return value


def _direction(doc: Document, card_id: str, field: tuple[str, int]) -> Direction:
    text, line = field
    direction = _DIRECTIONS.get(normalize_key(text))
    if direction is None:
        raise doc.error(
            f"direction {text!r} is neither Ascendente nor Descendente",
            Place(card_id, 0, line),
            field="direction",
        )
    return direction
