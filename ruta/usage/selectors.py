"""Reads of the usage counts for the public page and the open dataset."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ruta.opendata.datasets import dataset_get
from ruta.usage.models import DailyCount
from ruta.usage.rules import API, ASKED, DECLINED, DOWNLOAD, HOME, PAGE, QUESTION

PAGE_DAYS = 30
DEMO = "demo"  # the demo's share of a row's counts, beside its origins


@dataclass(frozen=True)
class UsageRow:
    """One kind and name's total over the page's days, by where it was answered.

    ``demo`` is how much of the total the demo wrote (``ruta load-demo``).
    """

    kind: str
    name: str
    app: int
    cache: int
    demo: int = 0

    @property
    def total(self) -> int:
        return self.app + self.cache

    @property
    def label(self) -> str:
        """Return what the page calls the name: a section by its address, a
        dataset by its title, an API part by its path, questions by outcome."""
        if self.kind == PAGE:
            return str(_("Inicio")) if self.name == HOME else f"/{self.name}/"
        if self.kind == DOWNLOAD:
            dataset = dataset_get(self.name)
            return dataset.title if dataset else self.name
        if self.kind == API:
            return f"/api/v1/{self.name}"
        if self.kind == QUESTION:
            return str(QUESTION_OUTCOMES.get(self.name, self.name))
        return self.name


QUESTION_OUTCOMES = {ASKED: _("Respondidas"), DECLINED: _("Declinadas")}


def usage_totals(*, since: date, until: date) -> list[UsageRow]:
    """Return each kind and name's counts between two days, largest first."""
    rows = (
        DailyCount.objects.filter(day__gte=since, day__lte=until)
        .values("kind", "name", "origin", "is_demo")
        .annotate(total=Sum("count"))
    )
    found: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        counts = found.setdefault((row["kind"], row["name"]), {})
        counts[row["origin"]] = counts.get(row["origin"], 0) + row["total"]
        if row["is_demo"]:
            counts[DEMO] = counts.get(DEMO, 0) + row["total"]
    totals = [
        UsageRow(
            kind,
            name,
            counts.get("app", 0),
            counts.get("cache", 0),
            counts.get(DEMO, 0),
        )
        for (kind, name), counts in found.items()
    ]
    return sorted(totals, key=lambda row: (row.kind, -row.total, row.name))


def page_window(today: date) -> tuple[date, date]:
    """Return the days the public page sums: the last ``PAGE_DAYS``, today included."""
    return today - timedelta(days=PAGE_DAYS - 1), today


def usage_rows() -> Iterable[dict[str, Any]]:
    """Return every daily count for the open dataset: no personal data exists."""
    rows = DailyCount.objects.order_by("day", "kind", "name", "origin", "is_demo")
    for row in rows.iterator():
        yield {
            "DIA": row.day,
            "TIPO": row.kind,
            "NOMBRE": row.name,
            "ORIGEN": row.origin,
            "CUENTA": row.count,
            "DEMOSTRACION": row.is_demo,
        }
