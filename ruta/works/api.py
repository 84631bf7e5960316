"""Works endpoints: the list with filters and pages, and one work's detail.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ruta.common.bounds import Code, SearchText, SmallNumber, Year
from ruta.common.text.figures import GroupFigure
from ruta.common.text.glossary import MoneyGroup
from ruta.common.web.pagination import KeysetPagination
from ruta.works.models import Work
from ruta.works.readmodels.detail import catalog_rows_attached, work_detail
from ruta.works.schemas import WorkDetailOut, WorkOut
from ruta.works.selectors import WorkFilters, work_list
from ruta.works.selectors.aggregates import (
    DIMENSIONS,
    MAX_DIMENSIONS,
    AggregateRow,
    works_aggregated,
)
from ruta.works.selectors.explore import sorted_from_matches

router = Router(tags=["works"])
# Newest year first, then folio: the order of the works' index.
PUBLISHED_ORDER = ("-fiscal_year_id", "public_id")
Dimension = Literal[
    "year",
    "program",
    "subprogram",
    "region",
    "municipality",
    "status",
    "agency",
    "source",
]


# A value outside these is refused by name (400), not answered with an empty
# list that looks like "no works".
Status = Literal[
    "",
    "proposed",
    "approved",
    "released",
    "contracted",
    "in_execution",
    "completed",
    "handed_over",
    "cancelled",
]
MunicipalityCode = Annotated[
    str,
    Field(
        max_length=5, pattern=r"^([0-9]{5})?$", description="INEGI code, five digits"
    ),
]


class PlaceAndProgramQuery(Schema):
    """The filters the list and the aggregates share."""

    year: Year | None = None
    program: Code = ""
    subprogram: Code = ""
    municipality: MunicipalityCode = ""
    region: SmallNumber | None = None
    status: Status = ""

    def filters(self, text: str = "") -> WorkFilters:
        """Return these filters as the selectors take them."""
        return WorkFilters(
            year=self.year,
            program=self.program,
            subprogram=self.subprogram,
            municipality=self.municipality,
            region=self.region,
            status=self.status,
            text=text,
        )


class WorkQuery(PlaceAndProgramQuery):
    q: SearchText = Field("", description="words of the title, folio or place")


def _few_matches(filters: WorkQuery, **_: Any) -> bool:
    return sorted_from_matches(filters.filters(text=filters.q))


@router.get("/", response=list[WorkOut])
@paginate(
    KeysetPagination,
    keys=PUBLISHED_ORDER,
    ready=catalog_rows_attached,
    matches_first=_few_matches,
)
def list_works(request: HttpRequest, filters: Query[WorkQuery]) -> QuerySet[Work]:
    """Return published works matching the filters, newest year first, then folio.

    Pages follow `next` (keyset): the last page costs what the first does.
    """
    # The catalog rows come from this process's memory, not joined.
    return work_list(filters=filters.filters(text=filters.q)).select_related(None)


class AggregateQuery(PlaceAndProgramQuery):
    by: list[Dimension] = Field(
        ...,
        min_length=1,
        max_length=MAX_DIMENSIONS,
        description="one to three of: " + ", ".join(DIMENSIONS),
    )


class PhaseSumOut(Schema):
    """One money group's works and their money (groups are never added together)."""

    works: int
    investment: Decimal

    @staticmethod
    def resolve_investment(figure: GroupFigure) -> Decimal:
        """The group's money, named as this answer has always named it."""
        return figure.amount


class WorksAggregateOut(Schema):
    keys: dict[str, Any] = Field(..., description="the group's value of each `by`")
    works: int
    investment: Decimal = Field(
        ...,
        description="every phase added, as registered: only `phases.invested` is "
        "money released",
    )
    beneficiaries: int | None = Field(
        None,
        description="the beneficiaries of the group's invested works (those of "
        "works not yet released, proposed or cancelled are not counted; one "
        "person may be counted in several works); null when grouped by funding "
        "source",
    )
    phases: dict[str, PhaseSumOut] = Field(
        ...,
        description="the group's works and money in each money phase: "
        + ", ".join(f"`{phase.value}` ({phase.label})" for phase in MoneyGroup),
    )


@router.get("/aggregates", response=list[WorksAggregateOut])
def aggregate_works(
    request: HttpRequest, query: Query[AggregateQuery]
) -> list[AggregateRow]:
    """Return published works grouped by up to three dimensions, with their sums.

    Prepared once per version of the data; grouped by `source`, the money is
    each funding source's share.
    """
    return works_aggregated(tuple(dict.fromkeys(query.by)), query.filters())


@router.get("/{public_id}", response=WorkDetailOut)
def get_work(request: HttpRequest, public_id: Code) -> dict[str, Any]:
    """Return one published work with its funding, progress and contracts."""
    try:
        # The read model (``python -m bench readmodels``; the detail's
        # throughput, ``python -m bench concurrency``).
        detail = work_detail(public_id=public_id)
    except Work.DoesNotExist as missing:
        raise Http404(f"No published work {public_id}") from missing
    return WorkDetailOut.data_of(detail)
