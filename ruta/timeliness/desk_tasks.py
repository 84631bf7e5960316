"""The calendar's task on the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.timeliness.obligations import Obligation
from ruta.timeliness.selectors import desk_agencies, desk_obligations


def _agencies(user: Any) -> list:
    return desk_memo(user, "calendar-agencies", desk_agencies)


def _items(user: Any) -> list[Obligation]:
    return desk_memo(
        user, "calendar-items", lambda u: desk_obligations(u, timezone.localdate())
    )


def _records(user: Any) -> Iterable[DeskLink]:
    today = timezone.localdate()
    for item in _items(user):
        late = item.days_late(today)
        note = (
            ngettext("vencido hace %(days)s día", "vencido hace %(days)s días", late)
            % {"days": late}
            if late
            else gettext("vence el %(due)s")
            % {"due": date_format(item.due, "DATE_FORMAT")}
        )
        yield DeskLink(
            label=f"{item.kind.label}: {item.subject}, {item.period}",
            url=item.url,
            note=str(note),
        )


DESK_TASKS = (
    DeskTask(
        key="calendar-due",
        area=DeskArea.PROGRAMS,
        order=5,
        title=_("Informes vencidos y por vencer"),
        summary=_(
            "Lo que su dependencia debe entregar: avances del POA, resultados "
            "de indicadores, informes de compromisos, informe anual y estados "
            "presupuestarios, con su fecha límite."
        ),
        url_name="calendar:desk",
        may=lambda user: bool(_agencies(user)),
        waiting=lambda user: len(_items(user)),
        waiting_label=_("Vencidos o por vencer"),
        records=_records,
    ),
)
