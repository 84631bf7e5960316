"""One record of every model the audit history tracks, for tests that walk them.

A test that walks the tracked models asks ``tracked_samples`` for a record of
each and fails on a tracked model it has no record of, so a newly tracked
model must be added here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from ruta.accounting.models import BudgetStatement, StatementLine
from ruta.accounts.models import (
    AccessGroup,
    GroupPermission,
    SecondFactor,
    UserGroup,
    UserPermission,
)
from ruta.alerts.models import (
    AlertEvent,
    Delivery,
    MessageKind,
    MessagingContact,
    OutgoingMessage,
    Subscription,
)
from ruta.budgeting import models as budgeting
from ruta.catalog.models import (
    Agency,
    Marginalization,
    MarginalizationGrade,
    PlanElement,
    PlanElementKind,
    Source,
)
from ruta.concertation.models import Agreement, LineamientoCheck
from ruta.datarequests.models import DataRequest
from ruta.flags.models import FlagReply, ListedTaxpayer, RaisedFlag, TaxpayerList
from ruta.grants.models import Organization, OrganizationMember
from ruta.indicators.models import Evaluation, ImprovementAspect, IndicatorAlignment
from ruta.ingest.models import ImportJob
from ruta.opendata.models import DatasetVersion, PublishedFile
from ruta.opengov import models as og
from ruta.participation.models import Committee, Conformity, HandoverAct, VisitPhoto
from ruta.problems.models import ApiKey, Category, PendingReport, StatusChange
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    GoalCommittee,
    GoalLine,
    GoalWork,
    PlanReference,
    Program,
    QuarterProgress,
    QuarterSignatures,
    Ramo,
    ReviewDecision,
    UnitProgram,
    UnitProgramReference,
    ValueStatus,
)
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.timeliness.models import Reminder
from ruta.works.models import (
    BudgetModification,
    ContractingAward,
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
    EmergencyAction,
    Payment,
    StatedBudget,
    Subprogram,
    WorkDocument,
    WorkPublication,
    WorkStatus,
)
from testkit.factories.accounts import RoleAssignmentFactory, UserFactory
from testkit.factories.catalog import (
    AgencyFactory,
    MunicipalityFactory,
    RegionFactory,
)
from testkit.factories.indicators import IndicatorResultFactory
from testkit.factories.participation import (
    CommitteeMemberFactory,
    OversightVisitFactory,
    TrainingWorkshopFactory,
)
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import (
    AidFactory,
    ContractFactory,
    FiscalYearFactory,
    ProgressFactory,
    WorkFactory,
)
from testkit.grants import grant_samples


def poa_samples(
    agency: models.Model, user: models.Model, committee: Committee | None = None
) -> list[models.Model]:
    """Return a POA structure down to a captured quarter, a decision and links."""
    ramo = Ramo.objects.create(code="99", name="Ramo de prueba", agency=agency)
    unit = ExecutingUnit.objects.create(
        ramo=ramo, code="99101", name="Unidad de prueba", agency=agency
    )
    program = Program.objects.create(
        fiscal_year=FiscalYearFactory(year=2024), ramo=ramo, code="901", name="P"
    )
    unit_program = UnitProgram.objects.create(
        program=program, executing_unit=unit, status=ValueStatus.VERIFIED
    )
    goal = Goal.objects.create(
        unit_program=unit_program,
        number=1,
        description="Meta de prueba",
        unit_of_measure="Informe",
        annual_target=4,
        status=ValueStatus.VERIFIED,
    )
    line = GoalLine.objects.create(
        goal=goal,
        reference=PlanReference.objects.create(
            kind=PlanElementKind.LINE_OF_ACTION, code="9.9.9"
        ),
    )
    quarter = QuarterProgress.objects.create(
        goal=goal,
        quarter=1,
        programmed=1,
        achieved=1,
        status=ValueStatus.CAPTURED,
        captured_by=user,
        captured_at=timezone.now(),
    )
    decision = ReviewDecision.objects.create(
        unit_program=unit_program,
        goal=goal,
        field="annual_target",
        chosen=4,
        reason="Prueba",
        decided_by=user,
        decided_at=timezone.now(),
    )
    signatures = QuarterSignatures.objects.create(unit_program=unit_program, quarter=1)
    records = [
        ramo,
        unit,
        program,
        unit_program,
        goal,
        line,
        quarter,
        decision,
        signatures,
    ]
    if committee is not None:
        # A second goal, for a link to be pointed at another goal.
        Goal.objects.create(
            unit_program=unit_program,
            number=2,
            description="Otra meta de prueba",
            unit_of_measure="Comité",
            annual_target=1,
            status=ValueStatus.VERIFIED,
        )
        records += [
            GoalWork.objects.create(goal=goal, work=committee.work),
            GoalCommittee.objects.create(goal=goal, committee=committee),
        ]
    return records


def _works_samples(agency: models.Model) -> list[models.Model]:
    """Return a work with its program, money, progress, documents, and an aid."""
    # A proposal, the one status in which a work may still be deleted.
    contract = ContractFactory(
        work__executing_agency=agency, work__status=WorkStatus.PROPOSED
    )
    work = contract.work
    document = SourceDocument.objects.create(
        sha256="f" * 64, kind=DocumentKind.CECOP_ANNUAL_REPORT, name="prueba.txt"
    )
    return [
        work,
        work.program,
        contract,
        Payment.objects.create(
            contract=contract, paid_on=date(2024, 6, 30), amount=Decimal("10.00")
        ),
        ProgressFactory(work=work),
        WorkDocument.objects.create(work=work, title="Foto", kind="photo", url="/x"),
        AidFactory(agency=agency),
        EmergencyAction.objects.create(
            fiscal_year=work.fiscal_year,
            agency=agency,
            declaration="Sequía",
            concept="Pipas",
            amount=Decimal("10.00"),
            source_document=document,
            source_row=1,
        ),
        StatedBudget.objects.create(
            fiscal_year=work.fiscal_year,
            agency=agency,
            amount=Decimal("10.00"),
            printed="Presupuesto Autorizado de $10.00",
            source_document=document,
            source_line=1,
        ),
        WorkPublication.objects.create(
            work=work,
            document=document,
            row_number=1,
            as_of=date(2024, 12, 31),
            title=work.title,
            paid=Decimal("10.00"),
        ),
        # Captured, not decided: a decided one is kept and not deleted.
        BudgetModification.objects.create(
            work=work, amount=Decimal("5.00"), reason="Ampliación de muestra"
        ),
        document,
        *_contracting_samples(agency, work, document),
    ]


def _contracting_samples(
    agency: models.Model, work: models.Model, document: models.Model
) -> list[models.Model]:
    """Return an OCDS process with its release, party, award, contract and payment."""
    process = ContractingProcess.objects.create(
        ocid="ocds-prueba-0001", agency=agency, work=work, document=document
    )
    contract = ContractingContract.objects.create(
        process=process, contract_id="C-1", supplier="Constructora SA"
    )
    return [
        process,
        ContractingRelease.objects.create(
            process=process,
            release_id="r1",
            document=document,
            place="releases[0]",
            data={},
        ),
        ContractingParty.objects.create(process=process, name="Constructora SA"),
        ContractingAward.objects.create(process=process, award_id="A-1"),
        contract,
        ContractingPayment.objects.create(contract=contract, amount=Decimal("10.00")),
    ]


def accounting_samples(agency: models.Model) -> list[models.Model]:
    """Return a budget statement of ``agency`` and one of its rows."""
    document = SourceDocument.objects.create(
        sha256="c" * 64, kind=DocumentKind.BUDGET_EXPENDITURE, name="estado.csv"
    )
    statement = BudgetStatement.objects.create(
        kind="expenditure",
        agency=agency,
        fiscal_year=FiscalYearFactory(year=2024),
        as_of=date(2024, 12, 31),
        source_document=document,
    )
    zero = Decimal("0.00")
    line = StatementLine.objects.create(
        statement=statement,
        classification="object",
        level="total",
        key="TOTAL",
        name="Total del Gasto",
        row_number=1,
        line=2,
        approved=Decimal("10.00"),
        adjustments=zero,
        modified=Decimal("10.00"),
        accrued=zero,
        paid=zero,
        balance=Decimal("10.00"),
    )
    return [statement, line]


def opendata_samples() -> list[models.Model]:
    """Return a published version of a dataset and one of its files."""
    version = DatasetVersion.objects.create(dataset="obras", data_sha256="a" * 64)
    published = PublishedFile(version=version, format="csv", size=6, sha256="b" * 64)
    published.file.save("obras-muestra.csv", ContentFile(b"FOLIO\n"), save=False)
    published.save()
    return [version, published]


def alerts_samples(agency: models.Model) -> list[models.Model]:
    """Return a subscription to a published work, an alert of it, its delivery."""
    work = WorkFactory(executing_agency=agency, published=True)
    subscription = Subscription.objects.create(
        channel="email",
        target_kind="work",
        target_key=work.public_id,
        target_label=work.title,
        email="sample@example.org",
        state="confirmed",
        confirmed_at=timezone.now(),
    )
    event = AlertEvent.objects.create(
        source="works.status",
        source_event_id=1,
        kind="status",
        work=work,
        occurred_at=timezone.now(),
    )
    delivery = Delivery.objects.create(subscription=subscription, event=event)
    contact = MessagingContact.objects.create(
        key="c" * 64, last_inbound_at=timezone.now()
    )
    message = OutgoingMessage.objects.create(
        message_id="wamid.muestra",
        kind=MessageKind.values[0],
        template="ruta_aviso",
        contact=contact,
        delivery=delivery,
    )
    return [subscription, event, delivery, contact, message]


def timeliness_samples() -> list[models.Model]:
    """Return a reminder of a report due."""
    return [
        Reminder.objects.create(
            key="poa-2024-t1-muestra",
            day=date(2024, 4, 10),
            due=date(2024, 4, 15),
            recipients=2,
        )
    ]


def evaluation_samples(card: models.Model) -> list[models.Model]:
    """Return an evaluation of ``card`` and an aspect it found."""
    evaluation = Evaluation.objects.create(
        agency=card.agency,
        title="Evaluación de diseño (muestra)",
        year=2024,
        evaluator="Evaluador externo",
        card=card,
    )
    aspect = ImprovementAspect.objects.create(
        evaluation=evaluation,
        description="Definir la población objetivo.",
        responsible="Dirección de Planeación",
        due_on=date(2025, 6, 30),
    )
    return [evaluation, aspect]


def concertation_samples(agency: Agency) -> list[models.Model]:
    """Return an agreement with ``agency``'s municipality and a lineamiento met."""
    agreement = Agreement.objects.create(
        agency=agency,
        municipality=agency.municipality,
        fiscal_year_id=2024,
        floor=Decimal("1000000.00"),
        municipal_contribution=Decimal("100000.00"),
        community_contribution=Decimal("50000.00"),
    )
    check = LineamientoCheck.objects.create(
        agreement=agreement, item="bank-account", evidence="Oficio de muestra"
    )
    return [agreement, check]


