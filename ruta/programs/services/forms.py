"""Write one reconciled TMM-F004 form: its structure, goals and quarters.

Called by the loader inside its transaction. Each stored value carries its
reading (status, reason, rule, copies and lines, alternatives). A value a
person settled (reviewed, captured or approved) is never overwritten by a
later document: the document's reading is kept beside it instead.

Reports only move forward. A form never overwrites the quarters after its
own (it can only plan them), and a form older than the last quarter already
reported (a document imported late) changes nothing stored: it only adds
the goals and quarters that are missing. Its figures stay in the document's
published rows.

A document that reports a quarter another document already reported
replaces its read values, and says so: each changed value, and each goal the
earlier document printed that this one does not, is a finding of the new
document (``Superseded``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ruta.accounts.actors import Actor
from ruta.accounts.permissions import Action, Scope, require
from ruta.catalog.models import Agency, FiscalYear, PlanElementKind
from ruta.programs.linking import municipal_plan
from ruta.programs.models import (
    ExecutingUnit,
    Program,
    Ramo,
    UnitProgram,
    UnitProgramReference,
    ValueStatus,
)
from ruta.programs.services.goals import (
    References,
    Superseded,
    goals_write,
    readings_merge,
)
from ruta.programs.services.printed import CodedName, PrintedForm
from ruta.programs.workflow import least_certain
from ruta.sources.findings import Finding
from ruta.sources.models import SourceDocument

ROLES = {"program": "responsible_program", "executing_unit": "responsible_unit"}
ROLES["ramo"] = "responsible_ramo"


@dataclass(frozen=True)
class FormContext:
    """What the catalog says about one form, found before writing."""

    fiscal_year: FiscalYear
    quarter: int
    ramo_agency: Agency | None
    unit_agency: Agency | None


def form_write(
    *,
    document: SourceDocument,
    form: PrintedForm,
    context: FormContext,
    superseded: list[Finding] | None = None,
    actor: Actor,
) -> UnitProgram:
    """Write ``form``, as ``document`` prints it.

    What it replaces of another document's report of the same quarter is
    appended to ``superseded`` as findings. The actor must be allowed to
    capture for the form's unit (its ramo when the unit is not in the
    catalog); the caller holds the audit context.
    """
    require(
        actor,
        Action.CAPTURE,
        context.unit_agency or context.ramo_agency or Scope(),
    )
    unit_program = _unit_program(form, context)
    older = context.quarter < (unit_program.reported_quarter or 0)
    references = References(municipal_plan(context.ramo_agency))
    if not older:
        _header(unit_program, form, document, context.quarter)
        _references(unit_program, form, references)
    replaced = Superseded(unit_program, document, context.quarter)
    goals_write(
        unit_program, form, document, context.quarter, references, older, replaced
    )
    if superseded is not None and not older:
        superseded += replaced.findings(form)
    return unit_program


# ---------------------------------------------------------------- structure


def _unit_program(form: PrintedForm, context: FormContext) -> UnitProgram:
    # The loader refuses a form without its ramo's, program's and unit's codes.
    ramo, _ = Ramo.objects.get_or_create(
        code=form.ramo.code.value,
        agency=context.ramo_agency,
        defaults={"name": form.ramo.name.value or ""},
    )
    printed = form.program
    code = printed.code.value
    if code is None:
        raise ValueError("the loader refuses a form without its program's code")
    program = Program.objects.filter(
        fiscal_year=context.fiscal_year, ramo=ramo, code=code
    ).first() or Program.objects.create(
        fiscal_year=context.fiscal_year,
        ramo=ramo,
        code=code,
        name=printed.name.value or "",
    )
    unit = _executing_unit(ramo, form.executing_unit, context.unit_agency)
    unit_program, _ = UnitProgram.objects.get_or_create(
        program=program,
        executing_unit=unit,
        defaults={"status": ValueStatus.NEEDS_REVIEW},
    )
    return unit_program


def _executing_unit(
    ramo: Ramo, printed: CodedName, agency: Agency | None
) -> ExecutingUnit:
    """Return the ramo's unit with the form's code, created if new.

    A unit is filed by its code, as its ramo and program are: the loader
    settles one (from the copies, else the catalog) or files no form, so a
    unit without one is a caller's error, never an empty code stored.
    """
    code, name = printed.code.value or "", printed.name.value or ""
    if not code:
        raise ValueError(f"unit {name!r} has no code; a form is filed under it")
    found = ExecutingUnit.objects.filter(ramo=ramo, code=code).first()
    if found is None:
        found = ExecutingUnit.objects.create(
            ramo=ramo, code=code, name=name, agency=agency
        )
    elif found.agency_id is None and agency is not None:
        found.agency = agency
        found.save(update_fields=["agency"])
    return found


def _header(
    unit_program: UnitProgram,
    form: PrintedForm,
    document: SourceDocument,
    quarter: int,
) -> None:
    readings = readings_merge(unit_program.readings, form.readings())
    for field in ("finalidad", "funcion", "subfuncion"):
        for part in ("code", "name"):
            value = readings[f"{field}.{part}"]["value"]
            setattr(unit_program, f"{field}_{part}", value or "")
    for role, attribute in ROLES.items():
        setattr(unit_program, attribute, readings[f"persons.{role}"]["value"] or "")
    unit_program.readings = readings
    unit_program.status = least_certain(r["status"] for r in readings.values())
    unit_program.source_document = document
    unit_program.source_copies = list(form.copies)
    unit_program.reported_quarter = max(unit_program.reported_quarter or 0, quarter)
    unit_program.save()


def _references(
    unit_program: UnitProgram, form: PrintedForm, references: References
) -> None:
    """Link the header's ejes and líneas de acción to the unit program."""
    listed = (
        (form.ejes, PlanElementKind.AXIS),
        (form.lines_of_action, PlanElementKind.LINE_OF_ACTION),
    )
    for entries, kind in listed:
        for entry in entries:
            code, name = entry.code.value, entry.name.value or ""
            if not code:
                continue  # printed without a code: kept in the readings only
            UnitProgramReference.objects.update_or_create(
                unit_program=unit_program,
                reference=references.get(kind, code, name),
                defaults={"printed_name": name},
            )
