"""The rows of the datasets that follow a work's money and oversight.

Contracts captured for the works, every payment (under those contracts and
under the processes read from OCDS), the contracts' modifications of amount
and term, the progress reports and the citizen committees with their visits:
what a work's page shows, one row per record, so every figure on the pages
can be rebuilt from the files.

Personal data stays out as its one declaration says
(``ruta.accounts.personal``): a person's RFC is published as nothing, an
OCDS payee who is a person is never read, and a committee is published by
what it did (dates, counts, what it checked and found), never by who is in it.
Where a row carries a code, a Spanish label sits beside it (``label``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, Prefetch

from ruta.accounting import selectors as accounting_selectors
from ruta.accounting.models import (
    ClassificationChoice,
    LevelChoice,
    StatementKindChoice,
)
from ruta.accounts.personal import public_value
from ruta.common.text.labels import label
from ruta.common.text.rfc import is_person_rfc
from ruta.flags.rules import added_days
from ruta.participation.models import Committee, Conformity, OversightVisit
from ruta.works.models import (
    BudgetModification,
    ContractingContract,
    ContractingPayment,
    ContractingProcess,
    Payment,
    ProcurementProcedure,
    Progress,
    Work,
    published_condition,
)
from ruta.works.models.modifications import ModificationStatus
from ruta.works.selectors.contracting import process_in_instance_condition
from ruta.works.selectors.integrity import ContractFact, contract_facts

Row = dict[str, Any]

PERSON, COMPANY = "fisica", "moral"
HOLDER_LABELS = {PERSON: "Persona física", COMPANY: "Persona moral"}
# What a modification changed, in the dataset's codes and words.
AMOUNT, TERM = "monto", "plazo"
MODIFICATION_LABELS = {
    AMOUNT: "Monto (ampliación o reducción)",
    TERM: "Plazo (término posterior al pactado)",
}
CAPTURED, OCDS = "contrato", "ocds"
PAYMENT_ORIGIN_LABELS = {
    CAPTURED: "Contrato registrado en la plataforma",
    OCDS: "Proceso de contratación publicado en OCDS",
}
TERM_REASON = (
    "Término posterior al pactado: la fecha con la que se registró el contrato "
    "cambió después."
)


def statement_rows() -> Iterator[Row]:
    """Yield the budget statements' rows, each code with its label beside it."""
    for row in accounting_selectors.statement_rows():
        yield {
            **row,
            "ESTADO_NOMBRE": label(StatementKindChoice, str(row["ESTADO"])),
            "CLASIFICACION_NOMBRE": label(
                ClassificationChoice, str(row["CLASIFICACION"])
            ),
            "NIVEL_NOMBRE": label(LevelChoice, str(row["NIVEL"])),
        }


def _holder(rfc: str) -> str:
    return PERSON if is_person_rfc(rfc) else COMPANY


def contract_key(folio: str, number: str) -> str:
    """Return a contract's key in every dataset: its work's folio and number."""
    return f"{folio}/{number}"


def contract_rows() -> Iterator[Row]:
    """Yield one row per contract captured for a published work."""
    for fact in contract_facts():
        yield _contract_row(fact)


def _contract_row(fact: ContractFact) -> Row:
    holder = _holder(fact.rfc)
    return {
        "ID_CONTRATO": contract_key(fact.work, fact.number),
        "FOLIO_OBRA": fact.work,
        "EJERCICIO": fact.fiscal_year,
        "DEPENDENCIA": fact.agency or None,
        "CVE_MUNICIPIO": fact.municipality or None,
        "MUNICIPIO": fact.municipality_name or None,
        "CONTRATO": fact.number,
        "CONTRATISTA": fact.contractor,
        "RFC_CONTRATISTA": public_value("works.Contract", "contractor_rfc", fact.rfc),
        "TIPO_PERSONA": holder,
        "TIPO_PERSONA_NOMBRE": HOLDER_LABELS[holder],
        "PROCEDIMIENTO": fact.procedure,
        "PROCEDIMIENTO_NOMBRE": label(ProcurementProcedure, fact.procedure),
        "MONTO": fact.amount,
        "FIRMADO": fact.signed_on,
        "INICIO": fact.start,
        "TERMINO_PACTADO": fact.agreed_end,
        "TERMINO": fact.end,
        "PAGOS": fact.payments,
        "PAGADO": fact.paid,
        "DEMOSTRACION": fact.is_demo,
    }


def payment_rows() -> Iterator[Row]:
    """Yield every payment: under captured contracts, then under OCDS ones."""
    yield from _captured_payments()
    yield from _ocds_payments()


