"""The staff's yearly cycles, run through the same services the site's pages call.

So a new user finds a record of each cycle to look at and a step left open
to try: a committee formed on the site (members, a replacement with its
reason, its workshop); each Mexicali unit's POA year after the seed's,
opened, approved, its first quarter captured and approved and the second
open (so overdue: it shows on the units' desk, their page of the reporting
calendar and its dataset); the committees indicator's quarterly results for
Hermosillo and the capital region; Guanajuato's public-works platform
commitment reported in two periods after the seed's, so its progress over
time shows. Two demo
accounts (capture staff and a validator) act, so every record is written
by one person and approved by another; they are printed with the demo's
logins. Everything is marked as demonstration data; a second load finds
each record in place and adds nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ruta.accounts.actors import DEMO
from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role, User
from ruta.accounts.permissions import Action, can
from ruta.accounts.services import role_assign, user_create
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality, Region
from ruta.demo.load import DEMO_YEAR, SONORA, seeded
from ruta.demo.people import members_of
from ruta.indicators.cycles import RESULT
from ruta.indicators.models import Computation, IndicatorCard, IndicatorResult
from ruta.indicators.periods import Place, period_figure
from ruta.indicators.services import (
    Period,
    indicator_result_capture,
)
from ruta.opengov.cycles import REPORT
from ruta.opengov.models import ActionPlan, Commitment
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE
from ruta.opengov.services import (
    ActivityDraft,
    ReportDraft,
    action_plan_coordinator_set,
    action_plan_create,
    commitment_add,
    commitment_report_save,
    reporting_period_open,
)
from ruta.participation.models import Committee, MemberRole
from ruta.participation.rules import OVERSEEN_STATUSES
from ruta.participation.services import (
    committee_form,
    committee_member_add,
    committee_member_replace,
    workshop_record,
)
from ruta.programs.cycles import PLAN
from ruta.programs.models import PlanStatus, UnitProgram
from ruta.programs.services import (
    QuarterEntry,
    goal_links_set,
    quarter_approve,
    quarter_capture,
    unit_program_open,
)
from ruta.works.models import Work
from ruta.works.published import GSE


@dataclass(frozen=True)
class CyclesSummary:
    """What the cycles' demo wrote (zero everywhere on a repeated load)."""

    committees: int
    poa_units: int
    indicator_results: int
    commitment_reports: int
    plans_on_site: int = 0

    def __str__(self) -> str:
        return (
            f"{self.committees} committee formed on the site, "
            f"{self.poa_units} units' POA {POA_YEAR} opened with a quarter "
            f"approved and the next one open, {self.indicator_results} "
            "quarterly indicator results by place, "
            f"{self.commitment_reports} commitment reports in two periods, "
            f"{self.plans_on_site} action plan registered on the site and reported"
        )


def cycles_demo_load() -> CyclesSummary:
    """Run each cycle's demo; the seeds' imports must have run first."""
    with transaction.atomic():
        people = demo_staff_ensure()
        return CyclesSummary(
            committees=committee_on_site_demo_load(),
            poa_units=poa_year_demo_load(people),
            indicator_results=indicator_periods_demo_load(people),
            commitment_reports=commitment_periods_demo_load(people),
            plans_on_site=action_plan_on_site_demo_load(people),
        )


# ---------------------------------------------------------------- people

DEMO_CAPTURE_EMAIL = "captura@demo.rutadeldinero.mx"
DEMO_VALIDATOR_EMAIL = "validacion@demo.rutadeldinero.mx"
# The agencies the demo's staff work for: the POA's and the indicators'
# (the catalog codes of the seeds' publishers); in Guanajuato's action plan
# the capture staff report SICOM's commitment and the validator works for
# the coordinating unit (STRC).
DEMO_STAFF_AGENCIES = ("mexicali-bisom", "sonora-cecop")
DEMO_REPORTING_AGENCY = "guanajuato-sicom"
DEMO_COORDINATOR = "guanajuato-strc"


@dataclass(frozen=True)
class DemoStaff:
    """Two people, so each record is written by one and approved by the other."""

    capture: User
    validator: User


def _demo_person(email: str, name: str, role: Role, agencies: list[Agency]) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, password=None, full_name=name, actor=DEMO)
    for agency in agencies:
        role_assign(user=user, role=role, agency_id=agency.pk, actor=DEMO)
    return user


