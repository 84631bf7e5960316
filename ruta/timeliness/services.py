"""The calendar's daily job: remind each agency's staff of what falls due.

Staff who capture or validate for an agency get one e-mail per report on
each reminder day (three days and one day before it is due, and on the
day), through the queued outbox. ``Reminder`` is unique per report and day,
so running the job twice on a day (a retry, a second worker, the command)
sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited
from ruta.accounts.models import Role, RoleAssignment
from ruta.catalog.models import Agency
from ruta.common.mail import mail_send
from ruta.common.models import MailKind
from ruta.timeliness.models import Reminder
from ruta.timeliness.obligations import Obligation
from ruta.timeliness.rules import reminder_due
from ruta.timeliness.selectors import obligations

STAFF_ROLES = (Role.CAPTURE, Role.VALIDATOR)


@dataclass
class RemindersOutcome:
    """What the day's run sent."""

    today: date
    sent: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return a summary for the command's and the job's output."""
        head = f"{self.today.isoformat()}: {len(self.sent)} recordatorios"
        return [head, *(f"  > {line}" for line in self.sent)]


def _staff_addresses(agency_id: int) -> list[str]:
    """Return the e-mail of every active person who captures or validates for it."""
    return sorted(
        set(
            RoleAssignment.objects.filter(
                agency_id=agency_id, role__in=STAFF_ROLES, user__is_active=True
            ).values_list("user__email", flat=True)
        )
        - {""}
    )


def reminders_send(*, today: date, actor: Actor) -> RemindersOutcome:
    """E-mail the staff of each agency with a report due on a reminder day."""
    outcome = RemindersOutcome(today)
    for item in obligations(today):
        if item.is_open() and not item.is_demo and reminder_due(item.due, today):
            _remind(item, today, actor, outcome)
    return outcome


def _remind(
    item: Obligation, today: date, actor: Actor, outcome: RemindersOutcome
) -> None:
    """Send one reminder of ``item`` today, unless it was sent already."""
    recipients = _staff_addresses(item.agency_id)
    if not recipients:
        return
    try:
        with transaction.atomic(), audited(actor, "calendar.reminders_send"):
            Reminder.objects.create(
                key=item.key, day=today, due=item.due, recipients=len(recipients)
            )
            subject, body = _message(item, today)
            for address in recipients:
                mail_send(kind=MailKind.NOTICE, to=address, subject=subject, body=body)
    except IntegrityError:
        return  # already sent today
    outcome.sent.append(f"{item.key} → {len(recipients)}")


def _message(item: Obligation, today: date) -> tuple[str, str]:
    agency = Agency.objects.get(pk=item.agency_id)
    figures = {
        "kind": item.kind.label,
        "period": item.period,
        "subject": item.subject,
        "agency": agency.name,
        "due": date_format(item.due, "DATE_FORMAT"),
        "rule": item.kind.rule_text,
    }
    if item.due == today:
        subject = _("Hoy vence: %(kind)s, %(period)s") % figures
    else:
        subject = _("Por vencer el %(due)s: %(kind)s, %(period)s") % figures
    body = (
        _(
            "%(agency)s: %(kind)s de %(subject)s, periodo %(period)s, vence el "
            "%(due)s (%(rule)s). Entréguelo en el sitio antes de que venza; después "
            "se publica como atrasado en la página de puntualidad de la dependencia."
        )
        % figures
    )
    return subject, body
