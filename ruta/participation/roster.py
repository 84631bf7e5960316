"""Read a committees roster: the CSV template staff fill in to import committees.

Pure: text in, dataclasses and findings out, no database. One row per member;
the rows of one work (``OBRA``, its public id) make its committee, named and
dated by them (``COMITE``, ``FECHA_CONFORMACION``, the same on every row of
the work or left blank after the first). The office (``CARGO``) is read in
the words people write it ("Presidenta", "tesorero", "vocal"). Every problem
is a finding naming its row and line; a roster with any finding is imported
with nothing written (``committees_import``), so a dry run shows them all.

The roster carries members' names and contact data: it is personal data, and
neither the file nor its rows are kept as a published document.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from ruta.common.errors import InputError
from ruta.common.text.folding import fold
from ruta.sources.findings import (
    Finding,
    FindingKind,
    Say,
    Values,
    finding_kind,
    sentence,
)

HEADER = (
    "OBRA",
    "COMITE",
    "FECHA_CONFORMACION",
    "NOMBRE",
    "CARGO",
    "TELEFONO",
    "CORREO",
)
REQUIRED = ("OBRA", "NOMBRE", "CARGO")
# A state forms some hundreds of committees a year, five to ten people each.
MAX_ROWS = 5_000
MAX_BYTES = 1024 * 1024
NAME_MAX, PHONE_MAX, EMAIL_MAX, COMMITTEE_NAME_MAX = 200, 30, 254, 250
ERROR = "error"

# The offices (``MemberRole``'s values) by the folded words people write.
OFFICES = {
    "presidencia": "president",
    "presidente": "president",
    "presidenta": "president",
    "secretaria": "secretary",
    "secretario": "secretary",
    "tesoreria": "treasurer",
    "tesorero": "treasurer",
    "tesorera": "treasurer",
    "vocal de contraloria social": "comptroller",
    "contralor social": "comptroller",
    "contralora social": "comptroller",
    "vocal": "member",
}
SINGLE_HOLDER = frozenset({"president", "secretary", "treasurer"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RosterMember:
    """A member as a row gives them."""

    row: int
    line: int
    full_name: str
    role: str
    phone: str
    email: str

    @property
    def where(self) -> str:
        return f"row {self.row} (line {self.line})"


@dataclass(frozen=True)
class RosterCommittee:
    """A work's committee: its name, its date and its members' rows."""

    work: str
    name: str
    formed_on: date | None
    members: tuple[RosterMember, ...]

    @property
    def where(self) -> str:
        return self.members[0].where


@dataclass(frozen=True)
class Roster:
    """Every committee of a roster, and what is wrong with it."""

    committees: tuple[RosterCommittee, ...]
    findings: tuple[Finding, ...]


# ---------------------------------------------------------------- findings


@finding_kind(
    "ROSTER-VALUE-MISSING",
    summary=sentence("Falta un dato obligatorio en un renglón de la plantilla."),
)
def value_missing(values: Values, say: Say) -> str:
    return say(sentence("Falta la columna %(column)s.")) % {"column": values["column"]}


@finding_kind(
    "ROSTER-OFFICE-UNKNOWN", summary=sentence("Un cargo no es de un comité ciudadano.")
)
def office_unknown(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El cargo «%(office)s» no existe en un comité ciudadano: escriba "
            "Presidencia, Secretaría, Tesorería, Vocal de contraloría social o Vocal."
        )
    ) % {"office": values["office"]}


@finding_kind(
    "ROSTER-OFFICE-TWICE", summary=sentence("Un cargo de una sola persona se repite.")
)
def office_twice(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La obra %(work)s tiene otro renglón con el cargo «%(office)s», que "
            "ocupa una sola persona."
        )
    ) % {"work": values["work"], "office": values["office"]}


@finding_kind("ROSTER-DATE-INVALID", summary=sentence("Una fecha no se entiende."))
def date_invalid(values: Values, say: Say) -> str:
    return say(
        sentence("La fecha «%(date)s» no se entiende: escríbala como AAAA-MM-DD.")
    ) % {"date": values["date"]}


@finding_kind(
    "ROSTER-COMMITTEE-DIFFERS",
    summary=sentence("Dos renglones de una obra dan otro nombre o fecha al comité."),
)
def committee_differs(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Otro renglón de la obra %(work)s da al comité %(column)s «%(first)s»; "
            "este da «%(value)s»."
        )
    ) % {
        "work": values["work"],
        "column": values["column"],
        "first": values["first"],
        "value": values["value"],
    }


@finding_kind("ROSTER-DATE-MISSING", summary=sentence("Un comité no tiene fecha."))
def date_missing(values: Values, say: Say) -> str:
    return say(
        sentence("Ningún renglón de la obra %(work)s da la fecha de conformación.")
    ) % {"work": values["work"]}


@finding_kind("ROSTER-EMAIL-INVALID", summary=sentence("Un correo no es válido."))
def email_invalid(values: Values, say: Say) -> str:
    return say(sentence("El correo «%(email)s» no es una dirección válida.")) % {
        "email": values["email"]
    }


@finding_kind("ROSTER-TOO-LONG", summary=sentence("Un dato es demasiado largo."))
def too_long(values: Values, say: Say) -> str:
    return say(sentence("La columna %(column)s admite hasta %(max)s caracteres.")) % {
        "column": values["column"],
        "max": values["max"],
    }


# Found by the service, which knows the works: worded here with the rest.
@finding_kind("ROSTER-WORK-UNKNOWN", summary=sentence("Una obra no existe."))
def work_unknown(values: Values, say: Say) -> str:
    return say(sentence("No hay una obra con la clave %(work)s.")) % {
        "work": values["work"]
    }


@finding_kind(
    "ROSTER-WORK-OUT-OF-REACH",
    summary=sentence("Una obra no es de las que su cuenta captura."),
)
def work_out_of_reach(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La obra %(work)s no es de las que su cuenta captura, o su cuenta no "
            "puede ver los datos personales de sus integrantes."
        )
    ) % {"work": values["work"]}


@finding_kind(
    "ROSTER-COMMITTEE-EXISTS", summary=sentence("Una obra ya tiene comité ciudadano.")
)
def committee_exists(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La obra %(work)s ya tiene comité ciudadano: sus integrantes se cambian "
            "en la página del comité."
        )
    ) % {"work": values["work"]}


@finding_kind(
    "ROSTER-WORK-CLOSED", summary=sentence("Una obra no admite comité ciudadano.")
)
def work_closed(values: Values, say: Say) -> str:
    return say(
        sentence("La obra %(work)s está «%(status)s»: no se forma su comité.")
    ) % {"work": values["work"], "status": values["status"]}


@finding_kind(
    "ROSTER-DATE-IN-FUTURE", summary=sentence("Una fecha es posterior a hoy.")
)
def date_in_future(values: Values, say: Say) -> str:
    return say(
        sentence("El comité de la obra %(work)s no puede conformarse el %(date)s.")
    ) % {"work": values["work"], "date": values["date"]}


# Why a file is refused whole (``InputError``'s code), worded for the page.
@finding_kind("ROSTER-NOT-TEMPLATE", summary=sentence("El archivo no es la plantilla."))
def not_template(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Al archivo le faltan las columnas %(columns)s: use la plantilla de "
            "comités."
        )
    ) % {"columns": values["columns"]}


@finding_kind("ROSTER-EMPTY", summary=sentence("El archivo no tiene integrantes."))
def roster_empty(values: Values, say: Say) -> str:
    return say(sentence("El archivo no tiene ningún renglón de integrantes."))


@finding_kind("ROSTER-TOO-BIG", summary=sentence("El archivo es demasiado grande."))
def roster_too_big(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El archivo pasa de %(rows)s renglones o de %(kb)s KB; divídalo en varios."
        )
    ) % {"rows": values["rows"], "kb": values["kb"]}


@finding_kind("ROSTER-NOT-TEXT", summary=sentence("El archivo no es un CSV."))
def roster_not_text(values: Values, say: Say) -> str:
    return say(sentence("El archivo no es de texto: guárdelo como CSV."))


_BIG = {"rows": MAX_ROWS, "kb": MAX_BYTES // 1024}


# ---------------------------------------------------------------- reading


def _cell(row: dict[str, str | None], column: str) -> str:
    value = row.get(column)
    return " ".join((value or "").split())


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def roster_text(data: bytes, *, name: str) -> str:
    """Return the roster's text: UTF-8 (with or without its BOM) or Windows-1252."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"the roster is larger than {MAX_BYTES // 1024} KB",
            file=name,
            code="ROSTER-TOO-BIG",
            values=_BIG,
        )
    if b"\x00" in data:
        raise InputError(
            "the roster is not a text file", file=name, code="ROSTER-NOT-TEXT"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@dataclass
class _Draft:
    """A committee as its rows are read."""

    name: str = ""
    date: str = ""
    members: list[RosterMember] = field(default_factory=list)
    offices: set[str] = field(default_factory=set)


class _Reading:
    """The committees read so far and the findings about them."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.works: dict[str, _Draft] = {}

    def find(self, kind: FindingKind, where: str, **values: object) -> None:
        self.findings.append(kind.found(where=where, values=values, severity=ERROR))

    def member(self, row: dict[str, str | None], number: int, line: int) -> None:
        where = f"row {number} (line {line})"
        values = {column: _cell(row, column) for column in HEADER}
        for column in REQUIRED:
            if not values[column]:
                self.find(value_missing, where, column=column)
        if not values["OBRA"]:
            return
        for column, limit in (
            ("NOMBRE", NAME_MAX),
            ("TELEFONO", PHONE_MAX),
            ("CORREO", EMAIL_MAX),
            ("COMITE", COMMITTEE_NAME_MAX),
        ):
            if len(values[column]) > limit:
                self.find(too_long, where, column=column, max=limit)
        office = OFFICES.get(fold(values["CARGO"]).strip(" ."), "")
        if values["CARGO"] and not office:
            self.find(office_unknown, where, office=values["CARGO"])
        email = values["CORREO"].lower()
        if email and not _EMAIL.match(email):
            self.find(email_invalid, where, email=values["CORREO"])
        work = self.works.setdefault(values["OBRA"], _Draft())
        self._committee_value(work, "COMITE", "name", values, where)
        self._committee_value(work, "FECHA_CONFORMACION", "date", values, where)
        if office in SINGLE_HOLDER and office in work.offices:
            self.find(office_twice, where, work=values["OBRA"], office=values["CARGO"])
        work.offices.add(office)
        work.members.append(
            RosterMember(
                number,
                line,
                values["NOMBRE"][:NAME_MAX],
                office,
                values["TELEFONO"][:PHONE_MAX],
                email[:EMAIL_MAX],
            )
        )

    def _committee_value(
        self,
        work: _Draft,
        column: str,
        key: str,
        values: dict[str, str],
        where: str,
    ) -> None:
        """Keep the committee's name or date; a row giving another is a finding."""
        value = values[column]
        if not value:
            return
        if column == "FECHA_CONFORMACION" and _date(value) is None:
            self.find(date_invalid, where, date=value)
            return
        if not getattr(work, key):
            setattr(work, key, value)
        elif getattr(work, key) != value:
            self.find(
                committee_differs,
                where,
                work=values["OBRA"],
                column=column,
                first=getattr(work, key),
                value=value,
            )

    def committees(self) -> tuple[RosterCommittee, ...]:
        found = []
        for public_id, work in self.works.items():
            formed = _date(work.date) if work.date else None
            if not work.date:
                self.find(date_missing, work.members[0].where, work=public_id)
            found.append(
                RosterCommittee(
                    work=public_id,
                    name=work.name,
                    formed_on=formed,
                    members=tuple(work.members),
                )
            )
        return tuple(found)


def roster_read(text: str, *, name: str) -> Roster:
    """Return the committees of a roster and its findings.

    Raise ``InputError`` when the file is not the template: a missing
    column, no rows, or more than ``MAX_ROWS`` rows.
    """
    reader = csv.DictReader(io.StringIO(text))
    columns = [
        " ".join((field or "").split()).upper() for field in reader.fieldnames or []
    ]
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise InputError(
            f"the roster lacks the column(s) {', '.join(missing)}; use the template",
            file=name,
            code="ROSTER-NOT-TEMPLATE",
            values={"columns": ", ".join(missing)},
        )
    reader.fieldnames = columns
    reading = _Reading()
    count = 0
    for count, row in enumerate(reader, start=1):
        if count > MAX_ROWS:
            raise InputError(
                f"the roster has more than {MAX_ROWS} rows",
                file=name,
                code="ROSTER-TOO-BIG",
                values=_BIG,
            )
        if not any(
            (value or "").strip() for value in row.values() if isinstance(value, str)
        ):
            continue
        reading.member(row, count, reader.line_num)
    if not reading.works:
        raise InputError(
            "the roster has no member rows", file=name, code="ROSTER-EMPTY"
        )
    committees = reading.committees()
    return Roster(committees=committees, findings=tuple(reading.findings))
