"""Sentences of the report's prose that restate figures of its tables.

Each sentence keeps the words the CECOP reader anchors a figure on ("… obras
contratadas directamente a través del Programa Gestión Emergente …, $144.0
mdp, en beneficio de …"); the words between are the project's own. Amounts
are stated in millions of pesos cut to one decimal, as the report does.
Every sentence carries the claims the reader should take from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ruta.common.text.folding import normalize_key
from ruta.demo.documents.cecop_model import Report, WorksLine, mdp, total_line


@dataclass(frozen=True)
class Claim:
    """A figure a sentence states: about what, which quantity, and its value."""

    subject: str  # works, aid, drought, committees
    quantity: str  # count, amount (millions of pesos), beneficiaries
    programs: tuple[str, ...]  # tsam, gse
    subprograms: tuple[str, ...]  # the tables' names, normalised
    figure: Decimal


@dataclass(frozen=True)
class Sentence:
    text: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Prose:
    """The sentences of the works part and of the aid part, in reading order."""

    works: tuple[Sentence, ...]
    aid: tuple[Sentence, ...]

    def claims(self) -> tuple[Claim, ...]:
        """Return every claim, in the order the document states them."""
        return tuple(c for s in (*self.works, *self.aid) for c in s.claims)


def _millions(value: Decimal) -> Decimal:
    return Decimal(mdp(value))


def _works(
    program: str, line: WorksLine, *quantities: str, named: bool = False
) -> tuple[Claim, ...]:
    figures = {
        "count": Decimal(line.works),
        "amount": _millions(line.cecop),
        "beneficiaries": Decimal(line.beneficiaries),
    }
    keys = (normalize_key(line.label),) if named else ()
    return tuple(
        Claim("works", quantity, (program,), keys, figures[quantity])
        for quantity in quantities
    )


def _emergency(report: Report) -> Sentence:
    total = total_line(report.emergency.by_subprogram, "TOTALES")
    text = (
        f"Durante {report.year} el CECOP sumó {total.works} obras contratadas "
        "directamente a través del Programa Gestión Emergente Transforma Sonora, "
        f"que recibieron ${mdp(total.cecop)} mdp, en beneficio de "
        f"{total.beneficiaries:,} personas."
    )
    return Sentence(text, _works("gse", total, "count", "amount", "beneficiaries"))


def _concerted(report: Report) -> Sentence:
    lines = report.concerted.by_subprogram
    total = total_line(lines, "Total")
    items = "; ".join(f"{line.label.lower()} ${mdp(line.cecop)} mdp" for line in lines)
    text = (
        "En concertación con los 72 municipios, el CECOP invirtió "
        f"{mdp(total.cecop)} mdp para {total.works} obras; por rubro: {items}."
    )
    claims = _works("tsam", total, "count", "amount")
    claims += tuple(
        c for line in lines for c in _works("tsam", line, "amount", named=True)
    )
    return Sentence(text, claims)


def _subprogram(report: Report) -> Sentence:
    line = max(report.concerted.by_subprogram, key=lambda item: item.works)
    text = (
        "En concertación con los 72 Ayuntamientos, con el subprograma de "
        f"{line.label.lower()}, se ejecutaron {line.works} obras, con una "
        f"inversión de ${mdp(line.cecop)} mdp, beneficiando a "
        f"{line.beneficiaries:,} habitantes."
    )
    claims = _works("tsam", line, "count", "amount", "beneficiaries", named=True)
    return Sentence(text, claims)


def _committees(report: Report) -> Sentence:
    text = (
        f"Cada obra tuvo quien la vigilara: un total de {report.committees} "
        "comités ciudadanos siguió su ejecución hasta la entrega."
    )
    claim = Claim("committees", "count", (), (), Decimal(report.committees))
    return Sentence(text, (claim,))


def _drought(report: Report) -> Sentence:
    total = sum((line.amount for line in report.drought), Decimal(0))
    text = (
        f"Con la Declaratoria de Estado de Emergencia Hídrica {report.year} se "
        f"atendieron obras y acciones por un monto de ${mdp(total)} mdp."
    )
    return Sentence(text, (Claim("drought", "amount", (), (), _millions(total)),))


def _aid(report: Report, count: int) -> Sentence:
    total = sum((line.amount for line in report.aid), Decimal(0))
    text = (
        f"En el año se entregaron {count:,} ayudas sociales a personas e "
        f"instituciones, con una inversión total de ${mdp(total)} mdp."
    )
    claims = (
        Claim("aid", "count", (), (), Decimal(count)),
        Claim("aid", "amount", (), (), _millions(total)),
    )
    return Sentence(text, claims)


def prose(report: Report) -> Prose:
    """Return the report's sentences stating figures, with their claims."""
    works = (
        _emergency(report),
        _concerted(report),
        _subprogram(report),
        _committees(report),
    )
    return Prose(works, (_drought(report), _aid(report, report.aid_count)))
