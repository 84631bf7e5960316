"""A public work (obra pública) and its lifecycle status."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import models
from django.db.models.functions import Concat, Upper
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.catalog.models import Municipality
from ruta.common.audit.history import history_of, track_keys_unindexed
from ruta.common.audit.kept import Kept
from ruta.common.fields import MoneyField
from ruta.common.text.glossary import MoneyGroup
from ruta.common.text.money import ExactJSONDecoder, ExactJSONEncoder
from ruta.common.text.search import (
    fold,
    folded,
    spanish_prefix_query,
    spanish_query,
    spanish_vector,
)

if TYPE_CHECKING:
    from ruta.accounts.permissions import Scope
    from ruta.catalog.models import Region


class WorkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Propuesta")
    APPROVED = "approved", _("Aprobada")
    RELEASED = "released", _("Recursos liberados")
    CONTRACTED = "contracted", _("Contratada")
    IN_EXECUTION = "in_execution", _("En ejecución")
    COMPLETED = "completed", _("Terminada")
    HANDED_OVER = "handed_over", _("Entregada")
    CANCELLED = "cancelled", _("Cancelada")


class WorkOrigin(models.TextChoices):
    """Where a work's record comes from, so pages can say which are real."""

    CAPTURED = "captured", _("Capturada en la plataforma")
    FEDERAL_OPA = "federal-opa", _("Registro federal (Obra Pública Abierta, SHCP)")
    AGENCY_FILE = "agency-file", _("Archivo publicado por la dependencia")


# Works whose funds were released: what the annual report counts as "obras
# realizadas" and adds up as investment.
REALIZED_STATUSES = (
    WorkStatus.RELEASED,
    WorkStatus.CONTRACTED,
    WorkStatus.IN_EXECUTION,
    WorkStatus.COMPLETED,
    WorkStatus.HANDED_OVER,
)
# Statuses a work takes once approved (cancellation aside): a work that
# ever took one was approved, as one that ever took a realized one had its
# funds released (``WorkQuerySet.ever_reached``, ``WorkReached``).
APPROVED_STATUSES = (WorkStatus.APPROVED, *REALIZED_STATUSES)
# Statuses a work never leaves: nothing about it changes any more.
FINAL_STATUSES = frozenset({WorkStatus.HANDED_OVER, WorkStatus.CANCELLED})


# Each money group's statuses (``ruta.common.text.glossary.MoneyGroup``): every
# status is in exactly one group. Invested is money released (the report's
# "obras realizadas"); the money of works not yet released, proposed or
# cancelled is not investment, and is shown beside it, never added to it.
GROUP_STATUSES: dict[str, tuple[str, ...]] = {
    MoneyGroup.INVESTED: REALIZED_STATUSES,
    MoneyGroup.PENDING_RELEASE: (WorkStatus.APPROVED,),
    MoneyGroup.PROPOSED: (WorkStatus.PROPOSED,),
    MoneyGroup.CANCELLED: (WorkStatus.CANCELLED,),
}


# Each status's group, looked up once: a map's thousands of points each
# searched the groups and built the enum (guarded by ``python -m bench map``).
_STATUS_GROUP: dict[str, MoneyGroup] = {
    str(status): MoneyGroup(group)
    for group, statuses in GROUP_STATUSES.items()
    for status in statuses
}


def group_of(status: str) -> MoneyGroup:
    """Return the money group of a work in ``status``."""
    return _STATUS_GROUP[status]


def beneficiaries_sum() -> models.Sum:
    """Return the sum of beneficiaries as every figure gives it: of the works
    whose money is invested (``ruta.common.text.glossary.BENEFICIARIES``)."""
    invested = models.Q(status__in=GROUP_STATUSES[MoneyGroup.INVESTED])
    return models.Sum("beneficiaries", filter=invested)


def _search_text() -> Concat:
    """Return title, locality and description, as one text."""
    return Concat(
        "title",
        models.Value(" "),
        "locality",
        models.Value(" "),
        "description",
        output_field=models.TextField(),
    )


# A search naming more places than this is not about a place.
PLACES_MAX = 100


def instance_condition(prefix: str = "") -> models.Q:
    """Return the condition of works the instance covers (``Instance.covers_work``).

    A state's instance covers the works located in it, federal ones
    included; a municipality's, also the works its own agencies run; a
    national instance covers every work. Imports keep every row whatever
    the instance; what is read is scoped.
    """
    return instance().covers_work(prefix)


def published_condition(prefix: str = "") -> models.Q:
    """Return the condition of works the public sees: approved and covered.

    Every public read of works, and of the records hanging from them
    (contracts, reports, alerts), goes through this condition.
    """
    return models.Q(**{f"{prefix}published_at__isnull": False}) & instance_condition(
        prefix
    )


