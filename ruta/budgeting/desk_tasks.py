"""The participatory-budget tasks of the staff desk (``ruta.accounts.desk``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ruta.accounts.desk import DeskArea, DeskLink, DeskTask, desk_memo
from ruta.budgeting.selectors import municipalities_for_periods, periods_in_reach


def _periods(user: Any) -> list:
    return desk_memo(user, "budgeting-periods", periods_in_reach)


def _may(user: Any) -> bool:
    return bool(desk_memo(user, "budgeting-places", municipalities_for_periods))


def _links(user: Any) -> Iterable[DeskLink]:
    for period in _periods(user):
        note = ngettext(
            "%(count)d propuesta por evaluar",
            "%(count)d propuestas por evaluar",
            period.pending,
        ) % {"count": period.pending}
        yield DeskLink(
            label=str(period),
            url=reverse("budgeting:desk-period", args=[period.slug]),
            note=note,
        )


DESK_TASKS = (
    DeskTask(
        key="budgeting-periods",
        area=DeskArea.OPEN_GOVERNMENT,
        order=40,
        title=_("Presupuesto participativo"),
        summary=_(
            "Abra el presupuesto participativo de su municipio, modere y evalúe "
            "las propuestas, abra la votación, publique resultados y ligue cada "
            "propuesta ganadora a su obra."
        ),
        url_name="budgeting:desk",
        may=_may,
        waiting=lambda user: sum(period.pending for period in _periods(user)),
        waiting_label=_("Propuestas por evaluar"),
        records=_links,
    ),
)
