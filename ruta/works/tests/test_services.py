from datetime import date
from decimal import Decimal

import pghistory
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import Role
from ruta.catalog.models import FiscalYear
from ruta.sources.models import SourceDocument
from ruta.works.models import (
    LINES_PER_WORK,
    EmergencyAction,
    Funding,
    FundingSource,
    ProcurementProcedure,
    Work,
    WorkStatus,
)
from ruta.works.services import (
    AidRequest,
    EmergencyActionLine,
    FundingLine,
    aid_request_capture,
    contract_add,
    emergency_actions_replace,
    funding_set,
    progress_record,
    work_create,
    work_update,
)
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import (
    FiscalYearFactory,
    ProgressFactory,
    SubprogramFactory,
    WorkFactory,
    WorksProgramFactory,
    ayuntamiento_of,
)

# PAVIMENTACIÓN, Transforma Sonora en Apoyo a los Municipios, 2024 (report line 316).
PAVEMENT_TOTAL = Decimal("19934628.64")
PAVEMENT_FUNDING = [
    FundingLine(FundingSource.STATE, Decimal("16383794.36")),
    FundingLine(FundingSource.MUNICIPALITY, Decimal("2117994.82")),
    FundingLine(FundingSource.COMMUNITY, Decimal("1432839.46")),
]


def _create(municipality, **overrides):
    fields = {
        "public_id": "TSAM-PAV-2024",
        "fiscal_year": FiscalYearFactory(),
        "program": WorksProgramFactory(),
        "subprogram": SubprogramFactory(),
        "executing_agency": ayuntamiento_of(municipality),
        "municipality": municipality,
        "title": "Pavimentación de 55 calles",
        "total_investment": PAVEMENT_TOTAL,
        "funding": PAVEMENT_FUNDING,
        "actor": TEST_ACTOR,
    }
    return work_create(**{**fields, **overrides})


def test_work_create_accepts_funding_that_adds_up_to_the_centavo(hermosillo):
    work = _create(hermosillo)
    amounts = sorted(work.funding.values_list("amount", flat=True))
    assert sum(amounts) == PAVEMENT_TOTAL
    assert work.status == WorkStatus.PROPOSED


def test_work_create_names_both_figures_when_funding_does_not_add_up(hermosillo):
    with pytest.raises(ValidationError) as error:
        _create(hermosillo, total_investment=Decimal("19934628.65"))
    message = " ".join(error.value.messages)
    assert "$19,934,628.64" in message
    assert "$19,934,628.65" in message


def test_work_create_refuses_a_repeated_source(hermosillo):
    repeated = [*PAVEMENT_FUNDING[:2], FundingLine(FundingSource.STATE, Decimal("1"))]
    with pytest.raises(ValidationError, match="una sola vez"):
        _create(hermosillo, funding=repeated, total_investment=Decimal("18501790.18"))


def test_work_create_refuses_capture_staff_of_another_municipality(
    hermosillo, cajeme_capture
):
    with pytest.raises(PermissionDenied):
        _create(hermosillo, actor=cajeme_capture)


def test_work_create_refuses_a_closed_year(hermosillo):
    with pytest.raises(ValidationError, match="cerrado"):
        _create(hermosillo, fiscal_year=FiscalYearFactory(year=2019, is_closed=True))


def test_capture_staff_updates_a_work_of_their_municipality(
    hermosillo, hermosillo_capture
):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    work = work_update(
        work=work, changes={"beneficiaries": 1234}, actor=hermosillo_capture
    )
    assert work.beneficiaries == 1234


def test_capture_staff_cannot_change_another_municipality_work(
    hermosillo, cajeme_capture
):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(PermissionDenied):
        work_update(work=work, changes={"title": "Otra obra"}, actor=cajeme_capture)
    work.refresh_from_db()
    assert work.title != "Otra obra"


def test_capture_staff_cannot_move_a_work_out_of_their_municipality(
    hermosillo, cajeme, hermosillo_capture
):
    work = WorkFactory(municipality=hermosillo, municipal=True)
    with pytest.raises(PermissionDenied):
        work_update(
            work=work, changes={"municipality": cajeme}, actor=hermosillo_capture
        )


