"""Write the demonstration data: 2024 works, committees and aid (idempotent).

The plan is computed in memory from the published tables and a fixed seed,
so it is the same on every run; rows are written with bulk inserts and
identified by public id, so a second run finds everything in place and adds
nothing. Everything written is marked ``is_demo``.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from ruta.accounts.actors import DEMO, audited
from ruta.accounts.models import Role, User
from ruta.accounts.services import role_assign, user_create
from ruta.catalog.models import Agency, Municipality
from ruta.common.fast.stats import analyze
from ruta.demo.lifecycle import (
    assign_lifecycle,
    contract_of,
    payments_of,
    progress_of,
    reached_on,
)
from ruta.demo.named import NAMED_WORKS_2024
from ruta.demo.people import (
    aid_ages,
    aid_sexes,
    committee_formed_on,
    members_of,
    plan_aids,
)
from ruta.demo.plan import (
    Place,
    PlannedWork,
    place_works,
    plan_program,
    region_places,
)
from ruta.participation.models import Committee, CommitteeMember
from ruta.works.loader import (
    subprogram_codes_by_label,
    subprogram_order,
    works_catalog_load,
)
from ruta.works.models import (
    Aid,
    AidStatus,
    Contract,
    Funding,
    Payment,
    Progress,
    Subprogram,
    Work,
    WorksProgram,
    WorkStatus,
)
from ruta.works.published import GSE, TSAM, published_aid_rows

DEMO_YEAR = 2024
DEMO_SEED = 2024
SONORA = "26"
# "671 comités ciudadanos en el ejercicio 2024" (report prose, line 296):
# more than the 612 realized works, so the rest sit on works approved in 2024
# whose funds were not released (or that were cancelled).
COMMITTEES_2024 = 671
MINIMUMS = {
    TSAM: {
        "state": 2_000_000,
        "municipality": 100_000,
        "community": 100_000,
        "beneficiaries": 10,
    },
    GSE: {"state": 10_000_000, "beneficiaries": 20},
}
EXECUTING_AGENCY = {
    TSAM: "sonora-cecop-dg-concertacion-apoyo-tecnico",
    GSE: "sonora-cecop-direccion-apoyo-tecnico",
}
AID_AGENCY = "sonora-cecop-departamento-ayudas-diversas"
PREFIX = {TSAM: "TSAM", GSE: "GSE"}
DEMO_ADMIN_EMAIL = "admin@demo.rutadeldinero.mx"
GENERATED = (
    "Obra de demostración: sus cifras se generaron para que la suma de las obras "
    "reproduzca las tablas publicadas en el Informe Anual de Resultados 2024 del "
    "CECOP."
)
NAMED = (
    "Obra mencionada en el Informe Anual de Resultados 2024 del CECOP; el monto "
    "exacto es de demostración, consistente con la cifra publicada."
)
_TZ = ZoneInfo("America/Mexico_City")


@dataclass(frozen=True)
class DemoSummary:
    """What a demo load created (zero everywhere on a repeated load)."""

    works: int
    funding: int
    progress: int
    contracts: int
    payments: int
    committees: int
    members: int
    aids: int


def seeded(*parts: object) -> random.Random:
    """Return a generator seeded by ``parts``: the demo must be reproducible."""
    key = ":".join(str(part) for part in parts)
    return random.Random(key)  # noqa: S311 - reproducible demo data, not secrets


def _unrealized(count: int, rng: random.Random) -> list[PlannedWork]:
    """Return TSAM works approved in the year whose funds were not released."""
    codes = list(subprogram_codes_by_label().values())
    works = []
    for _ in range(count):
        state = rng.randint(150_000, 450_000) * 100
        works.append(
            PlannedWork(
                program=TSAM,
                subprogram=rng.choice(codes),
                region="",
                amounts={
                    "state": state,
                    "municipality": state * rng.randint(10, 16) // 100,
                    "community": state * rng.randint(5, 11) // 100,
                },
                beneficiaries=rng.randint(50, 1500),
            )
        )
    return works


def _number(works: list[PlannedWork], prefix: str, year: int) -> None:
    """Number works in report order: realized first, by subprogram, then name."""
    position = {code: index for index, code in enumerate(subprogram_order())}
    works.sort(
        key=lambda w: (
            w.extra.get("unrealized", False),
            position[w.subprogram],
            w.municipality,
            w.title,
        )
    )
    for serial, work in enumerate(works, start=1):
        work.public_id = f"{prefix}-{year}-{serial:04d}"


def demo_plan(
    places: dict[str, list[Place]], seed: int = DEMO_SEED, year: int = DEMO_YEAR
) -> list[PlannedWork]:
    """Return every demo work of ``year``, numbered, placed and dated."""
    rng = seeded(seed)
    subprograms = subprogram_codes_by_label()
    named = list(NAMED_WORKS_2024)
    tsam = plan_program(
        program=TSAM,
        subprograms=subprograms,
        named=named,
        minimums=MINIMUMS[TSAM],
        rng=rng,
    )
    place_works(tsam, places, rng, cover_every_municipality=True)
    assign_lifecycle(tsam, rng, year, realized=True)
    gse = plan_program(
        program=GSE,
        subprograms=subprograms,
        named=named,
        minimums=MINIMUMS[GSE],
        rng=rng,
    )
    place_works(gse, places, rng, cover_every_municipality=False)
    assign_lifecycle(gse, rng, year, realized=True)
    extra = _unrealized(COMMITTEES_2024 - len(tsam), rng)
    regions = sorted(places)
    for work in extra:
        work.region = rng.choice(regions)
        work.extra["unrealized"] = True
    place_works(extra, places, rng, cover_every_municipality=False)
    assign_lifecycle(extra, rng, year, realized=False)
    tsam += extra
    _number(tsam, PREFIX[TSAM], year)
    _number(gse, PREFIX[GSE], year)
    return tsam + gse


def _work_row(work: PlannedWork, ids: dict[str, dict[str, int]], year: int) -> Work:
    """Return a new work row; a cancelled one is written approved, then cancelled.

    Its status history then says it was approved first, as the released ÷
    approved indicator reads it.
    """
    approved = datetime.combine(work.extra["approved_on"], time(10), tzinfo=_TZ)
    status = work.extra["status"]
    return Work(
        public_id=work.public_id,
        fiscal_year_id=year,
        program_id=ids["program"][work.program],
        subprogram_id=ids["subprogram"][work.subprogram],
        executing_agency_id=ids["agency"][EXECUTING_AGENCY[work.program]],
        municipality_id=work.municipality,
        locality=work.locality,
        title=work.title,
        description=NAMED if work.named else GENERATED,
        beneficiaries=work.beneficiaries,
        total_investment=Decimal(work.total) / 100,
        start_date=work.extra["start"],
        end_date=work.extra["end"],
        status=WorkStatus.APPROVED if status == WorkStatus.CANCELLED else status,
        published_at=approved,
        is_demo=True,
        # The day its status was reached: its history is dated by it.
        as_of=(
            work.extra["approved_on"]
            if status == WorkStatus.CANCELLED
            else reached_on(work)
        ),
    )


def _serial(work: PlannedWork) -> int:
    return int(work.public_id.rsplit("-", 1)[1])


def _contract(work: PlannedWork, row: Work, rng: random.Random, year: int) -> list:
    contract = contract_of(work, _serial(work), rng, year)
    if contract is None:
        return []
    return [
        Contract(
            work=row,
            number=contract.number,
            contractor_name=contract.contractor,
            contractor_rfc=contract.rfc,
            procedure=contract.procedure,
            amount=Decimal(contract.amount) / 100,
            signed_on=contract.signed_on,
            start_date=work.extra["start"],
            end_date=work.extra["end"],
        )
    ]


def _children(
    planned: list[PlannedWork], saved: dict[str, Work], seed: int, year: int
) -> tuple[list, list, list, list, list[tuple[Committee, list]]]:
    """Return the funding, progress, contracts, payments and committees of new works.

    Each work draws from its own generator, seeded by its public id, so what
    a work gets does not depend on which other works already exist. A
    contracted work's payments add up to its progress's amount paid.
    """
    funding, progress, contracts, payments, committees = [], [], [], [], []
    for work in planned:
        row, rng = saved[work.public_id], seeded(seed, work.public_id)
        funding += [
            Funding(work=row, source=source, amount=Decimal(amount) / 100)
            for source, amount in work.amounts.items()
        ]
        entries = progress_of(work, rng, year)
        progress += [
            Progress(
                work=row,
                date=entry.on,
                physical_percent=entry.percent,
                amount_paid=Decimal(entry.paid) / 100,
                evidence="Reporte de supervisión (demostración)",
            )
            for entry in entries
        ]
        if work.program == GSE:
            signed = _contract(work, row, rng, year)
            contracts += signed
            payments += _payments(signed, entries, rng)
        if work.program == TSAM:
            committee = Committee(
                work=row,
                name=f"Comité ciudadano de la obra {work.public_id}",
                formed_on=committee_formed_on(work, rng),
                is_demo=True,
            )
            committees.append((committee, members_of(_serial(work), rng)))
    return funding, progress, contracts, payments, committees


def _payments(contracts: list[Contract], entries: list, rng: random.Random) -> list:
    """Return the payments under a work's one contract, as its progress paid."""
    if not contracts:
        return []
    return [
        Payment(
            contract=contracts[0],
            paid_on=payment.on,
            amount=Decimal(payment.amount) / 100,
            invoice_uuid=payment.invoice,
        )
        for payment in payments_of(entries, rng)
    ]


