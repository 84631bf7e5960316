"""The rows of every public dataset, as raw values keyed by column name.

Each function reads only what the public pages show (published works, the
public programs and calls, imported documents) and yields plain values
(``Decimal``, ``date``, text): the writers format them. Personal fields are
never read: a contract whose supplier is a natural person names no one,
and a payment's payee is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from django.db.models import (
    Model,
    OuterRef,
    Subquery,
)
from django.db.models.expressions import RawSQL

from ruta.common.fields import MoneyField
from ruta.common.text.labels import label, spanish
from ruta.common.text.money import ZERO
from ruta.grants.models import ApplicationStatus
from ruta.grants.selectors.calls import call_results, calls_public
from ruta.grants.selectors.organizations import organization_directory
from ruta.indicators.models import DirectionChoice
from ruta.indicators.selectors import SEMAPHORE_LABELS, card_periods, card_views
from ruta.programs.models.status import ValueStatus
from ruta.programs.selectors import goal_views, published_quarters, unit_programs
from ruta.sources.models import DocumentFinding, DocumentKind, Severity
from ruta.sources.selectors import documents
from ruta.works.models import (
    ContractingContract,
    FundedAmount,
    Funding,
    FundingSource,
    OcdsMethod,
    Progress,
    Work,
    WorkOrigin,
    WorkPublication,
    WorkStatus,
    group_of,
)
from ruta.works.models.phases import PHASES, phase_sql
from ruta.works.selectors.contracting import processes_published

Row = dict[str, Any]
MONEY = MoneyField()
# The works' funding columns, named like the sources of the OPA lists.
SOURCE_COLUMNS = {
    "ESTATAL": FundingSource.STATE,
    "MUNICIPAL": FundingSource.MUNICIPALITY,
    "COMUNIDAD": FundingSource.COMMUNITY,
    "FEDERAL": FundingSource.FEDERAL,
    "OTRAS": FundingSource.OTHER,
}


def _phase(name: str) -> RawSQL:
    """Return budget phase ``name`` of the work's row, as the budget page sums it."""
    text = phase_sql(name, Work._meta.db_table)
    return RawSQL(text, (), output_field=MONEY)  # noqa: S611 - the model's own text


def _utc(moment: datetime | None) -> str | None:
    """Return ``moment`` as ISO 8601 in UTC, to the second (Table Schema's form)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _latest(model: type[Model], field: str, *order: str) -> Subquery:
    return Subquery(
        model._default_manager.filter(work=OuterRef("pk"))
        .order_by(*order)
        .values(field)[:1]
    )


def _works() -> Any:
    """Return published works with their latest figures and sums per source."""
    sums = {
        f"source_{key}": FundedAmount(source) for key, source in SOURCE_COLUMNS.items()
    }
    published = ("-as_of", "-document_id")
    return (
        Work.objects.published()
        .annotate(
            **sums,
            progress_percent=_latest(Progress, "physical_percent", "-date", "-id"),
            # Kept on the work's row (``works.models.phases``).
            **{f"phase_{name}": _phase(name) for name in PHASES},
            file_progress=_latest(WorkPublication, "physical_progress", *published),
        )
        .order_by("-fiscal_year_id", "public_id")
    )


# What each works row reads: values, not model instances (seven a row with
# the related names), so a million works are read in minutes, not tens.
_WORK_FIELDS = (
    "public_id",
    "title",
    "fiscal_year_id",
    "program__name",
    "subprogram__name",
    "executing_agency__name",
    "state_id",
    "municipality_id",
    "municipality__state_id",
    "municipality__name",
    "municipality__region__name",
    "locality",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "status",
    "beneficiaries",
    "total_investment",
    *(f"phase_{name}" for name in PHASES),
    "progress_percent",
    "file_progress",
    *(f"source_{key}" for key in SOURCE_COLUMNS),
    "as_of",
    "origin",
    "is_demo",
)


def work_rows() -> Iterator[Row]:
    """Yield one row per published work, in the OPA lists' vocabulary."""
    for work in _works().values(*_WORK_FIELDS).iterator(chunk_size=2000):
        placed = work["municipality_id"] is not None
        yield {
            "FOLIO": work["public_id"],
            "NOMBRE": work["title"],
            "EJERCICIO": work["fiscal_year_id"],
            "PROGRAMA": work["program__name"],
            "SUBPROGRAMA": work["subprogram__name"],
            "EJECUTORA": work["executing_agency__name"],
            "CVE_ENTIDAD": work["municipality__state_id" if placed else "state_id"],
            "CVE_MUNICIPIO": work["municipality_id"],
            "MUNICIPIO": work["municipality__name"],
            "REGION": work["municipality__region__name"],
            "LOCALIDAD": work["locality"],
            "LATITUD": work["latitude"],
            "LONGITUD": work["longitude"],
            "INICIO": work["start_date"],
            "TERMINO": work["end_date"],
            "ESTATUS": work["status"],
            "ESTATUS_NOMBRE": label(WorkStatus, work["status"]),
            **_money_group(work["status"]),
            "BENEFICIARIOS": work["beneficiaries"],
            "INVERSION_TOTAL": work["total_investment"],
            "APROBADO": work["phase_approved"],
            "MODIFICADO": work["phase_modified"],
            "EJERCIDO": work["phase_paid"],
            "EJERCIDO_SOBRE_MODIFICADO": work["phase_overspent"],
            "AVANCE_FISICO": _first(work["progress_percent"], work["file_progress"]),
            **{key: work[f"source_{key}"] for key in SOURCE_COLUMNS},
            "VIGENTE_AL": work["as_of"],
            "ORIGEN": work["origin"],
            "ORIGEN_NOMBRE": label(WorkOrigin, work["origin"]),
            "DEMOSTRACION": work["is_demo"],
        }