class WorkQuerySet(models.QuerySet["Work"]):
    def published(self) -> WorkQuerySet:
        """Return works a validator has approved that this instance covers.

        That is what the public sees: on a state's instance, the works
        located in the state (``instance_condition``).
        """
        return self.filter(published_condition())

    def in_instance(self) -> WorkQuerySet:
        """Return the works this instance covers, published or not."""
        return self.filter(instance_condition())

    def realized(self) -> WorkQuerySet:
        """Return works whose funds were released (the report's "obras realizadas")."""
        return self.filter(status__in=REALIZED_STATUSES)

    def in_region(self, region: Region | int) -> WorkQuerySet:
        """Return works in a municipality of ``region`` (a Region or its id)."""
        return self.filter(municipality__region=region)

    def of_year(self, year: int) -> WorkQuerySet:
        """Return works of fiscal year ``year``."""
        return self.filter(fiscal_year_id=year)

    def of_program(self, code: str) -> WorkQuerySet:
        """Return works of the program with code ``code``."""
        return self.filter(program__code=code)

    def of_delivery(self, delivery: str) -> WorkQuerySet:
        """Return works of programs delivered as ``delivery`` (all when blank)."""
        return self.filter(program__delivery=delivery) if delivery else self

    def needing_committee(self) -> WorkQuerySet:
        """Return works of programs whose every work has a citizens' committee."""
        return self.filter(program__committee_required=True)

    def ever_reached(self, statuses: Iterable[str]) -> WorkQuerySet:
        """Return works whose status history holds any of ``statuses``.

        The history is the audit trail's record of every status a work took,
        so a work approved and later cancelled still counts as approved.
        """
        statuses = list(statuses)
        reached = history_of(self.model)._default_manager.filter(
            pgh_obj_id=models.OuterRef("pk"), status__in=statuses
        )
        return self.filter(models.Q(status__in=statuses) | models.Exists(reached))

    def reached_by(self, statuses: Iterable[str], day: date) -> WorkQuerySet:
        """Return works that took any of ``statuses`` on or before ``day``.

        Read from the status history as its pages date it
        (``works.selectors.route.status_timeline``): an event that carries
        the date its file or plan speaks for (``as_of``) is dated by it, any
        other by when it was recorded. A scan of the works and their history:
        pages read the same counts at quarter ends from ``ReachedSummary``.
        """
        statuses = list(statuses)
        dated = models.Q(as_of__lte=day)
        history = history_of(self.model)._default_manager.filter(
            dated | models.Q(as_of__isnull=True, pgh_created_at__date__lte=day),
            pgh_obj_id=models.OuterRef("pk"),
            status__in=statuses,
        )
        current = models.Q(status__in=statuses) & (
            dated | models.Q(as_of__isnull=True, created__date__lte=day)
        )
        return self.filter(current | models.Exists(history))

    def demo(self) -> WorkQuerySet:
        """Return the generated demonstration works."""
        return self.filter(is_demo=True)

    def search(self, text: str) -> WorkQuerySet:
        """Return works whose title, place or municipality match ``text``.

        Accents and case are ignored ("alamos" finds "Álamos"). Full-text
        search first, on GIN-indexed vectors of the work and of its
        municipality, with web-search syntax ("calle -hidalgo", "a or b",
        quoted phrases). Only when that finds nothing (a word cut short, a
        piece of a word), words are matched as prefixes and the text as a
        substring of the folded columns (a scan: there is no trigram index
        without database extensions).
        """
        return self.filter(self.search_condition(text))

    def indexed_condition(self, query: SearchQuery) -> models.Q:
        """Return the works whose vector, or whose municipality's, matches ``query``.

        Read through indexes only (the site search reads no more): the
        matching municipalities first (a small table), then one condition
        per index of the works table, so PostgreSQL combines the GIN and the
        municipality indexes instead of scanning the join.
        """
        places = list(
            Municipality.objects.filter(search_vector=query).values_list(
                "pk", flat=True
            )[:PLACES_MAX]
        )
        return models.Q(search_vector=query) | models.Q(municipality_id__in=places)

    def search_condition(self, text: str) -> models.Q:
        """Return the condition ``search`` filters by, to combine with others.

        One condition on the works' own columns, so that PostgreSQL may
        combine their indexes, or read the list's order and stop at a page.
        """
        query = spanish_query(text)
        found = self.indexed_condition(query)
        if self.filter(found).exists():
            return found
        needle = fold(text.strip())
        partial = models.Q(search_folded__contains=needle) | models.Q(
            municipality__name_folded__contains=needle
        )
        prefixes = spanish_prefix_query(text)
        if prefixes is not None:
            partial |= models.Q(search_vector=prefixes) | models.Q(
                municipality__search_vector=prefixes
            )
        return partial


