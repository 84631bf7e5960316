"""An independent set of contracts, flagged exactly as the rules say.

Not the demo and not ``test_services``'s world: a set written here alone,
with, for each rule, records whose figures raise it and records whose
figures stop just short (a day, a centavo, a contract, a situation), by
other paths than the other tests take (a term moved by the audit history,
a split across two works of one locality, payments adding up over a
contract, a late work paid through its contract, a selective process's one
bid counted from its bids, a company's own 69-B list). It goes through the
whole path a publish takes: ``publish_datasets`` computes and keeps the
flags, then the ``senales`` file and the API are read and must name exactly
the flags expected, no more, no fewer, one of them with its reply.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from ruta.accounts.models import Role
from ruta.accounts.services import role_assign
from ruta.demo.documents.sat69b import sat_sample_bytes
from ruta.flags.models import RaisedFlag
from ruta.flags.rules import FLAG_KINDS
from ruta.flags.services import flag_reply_write, flags_refresh
from ruta.ingest.loaders.sat69b import sat_list_import
from ruta.opendata.services import publish_datasets
from ruta.opendata.tests import parity
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    BudgetModification,
    ContractingProcess,
    ContractingRelease,
    FundingSource,
    Payment,
    WorkStatus,
)
from ruta.works.models.modifications import ModificationStatus
from testkit.actors import TEST_ACTOR
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db
D = Decimal
DIRECT, INVITATION, TENDER = (
    "adjudicacion_directa",
    "invitacion_tres",
    "licitacion_publica",
)
REPLY = (
    "La ampliación del plazo se debió a lluvias atípicas (dictamen técnico 14/2024)."
)
# Each case's own contractor: companies (12 characters) unless said.
LIST_DATE = date(2024, 10, 31)
OWN_LIST = (
    ("ALD180212KL3", "AUDITORÍA LISTADA DEFINITIVA, S.A. DE C.V.", "Definitivo", {}),
    ("AFV170503MN4", "AMPARADA FAVORABLE, S.A. DE C.V.", "Sentencia Favorable", {}),
    ("PEMJ800101AB5", "PÉREZ MARTÍNEZ JUAN", "Definitivo", {}),
    ("SCL190707PQ6", "SIN CONTRATO LISTADA, S.A. DE C.V.", "Presunto", {}),
)


def _work(**extra):
    """A published work of an agency of its own (no agency reaches 5 contracts
    but the direct-award cases', so only they are judged by their share)."""
    extra.setdefault("published", True)
    return WorkFactory(**extra)


def _contract(work, number, rfc, **extra):
    extra.setdefault("procedure", TENDER)
    extra.setdefault("amount", D("1000000.00"))
    return ContractFactory(work=work, number=number, contractor_rfc=rfc, **extra)


def _paid(contract, *amounts):
    for day, amount in enumerate(amounts, start=1):
        Payment.objects.create(
            contract=contract, paid_on=date(2024, 6, day), amount=D(amount)
        )


def _process(ocid, method, release_data):
    document = SourceDocument.objects.create(
        sha256=hashlib.sha256(ocid.encode()).hexdigest(),
        kind=DocumentKind.OCDS,
        name=f"{ocid}.json",
    )
    process = ContractingProcess.objects.create(
        ocid=ocid, method=method, work=_work(), document=document
    )
    ContractingRelease.objects.create(
        process=process,
        release_id=f"{ocid}-1",
        date="2024-04-01T00:00:00Z",
        document=document,
        place="",
        data={"ocid": ocid, **release_data},
    )


def _build(folder) -> tuple[set[tuple[str, str]], SimpleNamespace]:
    """Write the set; return the (kind, key) pairs the rules must raise."""
    today = timezone.localdate()
    raised: set[tuple[str, str]] = set()
    w = SimpleNamespace()

    # Modifications, state-funded (the declared law's 25 %), by amount:
    # an ampliación of 25 % and a centavo raises, one of exactly 25 % not.
    for name, increase in (("over", "200000.01"), ("at", "200000.00")):
        work = _work()
        _contract(work, f"AMP-{name}", "AMP150101AB1", amount=D("800000.00"))
        BudgetModification.objects.create(
            work=work,
            amount=D(increase),
            reason="convenio de ampliación",
            status=ModificationStatus.APPROVED,
        )
        if name == "over":
            raised.add(("modificaciones", work.public_id))
    # … and by term: 100 days agreed, the end moved 26 days later (raises)
    # and 25 days later (does not), as the contract's audit history shows.
    for moved in (26, 25):
        work = _work(funding=[(FundingSource.FEDERAL, D("1000000.00"))])
        contract = _contract(
            work,
            f"PLAZO-{moved}",
            "PLZ150101AB1",
            start_date=date(2024, 3, 1),
            end_date=date(2024, 6, 9),
        )
        contract.end_date = date(2024, 6, 9) + timedelta(days=moved)
        contract.save(update_fields=["end_date"])
        if moved == 26:
            raised.add(("modificaciones", work.public_id))
            w.term_work = work

    # A company incorporated on 15 January 2024: signed on 14 July, five
    # whole months later, raises; signed on 15 July, six, does not. A
    # person's RFC with the same digits is never read.
    young = _work()
    _contract(young, "JOVEN", "JOV240115AB1", signed_on=date(2024, 7, 14))
    _contract(young, "SEIS-MESES", "SEI240115AB1", signed_on=date(2024, 7, 15))
    _contract(young, "PERSONA", "GOMA240115K21", signed_on=date(2024, 2, 1))
    raised.add(("empresa-reciente", f"{young.public_id}/JOVEN"))

    # Split across two works of one locality: two invitations to one company
    # 90 days apart, together a centavo over the invitation maximum, raise;
    # the same 91 days apart, or summing exactly the maximum, do not.
    cases = (
        ("FRA150101AB1", 90, "2500000.01", True),
        ("FRB150101AB1", 91, "2500000.01", False),
        ("FRC150101AB1", 90, "2500000.00", False),
    )
    for rfc, days, second, raises in cases:
        place = MunicipalityFactory()
        first_work = _work(municipality=place, locality="El Ranchito")
        second_work = _work(municipality=place, locality="el ranchito")
        signed = date(2024, 2, 1)
        _contract(
            first_work,
            f"{rfc[:3]}-1",
            rfc,
            procedure=INVITATION,
            amount=D("2500000.00"),
            signed_on=signed,
        )
        _contract(
            second_work,
            f"{rfc[:3]}-2",
            rfc,
            procedure=INVITATION,
            amount=D(second),
            signed_on=signed + timedelta(days=days),
        )
        if raises:
            members = sorted(
                [f"{first_work.public_id} FRA-1", f"{second_work.public_id} FRA-2"]
            )
            raised.add(("fraccionamiento", f"{rfc}/{'+'.join(members)}"))

    # Payments adding up over their contract by a centavo raise; adding up
    # to it exactly do not.
    paid_over = _work()
    over = _contract(paid_over, "SOBREPAGO", "PAG150101AB1", amount=D("1000000.00"))
    _paid(over, "400000.00", "400000.00", "200000.01")
    exact = _contract(paid_over, "PAGO-JUSTO", "PAG150101AB1", amount=D("1000000.00"))
    _paid(exact, "400000.00", "400000.00", "200000.00")
    raised.add(("pagos-sobre-contrato", f"{paid_over.public_id}/SOBREPAGO"))

    # Paid in full through the contract's payments with 79.99 % physical
    # progress raises; with 80 % it does not, nor a centavo short of full.
    for name, physical, payment in (
        ("ahead", "79.99", "300000.00"),
        ("on_par", "80.00", "300000.00"),
        ("short", "10.00", "299999.99"),
    ):
        work = _work()
        _paid(
            _contract(work, f"AV-{name}", "AVA150101AB1", amount=D("300000.00")),
            payment,
        )
        ProgressFactory(
            work=work,
            date=date(2024, 6, 30),
            physical_percent=D(physical),
            amount_paid=D("0.00"),
        )
        if name == "ahead":
            raised.add(("pagado-sin-avance", work.public_id))

    # Under way, paid through its contract: 31 days past its end raises, 30
    # days does not; a finished work long past its end, or one under way
    # long past it with nothing paid, does not either.
    for name, late, status, payment in (
        ("late", 31, WorkStatus.IN_EXECUTION, "1.00"),
        ("margin", 30, WorkStatus.IN_EXECUTION, "1.00"),
        ("finished", 400, WorkStatus.COMPLETED, "1.00"),
        ("unpaid", 400, WorkStatus.CONTRACTED, None),
    ):
        work = _work(status=status, end_date=today - timedelta(days=late))
        contract = _contract(work, f"ATR-{name}", "ATR150101AB1", amount=D("50000.00"))
        if payment:
            _paid(contract, payment)
        if name == "late":
            raised.add(("atrasada-con-pagos", work.public_id))
            w.late_work = work

    # A selective process with one bid raises; an open one with two, and a
    # direct award with one, do not.
    _process("ocds-indep-uno", "selective", {"bids": {"details": [{"id": "b1"}]}})
    _process("ocds-indep-dos", "open", {"tender": {"numberOfTenderers": 2}})
    _process("ocds-indep-directa", "direct", {"tender": {"numberOfTenderers": 1}})
    raised.add(("un-solo-oferente", "ocds-indep-uno"))

    # An agency that awards its five contracts directly is over the state's
    # share (every other contract here is tendered or by invitation); one
    # with four is not judged (fewer than five contracts).
    for count, rfc, raises in ((5, "ADC150101AB1", True), (4, "ADD150101AB1", False)):
        agency = AgencyFactory()
        for number in range(count):
            _contract(
                _work(executing_agency=agency),
                f"AD{count}-{number}",
                rfc,
                procedure=DIRECT,
                amount=D("10000.00"),
            )
        if raises:
            raised.add(("adjudicacion-directa", str(agency.pk)))

    # The set's own 69-B list: a definitive company holding a contract
    # raises; one with a favourable ruling, a natural person listed as
    # definitive and a presumed company with no contract do not.
    for rfc, *_ in OWN_LIST[:3]:
        _contract(_work(), f"SAT-{rfc[:3]}", rfc)
    path = folder / "Listado_Completo_69-B.csv"
    path.write_bytes(sat_sample_bytes(OWN_LIST, LIST_DATE))
    sat_list_import(path=path, actor=TEST_ACTOR)
    raised.add(("sat-69b", "ALD180212KL3"))
    return raised, w


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory):
    """The set written, its flags kept, one answered, then published whole."""
    with django_db_blocker.unblock(), transaction.atomic():
        expected, cases = _build(tmp_path_factory.mktemp("set"))
        constraints_settled()
        flags_refresh(actor=TEST_ACTOR)
        flag = RaisedFlag.objects.get(
            kind="atrasada-con-pagos", key=cases.late_work.public_id
        )
        validator = UserFactory()
        role_assign(
            user=validator,
            role=Role.VALIDATOR,
            agency_id=flag.agency_id,
            actor=TEST_ACTOR,
        )
        flag_reply_write(flag=flag, text=REPLY, voice="agency", actor=validator)
        publish_datasets(actor=TEST_ACTOR)
        yield SimpleNamespace(expected=expected, rows=parity.published_rows("senales"))
        transaction.set_rollback(True)


