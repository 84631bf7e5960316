"""Flags computed from stored works, contracts, payments, processes and a 69-B list.

One world, built once: for each flag a record with the figures that raise
it and one with the figures just below, so each test reads which raised.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction

from ruta.demo.documents.sat69b import sat_sample_bytes
from ruta.flags.found import flags_found
from ruta.flags.models import RaisedFlag, TaxpayerList
from ruta.flags.services import flags_refresh
from ruta.ingest.loaders.sat69b import sat_list_import
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    BudgetModification,
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
    FundingSource,
    Payment,
    WorkStatus,
)
from ruta.works.models.modifications import ModificationStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory
from testkit.world import constraints_settled

D = Decimal
TODAY = date(2024, 7, 1)
pytestmark = pytest.mark.django_db


def _work(agency, **extra):
    extra.setdefault("published", True)
    return WorkFactory(executing_agency=agency, **extra)


def _modified(work, amount):
    BudgetModification.objects.create(
        work=work,
        amount=D(amount),
        reason="convenio",
        status=ModificationStatus.APPROVED,
    )


def _contract(work, **extra):
    extra.setdefault("procedure", "licitacion_publica")
    return ContractFactory(work=work, **extra)


def _process(work, ocid, tenderers, paid=None):
    document = SourceDocument.objects.create(
        sha256=hashlib.sha256(ocid.encode()).hexdigest(),
        kind=DocumentKind.OCDS,
        name=f"{ocid}.json",
    )
    process = ContractingProcess.objects.create(
        ocid=ocid, method="open", work=work, document=document
    )
    ContractingRelease.objects.create(
        process=process,
        release_id=f"{ocid}-1",
        date="2024-02-01T00:00:00Z",
        document=document,
        place="",
        data={"ocid": ocid, "tender": {"numberOfTenderers": tenderers}},
    )
    if paid is not None:
        contract = ContractingContract.objects.create(
            process=process, contract_id="K1", amount=D("500.00")
        )
        ContractingPayment.objects.create(contract=contract, amount=D(paid))


def _build(tmp_path_factory) -> SimpleNamespace:
    agency, other = AgencyFactory(), AgencyFactory()
    w = SimpleNamespace()
    # Modifications: federal over 25 % of the contract; state exactly at it.
    w.federal = _work(agency, funding=[(FundingSource.FEDERAL, D("1000000.00"))])
    _contract(w.federal, amount=D("1000000.00"))
    _modified(w.federal, "250000.01")
    w.state = _work(agency)
    _contract(w.state, amount=D("100000.00"))
    _modified(w.state, "25000.00")
    # A company incorporated five months before signing, and one six.
    w.companies = _work(agency)
    _contract(
        w.companies,
        number="NUEVA",
        contractor_rfc="NUE240115AB1",
        signed_on=date(2024, 6, 20),
    )
    _contract(
        w.companies,
        number="MADURA",
        contractor_rfc="MAD231220AB1",
        signed_on=date(2024, 6, 20),
    )
    # Split: two direct awards over the maximum; two summing exactly to it.
    w.split = _work(agency, locality="La Aduana")
    for number, day, amount in (("S1", 1, "600000.00"), ("S2", 20, "400000.01")):
        _contract(
            w.split,
            number=number,
            procedure="adjudicacion_directa",
            contractor_rfc="SPL150101AB1",
            signed_on=date(2024, 3, day),
            amount=D(amount),
        )
    w.unsplit = _work(agency, locality="Tetajiachi")
    for number, day, amount in (("U1", 1, "600000.00"), ("U2", 20, "400000.00")):
        _contract(
            w.unsplit,
            number=number,
            procedure="adjudicacion_directa",
            contractor_rfc="SPL150101AB1",
            signed_on=date(2024, 3, day),
            amount=D(amount),
        )
    # Payments: a centavo over the contract, and exactly the contract.
    w.overpaid = _work(agency)
    over = _contract(w.overpaid, number="OVER", amount=D("1000.00"))
    Payment.objects.create(contract=over, paid_on=date(2024, 4, 1), amount=D("1000.01"))
    exact = _contract(w.overpaid, number="EXACT", amount=D("1000.00"))
    Payment.objects.create(
        contract=exact, paid_on=date(2024, 4, 1), amount=D("1000.00")
    )
    # Paid in full with 79.99 % and with 80 % physical progress.
    for name, physical in (("ahead", "79.99"), ("on_par", "80.00")):
        work = _work(
            agency,
            total_investment=D("500000.00"),
            status=WorkStatus.IN_EXECUTION,
            end_date=date(2024, 12, 31),
        )
        ProgressFactory(
            work=work,
            date=date(2024, 5, 1),
            physical_percent=D(physical),
            amount_paid=D("500000.00"),
        )
        setattr(w, name, work)
    # Past the end by 31 days and by 30, both with money paid.
    for name, end in (("late", date(2024, 5, 31)), ("within", date(2024, 6, 1))):
        work = _work(agency, status=WorkStatus.IN_EXECUTION, end_date=end)
        ProgressFactory(
            work=work,
            date=date(2024, 5, 1),
            physical_percent=D(50),
            amount_paid=D("1.00"),
        )
        setattr(w, name, work)
    # One bidder and two, in open processes.
    w.single = _work(other)
    _process(w.single, "ocds-test-single", 1, paid="500.01")
    _process(_work(other), "ocds-test-pair", 2, paid="500.00")
    # Direct awards: ``other`` gives all its contracts directly.
    w.direct_agency = other
    for number in ("D1", "D2", "D3", "D4", "D5"):
        _contract(
            _work(other),
            number=number,
            procedure="adjudicacion_directa",
            amount=D("10.00"),
            contractor_rfc="DIR150101AB1",
        )
    # The 69-B sample: a presumed company and a disproved one hold contracts.
    _contract(_work(agency), number="LISTADA", contractor_rfc="OPM090214QR5")
    _contract(_work(agency), number="DESVIRTUADA", contractor_rfc="CEJ140822CD3")
    path = tmp_path_factory.mktemp("sat") / "Listado_Completo_69-B.csv"
    path.write_bytes(sat_sample_bytes())
    sat_list_import(path=path, actor=TEST_ACTOR)
    w.sample = path
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        built = _build(tmp_path_factory)
        constraints_settled()
        built.found = flags_found(today=TODAY)
        yield built
        transaction.set_rollback(True)


def _keys(world, kind):
    return {flag.key for flag in world.found if flag.kind == kind}


def test_modifications_over_the_federal_limit_raise_and_exactly_at_it_do_not(world):
    assert _keys(world, "modificaciones") == {world.federal.public_id}
    flag = next(f for f in world.found if f.kind == "modificaciones")
    assert flag.values["law"].endswith("art. 59")


def test_a_company_five_months_old_raises_and_six_months_old_does_not(world):
    assert _keys(world, "empresa-reciente") == {f"{world.companies.public_id}/NUEVA"}


def test_split_direct_awards_raise_and_those_summing_to_the_maximum_do_not(world):
    keys = _keys(world, "fraccionamiento")
    assert len(keys) == 1
    assert f"{world.split.public_id} S1" in next(iter(keys))


def test_a_payment_over_the_contract_raises_and_one_equal_to_it_does_not(world):
    assert _keys(world, "pagos-sobre-contrato") == {
        f"{world.overpaid.public_id}/OVER",
        "ocds-test-single/K1",  # an OCDS contract paid a centavo over
    }


def test_paid_in_full_under_the_progress_share_raises_and_at_it_does_not(world):
    keys = _keys(world, "pagado-sin-avance")
    assert world.ahead.public_id in keys
    assert world.on_par.public_id not in keys


def test_a_work_late_past_the_margin_with_payments_raises_and_within_it_does_not(world):
    keys = _keys(world, "atrasada-con-pagos")
    assert world.late.public_id in keys
    assert world.within.public_id not in keys


def test_one_bidder_raises_and_two_do_not(world):
    assert _keys(world, "un-solo-oferente") == {"ocds-test-single"}


def test_an_agency_awarding_all_directly_is_over_the_states_average(world):
    assert _keys(world, "adjudicacion-directa") == {str(world.direct_agency.pk)}


def test_a_presumed_company_in_the_69b_list_raises_and_a_disproved_one_does_not(world):
    assert _keys(world, "sat-69b") == {"OPM090214QR5"}
    flag = next(f for f in world.found if f.kind == "sat-69b")
    assert flag.values["list_date"] == "2024-09-30"
    assert "500-05-2024-9001" in flag.values["notice"]


def test_the_69b_list_keeps_its_date_and_every_row(world):
    kept = TaxpayerList.objects.get()
    assert kept.as_of == date(2024, 9, 30)
    assert kept.taxpayers.count() == 5
    assert kept.document.kind == DocumentKind.SAT_69B


def test_importing_the_same_69b_file_again_adds_nothing(world):
    sat_list_import(path=world.sample, actor=TEST_ACTOR)
    assert TaxpayerList.objects.count() == 1


def test_a_69b_row_with_an_unknown_situation_refuses_the_file(world, tmp_path):
    rows = (("ABC150312AB1", "EJEMPLO", "Investigado", {}),)
    path = tmp_path / "malo.csv"
    path.write_bytes(sat_sample_bytes(rows))
    with pytest.raises(DocumentError, match="situation") as refused:
        sat_list_import(path=path, actor=TEST_ACTOR)
    assert refused.value.line == 4
    assert TaxpayerList.objects.count() == 1


def test_refresh_keeps_the_flags_and_a_second_refresh_writes_nothing(world):
    first = flags_refresh(actor=TEST_ACTOR, today=TODAY)
    assert first.added == len(world.found)
    assert RaisedFlag.objects.count() == len(world.found)
    again = flags_refresh(actor=TEST_ACTOR, today=TODAY)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    message = RaisedFlag.objects.get(
        kind="pagos-sobre-contrato", contract__isnull=False
    ).message
    assert "$1,000.01" in message
