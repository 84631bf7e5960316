"""A work's money route, payments, progress chart and status timeline.

The route goes sources → program → subprogram → work → contracts →
payments; it is laid out here (boxes and curves in SVG units) so the
template only draws it, and it comes with the same figures as table rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ruta.common.audit.history import history_of
from ruta.common.text.money import ZERO
from ruta.works.models import Contract, Progress, Work, WorkStatus
from ruta.works.models import Payment as PaymentRecord
from ruta.works.rules import paid_increments
from ruta.works.selectors.works import WorkDetail

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HUNDRED = Decimal(100)
ROUTE_WIDTH = 960
COLUMN_WIDTH = 140
ROW_HEIGHT = 64
NODE_HEIGHT = 48
LABEL_CHARACTERS = 22
MIN_STROKE, MAX_STROKE = 2.0, 18.0


@dataclass(frozen=True)
class Payment:
    """A payment as a work's page and route show it: a record, or derived.

    A record (``record``) names its contract and, when known, its invoice's
    UUID. Where a work has no payment records, a payment is derived from the
    growth of a progress entry's cumulative figure (``progress``): its
    contract is known only when the work has exactly one, and it has no
    invoice.
    """

    date: date
    amount: Decimal
    contract: Contract | None
    progress: Progress | None = None
    record: PaymentRecord | None = None

    @property
    def derived(self) -> bool:
        """Return whether the payment is derived from progress, not recorded."""
        return self.record is None

    @property
    def invoice(self) -> str:
        """Return the invoice's UUID as the SAT prints it, or ""."""
        return self.record.invoice_label if self.record else ""

    @property
    def source_key(self) -> str:
        """Return the key of the row the figure came from (``figure_sources``)."""
        if self.record is not None:
            return f"p{self.record.pk}"
        if self.progress is None:
            raise ValueError("a payment comes from a record or a progress row")
        return f"g{self.progress.pk}"


def work_payments(detail: WorkDetail) -> list[Payment]:
    """Return the work's payments, oldest first: its records, or else derived.

    A work with payment records shows only them; the federal files and older
    data have none, and their payments are derived from progress entries.
    """
    if detail.payments:
        return [
            Payment(p.paid_on, p.amount, p.contract, record=p) for p in detail.payments
        ]
    entries = {entry.date: entry for entry in detail.progress}
    contract = detail.contracts[0] if len(detail.contracts) == 1 else None
    increments = paid_increments((e.date, e.amount_paid) for e in detail.progress)
    return [
        Payment(when, amount, contract, progress=entries[when])
        for when, amount in increments
    ]


@dataclass(frozen=True)
class RouteNode:
    key: str
    kind: str
    title: str
    label: str
    amount: Decimal
    x: float
    y: float
    width: float = COLUMN_WIDTH
    height: float = NODE_HEIGHT
    when: date | None = None
    target: Any = None  # the row the node stands for

    @property
    def text_x(self) -> float:
        return self.x + 6

    @property
    def text_y(self) -> float:
        return self.y + 19

    @property
    def amount_y(self) -> float:
        return self.y + 38

    @property
    def stage(self) -> StrOrPromise:
        """Return the name of the node's stage, as the route's table heads it."""
        return STAGES[self.kind]


# The route's stages by the kind of their nodes, as its table names them.
STAGES: dict[str, StrOrPromise] = {
    "source": _("Fuente"),
    "program": _("Programa"),
    "subprogram": _("Subprograma"),
    "work": _("Obra"),
    "contract": _("Contrato"),
    "payment": _("Pago"),
}


@dataclass(frozen=True)
class RouteLink:
    path: str
    width: float
    source: RouteNode
    target: RouteNode
    amount: Decimal


@dataclass(frozen=True)
class RouteStepItem:
    """A node of a stage, with its money as a share of the largest (for a bar)."""

    node: RouteNode
    share: str  # percent, with a dot, for an SVG width


@dataclass(frozen=True)
class RouteStep:
    """One stage of the route, drawn top to bottom on a phone."""

    title: str
    items: list[RouteStepItem]


@dataclass(frozen=True)
class MoneyRoute:
    width: int
    height: int
    columns: list[tuple[str, float]]
    nodes: list[RouteNode]
    links: list[RouteLink] = field(default_factory=list)
    steps: list[RouteStep] = field(default_factory=list)


