"""A work's budget phases (approved, modified, paid), kept on its row.

The budget page adds up, per agency and program, what each published work
of a year had approved, modified and paid, and lists the works paid above
their modified. A work's phases come from the latest published file that
lists it (the federal Obra Pública Abierta lists print APROBADO, MODIFICADO
and EJERCIDO) or, for what no file prints, from the work itself: its total
investment is what was approved, the modified adds the budget modifications
approved on the site, and what was paid is the cumulative amount of its
latest progress entry.

Read from those tables, the page looked each work of the year up three
times (guarded by ``python -m bench first-reader``). The inputs are kept
on the work's row instead, in columns ``Work`` does not declare (``works``
migration 0036; ``WorkPhaseInputs`` declares them apart): a desk save of a
work loaded before a progress entry was recorded must not write an old
figure back over the new one, and the audit history copies what the
application wrote, not what the database derived. Statement-level triggers keep them:

- ``published_approved``, ``published_modified``, ``published_paid``: the
  figures of the work's latest publication (by the file's date, then the
  latest document), as a works import writes them with the work's values;
  the trigger on publications checks every other path;
- ``modifications_approved``: the sum of its approved budget modifications;
- ``progress_paid``: the amount paid of its latest progress entry.

The summary rows (``WorkSummary``) sum the phases below per group, so the
budget's lines are a sum of a few hundred rows at any size.
"""

from __future__ import annotations

from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from ruta.common.fields import MoneyField
from ruta.works.models.work import Work

# The inputs, as the works table names them (``WorkPhaseInputs`` declares them).
INPUTS = (
    "published_approved",
    "published_modified",
    "published_paid",
    "modifications_approved",
    "progress_paid",
)
# Each phase of a work, as SQL over its row; ``{w}`` is the row's alias and
# a dot, or nothing. The migration that keeps them (works 0036) spells the
# same text, as a migration must; ``summary_drift`` sums these over the
# inputs read afresh and compares them with what the triggers kept.
PHASES = {
    "approved": "coalesce({w}published_approved, {w}total_investment)",
    "modified": (
        "coalesce({w}published_modified, "
        "{w}total_investment + {w}modifications_approved)"
    ),
    "paid": "coalesce({w}published_paid, {w}progress_paid, 0)",
}
PHASES["overspent"] = f"greatest({PHASES['paid']} - {PHASES['modified']}, 0)"


# The kept inputs' width (works migration 0036), narrower than MoneyField's.
PHASE_DIGITS = 16


class WorkPhaseInputs(models.Model):
    """The inputs the triggers keep on a work's row, declared where readers look.

    The works table itself, as an unmanaged model: a reader of
    ``works/models/`` sees every column of the table, while ``Work.save``
    never writes these (they are not ``Work``'s fields) and no migration of
    this model creates or alters them (works migration 0036 does). Nothing
    in the application writes through it; ``phase_input`` reads them.
    """

    work = models.OneToOneField(
        Work,
        primary_key=True,
        db_column="id",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="phase_inputs",
        editable=False,
    )
    published_approved = MoneyField(max_digits=PHASE_DIGITS, null=True, editable=False)
    published_modified = MoneyField(max_digits=PHASE_DIGITS, null=True, editable=False)
    published_paid = MoneyField(max_digits=PHASE_DIGITS, null=True, editable=False)
    modifications_approved = MoneyField(
        max_digits=PHASE_DIGITS, default=0, editable=False
    )
    # Narrower than the others, as the progress table's amount it copies.
    progress_paid = MoneyField(max_digits=14, null=True, editable=False)

    class Meta:
        managed = False
        db_table = "works_work"
        verbose_name = _("entradas de las fases de una obra")
        verbose_name_plural = _("entradas de las fases de las obras")

    def __str__(self) -> str:
        return f"Fases de la obra {self.work_id}"


def phase_sql(name: str, alias: str = "") -> str:
    """Return phase ``name`` of the work row ``alias`` (none: unqualified) as SQL."""
    return PHASES[name].format(w=f"{alias}." if alias else "")


def phase_input(name: str) -> RawSQL:
    """Return input ``name`` of the works table's row, for a queryset of works.

    The latest file's figures and the latest progress's amount paid, which
    a reader would otherwise look up per work.
    """
    if name not in INPUTS:
        raise ValueError(f"{name!r} is not a kept input of a work's phases")
    money = MoneyField()
    column = f"{Work._meta.db_table}.{name}"
    return RawSQL(column, (), output_field=money)  # noqa: S611 - a name above