def oversight_samples(committee: models.Model) -> list[models.Model]:
    """Return a committee's workshop, a visit with a photo, and its handover act."""
    visit = OversightVisitFactory(committee=committee)
    return [
        TrainingWorkshopFactory(committee=committee),
        visit,
        VisitPhoto.objects.create(visit=visit, image="comites/fotos/prueba.jpg"),
        HandoverAct.objects.create(
            committee=committee,
            delivered_on=date(2024, 11, 30),
            received_by="Dirección de Obras Públicas",
            conformity=Conformity.CONFORM,
        ),
    ]


def access_samples(user: models.Model) -> list[models.Model]:
    """Return ``user``'s second factor, a group, ``user``'s membership of it,
    its permission and ``user``'s own one."""
    permission = Permission.objects.get(codename="view_work")
    group = Group.objects.create(name="Consulta de obras")
    group.permissions.add(permission)
    user.groups.add(group)
    user.user_permissions.add(permission)
    return [
        SecondFactor.objects.create(user=user, key="0" * 40, confirmed=timezone.now()),
        AccessGroup.objects.get(pk=group.pk),
        UserGroup.objects.get(user=user, group=group),
        UserPermission.objects.get(user=user, permission=permission),
        GroupPermission.objects.get(group=group, permission=permission),
    ]


