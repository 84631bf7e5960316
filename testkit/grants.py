"""Builders for grants tests: a call, organisations, applications with their
documents, reviewers' marks. Each goes through the services."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from stdnum.mx import rfc as stdnum_rfc

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role, RoleAssignment
from ruta.grants import services
from ruta.grants.cycles import AGREEMENT, DOCUMENT
from ruta.grants.rules.budget import BudgetLine, Category
from ruta.grants.rules.identifiers import clabe_check_digit
from ruta.grants.rules.requirements import UPLOADED
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory

D = Decimal
TZ = ZoneInfo("America/Mexico_City")
ADMINISTERING_RFC = "FAD0901015K7"
PDF = b"%PDF-1.4\n% test document\n"
RUBRIC = [
    services.Criterion("1", "Derechos sociales", D("20")),
    services.Criterion("2", "Montos", D("20")),
    services.Criterion("3", "Trayectoria", D("15")),
    services.Criterion("4", "Participación digna", D("15")),
    services.Criterion("5", "Congruencia", D("15")),
    services.Criterion("6", "Transparencia", D("15")),
]
SCHEME, THEME = "subsidy", "Seguridad alimentaria y nutrición"


def company_rfc(n: int) -> str:
    """Return a valid legal person's RFC, distinct for each ``n``."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    body = f"O{letters[n // 26 % 26]}{letters[n % 26]}150312A"
    body += "ABCDEFGHIJ"[n % 10]
    return body + stdnum_rfc.calc_check_digit(body)


def curp(n: int) -> str:
    """Return a valid CURP, distinct for each ``n`` (its check digit computed)."""
    from stdnum.mx import curp as stdnum_curp

    body = f"BOXW3108{10 + n % 18:02d}HNERXN0"
    return body + stdnum_curp.calc_check_digit(body)


def clabe(n: int) -> str:
    body = f"002180{n:011d}"
    return body + clabe_check_digit(body)


def user_with(role: Role, agency=None):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


def make_call(agency=None, budget=None, **options):
    budget = D("500000") if budget is None else budget
    agency = agency or AgencyFactory(code="dif-sonora", name="DIF Sonora")
    call = services.call_create(
        agency=agency,
        code=options.pop("code", "pxp-2021"),
        title="Peso por Peso 2021",
        fiscal_year=2021,
        objective="Contribuir a garantizar los derechos sociales (§2).",
        bases="Reglas de Operación del Programa Peso por Peso 2021.",
        selection_criteria="§3.4.1",
        coverage="Los 72 municipios de Sonora (§3.1)",
        opens_on=options.pop("opens_on", date(2021, 3, 1)),
        closes_on=options.pop("closes_on", date(2021, 3, 31)),
        ends_on=date(2021, 12, 31),
        administering_rfc=ADMINISTERING_RFC,
        max_per_project=D("200000"),
        budgets=[services.PoolBudget(SCHEME, THEME, budget)],
        rubric=RUBRIC,
        options=options,
        actor=TEST_ACTOR,
    )
    return services.call_publish(call=call, actor=TEST_ACTOR)


def budget_lines(requested: Decimal) -> list[BudgetLine]:
    """Return a budget keeping every rule: 30 % for the accountant, peso por peso."""
    accountant = (requested * D("0.30")).quantize(D("0.01"))
    rest = requested - accountant
    return [
        BudgetLine("Talleres", Category.TRAINING, rest, rest / 2, rest - rest / 2),
        BudgetLine("Contador", Category.ACCOUNTANT, accountant, accountant),
    ]


def make_organization(n: int, applicant, past_calls_ok: bool = True):
    """Return an organisation ``applicant`` registered and staff approved."""
    organization = services.organization_register(
        name=f"Organización {n}",
        rfc=company_rfc(n),
        legal_representative=f"Representante {n}",
        contact_email=f"osc{n}@example.org",
        actor=applicant,
    )
    organization = services.organization_review(
        organization=organization, approve=True, actor=TEST_ACTOR
    )
    if not past_calls_ok:
        services.organization_standing_set(
            organization=organization,
            past_calls_ok=False,
            fiscal_standing_ok=True,
            actor=TEST_ACTOR,
        )
    return organization


def apply(call, organization, applicant, n: int, requested=None, day=1, **kw):
    requested = D("100000") if requested is None else requested
    return services.application_submit(
        call=call,
        organization=organization,
        scheme=SCHEME,
        theme=THEME,
        title=f"Proyecto {n}",
        summary="Comedor comunitario.",
        coordinator_name=f"Coordinación {n}",
        coordinator_curp=curp(n),
        coordinator_email=f"coord{n}@example.org",
        lines=budget_lines(requested),
        compliance_opinion_on=date(2021, 2, 20),
        received_at=datetime(2021, 3, day, 10, n % 60, tzinfo=TZ),
        actor=applicant,
        **kw,
    )


def complete_documents(application, applicant, staff, skip=()):
    for requirement in UPLOADED:
        if requirement.code in skip or requirement.when_approved:
            continue
        document = services.document_upload(
            application=application,
            requirement=requirement.code,
            file=ContentFile(PDF, name=f"req-{requirement.code}.pdf"),
            actor=applicant,
        )
        step_take(DOCUMENT, document, "accept", actor=staff)


def marks_for(total: Decimal) -> dict[str, Decimal]:
    """Return rubric marks adding up to ``total``, each within its maximum."""
    marks, left = {}, total
    for criterion in RUBRIC:
        points = min(left, criterion.max_points)
        marks[criterion.number] = points
        left -= points
    assert left == 0
    return marks