def test_the_published_file_names_exactly_the_flags_the_rules_raise(published):
    found = {(row["SENAL"], row["CLAVE"]) for row in published.rows}
    assert found == published.expected
    assert len(published.rows) == len(found)


def test_every_rule_raises_on_the_set(published):
    assert {kind for kind, _ in published.expected} == set(FLAG_KINDS)


def test_the_api_names_the_same_flags_and_the_reply(published, client):
    answer = client.get("/api/v1/flags/").json()
    assert {(flag["kind"], flag["key"]) for flag in answer} == published.expected
    replied = [flag for flag in answer if flag["reply"]]
    assert [(flag["kind"], flag["reply"]["text"]) for flag in replied] == [
        ("atrasada-con-pagos", REPLY)
    ]
    [row] = [row for row in published.rows if row["RESPUESTA"]]
    assert (row["SENAL"], row["RESPUESTA"], row["RESPUESTA_A_NOMBRE_DE"]) == (
        "atrasada-con-pagos",
        REPLY,
        "agency",
    )
    assert row["RESPUESTA_FECHA"] == timezone.localdate().isoformat()


def test_no_natural_persons_rfc_is_published(published):
    rfcs = {row["RFC_CONTRATISTA"] for row in published.rows}
    assert "GOMA240115K21" not in rfcs
    assert "PEMJ800101AB5" not in rfcs
    assert all(len(rfc) in (0, 12) for rfc in rfcs)