def catalog_samples(agency: Agency) -> list[models.Model]:
    """Return the catalogue's entries around ``agency``: its state and
    municipality, a region, a plan with an element, an index and a source."""
    municipality = agency.municipality
    source = Source.objects.create(key="fuente-muestra", citation="Fuente de muestra")
    region = RegionFactory(state=municipality.state)
    element = PlanElement.objects.create(
        framework=region.plan, key="muestra-1", kind=PlanElementKind.AXIS, number="1"
    )
    percentages = {
        field.name: Decimal("1.00")
        for field in Marginalization._meta.local_fields
        if isinstance(field, models.DecimalField)
    }
    index = Marginalization.objects.create(
        municipality=municipality,
        source=source,
        population=1000,
        grade=MarginalizationGrade.LOW,
        national_rank=1,
        **percentages,
    )
    return [
        municipality.state,
        municipality,
        region,
        region.plan,
        element,
        index,
        source,
        Subprogram.objects.create(code="subprograma-muestra", name="Muestra"),
        Category.objects.create(code="categoria-muestra", name="Muestra"),
        ImportJob.objects.create(kind="works", path="obras.csv"),
    ]


def _references(records: list[models.Model]) -> list[models.Model]:
    """Return the plan reference of the POA's goal line and a unit's reference."""
    line = next(r for r in records if isinstance(r, GoalLine))
    unit_program = next(r for r in records if isinstance(r, UnitProgram))
    return [
        line.reference,
        UnitProgramReference.objects.create(
            unit_program=unit_program, reference=line.reference, printed_name="Eje"
        ),
    ]


