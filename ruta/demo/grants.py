"""The demo's Peso por Peso 2021 call, run through the rules from end to end.

Demonstration data: the organisations, projects and people are invented
(every record is ``is_demo`` and the pages say so); the rules, the deadlines
and the allocation are the platform's own. DIF Sonora rules the programme
(§3.3.1, the normative body) and an invented organisation administers it by
a transfer agreement (§3.3.2); the Secretaría de Desarrollo Social co-invests.
Seventeen applications reach the 2021 call; the allocation ranks and funds
them by §4.3, one agreement is not signed in time and its money is
reassigned, two projects receive disbursements against their CFDI, one
misses its quarterly report and is suspended, and the funded projects keep a
beneficiary register whose aggregates are public.

A call of the current year stays open (``grants_open_demo_load``): one
organisation signed up on its own and waits for staff's approval, another
signed up, was approved and applied.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image
from stdnum.mx import curp as stdnum_curp

from ruta.accounts.actors import DEMO, audited
from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role, User
from ruta.accounts.services import role_assign, user_create
from ruta.catalog.models import Agency, AgencyKind, Municipality
from ruta.common.text.rfc import rfc_check_digit
from ruta.demo.cfdi import UNSEALED, demo_signer, document_sealed
from ruta.grants import services
from ruta.grants.cycles import AGREEMENT, DISBURSEMENT, DOCUMENT, REPORT
from ruta.grants.models import (
    Agreement,
    Application,
    ApplicationStatus,
    Call,
    Organization,
    SupervisionVisit,
)
from ruta.grants.rules.budget import BudgetLine, Category
from ruta.grants.rules.identifiers import clabe_check_digit
from ruta.grants.rules.requirements import UPLOADED
from ruta.grants.rules.scoring import CRITERIA
from ruta.grants.services.daily import daily_run
from ruta.grants.tokens import verify_token
from ruta.sources.models import SourceDocument

CALL_CODE = "peso-por-peso-2021-demo"
# DIF Sonora rules the programme (§3.3.1); an organisation administers it
# (§3.3.2), invented for the demo; the Secretaría de Desarrollo Social
# co-invests.
AGENCY_CODE = "sonora-dif"
ADMINISTERING_CODE = "sonora-peso-por-peso-administradora-demo"
ADMINISTERING_NAME = "Organización administradora de Peso por Peso (demostración)"
COINVESTING_CODE = "sonora-secretaria-desarrollo-social"
OPEN_CALL_CODE = "peso-por-peso-{year}-demo"
# The organisation that signed up, was approved and applied, whose
# representative's login ``ruta load-demo`` prints.
DEMO_ORGANIZATION_EMAIL = "representante.agua@demo.rutadeldinero.mx"
SIGNUPS = (
    # name, e-mail of the representative, approved and applying
    ("Colectivo Agua para Todos", DEMO_ORGANIZATION_EMAIL, True),
    ("Red Comunitaria del Mayo", "representante.mayo@demo.rutadeldinero.mx", False),
)
TZ = ZoneInfo("America/Mexico_City")
# The administering body's RFC in the demo (an invented, valid one).
ADMINISTERING_RFC = "FAD0901015K7"
PDF = b"%PDF-1.4\n% Documento de demostracion\n"
FOOD, COMMUNITY = (
    ("subsidy", "Seguridad alimentaria y nutrición"),
    ("coinvestment", "Desarrollo Comunitario en población en situación de pobreza"),
)
BUDGETS = {FOOD: Decimal("1200000"), COMMUNITY: Decimal("600000")}
POINTS = (
    Decimal("20"),
    Decimal("20"),
    Decimal("15"),
    Decimal("15"),
    Decimal("15"),
    Decimal("15"),
)
NAMES = (
    "Comedor Comunitario Esperanza",
    "Red de Mujeres del Río Sonora",
    "Banco de Alimentos del Desierto",
    "Casa Hogar Nuevo Amanecer",
    "Fundación Sembrar Futuro",
    "Colectivo Yoreme por la Salud",
    "Asociación Pro Adultos Mayores de Cajeme",
    "Jóvenes Constructores de Navojoa",
    "Centro Comunitario La Colmena",
    "Unidos por Guaymas",
    "Huertos Familiares de la Sierra",
    "Albergue Migrante Paso Seguro",
    "Nutrición Infantil Sonora",
    "Desarrollo Rural Mayo",
)


@dataclass(frozen=True)
class Planned:
    """One demo application: organisation, pool, amount asked and score."""

    org: int
    pool: tuple[str, str]
    requested: Decimal
    score: Decimal
    past_ok: bool = True


def _plan() -> list[Planned]:
    """Return the applications in order of receipt (their folios)."""
    rng = random.Random(2021)  # noqa: S311 - demonstration figures
    plan = []
    for org in range(14):
        pool = FOOD if org % 3 else COMMUNITY
        requested = Decimal(rng.choice((150000, 200000, 250000, 180000)))
        score = Decimal(rng.choice((62, 70, 74, 78, 81, 85, 85, 88, 91)))
        plan.append(Planned(org, pool, requested, score, past_ok=org != 9))
    plan.insert(6, Planned(2, FOOD, Decimal("120000"), Decimal("93")))  # org twice
    plan.append(Planned(11, COMMUNITY, Decimal("100000"), Decimal("85")))
    plan.append(Planned(12, FOOD, Decimal("90000"), Decimal("85")))
    return plan


def _rfc(n: int) -> str:
    body = f"D{'ABCDEFGHIJKLMNOP'[n]}M1501{10 + n:02d}A{'ABCDEFGHIJ'[n % 10]}"
    return body + rfc_check_digit(body)


def _curp(n: int) -> str:
    body = f"DEMX8001{10 + n:02d}MSRNRR0"
    return body + stdnum_curp.calc_check_digit(body)


def _clabe(n: int) -> str:
    body = f"012760{n:011d}"
    return body + clabe_check_digit(body)


def _lines(requested: Decimal) -> list[BudgetLine]:
    accountant = (requested * Decimal("0.20")).quantize(Decimal("0.01"))
    rest = requested - accountant
    return [
        BudgetLine("Insumos y alimentos", Category.MATERIALS, rest, rest / 2, rest / 2),
        BudgetLine(
            "Honorarios del contador", Category.ACCOUNTANT, accountant, accountant
        ),
    ]


def _reviewers(agency: Agency) -> list[User]:
    """Return the demo's two reviewers (accounts that cannot sign in)."""
    reviewers = []
    for n in (1, 2):
        email = f"dictaminador{n}@demo.rutadeldinero.mx"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, password=None, actor=DEMO)
            role_assign(user=user, role=Role.REVIEWER, agency_id=agency.pk, actor=DEMO)
        reviewers.append(user)
    return reviewers