def demo_staff_ensure() -> DemoStaff:
    """Create the demo's capture staff and validator (no password: see below).

    ``demo_staff_passwords`` gives them fresh passwords when the demo prints
    its logins, as the administrator's.
    """
    agencies = list(Agency.objects.filter(code__in=DEMO_STAFF_AGENCIES))
    reporting = list(Agency.objects.filter(code=DEMO_REPORTING_AGENCY))
    coordinator = list(Agency.objects.filter(code=DEMO_COORDINATOR))
    return DemoStaff(
        capture=_demo_person(
            DEMO_CAPTURE_EMAIL,
            "Capturista de demostración",
            Role.CAPTURE,
            agencies + reporting,
        ),
        validator=_demo_person(
            DEMO_VALIDATOR_EMAIL,
            "Validadora de demostración",
            Role.VALIDATOR,
            agencies + coordinator,
        ),
    )


def demo_staff_passwords() -> dict[str, str]:
    """Give the demo's staff fresh passwords; return them by e-mail."""
    passwords = {}
    for email in (DEMO_CAPTURE_EMAIL, DEMO_VALIDATOR_EMAIL):
        user = User.objects.filter(email=email).first()
        if user is not None:
            passwords[email] = secrets.token_urlsafe(12)
            user.set_password(passwords[email])
            user.save(update_fields=["password"])
    return passwords


# ---------------------------------------------------------------- the POA year

POA_YEAR = 2024


def poa_year_demo_load(people: DemoStaff) -> int:
    """Open the POA year after the seed's for each unit that reported it.

    Copied from the seed's year, written and submitted by the capture staff,
    approved by the validator; the first quarter captured as programmed and
    approved, the second left open to try. Goal 307 ("Integrar comités",
    unit Comité) counts the committees formed on the site and a few of the
    demonstration's, so its computed progress shows. Return the units opened.
    """
    year = FiscalYear.objects.filter(pk=POA_YEAR, is_closed=False).first()
    if year is None:
        return 0
    opened = 0
    earlier = UnitProgram.objects.filter(
        program__fiscal_year_id=POA_YEAR - 1, plan_status=PlanStatus.APPROVED
    ).select_related("executing_unit", "program")
    for previous in earlier.order_by("executing_unit__code", "pk"):
        unit = previous.executing_unit
        if UnitProgram.objects.filter(
            executing_unit=unit, program__fiscal_year_id=POA_YEAR
        ).exists() or not can(people.capture, Action.CAPTURE, unit):
            continue
        _poa_unit_year(people, previous, year)
        opened += 1
    return opened


def _poa_unit_year(people: DemoStaff, previous: UnitProgram, year: FiscalYear) -> None:
    plan = unit_program_open(
        executing_unit=previous.executing_unit,
        fiscal_year=year,
        program_code=previous.program.code,
        copy_previous=True,
        is_demo=True,
        actor=people.capture,
    )
    step_take(PLAN, plan, "submit", actor=people.capture)
    step_take(PLAN, plan, "approve", actor=people.validator)
    plan.refresh_from_db()
    entries = [
        QuarterEntry(goal.pk, row.programmed, row.programmed)
        for goal in plan.goals.prefetch_related("quarters").order_by("number")
        for row in goal.quarters.all()
        if row.quarter == 1
    ]
    quarter_capture(unit_program=plan, quarter=1, entries=entries, actor=people.capture)
    quarter_approve(unit_program=plan, quarter=1, actor=people.validator)
    goal = plan.goals.filter(number=LINKED_GOAL).first()
    if goal is not None:
        committees = Committee.objects.filter(
            is_demo=True, formed_on__year=POA_YEAR
        ).order_by("formed_on", "pk")[:LINKED_COMMITTEES]
        goal_links_set(
            goal=goal,
            works=[],
            committees=[c.work.public_id for c in committees.select_related("work")],
            actor=people.capture,
        )


# The seed's goal 307, "Integrar comités comunitarios" (unit Comité).
LINKED_GOAL = 307
LINKED_COMMITTEES = 12


SITE_COMMITTEE = "Comité ciudadano formado en el sitio (demostración)"
# A serial for the fictitious members, beyond the generated committees'.
SITE_COMMITTEE_SERIAL = 9_001


