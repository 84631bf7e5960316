"""One whole Peso por Peso 2021 call, run from the rules.

A dozen applications arrive (folios 1–12 in order of receipt). Organisation
3 applies twice (folios 3 and 9). Folio 10's organisation owes reports from a
past call (§3.4 requirement 4). Scores tie at 85 for folios 3, 4 and 11. The
$500,000 of the theme runs out at folio 11, mid-ranking. Folio 4 does not
sign its agreement within 15 natural days, and its money goes to folio 11.
Folio 2 is paid its first disbursement against its CFDI; an invoice reusing
that UUID is refused; a late quarterly report suspends its next
disbursements; still missing 30 days later, the support is cancelled and
what was transferred is refunded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.grants import services
from ruta.grants.cycles import AGREEMENT, DISBURSEMENT
from ruta.grants.models import (
    AgreementStatus,
    Application,
    ApplicationStatus,
    DisbursementStatus,
    ReportStatus,
)
from ruta.grants.selectors.calls import call_results
from ruta.grants.services.daily import daily_run
from testkit.actors import TEST_ACTOR
from testkit.cfdi import cfdi_xml
from testkit.grants import (
    ADMINISTERING_RFC,
    PDF,
    apply,
    clabe,
    complete_documents,
    make_call,
    make_organization,
    marks_for,
    user_with,
)

D = Decimal
SCORES = {1: 80, 2: 92, 3: 85, 4: 85, 5: 70, 6: 88, 7: 60, 8: 75, 9: 95, 11: 85, 12: 65}
REQUESTED = {6: D("150000")}  # the others ask for $100,000
UUID_1 = "A1B2C3D4-0000-4000-8000-000000000001"


@pytest.fixture
def call_world(db):
    call = make_call(budget=D("500000"))
    staff = user_with(Role.VALIDATOR, call.agency)
    reviewers = [user_with(Role.REVIEWER, call.agency) for _ in range(2)]
    applicant = user_with(Role.APPLICANT)
    owner = {folio: folio for folio in range(1, 13)} | {9: 3}  # org 3 twice
    organizations = {
        n: make_organization(n, applicant, past_calls_ok=n != 10)
        for n in set(owner.values())
    }
    for folio in range(1, 13):
        app = apply(
            call,
            organizations[owner[folio]],
            applicant,
            folio,
            REQUESTED.get(folio, D("100000")),
            day=folio,
        )
        assert app.folio == folio  # folio in order of receipt
        complete_documents(app, applicant, staff)
    return call, staff, reviewers, applicant


def decide_and_score(call, staff, reviewers):
    for app in call.applications.order_by("folio"):
        services.application_eligibility_decide(application=app, actor=staff)
    for app in call.applications.filter(status=ApplicationStatus.ELIGIBLE):
        for reviewer in reviewers:
            services.application_score(
                application=app, marks=marks_for(D(SCORES[app.folio])), actor=reviewer
            )


def status(call, folio):
    return Application.objects.get(call=call, folio=folio).status


def test_a_whole_call_runs_by_the_rules(call_world, settings):
    call, staff, reviewers, applicant = call_world

    # §3.4 req. 4: not up to date with past calls — blocks, cannot be cured.
    decide_and_score(call, staff, reviewers)
    assert status(call, 10) == ApplicationStatus.NOT_ELIGIBLE
    assert "§3.4 4" in Application.objects.get(call=call, folio=10).status_reason

    # §4.3: rank by score, ties to the lowest folio, one per organisation,
    # fund until the theme's $500,000 runs out.
    services.allocation_run(call=call, actor=staff)
    rows = {row.folio: row for row in call_results(call)}
    supported = {f for f, row in rows.items() if row.status == "supported"}
    assert supported == {2, 6, 3, 4}  # 100 + 150 + 100 + 100 = 450 thousand
    assert rows[9].allocation == "eligible_not_supported"  # §4.3.2: org 3's second
    assert "folio 3" in rows[9].reason
    assert rows[3].rank < rows[4].rank < rows[11].rank  # 85, 85, 85: by folio
    assert rows[11].allocation == "eligible_not_supported"  # $50,000 left
    assert "$50,000.00" in rows[11].reason
    assert "detenerse" in rows[11].reason  # the call's shortfall choice is named
    assert rows[10].allocation == "not_eligible"

    # §3.7.2-8: fifteen natural days to sign; folio 4 never signs.
    agreements = {}
    for folio in (2, 6, 3, 4):
        app = Application.objects.get(call=call, folio=folio)
        agreements[folio] = services.agreement_cite(
            application=app, cited_on=date(2021, 5, 14), actor=staff
        )
    for folio in (2, 6, 3):
        agreements[folio] = step_take(
            AGREEMENT,
            agreements[folio],
            "sign",
            values={"signed_on": date(2021, 5, 20)},
            actor=staff,
        )
    daily_run(today=date(2021, 5, 30), actor=TEST_ACTOR)
    agreements[4].refresh_from_db()
    assert agreements[4].status == AgreementStatus.NOT_FORMALIZED
    assert status(call, 4) == ApplicationStatus.NOT_FORMALIZED
    assert any("no formalizado" in m.subject.lower() for m in mail.outbox)

    # §4.3.3: its $100,000 goes to the next "elegible no apoyado" in order.
    services.allocation_run(call=call, actor=staff)
    rows = {row.folio: row for row in call_results(call)}
    assert rows[11].status == "supported"
    assert rows[11].amount == D("100000.00")
    assert "reasignación" in rows[11].reason
    assert rows[1].status == "eligible_not_supported"  # $50,000 left, asks 100

    # Folio 2: the account, the schedule, the first disbursement and its CFDI.
    agreement = agreements[2]
    account = services.bank_account_register(
        agreement=agreement, bank="Banco", clabe=clabe(2), actor=applicant
    )
    services.bank_account_prove(
        account=account, proven_on=date(2021, 5, 25), actor=staff
    )
    months = [date(2021, 6, 1), date(2021, 7, 1), date(2021, 9, 1), date(2021, 10, 1)]
    disbursements = services.schedule_set(
        agreement=agreement,
        disbursements=[(m, D("25000")) for m in months],
        ends_on=date(2021, 12, 31),
        actor=staff,
    )
    organization_rfc = agreement.application.organization.rfc

    def invoice(disbursement, uuid, fecha):
        return services.cfdi_submit(
            disbursement=disbursement,
            xml=ContentFile(
                cfdi_xml(
                    uuid=uuid,
                    emitter=organization_rfc,
                    receiver=ADMINISTERING_RFC,
                    total="25000.00",
                    fecha=fecha,
                ),
                name="factura.xml",
            ),
            pdf=ContentFile(PDF, name="factura.pdf"),
            actor=applicant,
        )

    invoice(disbursements[0], UUID_1, "2021-06-03T09:00:00")
    # Who scored the application may not approve its money.
    scorer = reviewers[0]
    from ruta.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=scorer, role=Role.VALIDATOR, agency=call.agency)
    scorer = type(scorer).objects.get(pk=scorer.pk)  # now staff as well
    with pytest.raises(ValidationError, match="calificó"):
        step_take(DISBURSEMENT, disbursements[0], "approve", actor=scorer)
    step_take(DISBURSEMENT, disbursements[0], "approve", actor=staff)
    step_take(
        DISBURSEMENT,
        disbursements[0],
        "transfer",
        values={"transferred_on": date(2021, 6, 4)},
        actor=staff,
    )

    # The same UUID presented for the next disbursement is refused; nothing changes.
    with pytest.raises(ValidationError, match="ya ampara otra ministración"):
        invoice(disbursements[1], UUID_1.lower(), "2021-07-02T09:00:00")
    disbursements[1].refresh_from_db()
    assert disbursements[1].status == DisbursementStatus.SCHEDULED
    invoice(
        disbursements[1], "A1B2C3D4-0000-4000-8000-000000000002", "2021-07-02T09:00:00"
    )

    # §5 A: the first quarter's report (June–August) is due 7 September
    # (five business days, §4.6, the default reading); it does not come.
    report = agreement.reports.order_by("period_end").first()
    assert report.due_on == date(2021, 9, 7)
    daily_run(today=date(2021, 9, 8), actor=TEST_ACTOR)
    report.refresh_from_db()
    assert report.status == ReportStatus.OVERDUE
    disbursements[1].refresh_from_db()
    assert disbursements[1].status == DisbursementStatus.SUSPENDED
    assert status(call, 2) == ApplicationStatus.SUSPENDED

    # §5 table, cause 1: still missing 30 natural days after its deadline —
    # the support is cancelled and the $25,000 transferred is refunded.
    daily_run(today=date(2021, 10, 8), actor=TEST_ACTOR)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CANCELLED
    assert status(call, 2) == ApplicationStatus.CANCELLED
    refund = agreement.refunds.get()
    assert refund.amount == D("25000.00")
    assert refund.due_on == date(2021, 10, 23)  # 15 days: past month four
    services.refund_pay(
        refund=refund,
        paid_on=date(2021, 10, 20),
        proof=ContentFile(PDF, name="reintegro.pdf"),
        actor=applicant,
    )
    refund.refresh_from_db()
    assert refund.paid_on == date(2021, 10, 20)
    assert {d.status for d in agreement.disbursements.all()} == {
        DisbursementStatus.TRANSFERRED,
        DisbursementStatus.CANCELLED,
    }