def _captured_payments() -> Iterator[Row]:
    payments = (
        Payment.objects.filter(published_condition("contract__work__"))
        .select_related("contract__work", "source_document")
        .order_by("contract__work__public_id", "contract__number", "paid_on", "id")
    )
    numbers: dict[int, int] = {}
    for payment in payments.iterator(chunk_size=2000):
        contract = payment.contract
        numbers[contract.pk] = number = numbers.get(contract.pk, 0) + 1
        key = contract_key(contract.work.public_id, contract.number)
        document = payment.source_document
        yield _payment_row(
            key=f"{key}/{number}",
            origin=CAPTURED,
            number=number,
            fields={
                "FOLIO_OBRA": contract.work.public_id,
                "EJERCICIO": contract.work.fiscal_year_id,
                "CONTRATO": contract.number,
                "FECHA": payment.paid_on,
                "MONTO": payment.amount,
                "MONEDA": "MXN",
                "UUID_CFDI": payment.invoice_label or None,
                "DOCUMENTO_SHA256": document.sha256 if document else None,
                "RENGLON_DOCUMENTO": payment.source_line,
                "DEMOSTRACION": contract.work.is_demo,
            },
        )


def _ocds_payments() -> Iterator[Row]:
    """Yield the payments of published OCDS processes, numbered per contract.

    A contract's number is its place in its process (``contrataciones``'s
    RENGLON); a payee who is a person is never read (``payee_person``).
    """
    payments = ContractingPayment.objects.order_by("day", "transaction_id", "id")
    contracts = (
        ContractingContract.objects.filter(
            process__in=ContractingProcess.objects.filter(
                process_in_instance_condition()
            )
        )
        .select_related("process__work")
        .prefetch_related(Prefetch("payments", queryset=payments))
        .order_by("process__ocid", "contract_id", "id")
    )
    places: dict[int, int] = {}
    for contract in contracts:
        process = contract.process
        places[process.pk] = place = places.get(process.pk, 0) + 1
        for number, payment in enumerate(contract.payments.all(), start=1):
            yield _payment_row(
                key=f"{process.ocid}/{place}/{number}",
                origin=OCDS,
                number=number,
                fields={
                    "FOLIO_OBRA": process.work.public_id if process.work else None,
                    "EJERCICIO": _ocds_year(process, payment),
                    "OCID": process.ocid,
                    "RENGLON_CONTRATO": place,
                    "CONTRATO": contract.contract_id or None,
                    "FECHA": payment.day,
                    "MONTO": payment.amount,
                    "MONEDA": payment.currency or None,
                    "PAGADOR": payment.payer or None,
                    "BENEFICIARIO": payment.payee or None,
                    "DEMOSTRACION": bool(process.work and process.work.is_demo),
                },
            )


def _ocds_year(process: ContractingProcess, payment: ContractingPayment) -> Any:
    """Return the fiscal year of the process's work, else the payment's year."""
    if process.work is not None:
        return process.work.fiscal_year_id
    return payment.day.year if payment.day else None


PAYMENT_COLUMNS = (
    "ID_PAGO",
    "ORIGEN",
    "ORIGEN_NOMBRE",
    "FOLIO_OBRA",
    "EJERCICIO",
    "CONTRATO",
    "OCID",
    "RENGLON_CONTRATO",
    "NUMERO",
    "FECHA",
    "MONTO",
    "MONEDA",
    "UUID_CFDI",
    "PAGADOR",
    "BENEFICIARIO",
    "DOCUMENTO_SHA256",
    "RENGLON_DOCUMENTO",
    "DEMOSTRACION",
)


def _payment_row(*, key: str, origin: str, number: int, fields: Row) -> Row:
    row: Row = dict.fromkeys(PAYMENT_COLUMNS)
    row.update(
        ID_PAGO=key,
        ORIGEN=origin,
        ORIGEN_NOMBRE=PAYMENT_ORIGIN_LABELS[origin],
        NUMERO=number,
        **fields,
    )
    return row


def modification_rows() -> Iterator[Row]:
    """Yield each approved change of a work's amount, then each contract's term."""
    yield from _amount_modifications()
    yield from _term_modifications(contract_facts())


def _amount_modifications() -> Iterator[Row]:
    """The approved ampliaciones and reducciones: what the budget's modified adds."""
    modifications = (
        BudgetModification.objects.filter(published_condition("work__"))
        .approved()
        .select_related("work")
        .order_by("work__public_id", "decided_at", "pk")
    )
    numbers: dict[int, int] = {}
    for modification in modifications.iterator(chunk_size=2000):
        work = modification.work
        numbers[work.pk] = number = numbers.get(work.pk, 0) + 1
        decided = modification.decided_at
        yield _modification_row(
            key=f"{work.public_id}/{AMOUNT}/{number}",
            kind=AMOUNT,
            fields={
                "FOLIO_OBRA": work.public_id,
                "EJERCICIO": work.fiscal_year_id,
                "MONTO": modification.amount,
                "MOTIVO": modification.reason,
                "ESTADO": modification.status,
                "ESTADO_NOMBRE": label(ModificationStatus, modification.status),
                "DECIDIDA": decided.date() if decided else None,
                "DEMOSTRACION": work.is_demo,
            },
        )