def _memberships(records: list[models.Model]) -> list[models.Model]:
    """Return who acts for the organisations among ``records``."""
    organizations = [r.pk for r in records if isinstance(r, Organization)]
    return list(OrganizationMember.objects.filter(organization__in=organizations)[:1])


def tracked_samples() -> dict[str, models.Model]:
    """Create one record of every tracked model; return them by model label."""
    agency = AgencyFactory(municipality=MunicipalityFactory())
    assignment = RoleAssignmentFactory(agency=agency)
    member = CommitteeMemberFactory(committee__work__executing_agency=agency)
    result = IndicatorResultFactory(card__agency=agency)
    records = [
        agency,
        FiscalYearFactory(year=2024),
        UserFactory(),
        assignment,
        member,
        member.committee,
        *oversight_samples(member.committee),
        result,
        result.card,
        *evaluation_samples(result.card),
        *_works_samples(agency),
        *poa_samples(agency, assignment.user, member.committee),
        *grant_samples(agency),
        *opendata_samples(),
        *accounting_samples(agency),
        *_problems_samples(agency),
        *alerts_samples(agency),
        *opengov_samples(agency),
        *budgeting_samples(agency),
        *flags_samples(agency),
        *timeliness_samples(),
        *concertation_samples(agency),
        datarequests_sample(agency),
        *access_samples(assignment.user),
    ]
    records += _memberships(records)
    records += _references(records)
    records += catalog_samples(agency)
    element = next(record for record in records if isinstance(record, PlanElement))
    records.append(IndicatorAlignment.objects.create(card=result.card, element=element))
    return {type(record)._meta.label: record for record in records}


def _problems_samples(agency: Agency) -> list[models.Model]:
    """Return a problem report on ``agency``'s work, its answer, an Open311 key
    and a report kept to place."""
    report = ProblemReportFactory(work__executing_agency=agency)
    answer = StatusChange.objects.create(
        report=report,
        status_from="open",
        status_to="acknowledged",
        response="Recibido.",
    )
    key = ApiKey.objects.create(name="App cívica", prefix="0a1b2c3d", key_hash="0" * 64)
    pending = PendingReport.objects.create(
        token="ficha-de-ejemplo",  # noqa: S106 - a public token, not a secret
        category=report.category,
        description="Hay escombro tirado en la banqueta.",
        address="Calle 5, Centro",
        reporter_name="Ana Ejemplo",
        reporter_email="ana.ejemplo@example.org",
        api_key=key,
    )
    return [report, answer, key, pending]