def _short(text: str) -> str:
    """Return ``text`` cut to fit a box (the full text is the node's title)."""
    text = str(text)
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _column_x(index: int, count: int) -> float:
    gap = (ROUTE_WIDTH - COLUMN_WIDTH * count) / max(count - 1, 1)
    return round(index * (COLUMN_WIDTH + gap), 1)


def _stack(
    items: list[tuple[str, str, str, Decimal, object, date | None]],
    column: int,
    columns: int,
    height: float,
) -> list[RouteNode]:
    """Return one column's nodes, centred vertically."""
    top = (height - len(items) * ROW_HEIGHT) / 2 + (ROW_HEIGHT - NODE_HEIGHT) / 2
    return [
        RouteNode(
            key=key,
            kind=kind,
            title=str(title),
            label=_short(title),
            amount=amount,
            x=_column_x(column, columns),
            y=round(top + index * ROW_HEIGHT, 1),
            when=when,
            target=target,
        )
        for index, (key, kind, title, amount, target, when) in enumerate(items)
    ]


def _link(source: RouteNode, target: RouteNode, amount: Decimal, top: Decimal):
    """Return a curve from ``source``'s right edge to ``target``'s left edge."""
    share = float(amount / top) if top else 0.0
    width = round(MIN_STROKE + (MAX_STROKE - MIN_STROKE) * min(share, 1.0), 1)
    x1, y1 = source.x + source.width, source.y + source.height / 2
    x2, y2 = target.x, target.y + target.height / 2
    middle = round((x1 + x2) / 2, 1)
    path = f"M{x1} {y1}C{middle} {y1} {middle} {y2} {x2} {y2}"
    return RouteLink(path, width, source, target, amount)


def money_route(detail: WorkDetail, payments: list[Payment]) -> MoneyRoute:
    """Return the route of ``detail``'s money, laid out for an SVG diagram."""
    work = detail.work
    titles = [
        _("Fuentes"),
        _("Programa"),
        _("Subprograma"),
        _("Obra"),
        _("Contratos"),
        _("Pagos"),
    ]
    stages: list[list[tuple]] = [
        [
            (f"f{row.pk}", "source", str(row), row.amount, row, None)
            for row in detail.funding
        ],
        [("program", "program", work.program.name, detail.funding_total, None, None)],
        [("sub", "subprogram", work.subprogram.name, detail.funding_total, None, None)],
        [("work", "work", work.title, work.total_investment, work, None)],
        [
            (f"c{c.pk}", "contract", c.contractor_name, c.amount, c, c.signed_on)
            for c in detail.contracts
        ],
        [
            (f"p{i}", "payment", _payment_title(p), p.amount, p, p.date)
            for i, p in enumerate(payments)
        ],
    ]
    stages = [stage for stage in stages if stage]
    count = len(stages)
    height = max(len(stage) for stage in stages) * ROW_HEIGHT + 8
    columns = [_stack(items, i, count, height) for i, items in enumerate(stages)]
    top = max((node.amount for column in columns for node in column), default=ZERO)
    links = _links(columns, top)
    return MoneyRoute(
        width=ROUTE_WIDTH,
        height=height,
        columns=[
            (_column_title(i, stages, titles), _column_x(i, count))
            for i in range(count)
        ],
        nodes=[node for column in columns for node in column],
        links=links,
        steps=[
            RouteStep(
                title=str(_column_title(i, stages, titles)),
                items=[
                    RouteStepItem(node, _share(node.amount, top)) for node in column
                ],
            )
            for i, column in enumerate(columns)
        ],
    )


def _share(amount: Decimal, top: Decimal) -> str:
    """Return ``amount`` as a percent of ``top``, for a bar's width."""
    if top <= 0:
        return "0"
    return f"{min(Decimal(100), amount * 100 / top):.1f}"


def _payment_title(payment: Payment) -> str:
    """Return a payment's title; a derived one says so."""
    if payment.derived:
        return str(_("Pago derivado del avance"))
    if payment.invoice:
        return str(_("Pago, factura %(uuid)s") % {"uuid": payment.invoice})
    return str(_("Pago"))


def _column_title(index: int, stages: list[list[tuple]], titles: list) -> str:
    kinds = ["source", "program", "subprogram", "work", "contract", "payment"]
    return titles[kinds.index(stages[index][0][1])]