def _term_modifications(facts: Iterable[ContractFact]) -> Iterator[Row]:
    """The contracts whose end date moved past the one they were signed with."""
    for fact in facts:
        agreed, added = added_days(fact.agreed_end, fact.end, fact.start)
        if not added:
            continue
        key = contract_key(fact.work, fact.number)
        yield _modification_row(
            key=f"{key}/{TERM}",
            kind=TERM,
            fields={
                "FOLIO_OBRA": fact.work,
                "EJERCICIO": fact.fiscal_year,
                "CONTRATO": fact.number,
                "TERMINO_PACTADO": fact.agreed_end,
                "TERMINO": fact.end,
                "DIAS_PACTADOS": agreed,
                "DIAS_AGREGADOS": added,
                "MOTIVO": TERM_REASON,
                "ESTADO": ModificationStatus.APPROVED,
                "ESTADO_NOMBRE": label(ModificationStatus, ModificationStatus.APPROVED),
                "DEMOSTRACION": fact.is_demo,
            },
        )


MODIFICATION_COLUMNS = (
    "ID_MODIFICACION",
    "TIPO",
    "TIPO_NOMBRE",
    "FOLIO_OBRA",
    "EJERCICIO",
    "CONTRATO",
    "MONTO",
    "TERMINO_PACTADO",
    "TERMINO",
    "DIAS_PACTADOS",
    "DIAS_AGREGADOS",
    "MOTIVO",
    "ESTADO",
    "ESTADO_NOMBRE",
    "DECIDIDA",
    "DEMOSTRACION",
)


def _modification_row(*, key: str, kind: str, fields: Row) -> Row:
    row: Row = dict.fromkeys(MODIFICATION_COLUMNS)
    row.update(
        ID_MODIFICACION=key, TIPO=kind, TIPO_NOMBRE=MODIFICATION_LABELS[kind], **fields
    )
    return row


def progress_rows() -> Iterator[Row]:
    """Yield every progress report of a published work, numbered per work."""
    reports = (
        Progress.objects.filter(work__in=Work.objects.published())
        .order_by("work__public_id", "date", "id")
        .values_list(
            "work_id",
            "work__public_id",
            "work__fiscal_year_id",
            "date",
            "physical_percent",
            "amount_paid",
            "evidence",
            "evidence_url",
            "reason",
            "work__is_demo",
        )
    )
    numbers: dict[int, int] = {}
    for (
        work_id,
        folio,
        year,
        day,
        physical,
        paid,
        evidence,
        url,
        reason,
        demo,
    ) in reports.iterator(chunk_size=2000):
        numbers[work_id] = number = numbers.get(work_id, 0) + 1
        yield {
            "ID_AVANCE": f"{folio}/{number}",
            "FOLIO_OBRA": folio,
            "EJERCICIO": year,
            "NUMERO": number,
            "FECHA": day,
            "AVANCE_FISICO": physical,
            "PAGADO_ACUMULADO": paid,
            "EVIDENCIA": evidence or None,
            "EVIDENCIA_URL": url or None,
            "MOTIVO": reason or None,
            "DEMOSTRACION": demo,
        }


def committee_rows() -> Iterator[Row]:
    """Yield one row per committee of a published work: what it did, no names."""
    committees = (
        Committee.objects.filter(published_condition("work__"))
        .select_related("work", "workshop", "handover_act")
        .annotate(
            member_count=Count("members", distinct=True),
            visit_count=Count("visits", distinct=True),
        )
        .order_by("work__public_id")
    )
    for committee in committees.iterator(chunk_size=2000):
        workshop = getattr(committee, "workshop", None)
        act = getattr(committee, "handover_act", None)
        conformity = act.conformity if act else None
        yield {
            "FOLIO_OBRA": committee.work.public_id,
            "EJERCICIO": committee.work.fiscal_year_id,
            "CONFORMADO": committee.formed_on,
            "INTEGRANTES": committee.member_count,
            "TALLER": workshop.held_on if workshop else None,
            "TALLER_ASISTENTES": workshop.attendance if workshop else None,
            "TALLER_TEMAS": (workshop.topics or None) if workshop else None,
            "VISITAS": committee.visit_count,
            "ACTA_ENTREGA": act.delivered_on if act else None,
            "ACTA_RECIBIO": act.received_by if act else None,
            "ACTA_CONFORMIDAD": conformity,
            "ACTA_CONFORMIDAD_NOMBRE": label(Conformity, conformity),
            "ACTA_OBSERVACIONES": (act.objections or None) if act else None,
            "DEMOSTRACION": committee.is_demo,
        }


def visit_rows() -> Iterator[Row]:
    """Yield each oversight visit of a published work's committee, numbered."""
    visits = (
        OversightVisit.objects.filter(published_condition("committee__work__"))
        .select_related("committee__work")
        .annotate(photo_count=Count("photos"))
        .order_by("committee__work__public_id", "visited_on", "id")
    )
    numbers: dict[int, int] = {}
    for visit in visits.iterator(chunk_size=2000):
        work = visit.committee.work
        numbers[work.pk] = number = numbers.get(work.pk, 0) + 1
        yield {
            "ID_VISITA": f"{work.public_id}/{number}",
            "FOLIO_OBRA": work.public_id,
            "EJERCICIO": work.fiscal_year_id,
            "NUMERO": number,
            "FECHA": visit.visited_on,
            "REVISADO": visit.checked,
            "HALLAZGOS": visit.findings,
            "FOTOS": visit.photo_count,
            "DEMOSTRACION": visit.committee.is_demo,
        }