def _money_group(status: str) -> Row:
    """Return the work's money group (``ruta.common.text.glossary``) and its label."""
    group = group_of(status)
    return {"GRUPO": str(group), "GRUPO_NOMBRE": group.label}


def _first(*values: Any) -> Any:
    """Return the first value that is not ``None``."""
    return next((value for value in values if value is not None), None)


def funding_rows() -> Iterator[Row]:
    """Yield one row per funding line of a published work."""
    lines = (
        Funding.objects.filter(work__in=Work.objects.published())
        .order_by("work__public_id", "source", "fund")
        .values_list(
            "work__public_id", "work__fiscal_year_id", "source", "fund", "amount"
        )
    )
    for folio, year, source, fund, amount in lines.iterator(chunk_size=2000):
        yield {
            "ID_FINANCIAMIENTO": "/".join(
                part for part in (folio, source, fund) if part
            ),
            "FOLIO": folio,
            "EJERCICIO": year,
            "FUENTE": source,
            "FUENTE_NOMBRE": label(FundingSource, source),
            "FONDO": fund,
            "MONTO": amount,
        }


def goal_rows() -> Iterator[Row]:
    """Yield one row per POA goal with its derived accumulated figures."""
    for unit_program in unit_programs():
        program, unit = unit_program.program, unit_program.executing_unit
        for view in goal_views(unit_program):
            goal = view.goal
            yield {
                "ID_META": goal.pk,
                "EJERCICIO": program.fiscal_year_id,
                "RAMO": program.ramo.code,
                "CVE_PROGRAMA": program.code,
                "PROGRAMA": program.name,
                "CVE_UNIDAD": unit.code,
                "UNIDAD_EJECUTORA": unit.name,
                "META": goal.number,
                "DESCRIPCION": goal.description,
                "UNIDAD_MEDIDA": goal.unit_of_measure,
                "META_ANUAL": goal.annual_target,
                "LINEAS_DE_ACCION": " ".join(view.lines),
                "TRIMESTRE_REPORTADO": unit_program.reported_quarter,
                "AVANCE_ABSOLUTO": view.absolute,
                "AVANCE_RELATIVO": view.relative,
                "ESTATUS": goal.status,
                "ESTATUS_NOMBRE": label(ValueStatus, goal.status),
            }


