"""Every declared staff cycle keeps its promises (``ruta.accounts.cycles``).

Walked over the registry, not over a list kept here: a cycle declared
tomorrow is checked by the same tests, and one whose records this module
cannot build fails until it says how. The strongest case stands for all:
whoever wrote a record, an administrator who could otherwise do anything,
never takes a step that separates duties on it; a second person does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.urls import reverse

from ruta.accounts.actors import audited
from ruta.accounts.cycles import Cycle, Step, cycle_named, cycles, step_take
from ruta.accounts.models import Role
from ruta.catalog.models import FiscalYear
from ruta.grants.models import (
    Agreement,
    Application,
    ApplicationDocument,
    BankAccount,
    Call,
    Cfdi,
    Disbursement,
    Organization,
    OrganizationStatus,
    Refund,
    RefundStatus,
    Report,
    Sanction,
    SanctionStatus,
)
from ruta.indicators.models import IndicatorResult, ResultStatus
from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    ReportingPeriod,
)
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    PlanStatus,
    Program,
    QuarterProgress,
    QuarterSignatures,
    Ramo,
    UnitProgram,
    ValueStatus,
)
from ruta.works.models import BudgetModification, WorkStatus
from testkit.factories.catalog import AgencyFactory
from testkit.factories.indicators import IndicatorCardFactory
from testkit.factories.works import AidFactory, WorkFactory
from testkit.grants import clabe, company_rfc, curp


def _work(status: str, writer: Any) -> Model:
    return WorkFactory(status=status, published=status != WorkStatus.PROPOSED)


def _plan(status: str, writer: Any) -> Model:
    agency = AgencyFactory(code="mexicali-bisom", name="BISOM")
    year = FiscalYear.objects.get_or_create(year=2024)[0]
    ramo = Ramo.objects.create(code="54", name="Bienestar Social Municipal")
    unit = ExecutingUnit.objects.create(
        ramo=ramo, code="54201", name="Participación Social", agency=agency
    )
    program = Program.objects.create(
        fiscal_year=year, ramo=ramo, code="E01", name="Participación ciudadana"
    )
    return UnitProgram.objects.create(
        program=program,
        executing_unit=unit,
        status=ValueStatus.CAPTURED,
        plan_status=status,
    )


def _signatures(status: str, writer: Any) -> Model:
    """A quarter ``writer`` captured, waiting for the signatures of ``status``."""
    unit_program = _plan(PlanStatus.APPROVED, writer)
    goal = Goal.objects.create(
        unit_program=unit_program,
        number=1,
        description="Meta",
        unit_of_measure="Informe",
        annual_target=4,
        status=ValueStatus.CAPTURED,
    )
    QuarterProgress.objects.create(
        goal=goal,
        quarter=1,
        programmed=1,
        achieved=1,
        status=ValueStatus.CAPTURED,
        captured_by=writer,
    )
    return QuarterSignatures.objects.create(
        unit_program=unit_program, quarter=1, status=status
    )


def _result(status: str, writer: Any) -> Model:
    approved = status == ResultStatus.APPROVED
    return IndicatorResult.objects.create(
        card=IndicatorCardFactory(),
        year=2024,
        quarter=1,
        value=Decimal("87"),
        status=status,
        captured_by=writer,
        approved_by=writer if approved else None,
    )


def _report(status: str, writer: Any) -> Model:
    coordinator = AgencyFactory(code="guanajuato-strc", name="STRC")
    plan = ActionPlan.objects.create(key="pal", title="PAL", coordinator=coordinator)
    commitment = Commitment.objects.create(
        plan=plan,
        number=1,
        name="Portal de transparencia presupuestaria",
        name_key="portal",
        agency=AgencyFactory(code="guanajuato-sfia", name="SFIA"),
        agency_printed="SFIA",
    )
    period = ReportingPeriod.objects.create(plan=plan, as_of=date(2020, 2, 5))
    return CommitmentReport.objects.create(
        commitment=commitment,
        period=period,
        status=status,
        progress_pct=Decimal("40"),
    )


def _modification(status: str, writer: Any) -> Model:
    return BudgetModification.objects.create(
        work=WorkFactory(status=WorkStatus.CONTRACTED, published=True),
        amount=Decimal("100.00"),
        reason="Convenio modificatorio por obra adicional.",
        status=status,
        captured_by=writer,
    )


def _aid(status: str, writer: Any) -> Model:
    return AidFactory(
        status=status,
        captured_by=writer,
        granted_on=date(2024, 5, 1) if status == "granted" else None,
    )


# A grants application and the records of its file, written by ``writer``
# (an organisation's applicant, or an administrator acting for it).


def _grant_application(writer: Any, status: str = "submitted") -> Application:
    call = Call.objects.create(
        agency=AgencyFactory(code="dif-sonora", name="DIF Sonora"),
        code="pxp-2021",
        title="Peso por Peso 2021",
        fiscal_year=2021,
        objective="Contribuir a garantizar los derechos sociales (§2).",
        bases="Reglas de Operación del Programa Peso por Peso 2021.",
        selection_criteria="§3.4.1",
        coverage="Sonora",
        opens_on=date(2021, 3, 1),
        closes_on=date(2021, 3, 31),
        ends_on=date(2021, 12, 31),
        administering_rfc="FAD0901015K7",
        max_per_project=Decimal("200000.00"),
        is_published=True,
    )
    organization = Organization.objects.create(
        name="Organización 1",
        rfc=company_rfc(1),
        legal_representative="Representante 1",
        contact_email="osc1@example.org",
        status=OrganizationStatus.APPROVED,
    )
    return Application.objects.create(
        call=call,
        organization=organization,
        folio=1,
        received_at=datetime(2021, 3, 2, 10, tzinfo=UTC),
        scheme="subsidy",
        theme="Seguridad alimentaria y nutrición",
        title="Comedor comunitario",
        summary="Comidas para 120 personas.",
        coordinator_name="Coordinación 1",
        coordinator_curp=curp(1),
        coordinator_email="coord1@example.org",
        status=status,
    )


def _document(status: str, writer: Any) -> Model:
    return ApplicationDocument.objects.create(
        application=_grant_application(writer),
        requirement="7",
        file="grants/documentos/acta.pdf",
        name="acta.pdf",
        status=status,
    )


def _agreement_of(writer: Any, status: str = "signed") -> Agreement:
    signed = status not in ("cited", "not_formalized")
    return Agreement.objects.create(
        application=_grant_application(writer, "formalized" if signed else "supported"),
        amount=Decimal("100000.00"),
        cited_on=date(2021, 5, 14),
        due_on=date(2021, 5, 29),
        signed_on=date(2021, 5, 20) if signed else None,
        status=status,
    )


def _agreement(status: str, writer: Any) -> Model:
    return _agreement_of(writer, status)


def _disbursement(status: str, writer: Any) -> Model:
    """A disbursement nothing holds, whose invoice ``writer`` presented."""
    agreement = _agreement_of(writer)
    BankAccount.objects.create(
        agreement=agreement,
        bank="Banco",
        clabe=clabe(1),
        due_on=date(2021, 6, 19),
        proven_on=date(2021, 5, 25),
    )
    disbursement = Disbursement.objects.create(
        agreement=agreement,
        number=1,
        month=date(2021, 6, 1),
        amount=Decimal("50000.00"),
        status=status,
        transferred_on=date(2021, 6, 4) if status == "transferred" else None,
    )
    Cfdi.objects.create(
        disbursement=disbursement,
        kind="I",
        uuid="A1B2C3D4-0000-4000-8000-000000000001",
        emitter_rfc=agreement.application.organization.rfc,
        receiver_rfc="FAD0901015K7",
        total=Decimal("50000.00"),
        issued_at="2021-06-02T10:00:00-06:00",
        xml="grants/cfdi/factura.xml",
        pdf="grants/cfdi/factura.pdf",
    )
    return disbursement


def _grant_report(status: str, writer: Any) -> Model:
    return Report.objects.create(
        agreement=_agreement_of(writer),
        kind="quarterly",
        period_start=date(2021, 6, 1),
        period_end=date(2021, 8, 31),
        due_on=date(2021, 9, 7),
        reading="business_days",
        submitted_on=date(2021, 9, 6),
        spent=Decimal("20000.00"),
        content="Avance del trimestre.",
        status=status,
    )


def _sanction(status: str, writer: Any) -> Model:
    return Sanction.objects.create(
        agreement=_agreement_of(writer),
        kind="suspension",
        cause="report_late",
        section="5 A",
        started_on=date(2021, 9, 8),
        lifted_on=date(2021, 9, 20) if status == SanctionStatus.LIFTED else None,
        reason="Informe vencido.",
        status=status,
    )


def _refund(status: str, writer: Any) -> Model:
    paid = status != RefundStatus.OWED
    return Refund.objects.create(
        agreement=_agreement_of(writer),
        cause="unspent",
        amount=Decimal("8000.00"),
        due_on=date(2022, 1, 30),
        paid_on=date(2022, 1, 10) if paid else None,
        proof="grants/reintegros/comprobante.pdf" if paid else "",
        proof_name="comprobante.pdf" if paid else "",
        confirmed_on=date(2022, 1, 11) if status == RefundStatus.CONFIRMED else None,
        status=status,
    )


# How to build a record of each cycle in a given status, written by a person.
BUILDERS: dict[str, Callable[[str, Any], Model]] = {
    "work": _work,
    "plan": _plan,
    "quarter_signatures": _signatures,
    "indicator_result": _result,
    "commitment_report": _report,
    "budget_modification": _modification,
    "aid": _aid,
    "grant_application": lambda status, writer: _grant_application(writer, status),
    "grant_document": _document,
    "grant_agreement": _agreement,
    "grant_disbursement": _disbursement,
    "grant_report": _grant_report,
    "grant_sanction": _sanction,
    "grant_refund": _refund,
}

# Cycles whose records the deciding staff alone write: nobody submits what
# they decide, so no step separates duties (the rules name none).
DECIDED_BY_STAFF_ALONE = {
    # Cited by the allocation's staff, signed, lapsed or cancelled by them.
    "grant_agreement",
    # Applied by the daily job (a system actor) or by staff, lifted by staff.
    "grant_sanction",
}

SEPARATE = [
    pytest.param(cycle.key, step.key, id=f"{cycle.key}-{step.key}")
    for cycle in cycles()
    for step in cycle.steps
    if step.separate
]


def _written_by(writer: Any, cycle: Cycle, step: Step) -> Model:
    with audited(writer, "test_capture"):
        return BUILDERS[cycle.key](sorted(step.sources)[0], writer)


def test_every_declared_cycle_can_be_built_here():
    assert {cycle.key for cycle in cycles()} == set(BUILDERS)


def test_works_poa_results_and_reports_are_declared_cycles():
    assert {"work", "plan", "indicator_result", "commitment_report"} <= {
        cycle.key for cycle in cycles()
    }


@pytest.mark.parametrize("cycle", [c.key for c in cycles()])
def test_each_cycle_has_a_step_that_separates_duties(cycle):
    separates = any(step.separate for step in cycle_named(cycle).steps)
    assert separates == (cycle not in DECIDED_BY_STAFF_ALONE)


@pytest.mark.parametrize("cycle", [c.key for c in cycles()])
def test_each_step_moves_between_statuses_the_model_knows(cycle):
    declared = cycle_named(cycle)
    field = declared.model._meta.get_field(declared.status_field)
    known = {value for value, _label in field.choices}
    for step in declared.steps:
        assert step.sources, step.key
        assert step.sources <= known, step.key
        assert step.target is None or step.target in known, step.key
        assert step.action is not None
        if step.stamps:
            declared.model._meta.get_field(f"{step.stamps}_by")
            declared.model._meta.get_field(f"{step.stamps}_at")
        if step.reason_field:
            declared.model._meta.get_field(step.reason_field)
        for name in step.fields:
            declared.model._meta.get_field(name)


@pytest.mark.parametrize(("cycle", "step"), SEPARATE)
def test_whoever_wrote_a_record_never_takes_its_separate_step(cycle, step, make_user):
    declared = cycle_named(cycle)
    taken = declared.step(step)
    writer = make_user(Role.ADMINISTRATOR)
    record = _written_by(writer, declared, taken)
    before = declared.status_of(record)
    with pytest.raises(ValidationError) as refused:
        step_take(declared, record, step, reason="Revisado.", actor=writer)
    assert refused.value.code == "same_person"
    record.refresh_from_db()
    assert declared.status_of(record) == before

    other = make_user(Role.ADMINISTRATOR)
    saved = step_take(declared, record, step, reason="Revisado.", actor=other)
    if taken.target is None:
        assert not declared.model._default_manager.filter(pk=record.pk).exists()
        return
    assert declared.status_of(saved) == taken.target
    if taken.stamps:
        assert getattr(saved, f"{taken.stamps}_by") == other


@pytest.mark.parametrize("cycle", [c.key for c in cycles()])
def test_no_step_is_taken_from_a_status_it_does_not_start_from(cycle, make_user):
    declared = cycle_named(cycle)
    field = declared.model._meta.get_field(declared.status_field)
    statuses = [value for value, _label in field.choices]
    step = declared.steps[0]
    elsewhere = next(s for s in statuses if s not in step.sources)
    writer = make_user(Role.ADMINISTRATOR)
    record = BUILDERS[cycle](elsewhere, writer)
    with pytest.raises(ValidationError) as refused:
        step_take(declared, record, step.key, actor=make_user(Role.ADMINISTRATOR))
    assert refused.value.code == "transition_not_allowed"


@pytest.mark.parametrize(("cycle", "step"), SEPARATE)
def test_a_desk_lists_as_waiting_what_the_step_starts_from_in_the_persons_scope(
    cycle, step, make_user
):
    declared = cycle_named(cycle)
    taken = declared.step(step)
    writer = make_user(Role.ADMINISTRATOR)
    waiting = _written_by(writer, declared, taken)
    assert declared.awaiting(make_user(Role.ADMINISTRATOR), step, [waiting]) == [
        waiting
    ]
    assert declared.awaiting(make_user(), step, [waiting]) == []
    assert declared.model._default_manager.filter(
        declared.in_step(step), pk=waiting.pk
    ).exists()


# The one page where every step is taken.


def _address(cycle: Cycle, record: Model, step: str) -> str:
    return reverse(
        "accounts:decide", args=[cycle.slug, record.pk, cycle.step(step).slug]
    )


def test_a_step_is_taken_at_its_address_and_returns_to_the_record(client, make_user):
    plan = cycle_named("plan")
    record = _plan(PlanStatus.SUBMITTED, None)
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.post(_address(plan, record, "approve"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.plan_status == PlanStatus.APPROVED
    assert response["Location"] == record.get_absolute_url()


def test_a_step_that_needs_a_reason_asks_for_it_and_changes_nothing_without(
    client, make_user
):
    plan = cycle_named("plan")
    record = _plan(PlanStatus.SUBMITTED, None)
    client.force_login(make_user(Role.ADMINISTRATOR))
    address = _address(plan, record, "return")
    form = client.get(address).content.decode()
    assert "Motivo de la devolución" in form
    refused = client.post(address, {"reason": "  "})
    assert refused.status_code == 200
    assert 'id="id_reason-error"' in refused.content.decode()
    record.refresh_from_db()
    assert record.plan_status == PlanStatus.SUBMITTED
    client.post(address, {"reason": "Falta la meta 309."})
    record.refresh_from_db()
    assert record.plan_status == PlanStatus.DRAFT


def test_a_refused_step_says_why_on_the_record_page(client, make_user):
    works = cycle_named("work")
    writer = make_user(Role.ADMINISTRATOR)
    with audited(writer, "test_capture"):
        record = _work(WorkStatus.PROPOSED, writer)
    client.force_login(writer)
    response = client.post(_address(works, record, "approve"), follow=True)
    assert "nadie aprueba su propio trabajo" in response.content.decode()
    record.refresh_from_db()
    assert record.status == WorkStatus.PROPOSED


def test_whoever_may_not_take_a_step_finds_no_such_address(client, make_user):
    works = cycle_named("work")
    record = _work(WorkStatus.PROPOSED, None)
    client.force_login(make_user(Role.CAPTURE, municipality=record.municipality))
    assert client.get(_address(works, record, "approve")).status_code == 404
    assert client.post(_address(works, record, "approve")).status_code == 404
    assert client.post(f"/es-mx/cuentas/decidir/obras/{record.pk}/x/").status_code == (
        404
    )


def test_a_step_taken_on_its_own_page_is_not_taken_here(client, make_user):
    agreements = cycle_named("grant_agreement")
    record = _agreement("cited", None)
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.post(_address(agreements, record, "sign")).status_code == 404
    application = record.application
    assert agreements.url(record, agreements.step("sign")) == reverse(
        "grants:agreement_sign", args=[application.call.code, application.folio]
    )
    record.refresh_from_db()
    assert record.status == "cited"
