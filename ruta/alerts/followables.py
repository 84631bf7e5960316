"""Every kind of public thing that can be followed, declared once.

A ``Followable`` says how a key names a public record (its resolver
returns the canonical key and public name, or None when nothing public has
that key), where its page is, the word that names it in a WhatsApp message
("SEGUIR COMPROMISO 12") and what alerts it sends. The follow page, the
Atom feeds, the messaging keywords and the help text read this registry, so
a new kind is one registration here plus the ``EventSource`` that turns its
audit events into alerts (``sources.py``).

The domain apps do not import alerts: their pages name the follow page by
URL name and the kind's key (``alerts/_follow.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.alerts.models import TargetKind
from ruta.alerts.rules import search_key
from ruta.catalog.instance import instance
from ruta.grants.models import Call
from ruta.indicators.models import IndicatorCard
from ruta.opengov.models import Commitment, DraftRegulation
from ruta.programs.models import Goal, UnitProgram
from ruta.programs.models.status import PlanStatus
from ruta.works.models import Work, WorksProgram

Resolved = tuple[str, str]  # the canonical key and the public name


@dataclass(frozen=True)
class Followable:
    """A kind of public record people may follow, and how it is named."""

    kind: str
    word: str  # the messaging keyword after SEGUIR, upper case, no accents
    resolve: Callable[[str], Resolved | None]
    page_url: Callable[[str], str]
    alerts: str | Promise  # what a follower hears about, for the follow page


_FOLLOWABLES: dict[str, Followable] = {}


def followable_register(followable: Followable) -> None:
    """Declare ``followable`` (idempotent per kind)."""
    _FOLLOWABLES[followable.kind] = followable


def followable(kind: str) -> Followable | None:
    """Return the declared kind ``kind``, or None."""
    return _FOLLOWABLES.get(kind)


def followables() -> list[Followable]:
    """Return every declared kind, in the order they were declared."""
    return list(_FOLLOWABLES.values())


def keyword_words() -> dict[str, str]:
    """Return each messaging word and the kind it names."""
    return {item.word: item.kind for item in _FOLLOWABLES.values()}


def _int_key(key: str) -> int | None:
    """Return a numeric key as an int within PostgreSQL's integer, or None."""
    key = key.strip()
    if not key.isdigit() or len(key) > 9:
        return None
    return int(key)


# ------------------------------------------------------------- resolvers


def work_resolve(key: str) -> Resolved | None:
    """Return a published work by folio: an unpublished work is unknown."""
    work = Work.objects.published().filter(public_id=key.strip()).first()
    return (work.public_id, f"{work.public_id} · {work.title}") if work else None


def municipality_resolve(key: str) -> Resolved | None:
    """Return a municipality with a page on the instance by its INEGI code."""
    place = instance().municipalities().filter(code=key.strip()).first()
    return (place.code, place.name) if place else None


def program_resolve(key: str) -> Resolved | None:
    """Return a works program by its code."""
    program = WorksProgram.objects.filter(code=key.strip()).first()
    return (program.code, program.name) if program else None


def goal_resolve(key: str) -> Resolved | None:
    """Return a POA goal of an approved year's plan (what the public sees)."""
    ident = _int_key(key)
    goal = (
        Goal.objects.filter(
            pk=ident,
            unit_program__plan_status=PlanStatus.APPROVED,
            unit_program__in=UnitProgram.objects.here(),
        )
        .select_related("unit_program__program")
        .first()
        if ident
        else None
    )
    if goal is None:
        return None
    label = _("Meta %(number)s de %(program)s: %(goal)s") % {
        "number": goal.number,
        "program": goal.unit_program.program.name,
        "goal": goal.description,
    }
    return str(goal.pk), label[:400]


def indicator_resolve(key: str) -> Resolved | None:
    """Return an indicator card the instance publishes by its number."""
    ident = _int_key(key)
    card = IndicatorCard.objects.here().filter(pk=ident).first() if ident else None
    return (str(card.pk), card.name[:400]) if card else None


def commitment_resolve(key: str) -> Resolved | None:
    """Return an open-government commitment the instance publishes by its
    number in the platform."""
    ident = _int_key(key)
    commitments = Commitment.objects.here()
    commitment = commitments.filter(pk=ident).first() if ident else None
    return (str(commitment.pk), commitment.name[:400]) if commitment else None


def call_resolve(key: str) -> Resolved | None:
    """Return a published call for grants by its code."""
    call = Call.objects.published().here().filter(code=key.strip().lower()).first()
    return (call.code, call.title) if call else None


def consultation_resolve(key: str) -> Resolved | None:
    """Return a draft regulation under (or after) public consultation."""
    draft = DraftRegulation.objects.here().filter(slug=key.strip().lower()).first()
    return (draft.slug, draft.title) if draft else None


# ------------------------------------------------------------- pages


def goal_page(key: str) -> str:
    """Return the goal's place on its unit's page."""
    ident = _int_key(key)
    goal = Goal.objects.filter(pk=ident).first() if ident else None
    if goal is None:
        return reverse("programs:index")
    return reverse("programs:unit", args=[goal.unit_program_id]) + (
        f"#meta-{goal.number}"
    )


def commitment_page(key: str) -> str:
    """Return the commitment's page."""
    ident = _int_key(key)
    found = (
        Commitment.objects.filter(pk=ident).select_related("plan").first()
        if ident
        else None
    )
    return found.get_absolute_url() if found else reverse("opengov:plans")


def program_page(key: str) -> str:
    """Return the explorer filtered by the works program."""
    return reverse("works:list") + "?" + search_key([("program", key)], {"program"})


FOLLOWABLES = (
    Followable(
        TargetKind.WORK,
        "OBRA",
        work_resolve,
        lambda key: reverse("works:detail", args=[key]),
        _("cambios de estado, avances, pagos, documentos y si se atrasa"),
    ),
    Followable(
        TargetKind.MUNICIPALITY,
        "MUNICIPIO",
        municipality_resolve,
        lambda key: reverse("portal:municipality", args=[key]),
        _("los cambios de todas las obras publicadas del municipio"),
    ),
    Followable(
        TargetKind.PROGRAM,
        "PROGRAMA",
        program_resolve,
        program_page,
        _("los cambios de todas las obras publicadas del programa"),
    ),
    Followable(
        TargetKind.GOAL,
        "META",
        goal_resolve,
        goal_page,
        _("cada trimestre aprobado de la meta: lo programado y lo alcanzado"),
    ),
    Followable(
        TargetKind.INDICATOR,
        "INDICADOR",
        indicator_resolve,
        lambda key: reverse("indicators:list") + f"#indicador-{key}",
        _("cada resultado publicado del indicador"),
    ),
    Followable(
        TargetKind.COMMITMENT,
        "COMPROMISO",
        commitment_resolve,
        commitment_page,
        _("cada informe de avance publicado del compromiso"),
    ),
    Followable(
        TargetKind.CALL,
        "CONVOCATORIA",
        call_resolve,
        lambda key: reverse("grants:call", args=[key]),
        _("la publicación de la convocatoria y cada fallo (resultados)"),
    ),
    Followable(
        TargetKind.CONSULTATION,
        "CONSULTA",
        consultation_resolve,
        lambda key: reverse("opengov:draft", args=[key]),
        _("cada versión nueva del anteproyecto y el cierre de la consulta"),
    ),
)