def funded_agreement(call=None, n: int = 1):
    """Return a signed agreement (with its account and schedule), its staff and
    applicant: one application through every step before the money."""
    from ruta.grants.models import Application

    call = call or make_call()
    staff = user_with(Role.VALIDATOR, call.agency)
    reviewer = user_with(Role.REVIEWER, call.agency)
    applicant = user_with(Role.APPLICANT)
    organization = make_organization(n, applicant)
    application = apply(call, organization, applicant, n, day=2)
    complete_documents(application, applicant, staff)
    services.application_eligibility_decide(application=application, actor=staff)
    application.refresh_from_db()
    services.application_score(
        application=application, marks=marks_for(D("80")), actor=reviewer
    )
    services.allocation_run(call=call, actor=staff)
    application = Application.objects.get(pk=application.pk)
    agreement = services.agreement_cite(
        application=application, cited_on=date(2021, 5, 14), actor=staff
    )
    agreement = step_take(
        AGREEMENT,
        agreement,
        "sign",
        values={"signed_on": date(2021, 5, 20)},
        actor=staff,
    )
    account = services.bank_account_register(
        agreement=agreement, bank="Banco", clabe=clabe(n), actor=applicant
    )
    services.bank_account_prove(
        account=account, proven_on=date(2021, 5, 25), actor=staff
    )
    services.schedule_set(
        agreement=agreement,
        disbursements=[(date(2021, 6, 1), D("50000")), (date(2021, 7, 1), D("50000"))],
        ends_on=date(2021, 12, 31),
        actor=staff,
    )
    return agreement, staff, applicant


def grant_samples(agency) -> list:
    """Return a record of every tracked grants model, made through the services."""
    from ruta.grants.models import DeclaredSupport, Notice, RecordedDebt, Refund
    from testkit.cfdi import cfdi_xml
    from testkit.factories.catalog import MunicipalityFactory

    call = make_call(agency=agency, code="pxp-muestra")
    agreement, staff, applicant = funded_agreement(call, n=7)
    application = agreement.application
    disbursement = agreement.disbursements.get(number=1)
    cfdi = services.cfdi_submit(
        disbursement=disbursement,
        xml=ContentFile(
            cfdi_xml(
                emitter=application.organization.rfc,
                receiver=ADMINISTERING_RFC,
                fecha="2021-06-02T10:00:00",
            ),
            name="f.xml",
        ),
        pdf=ContentFile(PDF, name="f.pdf"),
        actor=applicant,
    )
    report = agreement.reports.order_by("period_end").first()
    services.report_submit(
        report=report,
        submitted_on=report.due_on,
        spent=D("10"),
        content="Avance",
        actor=applicant,
    )
    observation = services.observation_notify(
        report=report, text="Falta evidencia", notified_on=report.due_on, actor=staff
    )
    beneficiary = services.beneficiary_add(
        agreement=agreement,
        full_name="Persona",
        age=40,
        sex="M",
        benefit="Despensa",
        municipality=MunicipalityFactory(),
        locality="Centro",
        privacy_notice_version="2021-01",
        actor=applicant,
    )
    sanction = services.suspension_apply(
        agreement=agreement,
        cause="wrong_invoice",
        reason="Prueba",
        today=date(2021, 7, 1),
        actor=staff,
    )
    refund = Refund.objects.create(
        agreement=agreement, cause="unspent", amount=D("1"), due_on=date(2022, 1, 30)
    )
    notice = Notice.objects.create(
        application=application, key="muestra", subject="Muestra"
    )
    support = DeclaredSupport.objects.create(
        application=application, source="Programa estatal de muestra", amount=D("5")
    )
    debt = RecordedDebt.objects.create(
        organization=application.organization,
        call_year=2020,
        call_name="Convocatoria de muestra",
        what="Informe final",
        evidence=ContentFile(PDF, name="adeudo.pdf"),
        evidence_name="adeudo.pdf",
        recorded_by=staff,
    )
    zone = _zone_sample(application.municipality or MunicipalityFactory())
    run = call.allocation_runs.get()
    visit = services.visit_record(
        agreement=agreement,
        kind="supervision",
        visited_on=date(2021, 7, 1),
        findings="Sin hallazgos.",
        photos=[ContentFile(_jpeg(), name="visita.jpg")],
        today=date(2021, 7, 2),
        actor=staff,
    )
    return [
        call,
        call.budgets.get(),
        call.rubric.first(),
        application.organization,
        application,
        application.budget_lines.first(),
        application.documents.first(),
        application.scores.first(),
        run,
        run.entries.first(),
        agreement,
        agreement.bank_account,
        agreement.disbursements.get(number=2),
        cfdi,
        report,
        observation,
        beneficiary,
        sanction,
        refund,
        notice,
        support,
        debt,
        zone,
        visit,
        visit.photos.get(),
    ]


def _zone_sample(municipality):
    """Return a rural ZAP of 2021 in ``municipality``, written as its import does."""
    from ruta.grants.models import PriorityZone
    from ruta.grants.services.zones import ZoneWritten, priority_zones_write
    from ruta.sources.models import DocumentKind
    from ruta.sources.records import SourceFile
    from ruta.sources.services import source_document_create

    document = source_document_create(
        source=SourceFile(name="zap-muestra.csv", sha256="7" * 64, text=""),
        kind=DocumentKind.PRIORITY_ZONES,
        fiscal_year=None,
        agency=None,
        actor=TEST_ACTOR,
        summary={},
    )
    priority_zones_write(
        document=document,
        decree_year=2021,
        zones=[ZoneWritten("rural", municipality.code, "")],
        actor=TEST_ACTOR,
    )
    return PriorityZone.objects.get(document=document)


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    output = BytesIO()
    Image.new("RGB", (8, 8), "white").save(output, format="JPEG")
    return output.getvalue()