def quarter_rows() -> Iterator[Row]:
    """Yield one row per published quarter (up to the one each program reports)."""
    for unit_program in unit_programs():
        for view, quarter in published_quarters(unit_program):
            row = quarter.row
            if row is None:
                raise ValueError("a quarter with no row is not published")
            document = row.source_document
            yield {
                "ID_META": view.goal.pk,
                "EJERCICIO": unit_program.program.fiscal_year_id,
                "TRIMESTRE": quarter.quarter,
                "PROGRAMADO": row.programmed,
                "ALCANZADO": row.achieved,
                "OBSERVACIONES": row.observation,
                "ESTATUS": row.status,
                "ESTATUS_NOMBRE": label(ValueStatus, row.status),
                "DOCUMENTO_SHA256": document.sha256 if document else None,
                "APROBADO_EL": _utc(row.approved_at),
            }


def indicator_rows() -> Iterator[Row]:
    """Yield one row per indicator card with its latest result and semáforo."""
    for view in card_views():
        card, latest = view.card, view.latest
        yield {
            "ID_INDICADOR": card.pk,
            "CLAVE": card.key,
            "DEPENDENCIA": card.agency.name,
            "INDICADOR": card.name,
            "OBJETIVO": card.objective,
            "METODO_DE_CALCULO": card.method,
            "SENTIDO": card.direction,
            "SENTIDO_NOMBRE": label(DirectionChoice, card.direction),
            "FRECUENCIA": card.frequency,
            "UNIDAD_MEDIDA": card.unit_of_measure,
            "ANIO_LINEA_BASE": card.baseline_year,
            "LINEA_BASE": card.baseline_value,
            "ANIO_META": card.goal_year,
            "META": card.goal_value,
            "ULTIMO_ANIO": latest.year if latest else None,
            "ULTIMO_RESULTADO": latest.published if latest else None,
            "SEMAFORO": str(view.semaphore),
            "SEMAFORO_NOMBRE": spanish(SEMAPHORE_LABELS.get(view.semaphore)),
        }


def indicator_result_rows() -> Iterator[Row]:
    """Yield one row per published result of every indicator card."""
    for view in card_views():
        for result in view.card.results.all():
            document = result.document
            yield {
                "ID_INDICADOR": view.card.pk,
                "ANIO": result.year,
                "RESULTADO": result.value,
                "DOCUMENTO_SHA256": document.sha256 if document else None,
                "TABLA": result.source_table,
                "RENGLON": result.source_row,
            }


def indicator_period_rows() -> Iterator[Row]:
    """Yield one row per published result of a quarter or of a place."""
    views = card_views()
    found = card_periods(views)
    for view in views:
        for item in found[view.card.pk].periods:
            result = item.result
            yield {
                "ID_RESULTADO": result.pk,
                "ID_INDICADOR": view.card.pk,
                "ANIO": result.year,
                "TRIMESTRE": result.quarter,
                "TIPO_LUGAR": item.place_kind,
                "CLAVE_LUGAR": item.place_code or "",
                "LUGAR": item.place_label,
                "RESULTADO": result.value,
                "CALCULADO": item.computed,
                "SEMAFORO": str(item.semaphore),
                "SEMAFORO_NOMBRE": spanish(SEMAPHORE_LABELS.get(item.semaphore)),
                "DEMOSTRACION": result.is_demo,
            }


def grant_result_rows() -> Iterator[Row]:
    """Yield every application of every public call with its published result."""
    for call in calls_public():
        for row in call_results(call):
            yield {
                "CONVOCATORIA": call.code,
                "EJERCICIO": call.fiscal_year,
                "FOLIO": row.folio,
                "ORGANIZACION": row.organization,
                "RFC_ORGANIZACION": row.organization_rfc,
                "PROYECTO": row.title,
                "ESQUEMA": row.scheme,
                "TEMATICA": row.theme,
                "MUNICIPIO": row.municipality,
                "SOLICITADO": row.requested,
                "PUNTAJE": row.score,
                "LUGAR": row.rank,
                "RESULTADO": row.allocation,
                "RESULTADO_NOMBRE": label(ApplicationStatus, row.allocation),
                "ASIGNADO": row.amount,
                "ESTATUS": row.status,
                "ESTATUS_NOMBRE": label(ApplicationStatus, row.status),
                "MOTIVO": row.reason,
                "DEMOSTRACION": row.is_demo,
            }


