"""Statuses, dates, progress, contracts and payments of planned demo works (pure).

At the close of 2024 most realized works are finished or handed over, a few
are still being built; the works with a committee but no released funds are
waiting for funds or were cancelled. Progress entries rise to 100% for
finished works, and the amount paid follows the physical progress.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ruta.demo.plan import PlannedWork
from ruta.works.models import ProcurementProcedure, WorkStatus
from ruta.works.rules import paid_increments

REALIZED_MIX = (
    (WorkStatus.HANDED_OVER, 62),
    (WorkStatus.COMPLETED, 26),
    (WorkStatus.IN_EXECUTION, 9),
    (WorkStatus.CONTRACTED, 3),
)
UNREALIZED_MIX = ((WorkStatus.APPROVED, 2), (WorkStatus.CANCELLED, 1))
FINISHED = (WorkStatus.COMPLETED, WorkStatus.HANDED_OVER)

# Fictitious contractors; the RFCs are well formed but invented.
CONTRACTORS = (
    ("Constructora Demostración del Desierto, S.A. de C.V.", "CDD150312AB1"),
    ("Edificaciones Ejemplo del Pacífico, S.A. de C.V.", "EEP120705KL3"),
    ("Urbanizadora Ficticia de Sonora, S.A. de C.V.", "UFS181120MN4"),
    ("Obras y Proyectos Muestra, S. de R.L. de C.V.", "OPM090214QR5"),
    ("Infraestructura Demo del Noroeste, S.A. de C.V.", "IDN200817ST6"),
    ("Servicios de Construcción Prueba, S.A. de C.V.", "SCP110930UV7"),
)


@dataclass(frozen=True)
class PlannedProgress:
    on: date
    percent: Decimal
    paid: int


@dataclass(frozen=True)
class PlannedPayment:
    """A payment under the work's contract, paying a CFDI invoice."""

    on: date
    amount: int
    invoice: uuid.UUID


@dataclass(frozen=True)
class PlannedContract:
    number: str
    contractor: str
    rfc: str
    procedure: ProcurementProcedure
    amount: int
    signed_on: date


def _pick(mix: tuple, rng: random.Random) -> WorkStatus:
    statuses, weights = zip(*mix, strict=True)
    return rng.choices(statuses, weights=weights)[0]


def assign_lifecycle(
    works: list[PlannedWork], rng: random.Random, year: int, *, realized: bool
) -> None:
    """Give each work a status, approval date and planned start and end."""
    close = date(year, 12, 20)
    for work in works:
        if realized:
            status = rng.choice(FINISHED) if work.named else _pick(REALIZED_MIX, rng)
        else:
            status = _pick(UNREALIZED_MIX, rng)
        approved = date(year, rng.randint(1, 4), rng.randint(1, 28))
        start = approved + timedelta(days=rng.randint(20, 150))
        end = start + timedelta(days=rng.randint(45, 150))
        if status in FINISHED:
            end = max(min(end, close), start + timedelta(days=15))
        work.extra.update(status=status, approved_on=approved, start=start, end=end)


def reached_on(work: PlannedWork) -> date:
    """Return the day the work reached its planned status, within its life.

    Released before it was contracted, contracted a few days before it
    started, finished on its end, handed over ten days later (within the
    year); a cancelled work was cancelled before its planned start.
    """
    status = work.extra["status"]
    approved, start, end = (work.extra[key] for key in ("approved_on", "start", "end"))
    if status == WorkStatus.CANCELLED:
        return approved + (start - approved) // 2
    if status == WorkStatus.RELEASED:
        return start - timedelta(days=20)
    if status == WorkStatus.CONTRACTED:
        return start - timedelta(days=5)
    if status == WorkStatus.IN_EXECUTION:
        return start
    if status == WorkStatus.COMPLETED:
        return end
    if status == WorkStatus.HANDED_OVER:
        return min(end + timedelta(days=10), date(end.year, 12, 31))
    return approved


def progress_of(work: PlannedWork, rng: random.Random, year: int) -> list:
    """Return the progress entries of a work, rising, paid in step."""
    status, start, end = work.extra["status"], work.extra["start"], work.extra["end"]
    if status in FINISHED:
        percents = [rng.randint(25, 45), rng.randint(60, 85), 100]
    elif status == WorkStatus.IN_EXECUTION:
        percents = sorted(rng.sample(range(10, 95), rng.randint(1, 2)))
    else:
        return []
    last_day = min(end, date(year, 12, 31))
    span = max((last_day - start).days, len(percents))
    entries = []
    for index, percent in enumerate(percents, start=1):
        on = start + timedelta(days=span * index // len(percents))
        paid = work.total * percent // 100
        entries.append(PlannedProgress(on=on, percent=Decimal(percent), paid=paid))
    return entries


def _procedure(amount: int) -> ProcurementProcedure:
    pesos = amount // 100
    if pesos >= 5_000_000:
        return ProcurementProcedure.LICITACION_PUBLICA
    if pesos >= 1_000_000:
        return ProcurementProcedure.INVITACION_TRES
    return ProcurementProcedure.ADJUDICACION_DIRECTA


def contract_of(
    work: PlannedWork, number: int, rng: random.Random, year: int
) -> PlannedContract | None:
    """Return the contract of a directly executed work once it is contracted."""
    if work.extra["status"] in (WorkStatus.APPROVED, WorkStatus.CANCELLED):
        return None
    contractor, rfc = rng.choice(CONTRACTORS)
    return PlannedContract(
        number=f"CECOP-GSE-{year}-{number:03d}",
        contractor=contractor,
        rfc=rfc,
        procedure=_procedure(work.total),
        amount=work.total,
        signed_on=work.extra["start"] - timedelta(days=rng.randint(5, 15)),
    )


def payments_of(progress: list[PlannedProgress], rng: random.Random) -> list:
    """Return the payments that add up to the progress entries' amount paid.

    Each entry whose cumulative amount grew pays the growth on its date, with
    an invented invoice UUID (version 4, from ``rng``: reproducible).
    """
    increments = paid_increments((entry.on, Decimal(entry.paid)) for entry in progress)
    return [
        PlannedPayment(on, int(amount), uuid.UUID(int=rng.getrandbits(128), version=4))
        for on, amount in increments
    ]
