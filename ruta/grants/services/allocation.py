"""The allocation run (§4.3): the rules' function over a call's applications.

Deterministic and re-runnable: each run is kept with its input, and the
applications' statuses follow the latest. A run after agreements lapsed
(§4.3.3) reassigns their money.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.permissions import Action, require
from ruta.common.db.published import data_published_notify
from ruta.common.refusals import refusal
from ruta.grants.models import (
    AgreementStatus,
    AllocationEntry,
    AllocationRun,
    Application,
    ApplicationStatus,
    Call,
)
from ruta.grants.reasons import reason_text
from ruta.grants.rules.allocation import Candidate, Outcome, Shortfall, allocate
from ruta.grants.selectors.calls import application_requested, application_scores

# Statuses the allocation decides; the others are left as they are.
RANKED = (
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SUPPORTED,
    ApplicationStatus.ELIGIBLE_NOT_SUPPORTED,
)
STATUS_OF = {
    Outcome.SUPPORTED: ApplicationStatus.SUPPORTED,
    Outcome.ELIGIBLE_NOT_SUPPORTED: ApplicationStatus.ELIGIBLE_NOT_SUPPORTED,
    Outcome.NOT_ELIGIBLE: ApplicationStatus.NOT_ELIGIBLE,
}


def call_candidates(call: Call) -> tuple[list[Candidate], list[int]]:
    """Return the call's applications as the allocation sees them, and lapsed folios."""
    applications = list(
        call.applications.select_related("organization", "agreement").order_by("folio")
    )
    scores = application_scores(applications)
    requested = application_requested(applications)
    candidates, lapsed = [], []
    for app in applications:
        eligible = app.eligible_at is not None
        if eligible and scores.get(app.pk) is None:
            raise refusal(
                _("La solicitud %(folio)s es elegible y aún no tiene calificación."),
                "unscored",
                folio=app.folio,
            )
        candidates.append(
            Candidate(
                folio=app.folio,
                organization=app.organization.rfc,
                requested=requested[app.pk],
                eligible=eligible,
                score=scores.get(app.pk) or Decimal(0),
                eligible_at=app.eligible_at,
                pool=app.pool,
                accepts_partial=app.accepts_partial,
            )
        )
        agreement = getattr(app, "agreement", None)
        if agreement is not None and agreement.status == AgreementStatus.NOT_FORMALIZED:
            lapsed.append(app.folio)
    return candidates, lapsed


@transaction.atomic
def allocation_run(
    *, call: Call, actor: Actor, result_on: date | None = None
) -> AllocationRun:
    """Allocate the call's budgets by the rules and keep the run with its reasons.

    The first run is the result (fallo): its date is ``result_on`` or today.
    """
    require(actor, Action.VALIDATE, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if any(
        a.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.OBSERVED)
        for a in call.applications.all()
    ):
        raise refusal(
            _("Hay solicitudes cuya elegibilidad aún no se decide."), "undecided"
        )
    candidates, lapsed = call_candidates(call)
    budgets = {budget.pool: budget.amount for budget in call.budgets.all()}
    shortfall = Shortfall(call.shortfall)
    results = allocate(
        budgets=budgets,
        candidates=candidates,
        not_formalized=lapsed,
        shortfall=shortfall,
    )
    scores = {c.folio: c.score for c in candidates}
    with audited(actor, "allocation_run"):
        run = AllocationRun.objects.create(
            call=call,
            shortfall=shortfall.value,
            reassignment=bool(lapsed),
            input=_input_record(budgets, candidates, lapsed, shortfall),
        )
        applications = {a.folio: a for a in call.applications.all()}
        for result in results:
            app = applications[result.folio]
            AllocationEntry.objects.create(
                run=run,
                application=app,
                status=result.status.value,
                amount=result.amount,
                rank=result.rank,
                score=scores[result.folio] if result.rank else None,
                reason_code=result.reason.code,
                reason_params=dict(result.reason.params),
            )
            _follow(app, result, shortfall)
        if call.result_on is None:
            call.result_on = result_on or timezone.localdate()
            call.save(update_fields=["result_on"])
    data_published_notify(what="grants")
    return run


def _follow(app: Application, result, shortfall: Shortfall) -> None:
    """Set the application's status by the run, where the run decides it."""
    if app.status not in RANKED:
        return
    app.status = STATUS_OF[result.status]
    app.status_reason = reason_text(result.reason.code, result.reason.params, shortfall)
    app.save(update_fields=["status", "status_reason"])


def _input_record(budgets, candidates, lapsed, shortfall) -> dict:
    """Return the run's input as ``ruta grants allocate`` reads it (replayable)."""
    return {
        "budgets": {pool: f"{amount:.2f}" for pool, amount in budgets.items()},
        "shortfall": shortfall.value,
        "applications": [
            {
                "folio": c.folio,
                "organization": c.organization,
                "requested": f"{c.requested:.2f}",
                "eligible": c.eligible,
                "score": f"{c.score}",
                "eligible_at": c.eligible_at.isoformat() if c.eligible_at else None,
                "pool": c.pool,
                "accepts_partial": c.accepts_partial,
            }
            for c in candidates
        ],
        "not_formalized": lapsed,
    }
