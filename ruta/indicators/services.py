"""Writes on indicators: cards, their results read from reports, and results
captured on the site per period and place.

A card is keyed by its agency and its normalised name, a yearly statewide
result by its card and year, so reading a corrected report updates figures
in place and the audit history keeps the previous values.

Staff of the card's agency capture a result for a quarter or a year, for the
whole state, a municipality or a region (``indicator_result_capture``); it
is published when a validator who did not capture it approves it, or
dropped with a reason (the result's cycle, ``ruta.indicators.cycles``). A
card measured once a year takes no quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ruta.accounts.actors import Actor, audited, person, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, Municipality, PlanElement, Region
from ruta.catalog.selectors import plan_elements_alignable
from ruta.common.bounds import YEAR_MAX, YEAR_MIN
from ruta.common.refusals import refusal
from ruta.common.text.folding import normalize_key
from ruta.indicators.configuration import configured_computation
from ruta.indicators.models import (
    Evaluation,
    ImprovementAspect,
    IndicatorAlignment,
    IndicatorCard,
    IndicatorResult,
    ResultStatus,
)
from ruta.indicators.rules import Direction, measured_within_the_year
from ruta.sources.models import SourceDocument


@dataclass(frozen=True)
class CardDefinition:
    """The fields of a "Cédula de Indicadores" as printed."""

    key: str
    responsible_unit: str
    executing_unit: str
    objective: str
    name: str
    indicator_objective: str
    description: str
    method: str
    direction: Direction
    frequency: str
    source: str
    unit_of_measure: str
    value_unit: str
    additional_reference: str
    baseline_year: int
    baseline_value: Decimal
    goal_year: int
    goal_value: Decimal


@service
def indicator_card_upsert(
    *,
    agency: Agency,
    definition: CardDefinition,
    document: SourceDocument | None = None,
    source_line: int | None = None,
    actor: Actor,
) -> IndicatorCard:
    """Create or update the card ``definition`` describes for ``agency``.

    Which computation evaluates the card comes from the instance's
    configuration when it lists the card; otherwise the card keeps what
    staff chose (none, for a new card).
    """
    require(actor, Action.CAPTURE, agency)
    fields = asdict(definition)
    key = fields.pop("key")
    fields["direction"] = definition.direction.value
    configured = configured_computation(agency.code, key)
    if configured is not None:
        fields["computation"] = configured.computation
        fields["population"] = configured.population
    card, _created = IndicatorCard.objects.update_or_create(
        agency=agency,
        key=key,
        defaults={**fields, "document": document, "source_line": source_line},
    )
    return card


@service
def indicator_result_upsert(
    *,
    card: IndicatorCard,
    year: int,
    value: Decimal,
    document: SourceDocument | None = None,
    source_table: str = "",
    source_row: int | None = None,
    source_line: int | None = None,
    actor: Actor,
) -> IndicatorResult:
    """Record ``card``'s result for ``year`` and where it was published."""
    require(actor, Action.CAPTURE, card.agency)
    result, _created = IndicatorResult.objects.update_or_create(
        card=card,
        year=year,
        quarter=None,
        municipality=None,
        region=None,
        defaults={
            "value": value,
            "document": document,
            "source_table": source_table,
            "source_row": source_row,
            "source_line": source_line,
        },
    )
    return result


# Bounds of a captured figure: a count or a percentage (which may pass 100:
# "375.45%" in the CECOP report), with the four decimals the results keep.
VALUE_MAX = Decimal("1000000000000")
FOUR_PLACES = Decimal("0.0001")
NOTE_MAX = 2_000


@dataclass(frozen=True)
class Period:
    """A result's period and place: a year or a quarter; the state or a place."""

    year: int
    quarter: int | None = None
    municipality: Municipality | None = None
    region: Region | None = None