def _links(columns: list[list[RouteNode]], top: Decimal) -> list[RouteLink]:
    """Join each column to the next, weighted by the money that flows.

    One node to many: each target's amount; many to one: each source's.
    Many to many happens only between several contracts and their payments:
    a recorded payment joins its contract; a derived one, whose contract is
    not known, is left unjoined.
    """
    links = []
    for left, right in zip(columns, columns[1:], strict=False):
        if len(left) == 1:
            links += [_link(left[0], node, node.amount, top) for node in right]
        elif len(right) == 1:
            links += [_link(node, right[0], node.amount, top) for node in left]
        else:
            links += _payment_links(left, right, top)
    return links


def _payment_links(
    contracts: list[RouteNode], payments: list[RouteNode], top: Decimal
) -> list[RouteLink]:
    """Return a link from each recorded payment's contract to the payment."""
    by_contract = {node.target.pk: node for node in contracts if node.target}
    return [
        _link(by_contract[node.target.contract.pk], node, node.amount, top)
        for node in payments
        if isinstance(node.target, Payment)
        and node.target.contract is not None
        and node.target.contract.pk in by_contract
    ]


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float


@dataclass(frozen=True)
class ProgressChart:
    """Physical and financial progress over time, in SVG units (0–100 %)."""

    width: int
    height: int
    left: int
    bottom: int
    physical: list[ChartPoint]
    financial: list[ChartPoint]
    y_ticks: list[tuple[int, float]]
    x_ticks: list[tuple[date, float]]

    @property
    def physical_points(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.physical)

    @property
    def financial_points(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.financial)


def financial_percent(amount_paid: Decimal, total: Decimal) -> Decimal | None:
    """Return what was paid as a share of the total investment, in percent."""
    if not total:
        return None
    return (amount_paid * HUNDRED / total).quantize(Decimal("0.1"))


def progress_chart(progress: list[Progress], total: Decimal) -> ProgressChart | None:
    """Return the chart of ``progress`` over time; None with under two entries."""
    if len(progress) < 2:
        return None
    width, height, left, bottom, top_pad = 600, 240, 44, 28, 10
    first, last = progress[0].date, progress[-1].date
    span = max((last - first).days, 1)
    plot_w, plot_h = width - left - 12, height - bottom - top_pad

    def x_of(when: date) -> float:
        return round(left + (when - first).days / span * plot_w, 1)

    def y_of(percent: Decimal | int) -> float:
        return round(top_pad + plot_h - float(percent) / 100 * plot_h, 1)

    physical = [ChartPoint(x_of(p.date), y_of(p.physical_percent)) for p in progress]
    financial = [
        ChartPoint(
            x_of(p.date), y_of(min(financial_percent(p.amount_paid, total) or 0, 100))
        )
        for p in progress
    ]
    return ProgressChart(
        width=width,
        height=height,
        left=left,
        bottom=height - bottom,
        physical=physical,
        financial=financial,
        y_ticks=[(value, y_of(Decimal(value))) for value in (0, 25, 50, 75, 100)],
        x_ticks=[(first, x_of(first)), (last, x_of(last))],
    )


@dataclass(frozen=True)
class StatusStep:
    """A status a work took, dated by what said so.

    ``when`` is the date of the published file (or demonstration plan) whose
    figures put the work in that status — ``from_file`` — or, for a change
    made on the site, the moment it was recorded. The day data was loaded is
    never shown as the day a work changed.
    """

    when: date | datetime
    status: str
    label: str
    from_file: bool


def status_timeline(work: Work) -> list[StatusStep]:
    """Return each status the work took, dated, from its audit history.

    The work's page reads its history once for this and its figures'
    sources (``provenance.work_events``) and walks it with ``timeline_of``.
    """
    return timeline_of(
        history_of(type(work))
        ._default_manager.filter(pgh_obj_id=work.pk)
        .order_by("pgh_created_at", "pgh_id")
        .values_list("pgh_created_at", "status", "as_of")
    )


def timeline_of(
    events: Iterable[tuple[datetime, str, date | None]],
) -> list[StatusStep]:
    """Return the statuses of a work's ``events`` (when, status, as_of), oldest first.

    An event that brought a new ``as_of`` (an imported file's date, the
    demonstration's plan) is dated by it; any other event (a change captured
    on the site) by when it was recorded.
    """
    steps: list[StatusStep] = []
    last_status, last_as_of = None, None
    for recorded, status, as_of in events:
        from_file = as_of is not None and as_of != last_as_of
        if status != last_status:
            steps.append(
                StatusStep(
                    as_of if as_of is not None and from_file else recorded,
                    status,
                    str(WorkStatus(status).label),
                    from_file,
                )
            )
        last_status, last_as_of = status, as_of
    return steps