@transaction.atomic
def committee_on_site_demo_load() -> int:
    """Form one committee as staff do on the site; return 1 if it was formed now.

    A direct work (Gestión Emergente forms no committee by rule) gets one,
    so the committees indicator still reproduces the report.
    """
    if Committee.objects.filter(name=SITE_COMMITTEE).exists():
        return 0
    work = (
        Work.objects.filter(
            is_demo=True,
            program__code=GSE,
            committee__isnull=True,
            status__in=OVERSEEN_STATUSES,
        )
        .order_by("public_id")
        .first()
    )
    if work is None:
        return 0
    today = timezone.localdate()
    formed_on = min(work.start_date or today, today)
    committee = committee_form(
        work=work, name=SITE_COMMITTEE, formed_on=formed_on, is_demo=True, actor=DEMO
    )
    rng = seeded("committee-on-site", work.public_id)
    for member in members_of(SITE_COMMITTEE_SERIAL, rng):
        committee_member_add(committee=committee, **asdict(member), actor=DEMO)
    leaving = committee.members.get(role=MemberRole.TREASURER)
    replacement = members_of(SITE_COMMITTEE_SERIAL + 1, rng)[0]
    committee_member_replace(
        member=leaving,
        full_name=replacement.full_name,
        phone=replacement.phone,
        email=replacement.email,
        reason="Cambió de domicilio fuera de la localidad (demostración).",
        actor=DEMO,
    )
    workshop_record(
        committee=committee,
        held_on=min(formed_on + timedelta(days=3), today),
        attendance=14,
        topics="Contraloría social y lectura del expediente técnico",
        actor=DEMO,
    )
    return 1


# ---------------------------------------------------------------- indicators

# The committees card's first two quarters of the demo year, in the capital's
# municipality and its region: the agency's figure is what the data give.
INDICATOR_PLACES = (("26030", None, 1), ("26030", None, 2), (None, 7, 2))


def indicator_periods_demo_load(people: DemoStaff) -> int:
    """Capture and approve the committees card's quarterly results by place.

    Each figure is the one the platform computes from the demo's works and
    committees for that quarter and place, so the page shows them agree;
    the capture staff capture, the validator approves. Return the results
    published now.
    """
    card = IndicatorCard.objects.filter(
        computation=Computation.COMMITTEES_PER_WORKS
    ).first()
    if card is None:
        return 0
    published = 0
    for municipality_id, region_number, quarter in INDICATOR_PLACES:
        municipality = (
            Municipality.objects.filter(pk=municipality_id).first()
            if municipality_id
            else None
        )
        region = (
            Region.objects.filter(state_id=SONORA, number=region_number).first()
            if region_number
            else None
        )
        period = Period(
            year=DEMO_YEAR, quarter=quarter, municipality=municipality, region=region
        )
        if IndicatorResult.objects.filter(
            card=card,
            year=period.year,
            quarter=quarter,
            municipality=municipality,
            region=region,
        ).exists():
            continue
        place = Place(
            municipality_id=municipality.pk if municipality else None,
            region_id=region.pk if region else None,
        )
        value = period_figure(card, DEMO_YEAR, quarter, place)
        if value is None:
            continue
        result = indicator_result_capture(
            card=card,
            period=period,
            value=value,
            note="Dato de demostración: la cifra que dan las obras y comités.",
            is_demo=True,
            actor=people.capture,
        )
        step_take(RESULT, result, "approve", actor=people.validator)
        published += 1
    return published


# ---------------------------------------------------------------- commitments

# Two periods after the seed's report, reported on the site: SICOM's
# "Guanajuato Construye" (the public-works platform) advancing from 70 % to
# 90 %, as the report describes the platform and app running and a chatbot
# and campaign next.
COMMITMENT_PERIODS = (
    (
        date(2020, 8, 31),
        Decimal("70"),
        "Chatbot en análisis; campaña de difusión diseñada.",
    ),
    (
        date(2021, 2, 28),
        Decimal("90"),
        "Chatbot integrado a la plataforma; campaña en curso.",
    ),
)