def _ids() -> dict[str, dict[str, int]]:
    return {
        "program": dict(WorksProgram.objects.values_list("code", "pk")),
        "subprogram": dict(Subprogram.objects.values_list("code", "pk")),
        "agency": dict(
            Agency.objects.filter(
                code__in=[*EXECUTING_AGENCY.values(), AID_AGENCY]
            ).values_list("code", "pk")
        ),
    }


def _load_aids(places: dict[str, list[Place]], seed: int, year: int) -> int:
    amounts = {
        row.concept: int(row.amount * 100)
        for row in published_aid_rows()
        if row.concept != "total"
    }
    every_place = [place for region in sorted(places) for place in places[region]]
    planned = plan_aids(amounts, every_place, seeded(seed, "aids"), year)
    existing = set(
        Aid.objects.filter(public_id__in=[a.public_id for a in planned]).values_list(
            "public_id", flat=True
        )
    )
    agency = Agency.objects.get(code=AID_AGENCY)
    sexes = aid_sexes(planned, seeded(seed, "aid-sex"))
    ages = aid_ages(planned, seeded(seed, "aid-age"))
    _aid_people_fill(sexes, ages)
    created = Aid.objects.bulk_create(
        [
            Aid(
                public_id=aid.public_id,
                fiscal_year_id=year,
                agency=agency,
                concept=aid.concept,
                description=aid.description,
                municipality_id=aid.municipality,
                amount=Decimal(aid.amount) / 100,
                beneficiaries=aid.beneficiaries,
                granted_on=aid.granted_on,
                recipient_sex=sexes.get(aid.public_id, ""),
                age_group=ages.get(aid.public_id, ""),
                status=AidStatus.GRANTED,
                is_demo=True,
            )
            for aid in planned
            if aid.public_id not in existing
        ]
    )
    return len(created)


