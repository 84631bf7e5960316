"""The demo's participatory budgets: Álamos 2024 finished, Hermosillo 2026 voting.

Everything goes through the budgeting app's services, as staff and citizens
would: the period is opened, proposals are sent, assessed with reasons,
voted on and, in Álamos, the result published and the winner linked to a
real demo work in Álamos, so its money can be followed. The voters are
invented: their codes are written as if they had been sent (no message goes
out), then verified and cast through the services. All is ``is_demo``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ruta.accounts.actors import DEMO, audited
from ruta.budgeting import services
from ruta.budgeting.keys import code_hash, contact_key
from ruta.budgeting.models import Period, Proposal, VoteCode
from ruta.budgeting.verification import EMAIL
from ruta.catalog.instance import instance
from ruta.catalog.models import Municipality
from ruta.works.models import Work

DEMO_SEED = 31
DEMO_CODE = "000000"
RULES = (
    "Cada persona vota una sola vez, verificada con un código a su correo o "
    "WhatsApp. Elige propuestas viables cuyo costo evaluado sume hasta el "
    "presupuesto por boleta. Se financian por votos mientras alcance el "
    "presupuesto total."
)


@dataclass(frozen=True)
class DemoProposal:
    """A proposal of the demo and what the municipality concluded."""

    title: str
    locality: str
    estimated: str
    assessed: str | None  # None: not feasible
    reason: str
    weight: int  # how often invented voters pick it


ALAMOS = (
    DemoProposal(
        "Techumbre en la cancha de la primaria de La Aduana",
        "La Aduana",
        "780000",
        "820000",
        "Terreno de la escuela; costo según el catálogo municipal de precios.",
        9,
    ),
    DemoProposal(
        "Alumbrado con paneles solares en el Callejón del Beso",
        "Álamos (cabecera)",
        "450000",
        "480000",
        "Vía pública municipal; se sumó la protección del centro histórico.",
        6,
    ),
    DemoProposal(
        "Rehabilitación del pozo de agua de Los Tanques",
        "Los Tanques",
        "1500000",
        "1150000",
        "El organismo de agua confirmó el pozo; costo de perforación revisado.",
        5,
    ),
    DemoProposal(
        "Puente colgante sobre el arroyo Cuchujaqui",
        "Sabinito Sur",
        "1900000",
        None,
        "El arroyo es cauce federal: la obra requiere permiso de la CONAGUA.",
        0,
    ),
    DemoProposal(
        "Banquetas accesibles frente al centro de salud",
        "Álamos (cabecera)",
        "350000",
        "390000",
        "Calle municipal; incluye rampas según la norma de accesibilidad.",
        4,
    ),
)
HERMOSILLO = (
    DemoProposal(
        "Parque de bolsillo en la colonia Las Minitas",
        "Las Minitas",
        "600000",
        "650000",
        "Predio municipal de área verde; costo según proyecto tipo.",
        5,
    ),
    DemoProposal(
        "Ciclovía en el bulevar de la colonia Y Griega",
        "Y Griega",
        "1200000",
        "1250000",
        "Derecho de vía suficiente; se ajustó el costo por señalamiento.",
        4,
    ),
    DemoProposal(
        "Arbolado y riego por goteo en la Plaza Zaragoza",
        "Centro",
        "300000",
        "340000",
        "Plaza municipal; el riego se conecta a la red existente.",
        3,
    ),
)


# The municipalities of the demo's budgets, in the order they are written.
PLACES = {"26003": "Álamos", "26030": "Hermosillo"}


def _places_here() -> set[str]:
    """Return which of ``PLACES`` the instance publishes (a budget's period
    lies in its municipality; another's would be written and never shown)."""
    return set(
        instance()
        .municipalities()
        .filter(code__in=PLACES)
        .values_list("code", flat=True)
    )


def budgeting_demo_skipped() -> str:
    """Return why the demo writes no budget of a place here, or "" (each
    part of ``load-demo`` says what it left out)."""
    left_out = [name for code, name in PLACES.items() if code not in _places_here()]
    if not left_out:
        return ""
    return (
        f" ({' and '.join(left_out)}: not in this instance's "
        f"{instance().name()}, skipped)"
    )


@transaction.atomic
def budgeting_demo_load() -> int:
    """Create the demo budgets of the instance's places if there are none;
    return how many were created."""
    if Period.objects.filter(is_demo=True).exists():
        return 0
    here = _places_here()
    created = 0
    if "26003" in here:
        alamos = _period("26003", 2024, Decimal("2000000"), Decimal("1200000"), ALAMOS)
        _vote(alamos, ALAMOS, voters=60)
        services.results_publish(period=alamos, actor=DEMO)
        _winner_to_work(alamos)
        created += 1
    if "26030" in here:
        hermosillo = _period(
            "26030", 2026, Decimal("1500000"), Decimal("1300000"), HERMOSILLO
        )
        _vote(hermosillo, HERMOSILLO, voters=18)
        created += 1
    return created


def _period(
    code: str,
    year: int,
    total: Decimal,
    per_ballot: Decimal,
    proposals: tuple[DemoProposal, ...],
) -> Period:
    """Open a period, receive and assess its proposals, and open its vote."""
    municipality = Municipality.objects.get(code=code)
    start = date(year, 2, 1) if year < 2026 else date(year, 8, 1)
    period = services.period_open(
        municipality=municipality,
        year=year,
        title=f"Presupuesto participativo de {municipality.name} {year}",
        total_budget=total,
        ballot_budget=per_ballot,
        rules_text=RULES,
        calendar=services.Calendar(
            start,
            start + timedelta(days=45),
            start + timedelta(days=75),
            start + timedelta(days=120),
            start + timedelta(days=135),
        ),
        is_demo=True,
        actor=DEMO,
    )
    sent = [_propose(period, item, n) for n, item in enumerate(proposals, 1)]
    services.period_advance(period=period, actor=DEMO)
    for proposal, item in zip(sent, proposals, strict=True):
        services.proposal_assess(
            proposal=proposal,
            feasible=item.assessed is not None,
            assessed_cost=Decimal(item.assessed) if item.assessed else None,
            reason=item.reason,
            actor=DEMO,
        )
    return services.period_advance(period=period, actor=DEMO)


def _propose(period: Period, item: DemoProposal, n: int) -> Proposal:
    return services.proposal_submit(
        period=period,
        title=item.title,
        description=(
            f"{item.title}: la propone una vecina de {item.locality} para "
            "beneficiar a quienes usan el lugar a diario."
        ),
        place=services.Place(item.locality),
        estimated_cost=Decimal(item.estimated),
        contact=services.Contact(f"Vecina Ficticia {n}", f"vecina{n}@example.org"),
        is_demo=True,
        actor=services.PUBLIC_PROPOSALS,
    )


def _vote(period: Period, proposals: tuple[DemoProposal, ...], *, voters: int) -> None:
    """Cast ``voters`` invented ballots, each within the ballot's budget."""
    rng = random.Random(f"{DEMO_SEED}-{period.slug}")  # noqa: S311 - invented voters
    costs = {
        n: Decimal(item.assessed)
        for n, item in enumerate(proposals, 1)
        if item.assessed is not None
    }
    weights = {n: proposals[n - 1].weight for n in costs}
    for voter in range(voters):
        vote_code = _verified_code(period, f"votante{voter}@example.org")
        services.ballot_cast(
            vote_code=vote_code,
            choices=_choices(rng, costs, weights, period.ballot_budget),
            is_demo=True,
            actor=services.PUBLIC_VOTE,
        )


def _choices(
    rng: random.Random,
    costs: dict[int, Decimal],
    weights: dict[int, int],
    budget: Decimal,
) -> list[int]:
    """Return proposals picked by weight while they fit ``budget`` (at least one)."""
    order = sorted(costs, key=lambda n: -weights[n] * rng.random())
    chosen: list[int] = []
    left = budget
    for number in order:
        if costs[number] <= left:
            chosen.append(number)
            left -= costs[number]
    return chosen


def _verified_code(period: Period, address: str) -> VoteCode:
    """Return a code for an invented voter, verified through the service."""
    key = contact_key(period, EMAIL, address)
    with audited(DEMO, "budgeting_demo_code"):
        vote_code = VoteCode.objects.create(
            period=period,
            contact_key=key,
            channel=EMAIL,
            code_hash=code_hash(key, DEMO_CODE),
            expires_at=timezone.now() + timedelta(minutes=15),
        )
    services.vote_code_verify(
        vote_code=vote_code, code=DEMO_CODE, actor=services.PUBLIC_VOTE
    )
    return vote_code


def _winner_to_work(period: Period) -> None:
    """Link the most voted winner to a published demo work in the municipality."""
    from ruta.budgeting.selectors import period_tally

    result = period_tally(period)
    winner = next(row.proposal for row in result.rows if row.funded)
    work = (
        Work.objects.demo()
        .published()
        .filter(municipality=period.municipality)
        .order_by("public_id")
        .first()
    )
    if work is None:
        raise ValueError(f"the demo has no published work in {period.municipality}")
    services.proposal_work_link(proposal=winner, work=work, actor=DEMO)
