"""Summary rows of the works, kept by the database as works change.

A public page's years, filter choices and totals, the API's aggregates and
the home page's groupings are sums over every work. Built per request (or
per data version, by whoever reads first after a change) they grow with the
table: a GROUP BY over a million works takes seconds. These two tables hold
the same sums already grouped by everything those readers filter or group
by (year, program, subprogram, executing agency, municipality, state,
status, demonstration or not, published or not), so a read sums a few
hundred or thousand rows through an index, at any size of the works table.

They are derived, never typed: statement-level triggers on the works and
funding tables (migration ``works.0021``) add what a statement's new rows
bring and subtract what its old rows took, through the statement's
transition tables, so every path that writes works (a desk save, an
import's ``INSERT … SELECT``, raw SQL) keeps them, at one grouped upsert
per statement. ``works.selectors.summary`` reads them; its
``summary_drift`` compares them with a fresh GROUP BY (the tests hold it
at nothing after every kind of write).

The foreign keys carry no database constraint: a summary row is a sum, not
a record, and the triggers order their upserts by key so that two writers
touching the same groups lock them in the same order.
"""

from __future__ import annotations

from django.db import models

from ruta.common.fields import MoneyField

# The columns a summary row is grouped by, as named on a work.
SUMMARY_DIMENSIONS = (
    "fiscal_year",
    "program",
    "subprogram",
    "executing_agency",
    "municipality",
    "state",
    "status",
    "is_demo",
    "published",
)


def _key(model: str, related: str = "+", *, null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name=related,
        null=null,
    )


class WorkSummary(models.Model):
    """The works of one group: how many, their investment and beneficiaries."""

    fiscal_year = _key("catalog.FiscalYear")
    program = _key("works.WorksProgram")
    subprogram = _key("works.Subprogram")
    executing_agency = _key("catalog.Agency")
    municipality = _key("catalog.Municipality", null=True)
    state = _key("catalog.State", null=True)
    status = models.CharField(max_length=20)
    is_demo = models.BooleanField()
    published = models.BooleanField()
    works = models.BigIntegerField()
    investment = MoneyField()
    beneficiaries = models.BigIntegerField()
    # The budget's phases of the group's works (``works.models.phases``),
    # and how many of them were paid above their modified.
    approved = MoneyField(default=0)
    modified = MoneyField(default=0)
    paid = MoneyField(default=0)
    overspent = MoneyField(default=0)
    overspent_works = models.BigIntegerField(default=0)
    # The group's works without coordinates: the map counts a selection's
    # from these rows, not from the works of a state that mostly has none.
    unlocated = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=SUMMARY_DIMENSIONS,
                name="work_summary_group",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id} {self.status}: {self.works}"


class FundingSummary(models.Model):
    """One funding source's money in one group of works.

    ``works`` counts the group's works with a positive amount of the source,
    as the aggregates by source count them.
    """

    fiscal_year = _key("catalog.FiscalYear")
    program = _key("works.WorksProgram")
    subprogram = _key("works.Subprogram")
    executing_agency = _key("catalog.Agency")
    municipality = _key("catalog.Municipality", null=True)
    state = _key("catalog.State", null=True)
    status = models.CharField(max_length=20)
    is_demo = models.BooleanField()
    published = models.BooleanField()
    source = models.CharField(max_length=20)
    works = models.BigIntegerField()
    amount = MoneyField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[*SUMMARY_DIMENSIONS, "source"],
                name="funding_summary_group",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id} {self.source}: {self.amount}"


class WorkReached(models.Model):
    """When one work first took an approved and a released status.

    Kept by the triggers of ``works.0025`` from the work's row and its status
    history (``works_workevent``), as ``WorkQuerySet.reached_by`` reads them:
    an event is dated by the file it came from (``as_of``) or else by when it
    was recorded. ``approved`` and ``released`` are marks, not dates: the
    earliest such date turned into an instant that compares with the end of
    any quarter's last day in any time zone as the date itself would
    (``works.selectors.reached``). Null: never reached.

    One row per work: the sums are kept from it (the row a work had is what
    a change subtracts) and a committee is paired with its work's row. No
    page reads it whole.
    """

    work = models.OneToOneField(
        "works.Work",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="reached",
    )
    fiscal_year = _key("catalog.FiscalYear")
    program = _key("works.WorksProgram")
    municipality = _key("catalog.Municipality", null=True)
    status = models.CharField(max_length=20)
    approved = models.DateTimeField(null=True)
    released = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.work_id}: {self.approved} {self.released}"


# The columns a reached summary row is grouped by, as named on ``WorkReached``.
REACHED_DIMENSIONS = (
    "fiscal_year",
    "program",
    "municipality",
    "status",
    "approved",
    "released",
)


class ReachedSummary(models.Model):
    """How many works of one group first reached approval and release at a mark.

    The indicators' figures by year, quarter and place (works approved and
    released by a quarter's end, their committees) read these rows: a few
    per program, place and quarter whatever the number of works.
    """

    fiscal_year = _key("catalog.FiscalYear")
    program = _key("works.WorksProgram")
    municipality = _key("catalog.Municipality", null=True)
    status = models.CharField(max_length=20)
    approved = models.DateTimeField(null=True)
    released = models.DateTimeField(null=True)
    works = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=REACHED_DIMENSIONS,
                name="reached_summary_group",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id} {self.status}: {self.works}"


class SelectionTotals(models.Model):
    """The totals of a selection the summary rows cannot answer, summed by the queue.

    A selection by words, a funding source, an amount range, a contractor
    or delay is summed from its works; past a few thousand of them that
    takes longer than a page may (seconds for a word in every one of a
    million works), so ``ruta worker`` sums it (``works.tasks``) and keeps
    the figures here, under the data version it read them at: every process
    and machine reads them, one row by its key. A new version is a new key;
    the rows of older ones are deleted as new ones are written. ``figures``
    holds numbers only (as ``works.selectors.explore`` reads them), so the
    same row answers every language.
    """

    unversioned_reason = "sums of public data at one data version, named by it"

    selection = models.CharField(max_length=64)
    version = models.CharField(max_length=100)
    figures = models.JSONField()
    summed = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "version"], name="selection_totals_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.selection} at {self.version}"
