"""Separation of duties: whoever wrote a record never approves it.

One rule for every approval on the site — a work's, a POA year's plan and
its quarters, an indicator's result, a commitment's report: whoever
captured or submitted the record, or requested the import that wrote it,
may not approve it, administrators included (``rules.approver_wrote``). A
system actor (a command, the demo) is no person and is not checked.

Who wrote a record is read from its audit history, which nothing writes
around: every event names the person in its context (``audited``), and an
import job runs as the person who requested it (``ruta.ingest.jobs``), so
the events of what it wrote name them too. Events the approving services
themselves leave (an earlier approval of the same row) are not writing, nor
are the manual events of the personal-data read log (who saw a grant
application's coordinator): only a row inserted, updated or deleted is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, person
from ruta.accounts.rules import SAME_PERSON, approver_wrote
from ruta.common.audit.history import history_of, row_trackers
from ruta.common.refusals import refusal


@dataclass(frozen=True)
class Written:
    """Rows of one model whose writers an approval must not include.

    Named by their keys (``pks``) or by the values their events hold
    (``where``: the rows of a work, deleted ones included).
    """

    model: type[Model]
    pks: Collection[Any] = ()
    where: dict[str, Any] = field(default_factory=dict)

    def events(self) -> Any:
        """Return the audit events that wrote these rows (none when nothing
        names them): their inserts, updates and deletes, not their reads."""
        history = history_of(self.model)._default_manager.filter(
            pgh_label__in=[tracker.label for tracker in row_trackers()]
        )
        if self.where:
            return history.filter(**self.where)
        return history.filter(pgh_obj_id__in=list(self.pks)) if self.pks else None


def record_writers(
    records: Iterable[Written], *, besides: Collection[str] = ()
) -> set[int]:
    """Return the people whose audit events wrote any of ``records``.

    ``besides`` names services whose events do not count as writing (the
    approval itself, taken earlier on the same rows).
    """
    writers: set[int] = set()
    for written in records:
        events = written.events()
        if events is None:
            continue
        for user, service in events.values_list(
            "pgh_context__metadata__user", "pgh_context__metadata__service"
        ):
            if user is not None and service not in besides:
                writers.add(int(user))
    return writers


def separation_require(
    actor: Actor,
    writers: Collection[int],
    *,
    what: str | Promise,
    on: str = "",
) -> None:
    """Refuse ``actor`` the approval of ``what`` when they wrote it.

    The refusal says why and who may approve instead; its code is
    ``same_person`` wherever it is given.
    """
    approver = person(actor)
    if approver_wrote(approver.pk if approver is not None else None, writers):
        raise refusal(
            _(
                "Usted capturó, envió o importó %(what)s: nadie aprueba su propio "
                "trabajo, tampoco quien administra el sitio. Otra persona con "
                "permiso de validar debe aprobarlo."
            )
            % {"what": what},
            SAME_PERSON,
            on,
        )


def approval_require(
    actor: Actor,
    records: Iterable[Written],
    *,
    what: str | Promise,
    besides: Collection[str] = (),
    also: Iterable[int | None] = (),
) -> None:
    """Refuse ``actor`` the approval of ``records`` when they wrote any of them.

    ``also`` adds writers a record names itself (who captured it, who
    submitted it), for rows written before their history was kept.
    """
    writers = record_writers(records, besides=besides)
    writers.update(pk for pk in also if pk is not None)
    separation_require(actor, writers, what=what)
