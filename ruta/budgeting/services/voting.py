"""The vote: a code to a contact, its verification, one ballot per contact.

Contacts are kept only as keyed hashes (``contact_key``), one ``Voter`` per
contact and period, apart from the ballot, which names no one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, SystemActor, service
from ruta.budgeting import rules
from ruta.budgeting.keys import code_hash, contact_identity, contact_key
from ruta.budgeting.models import Ballot, BallotChoice, Period, VoteCode, Voter
from ruta.budgeting.services.checks import phase_require, throttle
from ruta.budgeting.verification import (
    EMAIL,
    CodeMessage,
    CodeNotSent,
    code_channels,
    code_send,
)
from ruta.common.mail import RecipientLimitReached, recipient_limit_refusal
from ruta.common.refusals import refusal
from ruta.common.text.contacts import email_clean, phone_clean

# Who casts: no account is needed to vote; the code proves the contact.
PUBLIC_VOTE = SystemActor("participatory budget ballot")
# A verified code must be used for a ballot within this long.
VERIFIED_MINUTES = 60
# Named with gettext_lazy itself: xgettext extracts no other alias.
ALREADY_VOTED = gettext_lazy(
    "Con ese contacto ya se votó en este presupuesto: una boleta por persona. "
    "Las variantes de un mismo correo (con +algo, o con puntos en Gmail) y de "
    "un mismo número cuentan como el mismo contacto."
)


# ------------------------------------------------------------------ the vote


@service
def vote_code_request(
    *,
    period: Period,
    channel: str,
    address: str,
    client: str | None = None,
    language: str = "es-mx",
    actor: Actor,
) -> VoteCode:
    """Send a voting code to an e-mail address or a WhatsApp number.

    Only the contact's keyed hash and the code's hash are stored. Limited per
    client address and per contact each hour, per contact each day (and, by
    e-mail, per mailbox with every other confirmation it is sent); whether
    the contact already voted is said only once the code is verified, so
    asking reveals nothing.
    """
    period = Period.objects.get(pk=period.pk)  # its phase as stored now
    phase_require(period, rules.Phase.VOTING, _("La votación no está abierta."))
    if channel not in code_channels():
        raise refusal(_("Ese medio no está disponible."), "channel", "channel")
    send_to = email_clean(address) if channel == EMAIL else phone_clean(address)
    if send_to is None or contact_identity(channel, send_to) is None:
        message = (
            _("El correo no es válido.")
            if channel == EMAIL
            else _("El número debe ser de 10 dígitos (con o sin +52).")
        )
        raise refusal(message, "address_invalid", "address")
    key = contact_key(period, channel, send_to)
    throttle(
        "budget-codes",
        client,
        settings.RUTA_BUDGETING_CODES_PER_HOUR,
        _(
            "Se pidieron demasiados códigos desde su conexión en la última hora "
            "(el límite es %(limit)s). Intente más tarde."
        ),
    )
    throttle(
        "budget-codes-contact",
        key,
        settings.RUTA_BUDGETING_CODES_PER_CONTACT_PER_HOUR,
        _(
            "Se pidieron demasiados códigos para ese contacto en la última hora "
            "(el límite es %(limit)s). Intente más tarde."
        ),
    )
    _daily_limit(period, key)
    code = f"{secrets.randbelow(10**rules.CODE_DIGITS):0{rules.CODE_DIGITS}d}"
    vote_code = VoteCode.objects.create(
        period=period,
        contact_key=key,
        channel=channel,
        code_hash=code_hash(key, code),
        expires_at=timezone.now() + timedelta(minutes=rules.CODE_MINUTES),
    )
    outgoing = CodeMessage(code, period.title, rules.CODE_MINUTES, language)
    try:
        code_send(channel, send_to, outgoing)
    except RecipientLimitReached as full:
        raise recipient_limit_refusal("address") from full
    except CodeNotSent as failure:
        raise refusal(
            failure.public
            or _(
                "No se pudo enviar el código por ese medio. Intente más tarde "
                "o por otro."
            ),
            "not_sent",
            "address",
        ) from failure
    return vote_code


def _daily_limit(period: Period, key: str) -> None:
    """Refuse a code for a contact that was sent its day's codes (any channel).

    E-mail is also counted per mailbox across every form by the outbox; a
    WhatsApp number is counted only here.
    """
    since = timezone.now() - timedelta(days=1)
    sent = VoteCode.objects.filter(period=period, contact_key=key, created__gte=since)
    if sent.count() >= settings.RUTA_BUDGETING_CODES_PER_CONTACT_PER_DAY:
        raise recipient_limit_refusal(
            "address", settings.RUTA_BUDGETING_CODES_PER_CONTACT_PER_DAY
        )


@dataclass(frozen=True)
class CodeCheck:
    """What became of a code typed in: verified, or the attempts left."""

    vote_code: VoteCode
    verified: bool
    attempts_left: int


@service
def vote_code_verify(
    *, vote_code: VoteCode, code: str, client: str | None = None, actor: Actor
) -> CodeCheck:
    """Check a code typed in; a wrong one uses up one of its attempts.

    A wrong attempt is returned, not raised, so it is counted (a refusal
    would roll the count back). Refused once the code expired or ran out of
    attempts, or when its contact already voted.
    """
    vote_code = (
        VoteCode.objects.select_for_update()
        .select_related("period")
        .get(pk=vote_code.pk)
    )
    phase_require(
        vote_code.period, rules.Phase.VOTING, _("La votación no está abierta.")
    )
    throttle(
        "budget-code-checks",
        client,
        settings.RUTA_BUDGETING_CODE_CHECKS_PER_HOUR,
        _(
            "Demasiados intentos desde su conexión en la última hora (el límite es "
            "%(limit)s). Intente más tarde."
        ),
    )
    if vote_code.verified_at is None:
        _code_usable(vote_code)
        vote_code.attempts += 1
        if not constant_time_compare(
            vote_code.code_hash, code_hash(vote_code.contact_key, code.strip())
        ):
            vote_code.save(update_fields=["attempts"])
            left = rules.CODE_ATTEMPTS - vote_code.attempts
            return CodeCheck(vote_code, verified=False, attempts_left=left)
        vote_code.verified_at = timezone.now()
        vote_code.save(update_fields=["attempts", "verified_at"])
    _not_voted(vote_code)
    return CodeCheck(vote_code, verified=True, attempts_left=0)


def _code_usable(vote_code: VoteCode) -> None:
    if vote_code.attempts >= rules.CODE_ATTEMPTS:
        raise refusal(
            _("Ese código ya no sirve: se equivocó %(count)s veces. Pida otro.")
            % {"count": rules.CODE_ATTEMPTS},
            "attempts",
            "code",
        )
    if vote_code.expires_at <= timezone.now():
        raise refusal(_("Ese código venció. Pida otro."), "expired", "code")


def _not_voted(vote_code: VoteCode) -> None:
    if Voter.objects.filter(
        period_id=vote_code.period_id, contact_key=vote_code.contact_key
    ).exists():
        raise refusal(
            ALREADY_VOTED,
            "already_voted",
        )


@service
def ballot_cast(
    *, vote_code: VoteCode, choices: list[int], is_demo: bool = False, actor: Actor
) -> Ballot:
    """Cast the ballot of a verified voter, choosing proposals by their numbers.

    One ballot per contact and period (a unique ``Voter``); the ballot keeps
    the choices and a random folio, never who cast it.
    """
    vote_code = (
        VoteCode.objects.select_for_update()
        .select_related("period")
        .get(pk=vote_code.pk)
    )
    period = vote_code.period
    phase_require(period, rules.Phase.VOTING, _("La votación no está abierta."))
    _verified_require(vote_code)
    _not_voted(vote_code)
    on_ballot = {p.number: p for p in period.proposals.on_ballot()}
    costs = {number: p.assessed_cost or Decimal(0) for number, p in on_ballot.items()}
    problem = rules.ballot_problem(choices, costs, period.ballot_budget)
    if problem is not None:
        raise refusal(_ballot_message(problem, period), problem.value, "choices")
    try:
        with transaction.atomic():
            Voter.objects.create(
                period=period,
                contact_key=vote_code.contact_key,
                channel=vote_code.channel,
            )
    except IntegrityError as twice:
        raise refusal(
            ALREADY_VOTED,
            "already_voted",
        ) from twice
    ballot = Ballot.objects.create(
        period=period, folio=secrets.token_hex(5).upper(), is_demo=is_demo
    )
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, proposal=on_ballot[number]) for number in choices
    )
    vote_code.used_at = timezone.now()
    vote_code.save(update_fields=["used_at"])
    return ballot


def _verified_require(vote_code: VoteCode) -> None:
    verified = vote_code.verified_at
    if verified is None or vote_code.used_at is not None:
        raise refusal(
            _("Primero verifique su contacto con el código que le enviamos."),
            "unverified",
        )
    if verified + timedelta(minutes=VERIFIED_MINUTES) <= timezone.now():
        raise refusal(
            _("Su verificación venció. Pida un código nuevo."), "verification_expired"
        )


def _ballot_message(problem: rules.BallotProblem, period: Period) -> str:
    messages = {
        rules.BallotProblem.EMPTY: _("Elija al menos una propuesta."),
        rules.BallotProblem.TOO_MANY: _(
            "Una boleta elige a lo más %(most)s propuestas."
        )
        % {"most": rules.BALLOT_MAX_CHOICES},
        rules.BallotProblem.REPEATED: _("Cada propuesta se elige una sola vez."),
        rules.BallotProblem.NOT_ON_BALLOT: _(
            "Solo se eligen propuestas viables de este presupuesto."
        ),
        rules.BallotProblem.OVER_BUDGET: _(
            "Lo elegido pasa del presupuesto por boleta (%(budget)s)."
        )
        % {"budget": f"${period.ballot_budget:,.2f}"},
    }
    return messages[problem]
