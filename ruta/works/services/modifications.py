"""Budget modifications of works captured on the site: captured, then decided.

Capture staff of the work's scope capture an ampliación or reducción with
its reason; a validator of the scope who did not capture it approves it
(the modified budget then changes) or rejects it saying why (the
modification's cycle, ``ruta.works.cycles``). The rules
(``ruta.works.rules``) decide what a modification may be and who may decide
it; this module checks them against the stored work and writes the record
with its audit trail. A refusal names the figures and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.permissions import Action, require
from ruta.common.refusals import refusal
from ruta.common.text.money import ZERO, format_mxn
from ruta.works.models import (
    BudgetModification,
    Work,
    WorkStatus,
)
from ruta.works.rules import (
    MODIFICATION_MOST,
    MODIFICATION_REASON_LEAST,
    modification_problem,
    modified_budget,
)

PROBLEMS = {
    "zero": gettext_lazy("Una modificación de $0.00 no cambia nada."),
    "too_large": gettext_lazy(
        "Una modificación de %(amount)s pasa del máximo de %(most)s: revise la cifra."
    ),
    "below_zero": gettext_lazy(
        "Con esta reducción el presupuesto modificado sería %(after)s: no puede "
        "ser negativo."
    ),
    "below_paid": gettext_lazy(
        "Con esta reducción el presupuesto modificado sería %(after)s, menos de lo "
        "ya pagado (%(paid)s)."
    ),
}


def _approved_changes(work: Work) -> list[Decimal]:
    return list(
        BudgetModification.objects.approved()
        .filter(work=work)
        .values_list("amount", flat=True)
    )


def _paid(work: Work) -> Decimal:
    latest = work.progress.order_by("-date", "-id").values_list(
        "amount_paid", flat=True
    )
    return next(iter(latest), ZERO)


def modification_fits(work: Work, amount: Decimal) -> None:
    """Refuse ``amount`` when it would leave the work's modified budget wrong."""
    changes = _approved_changes(work)
    paid = _paid(work)
    problem = modification_problem(
        approved=work.total_investment,
        approved_changes=changes,
        amount=amount,
        paid=paid,
    )
    if problem:
        after = modified_budget(work.total_investment, [*changes, amount])
        raise refusal(
            PROBLEMS[problem],
            f"modification_{problem}",
            "amount",
            amount=format_mxn(amount),
            most=format_mxn(MODIFICATION_MOST),
            after=format_mxn(after),
            paid=format_mxn(paid),
        )


@service
def budget_modification_capture(
    *, work: Work, amount: Decimal, reason: str, actor: Actor
) -> BudgetModification:
    """Capture an ampliación (+) or reducción (−) of an approved work's budget."""
    require(actor, Action.CAPTURE, work)
    if work.status in (WorkStatus.PROPOSED, WorkStatus.CANCELLED):
        raise refusal(
            _(
                "La obra %(id)s está «%(status)s»: solo se modifica el presupuesto "
                "de una obra aprobada."
            ),
            "modification_work_status",
            id=work.public_id,
            status=work.get_status_display(),
        )
    text = reason.strip()
    if len(text) < MODIFICATION_REASON_LEAST:
        raise refusal(
            _("Diga el motivo de la modificación (al menos %(least)s caracteres)."),
            "modification_reason",
            "reason",
            least=MODIFICATION_REASON_LEAST,
        )
    modification_fits(work, amount)
    modification = BudgetModification(
        work=work, amount=amount, reason=text, captured_by=person(actor)
    )
    modification.full_clean()
    modification.save()
    return modification