def _administering(normative: Agency) -> Agency:
    """Return the demo's administering organisation, created once (§3.3.2)."""
    with audited(DEMO, "grants_demo_load"):
        agency, _created = Agency.objects.get_or_create(
            code=ADMINISTERING_CODE,
            defaults={
                "name": ADMINISTERING_NAME,
                "kind": AgencyKind.OSC,
                "state_id": normative.state_id,
            },
        )
    return agency


def _call(
    agency: Agency,
    normative: Agency,
    *,
    code: str = CALL_CODE,
    year: int = 2021,
    opens_on: date = date(2021, 3, 1),
    closes_on: date = date(2021, 3, 31),
) -> Call:
    call = services.call_create(
        agency=agency,
        normative_agency=normative,
        coinvesting_agency=Agency.objects.filter(code=COINVESTING_CODE).first(),
        code=code,
        title=f"Peso por Peso {year}",  # pages add their own demonstration mark
        fiscal_year=year,
        objective=(
            "Contribuir a garantizar la atención de los derechos sociales y la "
            "asistencia social con perspectiva de género (Reglas, §2)."
        ),
        bases="Reglas de Operación del Programa Peso por Peso 2021 (§3.4, §4.2).",
        selection_criteria="Criterios de elegibilidad de §3.4.1, con la rúbrica.",
        coverage="Los 72 municipios del Estado de Sonora (§3.1).",
        opens_on=opens_on,
        closes_on=closes_on,
        ends_on=date(year, 12, 31),
        administering_rfc=ADMINISTERING_RFC,
        max_per_project=Decimal("250000"),
        budgets=[
            services.PoolBudget(s, t, amount) for (s, t), amount in BUDGETS.items()
        ],
        rubric=[
            services.Criterion(n, name, p)
            for (n, name), p in zip(CRITERIA, POINTS, strict=True)
        ],
        is_demo=True,
        actor=DEMO,
    )
    return services.call_publish(call=call, actor=DEMO)


