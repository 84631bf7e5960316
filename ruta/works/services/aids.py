"""Social aids requested on the site or from a year's file, and their retention.

The aids staff of an agency capture each request for aid (``AidRequest``),
one on the desk or a year's file through the ``aids`` importer; a validator
of the agency who did not capture it grants or denies it (``ruta.works.cycles.AID``).
The rules (``ruta.works.rules.aid_request_problem``) say what a request must
state; a refusal names the row and the figure and writes nothing. The name of
whoever asked is personal data: it is erased once its retention ends
(``aid_recipients_expire``, daily).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, person, service
from ruta.accounts.cycles import cycle_named, step_take
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, FiscalYear, Municipality
from ruta.common.refusals import refusal
from ruta.common.text.money import ZERO, format_mxn
from ruta.common.text.rfc import RfcHolder, rfc_check, rfc_compact
from ruta.common.text.validators import rfc_message
from ruta.works.models import Aid, AidConcept
from ruta.works.rules import AID_MOST, aid_request_problem, recipient_expired
from ruta.works.services.common import ensure_open_year

PROBLEMS = {
    "amount_not_positive": gettext_lazy("El monto de una ayuda es mayor que $0.00."),
    "amount_too_large": gettext_lazy(
        "Un monto de %(amount)s pasa del máximo de %(most)s: revise la cifra."
    ),
    "undated": gettext_lazy("Diga la fecha de la solicitud."),
    "future": gettext_lazy("La fecha de la solicitud (%(on)s) aún no llega."),
    "person_unknown": gettext_lazy(
        "Una ayuda a una persona dice su sexo y su grupo de edad (el indicador "
        "las cuenta con perspectiva de género)."
    ),
    "name_missing": gettext_lazy(
        "Diga el nombre de quien solicita la ayuda: es un dato personal, nunca se "
        "publica."
    ),
    "not_a_person": gettext_lazy(
        "«%(concept)s» no va a una persona: deje vacíos el sexo y el grupo de edad."
    ),
    "name_too_long": gettext_lazy("El nombre pasa de 200 caracteres."),
    "rfc_for_person": gettext_lazy(
        "El RFC de quien recibe va solo cuando la recibe una institución: deje "
        "vacíos el sexo y el grupo de edad, o el RFC."
    ),
}
# Which field each problem is about, for the form.
PROBLEM_FIELDS = {
    "amount_not_positive": "amount",
    "amount_too_large": "amount",
    "undated": "requested_on",
    "future": "requested_on",
    "person_unknown": "recipient_sex",
    "name_missing": "recipient_name",
    "not_a_person": "recipient_sex",
    "name_too_long": "recipient_name",
    "rfc_for_person": "recipient_rfc",
    "rfc_invalid": "recipient_rfc",
}
_SERIAL = re.compile(r"-(\d+)$")


@dataclass(frozen=True)
class AidRequest:
    """A request for a social aid as the aids staff capture it or a file lists it.

    ``public_id`` is the folio; blank, the next of the year is given.
    ``granted_on`` is the date a year's file states the aid was granted (kept
    when it is granted). ``recipient_rfc`` is the RFC of the institution
    that receives it (a company's), as typed: it is stored compacted.
    """

    concept: str
    amount: Decimal
    requested_on: date | None
    municipality: Municipality | None = None
    description: str = ""
    beneficiaries: int | None = None
    recipient_sex: str = ""
    age_group: str = ""
    recipient_name: str = ""
    public_id: str = ""
    granted_on: date | None = None
    recipient_rfc: str = ""


def aid_request_check(request: AidRequest, *, today: date | None = None) -> None:
    """Refuse ``request`` when it breaks the rules, naming the figure."""
    problem = aid_request_problem(
        concept=request.concept,
        amount=request.amount,
        recipient_sex=request.recipient_sex,
        age_group=request.age_group,
        recipient_name=request.recipient_name,
        requested_on=request.requested_on,
        today=today or timezone.localdate(),
        recipient_rfc=request.recipient_rfc,
    )
    if problem == "rfc_invalid":
        # The RFC's own rule says why (its length, a person's, its date…).
        check = rfc_check(request.recipient_rfc, holder=RfcHolder.COMPANY)
        raise refusal(rfc_message(check), "aid_rfc_invalid", PROBLEM_FIELDS[problem])
    if problem:
        concept = dict(AidConcept.choices).get(request.concept, request.concept)
        raise refusal(
            PROBLEMS[problem],
            f"aid_{problem}",
            PROBLEM_FIELDS[problem],
            amount=format_mxn(request.amount),
            most=format_mxn(AID_MOST),
            on=request.requested_on,
            concept=concept,
        )


def _next_serials(year: int, count: int) -> list[str]:
    prefix = f"AYU-{year}-"
    taken = Aid.objects.filter(public_id__startswith=prefix).values_list(
        "public_id", flat=True
    )
    last = max(
        (int(m.group(1)) for pid in taken if (m := _SERIAL.search(pid))), default=0
    )
    return [f"{prefix}{last + n:04d}" for n in range(1, count + 1)]


@service
def aid_requests_capture(
    *,
    requests: Sequence[AidRequest],
    fiscal_year: FiscalYear,
    agency: Agency,
    is_demo: bool = False,
    actor: Actor,
) -> list[Aid]:
    """Capture ``requests`` for aid of ``agency`` in ``fiscal_year``, all or none.

    Each waits for a validator who did not capture it to resolve it. A row
    that breaks a rule refuses the whole batch (the importer checks each
    row first and names its line).
    """
    scope = Aid(agency=agency)
    require(actor, Action.CAPTURE, scope)
    ensure_open_year(fiscal_year)
    for request in requests:
        aid_request_check(request)
        if request.municipality is not None:
            require(
                actor,
                Action.CAPTURE,
                Aid(agency=agency, municipality=request.municipality),
            )
    # The folios of a year are given one after another: one batch at a time.
    FiscalYear.objects.select_for_update().filter(pk=fiscal_year.pk).first()
    blank = [r for r in requests if not r.public_id]
    serials = iter(_next_serials(fiscal_year.year, len(blank)))
    captured_by = person(actor)
    aids = [
        Aid(
            public_id=request.public_id or next(serials),
            fiscal_year=fiscal_year,
            agency=agency,
            concept=request.concept,
            description=request.description,
            municipality=request.municipality,
            amount=request.amount,
            beneficiaries=request.beneficiaries,
            recipient_sex=request.recipient_sex,
            age_group=request.age_group,
            recipient_name=request.recipient_name.strip(),
            recipient_rfc=rfc_compact(request.recipient_rfc),
            requested_on=request.requested_on,
            granted_on=request.granted_on,
            captured_by=captured_by,
            is_demo=is_demo,
        )
        for request in requests
    ]
    for aid in aids:
        aid.full_clean()
    return Aid.objects.bulk_create(aids)


def aid_request_capture(
    *, request: AidRequest, fiscal_year: FiscalYear, agency: Agency, actor: Actor
) -> Aid:
    """Capture one request for aid (the desk's form)."""
    return aid_requests_capture(
        requests=[request], fiscal_year=fiscal_year, agency=agency, actor=actor
    )[0]


# The most requests one resolution takes at once: a year's file of a state's
# aids department (the CECOP's 1,076 requests of 2024) with room to spare.
AIDS_RESOLVED_MOST = 5000


@dataclass(frozen=True)
class AidsResolved:
    """What one resolution of many requests did: how many, for how much."""

    count: int
    total: Decimal


def aids_resolve(
    *, aids: Collection[int], step: str, reason: str = "", actor: Actor
) -> AidsResolved:
    """Take ``step`` (``grant`` or ``deny``) on every request in ``aids``, all
    or none: a year's file is resolved at once, not one page at a time.

    Each request goes through the one step service (``step_take``), so each
    is checked as if resolved alone (its status, the permission over its
    agency and municipality, and that ``actor`` did not capture or import
    it) and leaves its own audit event with ``reason``. The first refusal
    names the request and writes nothing.
    """
    # The aid cycle as registered (``ruta.works.cycles`` reads these services).
    cycle = cycle_named("aid")
    if step not in {s.key for s in cycle.steps}:
        raise ValueError(f"the aid cycle has no step {step!r}")
    ids = sorted(set(aids))
    if not ids:
        raise refusal(_("Marque al menos una solicitud."), "aids_none")
    if len(ids) > AIDS_RESOLVED_MOST:
        raise refusal(
            _(
                "Se resuelven hasta %(most)s solicitudes a la vez; marcó %(count)s. "
                "Elija un concepto o resuélvalas por partes."
            ),
            "aids_too_many",
            most=f"{AIDS_RESOLVED_MOST:,}",
            count=f"{len(ids):,}",
        )
    with transaction.atomic():
        records = list(Aid.objects.filter(pk__in=ids).order_by("pk"))
        if len(records) != len(ids):
            raise refusal(
                _("Alguna de las solicitudes marcadas ya no existe: vuelva a elegir."),
                "aids_unknown",
            )
        for aid in records:
            try:
                step_take(cycle, aid, step, reason=reason, actor=actor)
            except ValidationError as error:
                raise refusal(
                    _("Solicitud %(id)s: %(why)s No se resolvió ninguna."),
                    "aids_refused",
                    id=aid.public_id,
                    why=" ".join(error.messages),
                ) from error
    return AidsResolved(len(records), sum((aid.amount for aid in records), ZERO))


@service
def aid_recipient_erase(*, aid: Aid, actor: Actor) -> Aid:
    """Erase the name of whoever asked for ``aid``; the aid itself stays."""
    aid.recipient_name = ""
    aid.recipient_erased_at = timezone.now()
    aid.save(update_fields=["recipient_name", "recipient_erased_at"])
    return aid


@transaction.atomic
def aid_recipients_expire(*, now: datetime | None = None, actor: Actor) -> int:
    """Erase the names of requests resolved longer ago than the retention.

    ``RUTA_AID_RECIPIENT_RETENTION_DAYS`` sets it; run daily by the worker.
    A second run the same day erases nothing more. Return how many.
    """
    require(actor, Action.MANAGE_USERS)
    now = now or timezone.now()
    days = settings.RUTA_AID_RECIPIENT_RETENTION_DAYS
    erased = 0
    candidates = Aid.objects.filter(decided_at__isnull=False).exclude(recipient_name="")
    for aid in candidates.select_for_update():
        if recipient_expired(aid.decided_at, now, days):
            aid_recipient_erase(aid=aid, actor=actor)
            erased += 1
    return erased
