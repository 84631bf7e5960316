"""Reading a copy's header: form code, period, and the coded header fields.

Copies print the header three ways: "LABEL: code name" lines; values alone
(bulleted or tab-separated) with the labels printed apart, after them; and
labels beside the wrong values (a label lost, the rest shifted). So a value
is placed by its code's shape first (2 digits ramo, 3 programa, 5 unidad,
d.d.d línea de acción), then by its label, then by the order the form prints
its fields in. What one copy gets wrong the others outvote in reconciliation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ruta.common.text.folding import label_key
from ruta.ingest.poa.model import (
    EJE,
    EXECUTING_UNIT,
    FIELD_ORDER,
    FIELD_WORDS,
    FINALIDAD,
    FUNCION,
    INFO,
    LINE,
    PROGRAM,
    RAMO,
    SUBFUNCION,
    HeaderItem,
    PrintedPeriod,
)
from ruta.sources.findings import Finding, Say, Values, finding_kind, sentence

FORM_CODE = re.compile(r"\bT[A-Z]{2}-F\d{3}\b")
YEAR = re.compile(r"PROGRAMA OPERATIVO ANUAL (\d{4})")
PERIOD = re.compile(
    r"(ENERO|ABRIL|JULIO|OCTUBRE) ?- ?(MARZO|JUNIO|SEPTIEMBRE|DICIEMBRE)(?: (\d{4}))?"
)
QUARTER_OF = {"ENERO": 1, "ABRIL": 2, "JULIO": 3, "OCTUBRE": 4}
TITLE_WORDS: tuple[str, ...] = (
    "AYUNTAMIENTO",
    "AVANCE FISICO",
    "PROGRAMA OPERATIVO",
    "NOMBRE Y FIRMA",
)
TITLE_WORDS += ("FECHA", "[SIGNATURE]")

_LABELS: tuple[tuple[str, str | None], ...] = (
    (r"UNIDAD\s+EJECUTORA", EXECUTING_UNIT),
    (r"SUBFUNCI[OÓ]N", SUBFUNCION),
    (r"FUNCI[OÓ]N", FUNCION),
    (r"FINALIDAD", FINALIDAD),
    (r"EJES?\s+DE\s+GOBIERNO|EJES?", EJE),
    (r"L[IÍ]NEAS?\s+DE\s+ACCI[OÓ]N", LINE),
    (r"PROGRAMA", PROGRAM),
    (r"RAMO", RAMO),
    (r"OBJETIVO", None),  # printed on some copies; not a field of TMM-F004
)
LABEL = re.compile(
    r"^[\s\-*]*(?P<label>"
    + "|".join(pattern for pattern, _ in _LABELS)
    + r")(?=[\s:*]|$)[\s:*]*(?P<value>.*)$",
    re.IGNORECASE,
)
CODED = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\s+(\S.*))?$")
DIGIT_FIELDS = (FINALIDAD, FUNCION, SUBFUNCION)
SHAPE_BY_LENGTH = {2: RAMO, 3: PROGRAM, 5: EXECUTING_UNIT}
RUN_LENGTH = 5  # this many identical names in a row is a scan artifact


@dataclass
class HeaderRead:
    """What the header lines of one copy say."""

    items: list[HeaderItem] = field(default_factory=list)
    issuer: str | None = None  # "XXIV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA"
    form_code: str | None = None
    period: PrintedPeriod | None = None
    year: int | None = None
    findings: list[Finding] = field(default_factory=list)


def label_field(label: str) -> str | None:
    """Return the field a printed label names (None for unknown labels)."""
    for pattern, name in _LABELS:
        if re.fullmatch(pattern, label, re.IGNORECASE):
            return name
    return None


def is_title(line: str) -> bool:
    """Tell whether a line is part of the form's title or date block."""
    folded = label_key(line)
    if any(word in folded for word in TITLE_WORDS):
        return True
    return bool(PERIOD.search(folded) or FORM_CODE.search(folded))


def split_code(text: str) -> tuple[str | None, str]:
    """Return (code, name) from "2.1.1. DIAGNÓSTICO…" or "54\tBIENESTAR…"."""
    cleaned = " ".join(text.replace("\t", " ").split()).strip(" -*")
    match = CODED.match(cleaned)
    if match is None:
        return None, cleaned
    return match.group(1), (match.group(2) or "").strip()


def read_header(lines: Sequence[tuple[int, str]], *, where: str) -> HeaderRead:
    """Return the header of one copy from its lines before the table."""
    read = HeaderRead()
    walker = _Walker(read, where)
    for number, text in lines:
        if not text.strip():
            continue
        if is_title(text):
            _read_title(read, number, text)
        else:
            walker.take(number, text)
    if read.period and read.period.year is None and read.year:
        p = read.period
        read.period = PrintedPeriod(p.text, read.year, p.quarter, p.line)
    read.items = _drop_runs(read.items, read.findings, where)
    return read


def _read_title(read: HeaderRead, number: int, text: str) -> None:
    folded = label_key(text)
    if "AYUNTAMIENTO" in folded and read.issuer is None:
        read.issuer = " ".join(text.split())
    code = FORM_CODE.search(folded)
    if code and read.form_code is None:
        read.form_code = code.group(0)
    year = YEAR.search(folded)
    if year:
        read.year = int(year.group(1))
    period = PERIOD.search(folded)
    if period and read.period is None:
        first, last, printed_year = period.groups()
        year_value = int(printed_year) if printed_year else None
        label = f"{first}-{last}" + (f" {printed_year}" if printed_year else "")
        read.period = PrintedPeriod(label, year_value, QUARTER_OF[first], number)