def test_work_update_refuses_money_and_status_fields(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    with pytest.raises(ValidationError, match="status, total_investment"):
        work_update(
            work=work,
            changes={"status": "completed", "total_investment": Decimal(1)},
            actor=TEST_ACTOR,
        )


def test_funding_set_replaces_rows_and_total_together(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    funding_set(
        work=work,
        funding=PAVEMENT_FUNDING,
        total_investment=PAVEMENT_TOTAL,
        actor=TEST_ACTOR,
    )
    work.refresh_from_db()
    assert work.total_investment == PAVEMENT_TOTAL
    assert work.funding.count() == 3


def test_funding_set_refuses_rows_that_miss_the_total(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    with pytest.raises(ValidationError, match=r"\$1,000,000.00"):
        funding_set(work=work, funding=PAVEMENT_FUNDING, actor=TEST_ACTOR)


def test_database_refuses_funding_that_does_not_add_up_at_commit(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError, match="adds up to"):
        Funding.objects.filter(work=work).update(amount=Decimal("10.00"))


def test_queryset_update_of_funding_leaves_an_event_with_its_user(
    hermosillo, administrator
):
    work = WorkFactory(municipality=hermosillo)
    with pghistory.context(user=administrator.pk):
        Funding.objects.filter(work=work).update(amount=Decimal("999999.99"))
    # A line is the work's: its change is the work's event.
    event = MiddlewareEvents.objects.tracks(work).order_by("pgh_id").last()
    assert event.pgh_label == "update"
    (line,) = event.pgh_data["funding_lines"]
    assert Decimal(str(line["amount"])) == Decimal("999999.99")
    assert event.user_id == administrator.pk
    Funding.objects.filter(work=work).update(amount=work.total_investment)


def test_progress_record_saves_the_actor(hermosillo, hermosillo_capture):
    work = WorkFactory(
        municipality=hermosillo, municipal=True, status=WorkStatus.IN_EXECUTION
    )
    progress = progress_record(
        work=work,
        on=date(2024, 6, 1),
        physical_percent=Decimal("40"),
        amount_paid=Decimal("300000"),
        actor=hermosillo_capture,
    )
    assert progress.recorded_by == hermosillo_capture


@pytest.mark.parametrize("percent", [Decimal("-0.01"), Decimal("100.01")])
def test_progress_outside_zero_to_one_hundred_is_refused(hermosillo, percent):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.IN_EXECUTION)
    with pytest.raises(ValidationError, match="entre 0 y 100%"):
        progress_record(
            work=work,
            on=date(2024, 6, 1),
            physical_percent=percent,
            amount_paid=Decimal(0),
            actor=TEST_ACTOR,
        )


def test_progress_paid_beyond_the_investment_is_refused(hermosillo):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.IN_EXECUTION)
    with pytest.raises(ValidationError, match=r"\$1,000,000.01"):
        progress_record(
            work=work,
            on=date(2024, 6, 1),
            physical_percent=Decimal(10),
            amount_paid=Decimal("1000000.01"),
            actor=TEST_ACTOR,
        )


def test_progress_going_back_without_a_reason_is_refused(hermosillo):
    earlier = ProgressFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="indique el motivo"):
        progress_record(
            work=earlier.work,
            on=date(2024, 7, 1),
            physical_percent=Decimal("45"),
            amount_paid=Decimal("400000"),
            actor=TEST_ACTOR,
        )


def test_progress_going_back_with_a_reason_is_recorded(hermosillo):
    earlier = ProgressFactory(work__municipality=hermosillo)
    later = progress_record(
        work=earlier.work,
        on=date(2024, 7, 1),
        physical_percent=Decimal("45"),
        amount_paid=Decimal("400000"),
        reason="La supervisión rechazó un tramo de concreto.",
        actor=TEST_ACTOR,
    )
    assert later.physical_percent == Decimal("45")


def test_progress_dated_before_the_latest_is_refused(hermosillo):
    earlier = ProgressFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="no se registra uno anterior"):
        progress_record(
            work=earlier.work,
            on=date(2024, 4, 1),
            physical_percent=Decimal("60"),
            amount_paid=Decimal("400000"),
            actor=TEST_ACTOR,
        )


def test_progress_of_a_proposed_work_is_refused(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    with pytest.raises(ValidationError, match="No se registra avance"):
        progress_record(
            work=work,
            on=date(2024, 6, 1),
            physical_percent=Decimal(10),
            amount_paid=Decimal(0),
            actor=TEST_ACTOR,
        )


def _contract(work, **overrides):
    fields = {
        "work": work,
        "number": "CECOP-GSE-2024-001",
        "contractor_name": "Constructora Demostración del Desierto, S.A. de C.V.",
        "contractor_rfc": "cdd150312ab1",
        "procedure": ProcurementProcedure.INVITACION_TRES,
        "amount": Decimal("900000.00"),
        "signed_on": date(2024, 2, 20),
        "actor": TEST_ACTOR,
    }
    return contract_add(**{**fields, **overrides})


def test_contract_add_normalises_the_rfc(hermosillo):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.RELEASED)
    assert _contract(work).contractor_rfc == "CDD150312AB1"


def test_contract_with_a_malformed_rfc_is_refused(hermosillo):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.RELEASED)
    with pytest.raises(ValidationError, match="RFC"):
        _contract(work, contractor_rfc="CDD151312AB1")