def organization_rows() -> Iterator[Row]:
    """Yield the public directory of organisations, one row each: what the
    directory page prints, never a contact or a person."""
    for entry in organization_directory():
        yield {
            "RFC": entry.rfc,
            "ORGANIZACION": entry.name,
            "CLUNI": entry.cluni,
            "FOLIO_REGISTRO_ESTATAL": entry.state_registry_folio,
            "MUNICIPIOS": "; ".join(entry.municipalities),
            "CONVOCATORIAS": " ".join(
                sorted({applied.call_code for applied in entry.calls})
            ),
            "SOLICITUDES": len(entry.calls),
            "APOYADAS": sum(applied.supported for applied in entry.calls),
            "DEMOSTRACION": entry.is_demo,
        }


def contracting_rows() -> Iterator[Row]:
    """Yield one row per contract of a public contracting process (OCDS)."""
    for process in processes_published().order_by("ocid"):
        contracts: list[ContractingContract | None] = [*process.contracts.all()] or [
            None
        ]
        for number, contract in enumerate(contracts, start=1):
            yield {
                **_process_columns(process),
                "RENGLON": number,
                **_contract_columns(contract),
            }


def _process_columns(process: Any) -> Row:
    return {
        "OCID": process.ocid,
        "FOLIO_OBRA": process.work.public_id if process.work else None,
        "TITULO": process.title,
        "COMPRADOR": process.buyer_name,
        "PROCEDIMIENTO": process.method,
        "PROCEDIMIENTO_NOMBRE": label(OcdsMethod, process.method.strip()),
        "INICIO_LICITACION": process.tender_start,
        "FIN_LICITACION": process.tender_end,
        "MONTO_PROCESO": process.amount,
        "MONEDA": process.currency,
    }


def _contract_columns(contract: Any) -> Row:
    if contract is None:
        empty = ("CONTRATO", "PROVEEDOR", "MONTO_CONTRATO", "FIRMADO", "PAGADO")
        return dict.fromkeys(empty) | {"PAGOS": 0}
    supplier = None if contract.supplier_is_person else contract.supplier
    payments = list(contract.payments.all())
    return {
        "CONTRATO": contract.contract_id,
        "PROVEEDOR": supplier,
        "MONTO_CONTRATO": contract.amount,
        "FIRMADO": contract.signed,
        "PAGOS": len(payments),
        "PAGADO": sum((p.amount or ZERO for p in payments), ZERO),
    }


def document_rows() -> Iterator[Row]:
    """Yield one row per imported document (the provenance of every figure)."""
    # The counts the documents page shows (findings without the notes).
    listed = documents().order_by("-imported_at", "pk")
    for document in listed.iterator(chunk_size=2000):
        yield {
            "SHA256": document.sha256,
            "NOMBRE": document.name,
            "TIPO": document.kind,
            "TIPO_NOMBRE": label(DocumentKind, document.kind),
            "EJERCICIO": document.fiscal_year_id,
            "DEPENDENCIA": document.agency.name if document.agency else None,
            "IMPORTADO_EL": _utc(document.imported_at),
            "RENGLONES": document.row_count,
            "HALLAZGOS": document.finding_count,
        }


def finding_rows() -> Iterator[Row]:
    """Yield one row per finding the readers left on a document."""
    findings = DocumentFinding.objects.select_related("document").order_by("pk")
    for finding in findings.iterator(chunk_size=2000):
        yield {
            "ID_HALLAZGO": finding.pk,
            "DOCUMENTO_SHA256": finding.document.sha256,
            "EJERCICIO": finding.document.fiscal_year_id,
            "CODIGO": finding.code,
            "SEVERIDAD": finding.severity,
            "SEVERIDAD_NOMBRE": label(Severity, finding.severity),
            "MENSAJE": finding.message,
            "UBICACION": finding.where,
        }