@finding_kind(
    "POA-HEADER-UNKNOWN-LABEL",
    summary=sentence("Una etiqueta del encabezado no es del formato TMM-F004."),
)
def header_unknown_label(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La etiqueta «%(label)s» del encabezado no es un campo del formato "
            "TMM-F004; su valor no se usa."
        )
    ) % {"label": values["label"]}


@finding_kind(
    "POA-HEADER-LABEL-MISMATCH",
    summary=sentence("Un dato del encabezado aparece junto a la etiqueta de otro."),
)
def header_label_mismatch(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La etiqueta «%(label)s» se imprime junto a la clave «%(printed)s», que "
            "tiene la forma de %(field)s; se lee como %(field)s."
        )
    ) % {
        "label": values["label"],
        "printed": values["printed"],
        "field": say(FIELD_WORDS[values["field"]]),
    }


class _Walker:
    """Place header values in fields, walking the lines in printed order."""

    def __init__(self, read: HeaderRead, where: str) -> None:
        self.read = read
        self.where = where
        self.cursor = -1  # index in FIELD_ORDER of the last field filled

    def take(self, number: int, text: str) -> None:
        match = LABEL.match(text)
        label = match.group("label") if match else None
        value = match.group("value") if match else text
        labelled = label_field(label) if label else None
        if label and labelled is None:
            self._note_unknown(number, label)
            return
        if labelled and not value.strip():
            self.cursor = FIELD_ORDER.index(labelled)
            return
        code, name = split_code(value)
        target = self._place(code, labelled, number, label)
        item = HeaderItem(target, code, name, number, label, labelled == target)
        self.read.items.append(item)
        self.cursor = FIELD_ORDER.index(target)

    def _place(
        self, code: str | None, labelled: str | None, number: int, label: str | None
    ) -> str:
        shaped = _shape(code)
        if labelled and _fits(labelled, shaped):
            return labelled
        if shaped == "digit":
            placed = self._next_digit_field()
        elif shaped:
            placed = shaped
        else:
            placed = self._next_field()
        if labelled and label:
            self._note_mismatch(number, label, code or "", placed)
        return placed

    def _filled(self) -> set[str]:
        return {item.field for item in self.read.items}

    def _next_digit_field(self) -> str:
        filled = self._filled()
        for name in DIGIT_FIELDS:
            if name not in filled and FIELD_ORDER.index(name) > self.cursor:
                return name
        return EJE

    def _next_field(self) -> str:
        if self.cursor >= 0 and FIELD_ORDER[self.cursor] in (EJE, LINE):
            return FIELD_ORDER[self.cursor]
        filled = self._filled()
        for name in FIELD_ORDER[self.cursor + 1 :]:
            if name not in filled:
                return name
        return LINE

    def _note_unknown(self, number: int, label: str) -> None:
        self.read.findings.append(
            header_unknown_label.found(
                where=f"{self.where}, line {number}",
                severity=INFO,
                values={"label": label},
            )
        )

    def _note_mismatch(self, number: int, label: str, code: str, placed: str) -> None:
        self.read.findings.append(
            header_label_mismatch.found(
                where=f"{self.where}, line {number}",
                severity=INFO,
                values={"label": label, "printed": code, "field": placed},
            )
        )


def _shape(code: str | None) -> str | None:
    """Return the field a code's shape implies ("digit" when 1 digit)."""
    if code is None:
        return None
    if "." in code:
        return LINE
    if len(code) == 1:
        return "digit"
    return SHAPE_BY_LENGTH.get(len(code))


def _fits(labelled: str, shaped: str | None) -> bool:
    if shaped is None:
        return True
    if shaped == "digit":
        return labelled in (*DIGIT_FIELDS, EJE)
    return labelled == shaped


def _drop_runs(
    items: list[HeaderItem], findings: list[Finding], where: str
) -> list[HeaderItem]:
    """Drop runs of one name repeated under successive codes (scan artifact)."""
    keep: list[HeaderItem] = []
    run: list[HeaderItem] = []
    for item in [*items, None]:
        if (
            item
            and run
            and label_key(item.name) == label_key(run[-1].name)
            and item.field == run[-1].field
        ):
            run.append(item)
            continue
        if len(run) >= RUN_LENGTH:
            findings.append(_run_finding(run, where))
        else:
            keep.extend(run)
        run = [item] if item else []
    return keep


@finding_kind(
    "POA-REPEATED-RUN",
    summary=sentence("Renglones repetidos por el escaneo se ignoraron."),
)
def repeated_run(values: Values, say: Say) -> str:
    return say(
        sentence(
            "%(lines)s renglones del encabezado repiten «%(name)s» con claves "
            "sucesivas (de %(first_code)s a %(last_code)s): se leen como un defecto "
            "del escaneo y se ignoran."
        )
    ) % {
        "lines": values["lines"],
        "name": values["name"],
        "first_code": values["first_code"],
        "last_code": values["last_code"],
    }


def _run_finding(run: list[HeaderItem], where: str) -> Finding:
    return repeated_run.found(
        where=f"{where}, lines {run[0].line}-{run[-1].line}",
        values={
            "first_code": run[0].code,
            "last_code": run[-1].code,
            "lines": len(run),
            "name": run[0].name,
        },
    )