def test_contracts_beyond_the_investment_are_refused(hermosillo):
    work = WorkFactory(municipality=hermosillo, status=WorkStatus.RELEASED)
    _contract(work)
    with pytest.raises(ValidationError, match=r"\$1,800,000.00"):
        _contract(work, number="CECOP-GSE-2024-002")


def test_an_aid_request_needs_capture_over_the_agency(make_user, sonora):
    agency, other = AgencyFactory(), AgencyFactory()
    staff = make_user(Role.CAPTURE, agency=other)
    with pytest.raises(PermissionDenied):
        aid_request_capture(
            request=AidRequest(
                concept="nonprofits",
                amount=Decimal("5000.00"),
                requested_on=date(2024, 3, 1),
            ),
            fiscal_year=FiscalYearFactory(),
            agency=agency,
            actor=staff,
        )


def test_cumulative_payment_going_back_without_a_reason_is_refused(hermosillo):
    earlier = ProgressFactory(work__municipality=hermosillo)
    with pytest.raises(ValidationError, match="monto pagado acumulado bajaría"):
        progress_record(
            work=earlier.work,
            on=date(2024, 7, 1),
            physical_percent=Decimal("60"),
            amount_paid=Decimal("300000"),
            actor=TEST_ACTOR,
        )


def test_cumulative_payment_going_back_with_a_reason_is_recorded(hermosillo):
    earlier = ProgressFactory(work__municipality=hermosillo)
    later = progress_record(
        work=earlier.work,
        on=date(2024, 7, 1),
        physical_percent=Decimal("60"),
        amount_paid=Decimal("300000"),
        reason="Se canceló la estimación 3 por pago duplicado.",
        actor=TEST_ACTOR,
    )
    assert later.amount_paid == Decimal("300000")


def test_progress_of_a_completed_work_may_not_drop_below_one_hundred(hermosillo):
    full = ProgressFactory(
        work__municipality=hermosillo,
        work__status=WorkStatus.COMPLETED,
        physical_percent=Decimal("100"),
    )
    with pytest.raises(ValidationError, match="no puede bajar de 100%"):
        progress_record(
            work=full.work,
            on=date(2024, 10, 1),
            physical_percent=Decimal("95"),
            amount_paid=Decimal("400000"),
            reason="Se reabrió un tramo.",
            actor=TEST_ACTOR,
        )


def test_progress_of_a_completed_work_at_one_hundred_is_recorded(hermosillo):
    full = ProgressFactory(
        work__municipality=hermosillo,
        work__status=WorkStatus.COMPLETED,
        physical_percent=Decimal("100"),
    )
    later = progress_record(
        work=full.work,
        on=date(2024, 10, 1),
        physical_percent=Decimal("100"),
        amount_paid=Decimal("1000000"),
        actor=TEST_ACTOR,
    )
    assert later.amount_paid == Decimal("1000000")


def test_emergency_actions_refuse_a_negative_amount_and_write_nothing(hermosillo):
    agency = AgencyFactory()
    year, _ = FiscalYear.objects.get_or_create(year=2024)
    document = SourceDocument.objects.create(
        sha256="a" * 64, kind="cecop-annual-report", name="informe.txt"
    )
    line = EmergencyActionLine(
        concept="Pipas de agua",
        municipality=hermosillo,
        municipality_as_printed="HERMOSILLO",
        amount=Decimal("-1.00"),
        source_row=3,
        source_line=120,
    )
    with pytest.raises(ValidationError, match="renglón 3"):
        emergency_actions_replace(
            fiscal_year=year,
            agency=agency,
            declaration="Declaratoria",
            document=document,
            actions=[line],
            actor=TEST_ACTOR,
        )
    assert not EmergencyAction.objects.exists()


def test_a_statement_that_breaks_several_sums_is_refused_naming_a_work(hermosillo):
    works = [WorkFactory(municipality=hermosillo) for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what COMMIT would run
    ids = "|".join(str(work.pk) for work in works)
    with pytest.raises(IntegrityError, match=rf"funding of work ({ids}) adds up to"):
        Funding.objects.filter(work__in=works).update(amount=Decimal("10.00"))


def test_lines_that_add_up_again_before_commit_are_accepted(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    line = work.funding.get()
    Funding.objects.filter(pk=line.pk).update(amount=Decimal("10.00"))
    Work.objects.filter(pk=work.pk).update(total_investment=Decimal("10.00"))
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the queued check passes
    work.refresh_from_db()
    assert work.funding_lines == [
        {
            "k": line.pk - work.pk * LINES_PER_WORK,
            "source": line.source,
            "fund": line.fund,
            "amount": Decimal("10.00"),
        }
    ]