def flags_samples(agency: Agency) -> list[models.Model]:
    """Return a 69-B list with a taxpayer, a flag about ``agency`` and its reply."""
    document = SourceDocument.objects.create(
        sha256="6" * 64, kind=DocumentKind.SAT_69B, name="Listado_Completo_69-B.csv"
    )
    taxpayer_list = TaxpayerList.objects.create(
        document=document, as_of=date(2024, 9, 30), rows=1
    )
    listed = ListedTaxpayer.objects.create(
        taxpayer_list=taxpayer_list,
        line=4,
        rfc="ABC150312AB1",
        name="EJEMPLO, S.A. DE C.V.",
        situation="presunto",
        notices=[{"column": "Publicación DOF presuntos", "text": "15/03/2024"}],
    )
    flag = RaisedFlag.objects.create(
        kind="adjudicacion-directa",
        subject="agency",
        key=str(agency.pk),
        agency=agency,
        values={"share": "60.00"},
        message="Señal de muestra.",
        raised_on=date(2024, 7, 1),
    )
    reply = FlagReply.objects.create(
        kind=flag.kind,
        key=flag.key,
        agency=agency,
        voice="agency",
        text="Las adjudicaciones directas fueron por emergencia (acta del comité).",
        written_at=datetime(2024, 7, 2, 12, tzinfo=UTC),
    )
    return [taxpayer_list, listed, flag, reply]


def budgeting_samples(agency: models.Model) -> list[models.Model]:
    """Return a record of every participatory-budget model, one ballot cast."""
    period = budgeting.Period.objects.create(
        slug="presupuesto-muestra",
        municipality=agency.municipality,
        agency=agency,
        year=2024,
        title="Presupuesto participativo",
        total_budget=Decimal("1000000"),
        ballot_budget=Decimal("500000"),
        rules_text="Reglas.",
        proposals_from=date(2024, 1, 1),
        review_from=date(2024, 2, 1),
        voting_from=date(2024, 3, 1),
        voting_until=date(2024, 3, 31),
        results_on=date(2024, 4, 15),
        phase="voting",
    )
    proposal = budgeting.Proposal.objects.create(
        period=period,
        number=1,
        title="Propuesta",
        description="Descripción",
        locality="Centro",
        estimated_cost=Decimal("100000"),
        feasibility="feasible",
        assessed_cost=Decimal("100000"),
        assessment="Viable.",
        proposer_name="Persona",
    )
    code = budgeting.VoteCode.objects.create(
        period=period,
        contact_key="0" * 64,
        channel="email",
        code_hash="1" * 64,
        expires_at=timezone.now(),
    )
    voter = budgeting.Voter.objects.create(
        period=period, contact_key="0" * 64, channel="email"
    )
    ballot = budgeting.Ballot.objects.create(period=period, folio="MUESTRA01")
    choice = budgeting.BallotChoice.objects.create(ballot=ballot, proposal=proposal)
    return [period, proposal, code, voter, ballot, choice]


def datarequests_sample(agency: models.Model) -> models.Model:
    """Return a request for missing data to ``agency``, with a contact."""
    return DataRequest.objects.create(
        what="Las fechas de pago de cada obra.",
        agency=agency,
        contact_email="pide@example.org",
    )


def opengov_samples(agency: models.Model) -> list[models.Model]:
    """Return a record of every open-government model: a plan and a consultation."""
    plan = og.ActionPlan.objects.create(key="plan-muestra", title="Plan de muestra")
    period = og.ReportingPeriod.objects.create(plan=plan, as_of=date(2020, 2, 5))
    commitment = og.Commitment.objects.create(
        plan=plan, number=1, name="Compromiso", name_key="compromiso", agency=agency
    )
    report = og.CommitmentReport.objects.create(commitment=commitment, period=period)
    activity = og.Activity.objects.create(report=report, position=1, name="Actividad")
    step = og.ActivityStep.objects.create(
        activity=activity, position=1, kind=og.StepKind.ACTION, name="Acción"
    )
    indicator = og.QuestionnaireIndicator.objects.create(
        category="Conjunto de datos disponibles", name="Conjunto de datos"
    )
    answer = og.Answer.objects.create(
        report=report, indicator=indicator, position=1, text="Respuesta"
    )
    evidence = og.ReportEvidence.objects.create(
        report=report,
        file="gobierno-abierto/evidencias/muestra.pdf",
        name="muestra.pdf",
    )
    draft = og.DraftRegulation.objects.create(
        slug="muestra",
        title="Anteproyecto",
        agency=agency,
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 1, 31),
    )
    version = og.DraftVersion.objects.create(draft=draft, number=1, text="Artículo 1.")
    comment = og.Comment.objects.create(
        draft=draft, version=version, body="Comentario", author_name="Persona"
    )
    return [
        plan,
        period,
        commitment,
        report,
        activity,
        step,
        indicator,
        answer,
        evidence,
        draft,
        version,
        comment,
    ]