def _period_checked(card: IndicatorCard, period: Period) -> None:
    """Refuse a period the card does not measure, or one not yet begun."""
    if period.quarter is not None and not 1 <= period.quarter <= 4:
        raise refusal(
            _("El trimestre va de 1 a 4."), "quarter_out_of_bounds", "quarter"
        )
    today = timezone.localdate()
    if not card.baseline_year < period.year <= today.year:
        raise refusal(
            _("El año va de %(first)s a %(last)s.")
            % {"first": card.baseline_year + 1, "last": today.year},
            "year_out_of_bounds",
            "year",
        )
    current = (today.year, (today.month - 1) // 3 + 1)
    if period.quarter is not None and (period.year, period.quarter) > current:
        raise refusal(
            _("El trimestre todavía no empieza."), "quarter_not_begun", "quarter"
        )
    if period.quarter is not None and not measured_within_the_year(card.frequency):
        raise refusal(
            _(
                "La cédula se mide «%(frequency)s»: sus resultados son anuales, "
                "no por trimestre."
            )
            % {"frequency": card.frequency or _("una vez al año")},
            "yearly_card",
            "quarter",
        )
    if period.municipality is not None and period.region is not None:
        raise refusal(
            _("Elija un municipio o una región, no los dos."), "two_places", "place"
        )


def _value_checked(value: Decimal) -> Decimal:
    if not value.is_finite() or not Decimal(0) <= value <= VALUE_MAX:
        raise refusal(
            _("El resultado va de 0 a %(max)s.") % {"max": f"{VALUE_MAX:,}"},
            "value_out_of_bounds",
            "value",
        )
    if value != value.quantize(FOUR_PLACES):
        raise refusal(
            _("El resultado admite hasta cuatro decimales."),
            "value_too_precise",
            "value",
        )
    return value


@service
def indicator_result_capture(
    *,
    card: IndicatorCard,
    period: Period,
    value: Decimal,
    note: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> IndicatorResult:
    """Capture ``card``'s result for ``period``; it waits for approval.

    A result already published for the same period and place is not
    replaced here: the published figure stays as its source says.
    """
    require(actor, Action.CAPTURE, card.agency)
    capturer = person(actor)
    if capturer is None:
        raise ValueError("a result captured on the site names the person")
    _period_checked(card, period)
    value = _value_checked(value)
    if len(note) > NOTE_MAX:
        raise refusal(
            _("Las observaciones admiten hasta %(max)s caracteres.")
            % {"max": NOTE_MAX},
            "note_too_long",
            "note",
        )
    key: dict[str, Any] = {
        "card": card,
        "year": period.year,
        "quarter": period.quarter,
        "municipality": period.municipality,
        "region": period.region,
    }
    existing = IndicatorResult.objects.select_for_update().filter(**key).first()
    if existing is not None and existing.status == ResultStatus.APPROVED:
        raise refusal(
            _("Ese periodo y lugar ya tienen un resultado publicado (%(value)s).")
            % {"value": existing.value},
            "result_published",
        )
    result, _created = IndicatorResult.objects.update_or_create(
        **key,
        defaults={
            "value": value,
            "note": note.strip(),
            "status": ResultStatus.CAPTURED,
            "captured_by": capturer,
            "captured_at": timezone.now(),
            "is_demo": is_demo,
        },
    )
    return result


# ------------------------------------------------------- cards on the site

NAME_MAX = 1_000
TEXT_MAX = 4_000
SHORT_MAX = 300


def _card_checked(definition: CardDefinition) -> None:
    """Refuse what a card may not hold: the form's own bounds, kept here too."""
    texts = asdict(definition)
    for name in ("name", "objective", "indicator_objective", "method", "frequency"):
        if not str(texts[name]).strip():
            raise refusal(_("Este campo es obligatorio."), f"{name}_required", name)
    for name in ("responsible_unit", "executing_unit", "source", "unit_of_measure"):
        if len(texts[name]) > SHORT_MAX:
            raise refusal(
                _("Admite hasta %(most)s caracteres.") % {"most": SHORT_MAX},
                f"{name}_length",
                name,
            )
    for name in ("baseline_year", "goal_year"):
        if not YEAR_MIN <= texts[name] <= YEAR_MAX:
            raise refusal(
                _("El año debe estar entre %(least)s y %(most)s.")
                % {"least": YEAR_MIN, "most": YEAR_MAX},
                f"{name}_range",
                name,
            )
    if definition.goal_year < definition.baseline_year:
        raise refusal(
            _("El año de la meta no puede ser anterior al de la línea base."),
            "goal_before_baseline",
            "goal_year",
        )
    for name in ("baseline_value", "goal_value"):
        if abs(texts[name]) >= VALUE_MAX:
            raise refusal(_("El valor está fuera de rango."), f"{name}_range", name)


def _card_fields(definition: CardDefinition) -> dict[str, Any]:
    fields = asdict(definition)
    fields["direction"] = definition.direction.value
    for name in ("baseline_value", "goal_value"):
        fields[name] = fields[name].quantize(FOUR_PLACES)
    return fields


# The plan elements one card may serve at most.
ALIGNMENTS_MOST = 20


def _aligned(card: IndicatorCard, elements: Sequence[PlanElement]) -> None:
    """Set the plan elements ``card`` serves: only the instance's own plans'
    and the goals of the Agenda 2030, at most ``ALIGNMENTS_MOST``."""
    wanted = {element.pk for element in elements}
    if len(wanted) > ALIGNMENTS_MOST:
        raise refusal(
            _("Un indicador se alinea a %(most)s elementos de plan como máximo.")
            % {"most": ALIGNMENTS_MOST},
            "alignments_too_many",
            "plan_elements",
        )
    allowed = set(
        plan_elements_alignable().filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise refusal(
            _("Ese elemento no es de un plan de esta plataforma."),
            "alignment_elsewhere",
            "plan_elements",
        )
    card.alignments.exclude(element_id__in=wanted).delete()
    have = set(card.alignments.values_list("element_id", flat=True))
    IndicatorAlignment.objects.bulk_create(
        IndicatorAlignment(card=card, element_id=pk) for pk in sorted(wanted - have)
    )


@service
def indicator_card_define(
    *,
    agency: Agency,
    definition: CardDefinition,
    elements: Sequence[PlanElement] = (),
    actor: Actor,
) -> IndicatorCard:
    """Create ``agency``'s card on the site; its key is its name, as printed ones."""
    require(actor, Action.VALIDATE, agency)
    _card_checked(definition)
    fields = _card_fields(definition)
    fields["key"] = normalize_key(definition.name)[:400]
    if IndicatorCard.objects.filter(agency=agency, key=fields["key"]).exists():
        raise refusal(
            _("%(agency)s ya tiene un indicador con ese nombre.")
            % {"agency": agency.name},
            "card_exists",
            "name",
        )
    card = IndicatorCard.objects.create(agency=agency, **fields)
    _aligned(card, elements)
    return card


@service
def indicator_card_edit(
    *,
    card: IndicatorCard,
    definition: CardDefinition,
    elements: Sequence[PlanElement] | None = None,
    actor: Actor,
) -> IndicatorCard:
    """Change a card's fields; its earlier versions stay in the audit history."""
    card = IndicatorCard.objects.select_for_update().get(pk=card.pk)
    require(actor, Action.VALIDATE, card.agency)
    if card.retired_at is not None:
        raise refusal(_("Una cédula retirada ya no se edita."), "card_retired")
    _card_checked(definition)
    fields = _card_fields(definition)
    key = normalize_key(definition.name)[:400]
    clash = IndicatorCard.objects.filter(agency=card.agency, key=key).exclude(
        pk=card.pk
    )
    if clash.exists():
        raise refusal(
            _("%(agency)s ya tiene un indicador con ese nombre.")
            % {"agency": card.agency.name},
            "card_exists",
            "name",
        )
    fields["key"] = key
    for name, value in fields.items():
        setattr(card, name, value)
    card.save()
    if elements is not None:
        _aligned(card, elements)
    return card


def indicator_card_retire(*, card: IndicatorCard, reason: str, actor: Actor) -> None:
    """Retire a card that is no longer measured, saying why (kept in the history)."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > NOTE_MAX:
        raise refusal(
            _("Escriba el motivo, de hasta %(most)s caracteres.") % {"most": NOTE_MAX},
            "reason_required",
            "reason",
        )
    with transaction.atomic():
        card = IndicatorCard.objects.select_for_update().get(pk=card.pk)
        require(actor, Action.VALIDATE, card.agency)
        if card.retired_at is not None:
            raise refusal(_("La cédula ya estaba retirada."), "card_retired")
        card.retired_at = timezone.now()
        with audited(actor, "indicator_card_retire", reason=reason):
            card.save(update_fields=["retired_at"])


# ------------------------------------------------ evaluations and their ASM

TITLE_MAX = 300


def _text_checked(value: str, *, field: str, most: int) -> str:
    text = value.strip()
    if not text or len(text) > most:
        raise refusal(
            _("Escriba este dato, de hasta %(most)s caracteres.") % {"most": most},
            f"{field}_length",
            field,
        )
    return text


@service
def evaluation_record(
    *,
    agency: Agency,
    title: str,
    year: int,
    evaluator: str,
    report_url: str = "",
    card: IndicatorCard | None = None,
    actor: Actor,
) -> Evaluation:
    """Record an evaluation of ``agency``'s program or indicators."""
    require(actor, Action.VALIDATE, agency)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise refusal(
            _("El año debe estar entre %(least)s y %(most)s.")
            % {"least": YEAR_MIN, "most": YEAR_MAX},
            "year_range",
            "year",
        )
    if card is not None and card.agency_id != agency.pk:
        raise refusal(
            _("El indicador evaluado debe ser de la dependencia evaluada."),
            "card_agency",
            "card",
        )
    return Evaluation.objects.create(
        agency=agency,
        title=_text_checked(title, field="title", most=TITLE_MAX),
        year=year,
        evaluator=_text_checked(evaluator, field="evaluator", most=SHORT_MAX),
        report_url=report_url.strip(),
        card=card,
    )


@service
def aspect_add(
    *,
    evaluation: Evaluation,
    description: str,
    responsible: str,
    due_on: date,
    actor: Actor,
) -> ImprovementAspect:
    """Record an "aspecto susceptible de mejora" the evaluation found."""
    require(actor, Action.VALIDATE, evaluation)
    if not evaluation.year <= due_on.year <= evaluation.year + 5:
        raise refusal(
            _("La fecha compromiso cae entre %(first)s y %(last)s.")
            % {"first": evaluation.year, "last": evaluation.year + 5},
            "due_range",
            "due_on",
        )
    return ImprovementAspect.objects.create(
        evaluation=evaluation,
        description=_text_checked(description, field="description", most=TEXT_MAX),
        responsible=_text_checked(responsible, field="responsible", most=SHORT_MAX),
        due_on=due_on,
    )


@service
def aspect_progress(
    *, aspect: ImprovementAspect, progress: int, evidence: str, actor: Actor
) -> ImprovementAspect:
    """Record how far an aspect is attended, with its evidence."""
    aspect = (
        ImprovementAspect.objects.select_for_update()
        .select_related("evaluation")
        .get(pk=aspect.pk)
    )
    require(actor, Action.CAPTURE, aspect.evaluation)
    if not 0 <= progress <= 100:
        raise refusal(_("El avance va de 0 a 100 %."), "progress_range", "progress")
    if progress < aspect.progress:
        raise refusal(
            _("El avance no retrocede: ya se registró %(done)s %%.")
            % {"done": aspect.progress},
            "progress_back",
            "progress",
        )
    aspect.progress = progress
    aspect.evidence = _text_checked(evidence, field="evidence", most=TEXT_MAX)
    if aspect.attended and aspect.attended_on is None:
        aspect.attended_on = timezone.localdate()
    aspect.save()
    return aspect