def commitment_periods_demo_load(people: DemoStaff) -> int:
    """Report the public-works platform's commitment in two periods, published.

    The plan's coordinating unit (STRC) is named by the demo (an
    administrator's task); the validator opens each period and publishes;
    the capture staff report. Return the reports published now.
    """
    commitment = (
        Commitment.objects.filter(agency__code=DEMO_REPORTING_AGENCY)
        .exclude(plan__key=DEMO_PLAN_KEY)  # the plan the demo registers itself
        .select_related("plan")
        .first()
    )
    coordinator = Agency.objects.filter(code=DEMO_COORDINATOR).first()
    if commitment is None or coordinator is None:
        return 0
    plan = commitment.plan
    if plan.coordinator_id is None:
        action_plan_coordinator_set(plan=plan, coordinator=coordinator, actor=DEMO)
    published = 0
    for as_of, progress, done in COMMITMENT_PERIODS:
        if plan.periods.filter(as_of=as_of).exists():
            continue
        period = reporting_period_open(
            plan=plan, as_of=as_of, is_demo=True, actor=people.validator
        )
        report = commitment_report_save(
            commitment=commitment,
            period=period,
            draft=ReportDraft(
                progress_pct=progress,
                progress_text=f"{done} (Informe de demostración.)",
                next_step="Medir el uso de la plataforma y de la aplicación móvil.",
                evidence_links=("https://obras.guanajuato.gob.mx/",),
                activities=(
                    ActivityDraft(
                        "Diseño e implementación de las plataformas",
                        "Análisis, diseño, desarrollo, pruebas e implementación.",
                        "Programación, áreas técnicas y tecnologías de la información.",
                    ),
                ),
                answers={
                    name: "Dato de demostración."
                    for _category, name, _question in STANDARD_QUESTIONNAIRE
                },
            ),
            is_demo=True,
            actor=people.capture,
        )
        step_take(REPORT, report, "submit", actor=people.capture)
        step_take(REPORT, report, "publish", actor=people.validator)
        published += 1
    return published


# An action plan the coordinating unit registers on the site, through the
# services its staff page calls, then reported in its first period.
DEMO_PLAN_KEY = "pal-demostracion-2025-2027"
DEMO_PLAN_PERIOD = date(2025, 12, 31)


def action_plan_on_site_demo_load(people: DemoStaff) -> int:
    """Register a demonstration plan with a commitment, report it once, publish.

    The validator of the coordinating unit registers the plan and its
    commitment and opens the period; the capture staff of the responsible
    agency report it. Return the plans registered now (0 when already there,
    or when the instance holds neither agency).
    """
    coordinator = instance().agencies().filter(code=DEMO_COORDINATOR).first()
    reporting = instance().agencies().filter(code=DEMO_REPORTING_AGENCY).first()
    if coordinator is None or reporting is None:
        return 0
    if ActionPlan.objects.filter(key=DEMO_PLAN_KEY).exists():
        return 0
    plan = action_plan_create(
        key=DEMO_PLAN_KEY,
        title="Plan de Acción Local 2025-2027 (demostración)",
        description=(
            "Plan de demostración registrado en el sitio por su unidad "
            "coordinadora, con un compromiso informado en su primer periodo."
        ),
        start_year=2025,
        end_year=2027,
        coordinator=coordinator,
        actor=people.validator,
    )
    commitment = commitment_add(
        plan=plan,
        name="Obra pública abierta por municipio",
        objective=(
            "Publicar cada obra con su contrato, su avance y su ubicación, "
            "consultable por municipio."
        ),
        agency=reporting,
        actor=people.validator,
    )
    period = reporting_period_open(
        plan=plan, as_of=DEMO_PLAN_PERIOD, is_demo=True, actor=people.validator
    )
    report = commitment_report_save(
        commitment=commitment,
        period=period,
        draft=ReportDraft(
            progress_pct=Decimal("25"),
            progress_text="Obras del primer año publicadas. (Informe de demostración.)",
            next_step="Publicar los contratos de cada obra.",
            evidence_links=("https://obras.guanajuato.gob.mx/",),
            activities=(
                ActivityDraft(
                    "Publicación de las obras por municipio",
                    "Carga de las obras del año con su ubicación y su avance.",
                    "Secretaría de Infraestructura, Conectividad y Movilidad.",
                ),
            ),
            answers={
                name: "Dato de demostración."
                for _category, name, _question in STANDARD_QUESTIONNAIRE
            },
        ),
        is_demo=True,
        actor=people.capture,
    )
    step_take(REPORT, report, "submit", actor=people.capture)
    step_take(REPORT, report, "publish", actor=people.validator)
    return 1
