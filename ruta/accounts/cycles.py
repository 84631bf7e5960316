"""Staff cycles as data: a record's statuses, the steps between them, who takes each.

A work proposed, approved and released; a POA year written, sent and
approved; an indicator's result captured and published: each is a *cycle*,
declared once in its app's ``cycles`` module as a ``Cycle`` of ``Step``s.
One service takes every step (``step_take``): it locks the record, checks
its status, the person's permission and, where the step says so, that whoever
wrote the record is not the one deciding it (``ruta.accounts.duties``); it runs
the step's checks, stamps who and when, keeps the reason in the audit history
and announces what the step publishes. One view (``ruta.accounts.cycle_views``)
gives each step its own address (a step that asks for more than a reason is
taken on its app's own page, whose service calls ``step_take``), a record's
page shows the steps a person may take from the same declaration
(``{% step_links %}``), and one test walks every declared cycle.

Accounts sit below the domain apps, so each app registers its cycles here
from its ``registrations`` module, which ``ruta.common.apps`` discovers when
the site starts (the way Wagtail discovers hooks).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, audited, person
from ruta.accounts.duties import Written, approval_require
from ruta.accounts.permissions import Action, Scoped, can, require
from ruta.common.db.published import data_published_notify
from ruta.common.refusals import refusal

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

REASON_MAX = 2000

Check = Callable[[Any], None]
# A check of who takes a step, besides whether they wrote the record.
PersonCheck = Callable[[Any, Actor], None]
# Steps that write the record (a capture, an organisation's submission) rather
# than decide it: their events name the record's writers.
WRITING = frozenset({Action.CAPTURE, Action.APPLY_GRANT})


@dataclass(frozen=True)
class Step:
    """One move of a cycle: from ``sources`` to ``target``, taken with ``action``.

    - ``target`` ``None`` drops the record (a result discarded), its last
      state kept in the audit history with the reason;
    - ``reason``: ``"required"``, ``"optional"`` or ``""`` (none is asked);
      ``reason_field`` also keeps it on the record (observations shown to
      whoever sent it back);
    - ``separate``: whoever wrote the record may not take it;
    - ``stamps``: the prefix of the ``<stamps>_by`` and ``<stamps>_at``
      fields that say who took it and when;
    - ``publishes``: what ``data_published_notify`` announces afterwards;
    - ``checks``: what the record must satisfy first (each raises a refusal);
    - ``person_checks``: who may not take it besides the record's writers,
      each given the record and the person (whoever scored an application
      does not approve its money);
    - ``clears``: fields emptied when it is taken (old observations);
    - ``then``: sets further fields and returns their names (a work's first
      publication);
    - ``address``: the app's own page where the step is taken, when it asks
      for more than a reason (a date, a cause, a file) or its app's service
      does more than move the record (the rows a cancellation writes): the
      one page of steps does not take it;
    - ``fields``: what that page sets on the record with the status (a
      signing date), given to ``step_take`` as ``values``.
    """

    key: str
    slug: str
    label: StrPromise
    sources: frozenset[str]
    target: str | None
    action: Action
    done: StrPromise
    reason: str = ""
    reason_label: StrPromise = gettext_lazy("Motivo")
    reason_field: str = ""
    reason_max: int = REASON_MAX
    separate: bool = False
    stamps: str = ""
    publishes: str = ""
    checks: tuple[Check, ...] = ()
    person_checks: tuple[PersonCheck, ...] = ()
    clears: tuple[str, ...] = ()
    then: Callable[[Any], Collection[str]] | None = None
    # What the permission is checked on, when not the cycle's (a report is
    # written by its agency and published by the plan's coordinating unit).
    scope: Callable[[Any], Scoped] | None = None
    address: Callable[[Any], str] | None = None
    fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.reason not in ("", "optional", "required"):
            raise ValueError(f"step {self.key}: reason is '', optional or required")
        if self.reason_field and not self.reason:
            raise ValueError(f"step {self.key}: a reason field needs a reason")
        if self.fields and self.address is None:
            raise ValueError(f"step {self.key}: a step that asks more has an address")


@dataclass(frozen=True)
class Cycle:
    """The statuses of one kind of record and the steps between them.

    ``scope`` gives what the permission is checked on (the record itself by
    default); ``written`` the rows whose writers never take a separate step
    (the record's by default) and ``writer_fields`` the fields that name a
    writer themselves (who captured or sent it); ``back`` the page a person
    returns to after a step.
    """

    key: str
    slug: str
    model: type[Model]
    what: StrPromise
    steps: tuple[Step, ...]
    status_field: str = "status"
    scope: Callable[[Any], Scoped] = field(default=lambda record: record)
    written: Callable[[Any], list[Written]] | None = None
    writer_fields: tuple[str, ...] = ()
    # Services whose events on these records are decisions, not writing: the
    # cycle's earlier life, and staff's own services that create or move the
    # records (the schedule that sets a project's reports).
    former_services: frozenset[str] = frozenset()
    back: Callable[[Any], str] | None = None
    _checks: dict[str, dict[str, Check]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        keys = [step.key for step in self.steps]
        slugs = [step.slug for step in self.steps]
        if len(set(keys)) != len(keys) or len(set(slugs)) != len(slugs):
            raise ValueError(f"cycle {self.key}: each step has its own key and slug")

    def step(self, key: str) -> Step:
        """Return the step named ``key``."""
        return next(step for step in self.steps if step.key == key)

    def step_by_slug(self, slug: str) -> Step | None:
        return next((step for step in self.steps if step.slug == slug), None)

    def step_to(self, source: str, target: str | None) -> Step | None:
        """Return the step from ``source`` to ``target``, if one is declared."""
        return next(
            (s for s in self.steps if source in s.sources and s.target == target),
            None,
        )

    def status_of(self, record: Any) -> str:
        return str(getattr(record, self.status_field))

    def service(self, step: Step) -> str:
        """Return the name the audit history gives ``step``'s events."""
        return f"{self.key}_{step.key}"

    def decisions(self) -> frozenset[str]:
        """Return the services whose events decide, and so do not write."""
        taken = {self.service(s) for s in self.steps if s.action not in WRITING}
        return frozenset(taken) | self.former_services

    def records_written(self, record: Any) -> list[Written]:
        if self.written is not None:
            return self.written(record)
        return [Written(self.model, [record.pk])]

    def writers(self, record: Any) -> list[int | None]:
        return [getattr(record, f"{name}_id") for name in self.writer_fields]

    def check_register(self, step_key: str, key: str, check: Check) -> None:
        """Make ``step_key`` run ``check`` first: an app that reads the records
        adds what it requires (a committee's handover act); idempotent."""
        self.step(step_key)
        self._checks.setdefault(step_key, {})[key] = check

    def checks(self, step: Step) -> list[Check]:
        return [*step.checks, *self._checks.get(step.key, {}).values()]

    def scope_for(self, step: Step, record: Any) -> Scoped:
        """Return what ``step``'s permission is checked on."""
        return (step.scope or self.scope)(record)

    def steps_open(self, user: object, record: Any) -> list[Step]:
        """Return the steps ``user`` may take on ``record`` now (its permission
        only: the service still checks the separation of duties)."""
        status = self.status_of(record)
        return [
            step
            for step in self.steps
            if status in step.sources
            and can(user, step.action, self.scope_for(step, record))
        ]

    def in_step(self, step_key: str) -> Q:
        """Return the condition of the records ``step_key`` starts from."""
        sources = sorted(self.step(step_key).sources)
        return Q(**{f"{self.status_field}__in": sources})

    def awaiting(
        self, user: object, step_key: str, records: Iterable[Any]
    ) -> list[Any]:
        """Return those of ``records`` on which ``user`` may take ``step_key`` now.

        What a desk lists as waiting for a person reads the step's statuses
        and permission from here; whether the person wrote a record is asked
        when they take the step (a list would read every record's history).
        """
        step = self.step(step_key)
        return [
            record
            for record in records
            if self.status_of(record) in step.sources
            and can(user, step.action, self.scope_for(step, record))
        ]

    def url(self, record: Any, step: Step) -> str:
        """Return the address where ``step`` is taken on ``record``."""
        if step.address is not None:
            return step.address(record)
        return reverse("accounts:decide", args=[self.slug, record.pk, step.slug])

    def back_url(self, record: Any) -> str:
        if self.back is not None:
            return self.back(record)
        return str(record.get_absolute_url())


@dataclass(frozen=True)
class StepLink:
    """A step a person may take on a record, with where it is taken."""

    step: Step
    url: str


def step_links(
    cycle: Cycle, user: object, record: Any, only: Collection[str] | None = None
) -> list[StepLink]:
    """Return the steps ``user`` may take on ``record`` now, for a page's buttons.

    ``only`` names the steps the page shows as buttons (the others have
    forms of their own on it).
    """
    return [
        StepLink(step, cycle.url(record, step))
        for step in cycle.steps_open(user, record)
        if only is None or step.key in only
    ]


_CYCLES: dict[str, Cycle] = {}


def cycle_register(cycle: Cycle) -> Cycle:
    """Declare ``cycle`` (idempotent); return it, so a module may keep it."""
    known = _CYCLES.setdefault(cycle.slug, cycle)
    if known is not cycle and known.key != cycle.key:
        raise ValueError(f"two cycles use the address {cycle.slug}")
    return known


def cycles() -> list[Cycle]:
    """Return every declared cycle."""
    return list(_CYCLES.values())


def cycle_by_slug(slug: str) -> Cycle | None:
    return _CYCLES.get(slug)


def cycle_named(key: str) -> Cycle:
    """Return the declared cycle whose key is ``key``."""
    return next(cycle for cycle in _CYCLES.values() if cycle.key == key)


def _reason_checked(step: Step, reason: str) -> str:
    reason = " ".join(reason.split()) if not step.reason_field else reason.strip()
    if step.reason == "required" and not reason:
        raise refusal(_("Escriba el motivo."), "reason_required", "reason")
    if len(reason) > step.reason_max:
        raise refusal(
            _("El motivo admite hasta %(max)s caracteres."),
            "reason_too_long",
            "reason",
            max=step.reason_max,
        )
    return reason if step.reason else ""


def _status_checked(cycle: Cycle, step: Step, record: Any) -> None:
    status = cycle.status_of(record)
    if status in step.sources:
        return
    field_ = record._meta.get_field(cycle.status_field)
    shown = dict(field_.flatchoices).get(status, status)
    raise refusal(
        _("«%(step)s» no se toma sobre %(what)s en estado «%(status)s»."),
        "transition_not_allowed",
        step=step.label,
        what=cycle.what,
        status=shown,
    )


def _stamped(step: Step, record: Any, actor: Actor) -> list[str]:
    if not step.stamps:
        return []
    setattr(record, f"{step.stamps}_by", person(actor))
    setattr(record, f"{step.stamps}_at", timezone.now())
    return [f"{step.stamps}_by", f"{step.stamps}_at"]


def step_take(
    cycle: Cycle,
    record: Any,
    step_key: str,
    *,
    reason: str = "",
    values: Mapping[str, Any] | None = None,
    actor: Actor,
) -> Any:
    """Take ``step_key`` on ``record``; return it as saved (``None`` if dropped).

    ``values`` gives the step's ``fields`` (its own page's date), checked
    with the record and written with the status. Refused, with nothing
    changed, when the record is not in one of the step's statuses, the person
    may not take it, a reason is missing, the person wrote what they would
    approve or may not take it otherwise, or a check of the step fails.
    """
    step = cycle.step(step_key)
    values = dict(values or {})
    with transaction.atomic():
        record = cycle.model._default_manager.select_for_update().get(pk=record.pk)
        require(actor, step.action, cycle.scope_for(step, record))
        _status_checked(cycle, step, record)
        if set(values) != set(step.fields):
            raise ValueError(f"step {step.key} takes {step.fields}, not {set(values)}")
        reason = _reason_checked(step, reason)
        if step.separate:
            approval_require(
                actor,
                cycle.records_written(record),
                what=cycle.what,
                besides=cycle.decisions(),
                also=cycle.writers(record),
            )
        for person_check in step.person_checks:
            person_check(record, actor)
        for name, value in values.items():
            setattr(record, name, value)
        for check in cycle.checks(step):
            check(record)
        with audited(actor, cycle.service(step), reason=reason):
            if step.target is None:
                record.delete()
                saved = None
            else:
                saved = record
                _write(cycle, step, record, reason, actor, values)
        if step.publishes:
            data_published_notify(what=step.publishes)
    return saved


def _write(
    cycle: Cycle,
    step: Step,
    record: Any,
    reason: str,
    actor: Actor,
    values: Mapping[str, Any],
) -> None:
    setattr(record, cycle.status_field, step.target)
    changed = [cycle.status_field, *values, *_stamped(step, record, actor)]
    if step.reason_field:
        setattr(record, step.reason_field, reason)
        changed.append(step.reason_field)
    for name in step.clears:
        setattr(record, name, "")
        changed.append(name)
    if step.then is not None:
        changed.extend(step.then(record))
    if any(f.name == "updated" for f in record._meta.concrete_fields):
        changed.append("updated")
    record.save(update_fields=sorted(set(changed)))
