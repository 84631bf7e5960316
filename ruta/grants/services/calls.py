"""Writes on calls: creating one with its budgets and rubric, publishing it,
naming the published rules it is run by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency
from ruta.catalog.scope import Scope
from ruta.common.db.published import data_published_notify
from ruta.common.refusals import refusal
from ruta.common.text.rfc import RfcHolder, rfc_check
from ruta.grants.models import Call, CallBudget, RubricCriterion
from ruta.sources.models import DocumentKind, SourceDocument


@dataclass(frozen=True)
class PoolBudget:
    """The budget of one scheme (and theme)."""

    scheme: str
    theme: str
    amount: Decimal


@dataclass(frozen=True)
class Criterion:
    """A rubric criterion and its maximum points."""

    number: str
    name: str
    max_points: Decimal


@service
def call_create(
    *,
    agency: Agency,
    code: str,
    title: str,
    fiscal_year: int,
    objective: str,
    bases: str,
    selection_criteria: str,
    coverage: str,
    opens_on: date,
    closes_on: date,
    ends_on: date,
    administering_rfc: str,
    max_per_project: Decimal,
    budgets: Sequence[PoolBudget],
    rubric: Sequence[Criterion],
    options: dict | None = None,
    normative_agency: Agency | None = None,
    coinvesting_agency: Agency | None = None,
    is_demo: bool = False,
    actor: Actor,
) -> Call:
    """Create a call with the minimum contents of §4.2, its budgets and rubric.

    ``normative_agency`` is the body that rules the programme (§3.3.1), when
    it is not the one administering the call; ``coinvesting_agency`` the
    one putting in the other half of a co-investment (§4.1).
    """
    require(actor, Action.VALIDATE, Scope(agency_id=agency.pk))
    rfc = rfc_check(administering_rfc, holder=RfcHolder.COMPANY)
    if rfc.error:
        raise refusal(
            _("El RFC de la instancia administradora no es válido."),
            rfc.error,
            "administering_rfc",
        )
    if not budgets or not rubric:
        raise refusal(
            _("Una convocatoria necesita presupuesto y rúbrica."), "call_incomplete"
        )
    call = Call(
        agency=agency,
        code=code,
        title=title,
        fiscal_year=fiscal_year,
        objective=objective,
        bases=bases,
        selection_criteria=selection_criteria,
        coverage=coverage,
        opens_on=opens_on,
        closes_on=closes_on,
        ends_on=ends_on,
        administering_rfc=rfc.value,
        max_per_project=max_per_project,
        normative_agency=normative_agency,
        coinvesting_agency=coinvesting_agency,
        is_demo=is_demo,
        **(options or {}),
    )
    call.full_clean()
    call.save()
    for pool in budgets:
        budget = CallBudget(
            call=call, scheme=pool.scheme, theme=pool.theme, amount=pool.amount
        )
        budget.full_clean()
        budget.save()
    for criterion in rubric:
        row = RubricCriterion(
            call=call,
            number=criterion.number,
            name=criterion.name,
            max_points=criterion.max_points,
        )
        row.full_clean()
        row.save()
    return call


@service
def call_publish(*, call: Call, actor: Actor) -> Call:
    """Publish a call (§4.1)."""
    require(actor, Action.VALIDATE, call)
    call.is_published = True
    call.save(update_fields=["is_published"])
    data_published_notify(what="grants")
    return call


@service
def call_rules_document_set(
    *, call: Call, document: SourceDocument | None, actor: Actor
) -> Call:
    """Name the imported rules of operation the call is run by (None: no longer).

    The call's page links to the document, with what it found where the
    rules and the platform disagree. Staff of the administering body decide.
    """
    require(actor, Action.VALIDATE, call)
    if document is not None and document.kind != DocumentKind.CALL_RULES:
        raise refusal(
            _("El documento «%(name)s» no son reglas de operación."),
            "not_call_rules",
            "document",
            name=document.name,
        )
    call.rules_document = document
    call.save(update_fields=["rules_document"])
    return call