def _apply(call: Call, plan: list[Planned], places: list[Municipality]) -> None:
    organizations: dict[int, Organization] = {}
    for folio, planned in enumerate(plan, start=1):
        org = organizations.get(planned.org)
        if org is None:
            org = services.organization_register(
                name=NAMES[planned.org],
                rfc=_rfc(planned.org),
                legal_representative="Persona de demostración",
                contact_email=f"osc{planned.org}@demo.rutadeldinero.mx",
                is_demo=True,
                actor=DEMO,
            )
            if not planned.past_ok:
                services.organization_standing_set(
                    organization=org,
                    past_calls_ok=False,
                    fiscal_standing_ok=True,
                    actor=DEMO,
                )
            organizations[planned.org] = org
        application = services.application_submit(
            call=call,
            organization=org,
            scheme=planned.pool[0],
            theme=planned.pool[1],
            title=f"Proyecto {folio}: {planned.pool[1].lower()}",
            summary="Proyecto de demostración.",
            municipality=places[folio % len(places)],
            coordinator_name=f"Coordinación {folio}",
            coordinator_curp=_curp(folio),
            coordinator_email=f"coordinacion{folio}@demo.rutadeldinero.mx",
            lines=_lines(planned.requested),
            compliance_opinion_on=date(2021, 2, 26),
            accepts_partial=folio % 4 == 0,
            received_at=datetime(2021, 3, 2 + folio, 10, 0, tzinfo=TZ),
            other_support=[],  # each declared no other support on the form
            is_demo=True,
            actor=DEMO,
        )
        for requirement in UPLOADED:
            if requirement.when_approved:
                continue
            document = services.document_upload(
                application=application,
                requirement=requirement.code,
                file=ContentFile(PDF, name=f"requisito-{requirement.code}.pdf"),
                actor=DEMO,
            )
            step_take(DOCUMENT, document, "accept", actor=DEMO)


def _decide_and_score(call: Call, plan: list[Planned], reviewers: list[User]) -> None:
    for application in call.applications.order_by("folio"):
        services.application_eligibility_decide(application=application, actor=DEMO)
    for application in call.applications.filter(status=ApplicationStatus.ELIGIBLE):
        total = plan[application.folio - 1].score
        for reviewer in reviewers:
            marks, left = {}, total
            for (number, _name), top in zip(CRITERIA, POINTS, strict=True):
                marks[number] = min(left, top)
                left -= marks[number]
            services.application_score(
                application=application, marks=marks, actor=reviewer
            )


def _execution(call: Call, places: list[Municipality]) -> None:
    """Sign, lapse one, reassign, pay two projects; one misses its report."""
    supported = list(
        call.applications.filter(status=ApplicationStatus.SUPPORTED).order_by("folio")
    )
    agreements = [
        services.agreement_cite(application=app, cited_on=date(2021, 5, 14), actor=DEMO)
        for app in supported
    ]
    agreements[1:] = [
        step_take(
            AGREEMENT,
            agreement,
            "sign",
            values={"signed_on": date(2021, 5, 21)},
            actor=DEMO,
        )
        for agreement in agreements[1:]
    ]
    services.agreement_lapse(
        agreement=agreements[0], today=date(2021, 5, 30), actor=DEMO
    )
    services.allocation_run(call=call, actor=DEMO)
    for n, agreement in enumerate(agreements[1:], start=1):
        _account(agreement, n)
    for n, agreement in enumerate(agreements[1:3], start=1):
        _pay(agreement, n, places)
    daily_run(today=date(2021, 9, 8), actor=DEMO, notify=False)


def _account(agreement, n: int) -> None:
    account = services.bank_account_register(
        agreement=agreement, bank="Banco demo", clabe=_clabe(n), actor=DEMO
    )
    services.bank_account_prove(
        account=account, proven_on=date(2021, 5, 28), actor=DEMO
    )


def _pay(agreement, n: int, places: list[Municipality]) -> None:
    half = (agreement.amount / 2).quantize(Decimal("0.01"))
    disbursements = services.schedule_set(
        agreement=agreement,
        disbursements=[
            (date(2021, 6, 1), half),
            (date(2021, 9, 1), agreement.amount - half),
        ],
        ends_on=date(2021, 12, 31),
        actor=DEMO,
    )
    first = disbursements[0]
    services.cfdi_submit(
        disbursement=first,
        xml=ContentFile(
            demo_cfdi(
                n,
                agreement.application.organization.rfc,
                ADMINISTERING_RFC,
                first.amount,
            ),
            name="f.xml",
        ),
        pdf=ContentFile(PDF, name="f.pdf"),
        actor=DEMO,
    )
    step_take(DISBURSEMENT, first, "approve", actor=DEMO)
    step_take(
        DISBURSEMENT,
        first,
        "transfer",
        values={"transferred_on": date(2021, 6, 4)},
        actor=DEMO,
    )
    report = agreement.reports.order_by("period_end").first()
    if n == 1:
        services.report_submit(
            report=report,
            submitted_on=report.due_on,
            spent=half,
            content="Avance del trimestre.",
            actor=DEMO,
        )
        step_take(REPORT, report, "accept", actor=DEMO)
    for person in range(12):
        services.beneficiary_add(
            agreement=agreement,
            full_name=f"Persona de demostración {n}-{person}",
            age=(8, 15, 34, 41, 67, 72)[person % 6],
            sex="MH"[person % 2],
            benefit="Despensa mensual",
            municipality=places[n],
            locality="Cabecera municipal",
            privacy_notice_version="2021-01",
            guardian_name="Tutor de demostración" if person % 6 < 2 else "",
            guardian_consent_on=date(2021, 6, 10) if person % 6 < 2 else None,
            actor=DEMO,
        )


