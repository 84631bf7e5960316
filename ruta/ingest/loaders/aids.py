"""Load a year's file of social aids as requests waiting to be resolved.

``aids_file_import`` reads the file with the pure reader ``ruta.ingest.aids``,
resolves each row against the catalogs (the agency, the municipality by
INEGI code or name within the instance's state, the concept, sex and age
group as the template or their names say them) and checks it with the aids'
rules (``ruta.works.services.aids.aid_request_check``). Every row that
cannot be imported is a finding naming its line; a dry run (the desk's
preview) lists them all, an import with any writes nothing. Otherwise, in one
transaction, the document is kept (by SHA-256: the same file twice writes
nothing) and each row becomes a request captured by whoever imported it
(``aid_requests_capture``): another person grants or denies each one. The
names of whoever asked are personal data: the document keeps no row of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ruta.accounts.actors import Actor, audit_context
from ruta.accounts.permissions import Action, can
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.common.text.folding import fold
from ruta.common.text.money import ZERO
from ruta.common.text.rfc import RfcHolder, rfc_check
from ruta.ingest.aids import AidRow, AidsFile, aid_row_refused, aids_read
from ruta.sources.findings import DocumentError, Finding
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.sources.records import SourceFile
from ruta.sources.services import (
    ImportResult,
    ImportStatus,
    TableCount,
    already_imported,
    source_document_create,
    tally_counted,
)
from ruta.works.models import AgeGroup, Aid, AidConcept, RecipientSex
from ruta.works.services.aids import AidRequest, aid_request_check, aid_requests_capture

COMMAND = "ingest aids"


def _names(choices: list[tuple[str, Any]], *more: tuple[str, str]) -> dict[str, str]:
    """Return each choice by its value and by its Spanish name, folded."""
    names = {fold(value): value for value, _label in choices}
    names.update({fold(str(label)): value for value, label in choices})
    names.update({fold(word): value for word, value in more})
    return names


def _choices() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    from django.utils import translation

    with translation.override("es-mx"):
        concepts = _names(AidConcept.choices)
        sexes = _names(
            RecipientSex.choices, ("F", "M"), ("femenino", "M"), ("masculino", "H")
        )
        ages = _names(
            AgeGroup.choices,
            ("0 a 17", "0-17"),
            ("18 a 29", "18-29"),
            ("30 a 59", "30-59"),
            ("60 y mas", "60+"),
            ("60 o mas", "60+"),
        )
    return concepts, sexes, ages


def _refused(row: AidRow, problem: str) -> Finding:
    return aid_row_refused.found(
        where=f"line {row.line}",
        values={"line": row.line, "problem": problem},
        severity="error",
    )


def _one(read: AidsFile, what: str, values: set[Any]) -> Any:
    if len(values) != 1:
        raise DocumentError(
            f"the file names {len(values)} different {what}: a file holds one "
            f"agency's aids of one fiscal year",
            file=read.name,
        )
    return next(iter(values))


def _municipality(text: str, state: str) -> Municipality | None | str:
    """Return the municipality ``text`` names; ``""`` when none or two match."""
    if not text:
        return None
    found = (
        Municipality.objects.filter(code=text.zfill(5))
        if text.isdigit()
        else (Municipality.objects.filter(name_folded=fold(text)))
    )
    if state:
        found = found.filter(state_id=state)
    matches = list(found[:2])
    return matches[0] if len(matches) == 1 else ""


def _requests(
    read: AidsFile, agency: Agency, actor: Actor
) -> tuple[list[AidRequest], list[Finding]]:
    concepts, sexes, ages = _choices()
    state = instance().code
    requests, findings = [], []
    folios = Counter(row.folio for row in read.rows if row.folio)
    taken = set(
        Aid.objects.filter(public_id__in=list(folios)).values_list(
            "public_id", flat=True
        )
    )
    for row in read.rows:
        concept = concepts.get(fold(row.concept))
        sex = sexes.get(fold(row.sex), None) if row.sex else ""
        age = ages.get(fold(row.age_group), None) if row.age_group else ""
        municipality = _municipality(row.municipality, state)
        problem = ""
        if concept is None:
            problem = f"CONCEPTO «{row.concept}» no es un concepto de ayudas"
        elif sex is None:
            problem = f"SEXO «{row.sex}» no es Mujer, Hombre u Otro"
        elif age is None:
            problem = f"GRUPO_EDAD «{row.age_group}» no es 0-17, 18-29, 30-59 o 60+"
        elif municipality == "":
            problem = f"MUNICIPIO «{row.municipality}» no es un municipio del estado"
        elif row.rfc and rfc_check(row.rfc, holder=RfcHolder.COMPANY).error:
            problem = (
                f"RFC_INSTITUCION «{row.rfc}» no es el RFC de una persona moral "
                "(12 caracteres)"
            )
        elif row.folio and (folios[row.folio] > 1 or row.folio in taken):
            problem = f"FOLIO {row.folio} se repite o ya está registrado"
        elif isinstance(municipality, Municipality) and not can(
            actor, Action.CAPTURE, Aid(agency=agency, municipality=municipality)
        ):
            problem = f"su cuenta no captura ayudas en {municipality.name}"
        if problem:
            findings.append(_refused(row, problem))
            continue
        request = AidRequest(
            concept=str(concept),
            amount=row.amount,
            requested_on=row.requested_on,
            municipality=municipality
            if isinstance(municipality, Municipality)
            else None,
            description=row.description,
            beneficiaries=row.beneficiaries,
            recipient_sex=str(sex),
            age_group=str(age),
            recipient_name=row.name,
            public_id=row.folio,
            granted_on=row.granted_on,
            recipient_rfc=row.rfc,
        )
        try:
            aid_request_check(request)
        except ValidationError as refusal:
            findings.append(_refused(row, " ".join(refusal.messages)))
            continue
        requests.append(request)
    return requests, findings


def aids_file_import(
    *, path: Path, actor: Actor, dry_run: bool = False, is_demo: bool = False
) -> ImportResult:
    """Import the aids file at ``path`` as requests to resolve."""
    read = aids_read(path)
    existing = SourceDocument.objects.filter(sha256=read.sha256).first()
    if existing is not None and not dry_run:
        return already_imported(existing)
    code = _one(read, "agencies (DEPENDENCIA)", {row.agency for row in read.rows})
    year = _one(read, "fiscal years (EJERCICIO)", {row.year for row in read.rows})
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise DocumentError(
            f"DEPENDENCIA {code!r} is no agency of the catalog", file=read.name
        )
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None or fiscal_year.is_closed:
        raise DocumentError(
            f"fiscal year {year} is not open for capture", file=read.name
        )
    if not can(actor, Action.CAPTURE, Aid(agency=agency)):
        raise DocumentError(
            f"this account does not capture aids of {agency.name}", file=read.name
        )
    requests, findings = _requests(read, agency, actor)
    total = sum((r.amount for r in requests), ZERO)
    if dry_run:
        return _result(read, ImportStatus.DRY_RUN, existing, findings, total)
    if findings:
        first = findings[0]
        raise DocumentError(
            f"{len(findings)} rows cannot be imported; the first: {first.message}",
            file=read.name,
        )
    context = {"command": COMMAND, "document": read.sha256}
    with transaction.atomic(), pghistory.context(**audit_context(actor), **context):
        document = source_document_create(
            source=SourceFile(name=read.name, sha256=read.sha256, text=""),
            kind=DocumentKind.AIDS,
            fiscal_year=fiscal_year,
            agency=agency,
            actor=actor,
            summary={"rows": len(requests), "amount": str(total), "demo": is_demo},
        )
        try:
            aids = aid_requests_capture(
                requests=requests,
                fiscal_year=fiscal_year,
                agency=agency,
                is_demo=is_demo,
                actor=actor,
            )
        except PermissionDenied as denied:
            raise DocumentError(str(denied), file=read.name) from denied
        tally = tally_counted(
            unit="rows",
            read=len(read.rows),
            stored=Aid.objects.filter(pk__in=[aid.pk for aid in aids]),
        )
    result = _result(read, ImportStatus.IMPORTED, document, (), total)
    return replace(result, tally=tally)


def _result(
    read: AidsFile,
    status: ImportStatus,
    document: SourceDocument | None,
    findings: list[Finding] | tuple[Finding, ...],
    total: Decimal,
) -> ImportResult:
    return ImportResult(
        kind=DocumentKind.AIDS,
        name=read.name,
        sha256=read.sha256,
        status=status,
        tables=(TableCount("aids", "Ayudas sociales", len(read.rows)),),
        findings=tuple(findings),
        document=document,
        payload={"amount": str(total)},
    )
