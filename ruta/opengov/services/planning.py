"""Action plans and their commitments registered on the site.

A planning unit registers a new plan (its key, title, description and the
years it runs) as its coordinating unit, then adds its commitments: each
with its title, objective, responsible agency of the instance and the years
it runs, within the plan's. The plan's periods are then opened and reported
as any other (``reporting``). Whoever may validate for the coordinating
unit registers the plan: the same staff that opens its periods and
publishes its reports.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.instance import instance
from ruta.catalog.models import Agency
from ruta.common.refusals import refusal
from ruta.opengov.models import ActionPlan, Commitment, CommitmentReport
from ruta.opengov.rules import (
    COMMITMENTS_MAX,
    PLAN_KEY_LENGTH,
    PLAN_YEAR_FIRST,
    PLAN_YEAR_LAST,
    PLAN_YEARS_MAX,
    commitment_years_problem,
    name_key,
    plan_key_problem,
    plan_years_problem,
)

TITLE_MAX = 500
NAME_MAX = 300
TEXT_MAX = 10_000


def _years_refused(problem: str, start_field: str, end_field: str) -> Exception:
    words = {
        "first": PLAN_YEAR_FIRST,
        "last": PLAN_YEAR_LAST,
        "max": PLAN_YEARS_MAX,
    }
    if problem == "year_out_of_bounds":
        return refusal(
            _("Los años van de %(first)s a %(last)s.") % words, problem, start_field
        )
    if problem == "years_reversed":
        return refusal(
            _("El año de término no puede ser anterior al de inicio."),
            problem,
            end_field,
        )
    if problem == "plan_too_long":
        return refusal(
            _("Un plan dura a lo más %(max)s años.") % words, problem, end_field
        )
    raise ValueError(problem)


def _text(text: str, limit: int, field: str, *, required: bool = False) -> str:
    text = text.strip()
    if required and not text:
        raise refusal(_("Este dato es obligatorio."), "required", field)
    if len(text) > limit:
        raise refusal(
            _("Este texto admite hasta %(max)s caracteres.") % {"max": limit},
            "text_too_long",
            field,
        )
    return text


def _of_instance(agency: Agency, field: str) -> None:
    if not instance().agencies().filter(pk=agency.pk).exists():
        raise refusal(
            _("«%(agency)s» no es una dependencia de este sitio.")
            % {"agency": agency.name},
            "agency_not_here",
            field,
        )


@service
def action_plan_create(
    *,
    key: str,
    title: str,
    description: str,
    start_year: int,
    end_year: int,
    coordinator: Agency,
    actor: Actor,
) -> ActionPlan:
    """Register a new plan, coordinated by a unit the actor validates for."""
    require(actor, Action.VALIDATE, coordinator)
    _of_instance(coordinator, "coordinator")
    key = key.strip().lower()
    if problem := plan_key_problem(key):
        raise refusal(
            _(
                "La clave lleva de 1 a %(max)s letras minúsculas sin acentos, "
                "dígitos y guiones, y no puede ser «consultas», «informes» ni "
                "«nuevo»."
            )
            % {"max": PLAN_KEY_LENGTH},
            problem,
            "key",
        )
    if ActionPlan.objects.filter(key=key).exists():
        raise refusal(
            _("Ya hay un plan de acción con la clave «%(key)s».") % {"key": key},
            "plan_key_taken",
            "key",
        )
    if problem := plan_years_problem(start_year, end_year):
        raise _years_refused(problem, "start_year", "end_year")
    return ActionPlan.objects.create(
        key=key,
        title=_text(title, TITLE_MAX, "title", required=True),
        description=_text(description, TEXT_MAX, "description"),
        start_year=start_year,
        end_year=end_year,
        coordinator=coordinator,
        state_id=coordinator.state_id,
    )


@service
def commitment_add(
    *,
    plan: ActionPlan,
    name: str,
    objective: str,
    agency: Agency,
    start_year: int | None = None,
    end_year: int | None = None,
    description: str = "",
    actor: Actor,
) -> Commitment:
    """Add a commitment to the plan (its coordinating unit), numbered after the last.

    Without years it runs the plan's own.
    """
    require(actor, Action.VALIDATE, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    name = _text(name, NAME_MAX, "name", required=True)
    _of_instance(agency, "agency")
    start, end = _commitment_years(plan, start_year, end_year)
    key = name_key(name)[:NAME_MAX]
    if not key:
        raise refusal(
            _("El título del compromiso lleva letras o dígitos."), "required", "name"
        )
    if plan.commitments.filter(name_key=key).exists():
        raise refusal(
            _("El plan ya tiene un compromiso con ese título."),
            "commitment_exists",
            "name",
        )
    last = plan.commitments.aggregate(last=Max("number"))["last"] or 0
    if plan.commitments.count() >= COMMITMENTS_MAX:
        raise refusal(
            _("Un plan tiene hasta %(max)s compromisos.") % {"max": COMMITMENTS_MAX},
            "too_many_commitments",
        )
    return Commitment.objects.create(
        plan=plan,
        number=last + 1,
        name=name,
        name_key=key,
        agency=agency,
        agency_printed=agency.name[:NAME_MAX],
        objective=_text(objective, TEXT_MAX, "objective", required=True),
        description=_text(description, TEXT_MAX, "description"),
        start_year=start,
        end_year=end,
    )


def _years_keep_periods(plan: ActionPlan, start: int, end: int) -> None:
    """Refuse years that would leave a period of the plan outside them."""
    outside = [
        period.as_of
        for period in plan.periods.order_by("as_of")
        if not start <= period.as_of.year <= end
    ]
    if outside:
        raise refusal(
            _(
                "El plan ya tiene un periodo al %(date)s: sus años deben "
                "incluir %(year)s."
            )
            % {"date": date_format(outside[0], "DATE_FORMAT"), "year": outside[0].year},
            "period_outside_years",
            "start_year" if outside[0].year < start else "end_year",
        )


@service
def action_plan_update(
    *,
    plan: ActionPlan,
    title: str,
    description: str,
    start_year: int,
    end_year: int,
    actor: Actor,
) -> ActionPlan:
    """Change a plan's title, description or years (its key, its address, stays).

    Refused when the new years leave out one of its periods or commitments.
    """
    require(actor, Action.VALIDATE, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if problem := plan_years_problem(start_year, end_year):
        raise _years_refused(problem, "start_year", "end_year")
    _years_keep_periods(plan, start_year, end_year)
    for commitment in plan.commitments.order_by("number"):
        if commitment.start_year is None or commitment.end_year is None:
            continue  # read from a report that prints no years: runs the plan's
        if commitment_years_problem(
            plan_start=start_year,
            plan_end=end_year,
            start=commitment.start_year,
            end=commitment.end_year,
        ):
            raise refusal(
                _(
                    "El compromiso %(number)s corre %(years)s: los años del plan "
                    "deben incluirlos."
                )
                % {
                    "number": commitment.number,
                    "years": f"{commitment.start_year}–{commitment.end_year}",
                },
                "commitment_outside_plan",
                "start_year",
            )
    plan.title = _text(title, TITLE_MAX, "title", required=True)
    plan.description = _text(description, TEXT_MAX, "description")
    plan.start_year, plan.end_year = start_year, end_year
    plan.save(update_fields=["title", "description", "start_year", "end_year"])
    return plan


@service
def commitment_update(
    *,
    commitment: Commitment,
    name: str,
    objective: str,
    agency: Agency,
    start_year: int | None = None,
    end_year: int | None = None,
    description: str = "",
    actor: Actor,
) -> Commitment:
    """Change a commitment's title, objective, agency or years.

    Its number stays. Refused when its years leave out a period it was
    already reported in.
    """
    require(actor, Action.VALIDATE, commitment.plan)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    plan = commitment.plan
    name = _text(name, NAME_MAX, "name", required=True)
    _of_instance(agency, "agency")
    start, end = _commitment_years(plan, start_year, end_year)
    reported = commitment.reports.select_related("period").order_by("period__as_of")
    for report in reported:
        if not start <= report.period.as_of.year <= end:
            raise refusal(
                _(
                    "El compromiso ya se informó al %(date)s: sus años deben "
                    "incluir %(year)s."
                )
                % {
                    "date": date_format(report.period.as_of, "DATE_FORMAT"),
                    "year": report.period.as_of.year,
                },
                "report_outside_years",
                "start_year",
            )
    key = name_key(name)[:NAME_MAX]
    if not key:
        raise refusal(
            _("El título del compromiso lleva letras o dígitos."), "required", "name"
        )
    if plan.commitments.filter(name_key=key).exclude(pk=commitment.pk).exists():
        raise refusal(
            _("El plan ya tiene un compromiso con ese título."),
            "commitment_exists",
            "name",
        )
    commitment.name, commitment.name_key = name, key
    commitment.agency = agency
    commitment.agency_printed = agency.name[:NAME_MAX]
    commitment.objective = _text(objective, TEXT_MAX, "objective", required=True)
    commitment.description = _text(description, TEXT_MAX, "description")
    commitment.start_year, commitment.end_year = start, end
    commitment.save()
    return commitment


@service
def commitment_remove(*, commitment: Commitment, actor: Actor) -> None:
    """Take a commitment nobody has reported on out of its plan.

    One with reports is their history: it stays (its years may end earlier).
    """
    require(actor, Action.VALIDATE, commitment.plan)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.reports.exists():
        raise refusal(
            _(
                "El compromiso ya tiene informes y se conserva con ellos; "
                "puede acortar sus años."
            ),
            "commitment_reported",
        )
    commitment.delete()


@service
def action_plan_retire(*, plan: ActionPlan, actor: Actor) -> ActionPlan | None:
    """Retire a plan, or remove it when nothing was reported of it.

    A plan with reports keeps them as history: it is marked retired, leaves
    the lists and takes no more periods or reports, and its page keeps what
    it published. Return the retired plan, or None when it was removed.
    """
    require(actor, Action.VALIDATE, plan)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.retired_on is not None:
        raise refusal(
            _("El plan ya se retiró el %(date)s.")
            % {"date": date_format(plan.retired_on, "DATE_FORMAT")},
            "plan_retired",
        )
    if not CommitmentReport.objects.filter(commitment__plan=plan).exists():
        plan.delete()  # its periods and commitments with it, each in the history
        return None
    plan.retired_on = timezone.localdate()
    plan.save(update_fields=["retired_on"])
    return plan


def _commitment_years(
    plan: ActionPlan, start_year: int | None, end_year: int | None
) -> tuple[int, int]:
    """Return a commitment's years (the plan's where not given), refused
    unless they lie within the plan's."""
    start = start_year if start_year is not None else plan.start_year
    end = end_year if end_year is not None else plan.end_year
    if start is None or end is None:
        raise refusal(
            _("Escriba los años en que corre el compromiso."), "required", "start_year"
        )
    problem = commitment_years_problem(
        plan_start=plan.start_year, plan_end=plan.end_year, start=start, end=end
    )
    if problem == "commitment_outside_plan":
        raise refusal(
            _("Los años del compromiso quedan dentro de los del plan: %(years)s.")
            % {"years": f"{plan.start_year}–{plan.end_year}"},
            problem,
            "start_year",
        )
    if problem:
        raise _years_refused(problem, "start_year", "end_year")
    return start, end