def _aid_people_fill(sexes: dict[str, str], ages: dict[str, str]) -> None:
    """Give demo aids loaded before the recipient's sex or age group was kept
    their sex and age group."""
    missing = list(
        Aid.objects.filter(is_demo=True, public_id__in=list(sexes))
        .filter(Q(recipient_sex="") | Q(age_group=""))
        .only("pk", "public_id", "recipient_sex", "age_group")
    )
    for aid in missing:
        aid.recipient_sex = aid.recipient_sex or sexes[aid.public_id]
        aid.age_group = aid.age_group or ages[aid.public_id]
    Aid.objects.bulk_update(missing, ["recipient_sex", "age_group"], batch_size=500)


def sonora_places() -> dict[str, list[Place]]:
    """Return Sonora's municipalities grouped by plan region key."""
    return region_places(
        list(
            Municipality.objects.filter(state_id=SONORA, region__isnull=False)
            .order_by("code")
            .values_list("code", "name", "population_2020", "region__name")
        )
    )


@transaction.atomic
def demo_load(*, seed: int = DEMO_SEED, year: int = DEMO_YEAR) -> DemoSummary:
    """Create the demo works, money, progress, committees and aid if missing."""
    works_catalog_load()
    places = sonora_places()
    planned = demo_plan(places, seed, year)
    existing = set(
        Work.objects.filter(public_id__in=[w.public_id for w in planned]).values_list(
            "public_id", flat=True
        )
    )
    new = [work for work in planned if work.public_id not in existing]
    ids = _ids()
    with audited(DEMO, "demo_load"):
        saved = {
            row.public_id: row
            for row in Work.objects.bulk_create([_work_row(w, ids, year) for w in new])
        }
        for work in new:
            if work.extra["status"] == WorkStatus.CANCELLED:
                Work.objects.filter(public_id=work.public_id).update(
                    status=WorkStatus.CANCELLED, as_of=reached_on(work)
                )
        funding, progress, contracts, payments, committees = _children(
            new, saved, seed, year
        )
        Funding.objects.bulk_create(funding)
        Progress.objects.bulk_create(progress)
        Contract.objects.bulk_create(contracts)
        Payment.objects.bulk_create(payments)
        Committee.objects.bulk_create([committee for committee, _ in committees])
        members = [
            CommitteeMember(committee=committee, **asdict(member))
            for committee, planned_members in committees
            for member in planned_members
        ]
        CommitteeMember.objects.bulk_create(members)
        aids = _load_aids(places, seed, year)
    analyze(Work, Progress, Contract, Payment, Committee, CommitteeMember, Aid)
    return DemoSummary(
        works=len(saved),
        funding=len(funding),
        progress=len(progress),
        contracts=len(contracts),
        payments=len(payments),
        committees=len(committees),
        members=len(members),
        aids=aids,
    )


def demo_admin_ensure(email: str = DEMO_ADMIN_EMAIL) -> str:
    """Create the demo administrator, or give it a fresh password; return it.

    The password is new on every demo load, so the login the command prints
    always works and no password is kept in the repository.
    """
    password = secrets.token_urlsafe(12)
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        existing.set_password(password)
        existing.save(update_fields=["password"])
        return password
    user = user_create(
        email=email,
        password=password,
        full_name="Administración de demostración",
        actor=DEMO,
    )
    role_assign(user=user, role=Role.ADMINISTRATOR, actor=DEMO)
    return password