def demo_cfdi(n: int, emitter: str, receiver: str, amount: Decimal) -> bytes:
    """Return a demonstration CFDI 4.0 for a disbursement (not a real invoice).

    Sealed for its emitter with a demonstration certificate (``ruta.demo.cfdi``).
    """
    total = f"{amount:.2f}"
    signer = demo_signer(emitter)
    return document_sealed(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"
 xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="4.0"
 Fecha="2021-06-02T10:00:00" Sello="{{seal}}"
 NoCertificado="{signer.certificate_number}"
 Certificado="{signer.certificate_base64()}"
 SubTotal="{total}" Moneda="MXN" Total="{total}"
 TipoDeComprobante="I" Exportacion="01" LugarExpedicion="83000">
 <cfdi:Emisor Rfc="{emitter}" Nombre="ORGANIZACION DE DEMOSTRACION"
  RegimenFiscal="603"/>
 <cfdi:Receptor Rfc="{receiver}" Nombre="INSTANCIA ADMINISTRADORA"
  DomicilioFiscalReceptor="83000" RegimenFiscalReceptor="603" UsoCFDI="G03"/>
 <cfdi:Conceptos><cfdi:Concepto ClaveProdServ="84101600" Cantidad="1"
  ClaveUnidad="E48" Descripcion="Ministracion" ValorUnitario="{total}"
  Importe="{total}" ObjetoImp="01"/></cfdi:Conceptos>
 <cfdi:Complemento><tfd:TimbreFiscalDigital Version="1.1"
  UUID="DE000000-0000-4000-8000-{n:012d}" FechaTimbrado="2021-06-02T10:00:00"
  RfcProvCertif="SAT970701NN3" SelloCFD="{{seal}}" NoCertificadoSAT="0"
  SelloSAT="{UNSEALED}"/></cfdi:Complemento>
</cfdi:Comprobante>""",
        emitter,
    )


@transaction.atomic
def grants_demo_load() -> int:
    """Create the demo call and run it through the rules; return its applications.

    Zero when it is already loaded (the load is idempotent).
    """
    if Call.objects.filter(code=CALL_CODE).exists():
        return 0
    normative = Agency.objects.filter(code=AGENCY_CODE).first()
    if normative is None:
        return 0
    agency = _administering(normative)
    places = list(
        Municipality.objects.filter(code__startswith="26").order_by("code")[:8]
    )
    reviewers = _reviewers(agency)
    call = _call(agency, normative)
    plan = _plan()
    _apply(call, plan, places)
    _decide_and_score(call, plan, reviewers)
    services.allocation_run(call=call, actor=DEMO, result_on=date(2021, 5, 14))
    _execution(call, places)
    return Application.objects.filter(call=call).count()


def grants_rules_link(document: SourceDocument) -> bool:
    """Name ``document``, the imported Peso por Peso 2021 rules, as the demo call's.

    The call's page then links to the rules it is run by. Return whether the
    call changed: not when it is not loaded or already names the document.
    """
    call = Call.objects.filter(code=CALL_CODE).first()
    if call is None or call.rules_document_id == document.pk:
        return False
    services.call_rules_document_set(call=call, document=document, actor=DEMO)
    return True


@transaction.atomic
def grants_open_demo_load(today: date | None = None) -> int:
    """Keep a call of the current year open, with organisations that signed up.

    One organisation signed up on its own, verified its e-mail and waits for
    staff's approval; another was approved and applied. Return how many
    organisations signed up now (zero when already loaded).
    """
    today = today or timezone.localdate()
    normative = Agency.objects.filter(code=AGENCY_CODE).first()
    if normative is None:
        return 0
    code = OPEN_CALL_CODE.format(year=today.year)
    call = Call.objects.filter(code=code).first() or _call(
        _administering(normative),
        normative,
        code=code,
        year=today.year,
        opens_on=date(today.year, 1, 1),
        closes_on=date(today.year, 12, 31),
    )
    signed = 0
    # Numbered after the 2021 call's fourteen organisations and 17 folios.
    for n, (name, email, applies) in enumerate(SIGNUPS, start=14):
        if User.objects.filter(email=email).exists():
            continue
        organization = _signed_up(n, name, email)
        signed += 1
        if applies:
            organization = services.organization_review(
                organization=organization, approve=True, notify=False, actor=DEMO
            )
            _apply_open(call, organization, n, today)
    return signed


def _signed_up(n: int, name: str, email: str) -> Organization:
    """Sign an organisation up as its representative would, and verify its e-mail."""
    rfc = _rfc(n)
    organization = services.organization_signup(
        name=name,
        rfc=rfc,
        cluni=f"{rfc[:9]}2601A",
        legal_representative="Persona representante de demostración",
        representative_email=email,
        representative_phone="662 000 0000",
        contact_email=f"contacto{n}@demo.rutadeldinero.mx",
        password=None,
        is_demo=True,
        notify=False,
        actor=DEMO,
    )
    if organization is None:
        raise RuntimeError(f"the demo's e-mail {email} already has an account")
    user = organization.members.get()
    return services.organization_email_verify(
        token=verify_token(organization.pk, user.pk), actor=DEMO
    )


def _apply_open(call: Call, organization: Organization, n: int, today: date) -> None:
    services.application_submit(
        call=call,
        organization=organization,
        scheme=FOOD[0],
        theme=FOOD[1],
        title="Agua potable para el comedor comunitario",
        summary="Proyecto de demostración presentado desde un teléfono.",
        municipality=Municipality.objects.filter(code="26033").first(),
        coordinator_name="Coordinación de demostración",
        coordinator_curp=_curp(n + 4),
        coordinator_email=f"coordinacion{n}@demo.rutadeldinero.mx",
        lines=_lines(Decimal("150000")),
        compliance_opinion_on=today,
        other_support=[],
        is_demo=True,
        actor=DEMO,
    )


def demo_organization_ensure(email: str = DEMO_ORGANIZATION_EMAIL) -> str:
    """Give the approved demo organisation's representative a fresh password.

    Returned for ``ruta load-demo`` to print, as the administrator's is.
    """
    password = secrets.token_urlsafe(12)
    user = User.objects.filter(email=email).first()
    if user is None:
        return ""
    with audited(DEMO, "demo_organization_ensure"):
        user.set_password(password)
        user.save(update_fields=["password"])
    return password


def _demo_photo() -> ContentFile:
    """Return a plain demonstration photo (a flat colour: it shows no one)."""
    output = BytesIO()
    Image.new("RGB", (64, 48), (180, 140, 90)).save(output, format="JPEG")
    return ContentFile(output.getvalue(), name="visita-demostracion.jpg")


@transaction.atomic
def supervision_demo_load() -> int:
    """Record the demo's supervision visits; return how many (zero: loaded).

    A supervision visit with its photo and follow-up to the first project
    paid, and a follow-up visit to the suspended one that found the
    inspection refused (§5 cause 3).
    """
    call = Call.objects.filter(code=CALL_CODE).first()
    if (
        call is None
        or SupervisionVisit.objects.filter(agreement__application__call=call).exists()
    ):
        return 0
    signed = (
        Agreement.objects.filter(application__call=call, signed_on__isnull=False)
        .select_related("application")
        .order_by("application__folio")
    )
    paid = signed.filter(disbursements__status="transferred").distinct()
    visited = 0
    first = paid.first()
    if first is not None:
        services.visit_record(
            agreement=first,
            kind="supervision",
            visited_on=date(2021, 7, 15),
            findings=(
                "Visita de demostración: el comedor atiende a 60 personas al día; "
                "el padrón y los comprobantes están al día."
            ),
            follow_up="Revisar el informe del segundo trimestre.",
            follow_up_due=date(2021, 10, 8),
            photos=[_demo_photo()],
            today=date(2021, 12, 31),
            actor=DEMO,
        )
        visited += 1
    suspended = signed.filter(application__status=ApplicationStatus.SUSPENDED).first()
    if suspended is not None:
        services.visit_record(
            agreement=suspended,
            kind="follow_up",
            visited_on=date(2021, 9, 20),
            findings=(
                "Visita de demostración: la organización no permitió revisar los "
                "comprobantes ni el padrón."
            ),
            cause="inspection_refused",
            today=date(2021, 12, 31),
            actor=DEMO,
        )
        visited += 1
    return visited