# A work a validator approved (or cancelled) is a decision on public money:
# only a proposal may be deleted; later, a cancellation records the reversal.
WORK_KEPT = Kept(
    "decided_work_kept",
    "status",
    tuple(status for status in WorkStatus if status != WorkStatus.PROPOSED),
)


# A folio the address pattern accepts, standing for each work's in ``work_urls``.
_FOLIO_MARK = "RUTAFOLIO0"


def work_urls(folios: Iterable[str]) -> list[str]:
    """Return each folio's work address, as ``Work.get_absolute_url`` gives it.

    Reversed once and filled in, not once a work: a map's thousands of
    points each built a work and reversed its address (guarded by ``make
    bench``'s home page).
    """
    head, tail = reverse("works:detail", kwargs={"public_id": _FOLIO_MARK}).split(
        _FOLIO_MARK
    )
    safe = RFC3986_SUBDELIMS + "/~:@"  # what ``reverse`` leaves unquoted
    return [f"{head}{quote(folio, safe=safe)}{tail}" for folio in folios]


# Its history is read by work, never by its year, program, agency or place.
# Events from before the funding lines were kept on the row hold no lines.
@track_keys_unindexed(
    exclude=["search_folded", "search_vector"],
    attrs={
        "funding_lines": models.JSONField(
            _("estructura financiera"),
            null=True,
            editable=False,
            decoder=ExactJSONDecoder,
            encoder=ExactJSONEncoder,
        )
    },
)
class Work(models.Model):
    """A public work; its region is derived from its municipality."""

    public_id = models.CharField(_("folio"), max_length=40, unique=True)
    fiscal_year = models.ForeignKey(
        "catalog.FiscalYear",
        on_delete=models.PROTECT,
        related_name="works",
        verbose_name=_("ejercicio fiscal"),
    )
    program = models.ForeignKey(
        "works.WorksProgram",
        on_delete=models.PROTECT,
        related_name="works",
        verbose_name=_("programa"),
    )
    subprogram = models.ForeignKey(
        "works.Subprogram",
        on_delete=models.PROTECT,
        related_name="works",
        verbose_name=_("subprograma"),
    )
    executing_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="executed_works",
        verbose_name=_("ejecutora"),
    )
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="works",
        verbose_name=_("municipio"),
        help_text=_("Vacío en obras de un estado entero, de varios o nacionales."),
    )
    state = models.ForeignKey(
        "catalog.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entidad federativa"),
        help_text=_("La entidad de una obra sin municipio; vacía si son varias."),
    )
    locality = models.CharField(_("localidad"), max_length=200, blank=True)
    title = models.CharField(_("nombre de la obra"), max_length=400)
    description = models.TextField(_("descripción"), blank=True)
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_approximate = models.BooleanField(
        _("ubicación aproximada"),
        default=False,
        db_default=False,
        help_text=_(
            "Las coordenadas son las de su localidad o municipio, no las del "
            "sitio de la obra."
        ),
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiarios"), default=0)
    total_investment = MoneyField(_("inversión total"))
    start_date = models.DateField(_("inicio"), null=True, blank=True)
    end_date = models.DateField(_("término"), null=True, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=20,
        choices=WorkStatus.choices,
        default=WorkStatus.PROPOSED,
    )
    published_at = models.DateTimeField(_("publicada"), null=True, blank=True)
    is_demo = models.BooleanField(_("datos de demostración"), default=False)
    origin = models.CharField(
        _("origen del registro"),
        max_length=20,
        choices=WorkOrigin.choices,
        default=WorkOrigin.CAPTURED,
    )
    as_of = models.DateField(
        _("vigente al"),
        null=True,
        blank=True,
        help_text=_(
            "Fecha del archivo publicado del que vienen los valores vigentes de "
            "una obra importada; un archivo anterior queda como historia."
        ),
    )
    # Its sources, written through ``Funding`` (a view over this column,
    # migration ``works.0037``) or by a works import, never by ``save``.
    funding_lines = models.JSONField(
        _("estructura financiera"),
        default=list,
        editable=False,
        decoder=ExactJSONDecoder,
        encoder=ExactJSONEncoder,
    )
    created = models.DateTimeField(_("creada"), auto_now_add=True)
    updated = models.DateTimeField(_("actualizada"), auto_now=True)
    search_folded = models.GeneratedField(
        # Title, locality and description folded as a query is, so a work is
        # found by any part of its title or place.
        expression=folded(_search_text()),
        output_field=models.TextField(),
        db_persist=True,
    )
    search_vector = models.GeneratedField(
        expression=spanish_vector(_search_text()),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = WorkQuerySet.as_manager()
    kept = WORK_KEPT

    class Meta:
        ordering = ["-fiscal_year", "public_id"]
        verbose_name = _("obra")
        verbose_name_plural = _("obras")
        indexes = [
            models.Index(
                fields=["fiscal_year", "program", "status"],
                name="work_year_program_status",
            ),
            # The works funded by a source (``funded_by``): each line's
            # source, fund and amount, hashed.
            GinIndex(
                fields=["funding_lines"],
                opclasses=["jsonb_path_ops"],
                name="work_funding_lines_paths",
            ),
            models.Index(
                fields=["municipality", "fiscal_year"], name="work_municipality_year"
            ),
            # The public list in its order, a page at a time, and the staff's
            # works still without a committee (not all of them published):
            # for those the list sorted a million works on disk (guarded by
            # ``make bench``'s reads at scale).
            models.Index(fields=["-fiscal_year", "public_id"], name="work_year_order"),
            # The capture desk's works, most recently changed first (sorted
            # whole without it).
            models.Index(
                fields=["-updated", "public_id"], name="work_recently_changed"
            ),
            # The explorer by amount, either way (the other by an incremental
            # sort of the ties), and an amount range: read from here instead
            # of every work of the selection (guarded by ``make bench``'s
            # explorer reads at scale).
            models.Index(
                fields=["-total_investment", "public_id"],
                condition=models.Q(published_at__isnull=False),
                name="work_published_amount",
            ),
            GinIndex(fields=["search_vector"], name="work_search"),
            # The map's points: the published works with coordinates in the
            # list's order, a bounded page of them read from here rather than
            # from every work of the selection (guarded by ``python -m bench
            # map``).
            models.Index(
                fields=["-fiscal_year", "public_id"],
                condition=models.Q(
                    published_at__isnull=False,
                    latitude__isnull=False,
                    longitude__isnull=False,
                ),
                name="work_published_located",
            ),
            # The map's rest: the published works without coordinates, counted
            # from here by year, place and status rather than from every work
            # of the selection (guarded by ``python -m bench map``).
            models.Index(
                fields=["fiscal_year", "municipality", "status"],
                condition=models.Q(published_at__isnull=False)
                & (models.Q(latitude__isnull=True) | models.Q(longitude__isnull=True)),
                name="work_published_unlocated",
            ),
            # A folio as a reader types it, in any case (a question, a
            # search): ``public_id__iexact`` read every work.
            models.Index(Upper("public_id"), name="work_folio_any_case"),
            # Whether any work is demonstration data (the works map says
            # so): read every work of an instance that has none.
            models.Index(
                fields=["id"], condition=models.Q(is_demo=True), name="work_demo"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_investment__gte=0),
                name="work_investment_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                | models.Q(latitude__isnull=True),
                name="work_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180)
                | models.Q(longitude__isnull=True),
                name="work_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="work_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=WorkStatus.values),
                name="work_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=WorkOrigin.values),
                name="work_origin_known",
            ),
            # Only a work imported from a published file may lack a
            # municipality: a federal project of a whole state or several.
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False)
                | ~models.Q(origin=WorkOrigin.CAPTURED),
                name="work_captured_has_municipality",
            ),
        ]
        triggers = [WORK_KEPT.trigger()]

    def __str__(self) -> str:
        return f"{self.public_id} · {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save the work, never its funding lines once it exists.

        They change through ``Funding`` (its view writes them on this row),
        so a work read before its funding changed must not write its old
        lines back.
        """
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                name for name, attname in _SAVED_FIELDS if attname not in deferred
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("works:detail", kwargs={"public_id": self.public_id})

    @property
    def region(self) -> Region | None:
        """Return the plan region of the work's municipality (never stored)."""
        return self.municipality.region if self.municipality else None

    @property
    def is_public(self) -> bool:
        """Return whether the public sees this work: ``published_condition``, one row.

        A work read by its unique folio is checked here with its municipality
        in hand instead of in its query, whose join to the municipalities for
        the instance's state cost more to build than the rest of the read.
        """
        if self.published_at is None:
            return False
        scope = instance()
        if scope.municipal:
            return scope.runs_work(self.municipality_id, self.executing_agency)
        code = scope.code
        if not code:
            return True
        municipality = self.municipality
        if municipality is not None:
            return municipality.state_id == code
        return self.state_id == code

    @property
    def is_federal_record(self) -> bool:
        """Return whether the work is a real federal record (OPA)."""
        return self.origin == WorkOrigin.FEDERAL_OPA

    def permission_scope(self) -> Scope:
        """Return the scope a role must cover to change this work."""
        from ruta.accounts.permissions import Scope

        return Scope(
            agency_id=self.executing_agency_id, municipality_id=self.municipality_id
        )


# What ``Work.save`` writes on a work that exists: all but its key, its
# funding lines and what the database generates.
_SAVED_FIELDS = tuple(
    (field.name, field.attname)
    for field in Work._meta.concrete_fields
    if not field.primary_key and not field.generated and field.name != "funding_lines"
)
