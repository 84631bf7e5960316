"""Each work's budget phases kept on its row, and summed with the summary rows.

The budget page read each published work of a year's latest publication,
approved modifications and latest progress (1.7-2.0 s for its first reader
at 200,000 works of a year). Their inputs are now columns of the works
table the ORM does not declare (``works.models.phases`` says why): the
latest publication's approved, modified and paid, the sum of the approved
budget modifications and the latest progress entry's amount paid, filled
here and kept by statement-level triggers on the three tables they come
from. The works' summary trigger adds each group's phases as it adds its
investment, so the budget's lines are a sum of summary rows; the works paid
above their modified are read, most first, from an index of them alone.

A works import writes the latest file's figures with the work's values;
the trigger on publications then finds nothing to change for those works
(one lookup per work it touched) and keeps every other path right.
"""

from importlib import import_module

from django.db import migrations, models

_0022 = import_module("ruta.works.migrations.0022_work_summary_triggers")
_0031 = import_module("ruta.works.migrations.0031_funding_summary_by_index")
GROUP, GROUP_OF = _0022.GROUP, _0022.GROUP_OF

# A work's phases over its row ``{w}`` (an alias and a dot): the text of
# ``works.models.phases.PHASES`` when this migration was written.
APPROVED = "coalesce({w}published_approved, {w}total_investment)"
MODIFIED = (
    "coalesce({w}published_modified, {w}total_investment + {w}modifications_approved)"
)
PAID = "coalesce({w}published_paid, {w}progress_paid, 0)"
OVERSPENT = f"greatest({PAID} - {MODIFIED}, 0)"


def _phase(text: str, alias: str) -> str:
    return text.format(w=f"{alias}." if alias else "")


# The inputs: nullable but for the modifications' sum (none approved: 0).
COLUMNS = """
ALTER TABLE works_work
    ADD COLUMN published_approved numeric(16, 2),
    ADD COLUMN published_modified numeric(16, 2),
    ADD COLUMN published_paid numeric(16, 2),
    ADD COLUMN modifications_approved numeric(16, 2) NOT NULL DEFAULT 0,
    ADD COLUMN progress_paid numeric(14, 2);
"""
NO_COLUMNS = """
ALTER TABLE works_work
    DROP COLUMN published_approved, DROP COLUMN published_modified,
    DROP COLUMN published_paid, DROP COLUMN modifications_approved,
    DROP COLUMN progress_paid;
"""

# Each input, from its table, for the works in ``{touched}`` (a relation
# with a ``work_id``): the columns it sets and the lateral lookup giving
# them, one work at a time through the table's index by work.
INPUTS = {
    "works_workpublication": (
        ("published_approved", "published_modified", "published_paid"),
        """LEFT JOIN LATERAL (
            SELECT f.approved, f.modified, f.paid FROM works_workpublication f
            WHERE f.work_id = t.work_id
            ORDER BY f.as_of DESC, f.document_id DESC LIMIT 1
        ) v ON true""",
        "v.approved, v.modified, v.paid",
    ),
    "works_budgetmodification": (
        ("modifications_approved",),
        """CROSS JOIN LATERAL (
            SELECT coalesce(sum(m.amount), 0) AS amount
            FROM works_budgetmodification m
            WHERE m.work_id = t.work_id AND m.status = 'approved'
        ) v""",
        "v.amount",
    ),
    "works_progress": (
        ("progress_paid",),
        """LEFT JOIN LATERAL (
            SELECT p.amount_paid FROM works_progress p
            WHERE p.work_id = t.work_id ORDER BY p.date DESC, p.id DESC LIMIT 1
        ) v ON true""",
        "v.amount_paid",
    ),
}


def _refresh(table: str, touched: str) -> str:
    """Return the UPDATE that sets ``table``'s inputs of the works ``touched``."""
    columns, lookup, values = INPUTS[table]
    names = ", ".join(columns)
    given = ", ".join(f"{column} = fresh.{column}" for column in columns)
    return f"""
        WITH fresh ({names}, work_id) AS (
            SELECT {values}, t.work_id FROM {touched} t {lookup}
        )
        UPDATE works_work w SET {given} FROM fresh
        WHERE w.id = fresh.work_id
          AND ({", ".join(f"w.{c}" for c in columns)})
              IS DISTINCT FROM ({", ".join(f"fresh.{c}" for c in columns)})"""


# A publication added with the figures its work keeps changes nothing,
# whether or not it is the latest: only the others' works are looked up. A
# works import writes the figures with the work, so its publications' works
# are read by key, never their publications.
_ADDED_APART = """(
            SELECT DISTINCT n.work_id FROM new_rows n
            JOIN works_work w ON w.id = n.work_id
            WHERE (n.approved, n.modified, n.paid) IS DISTINCT FROM
                (w.published_approved, w.published_modified, w.published_paid)
        )"""


def _function(table: str) -> str:
    return f"works_phases_{table.removeprefix('works_')}_changed"


def input_function(
    table: str, added_apart: str = _ADDED_APART, create: str = "CREATE"
) -> str:
    """Return the statement-level function keeping ``table``'s inputs.

    ``added_apart`` gives the works of publications added with other figures
    than their works keep (``works.0040`` gave another).
    """
    touched = """(
            SELECT work_id FROM %1$s AS added
            UNION SELECT work_id FROM %2$s AS taken
        )"""
    added = (
        f"""IF TG_OP = 'INSERT' THEN{_refresh(table, added_apart)};
        RETURN NULL;
    END IF;
    """
        if table == "works_workpublication"
        else ""
    )
    return f"""
{create} FUNCTION {_function(table)}() RETURNS trigger
SET jit = off SET enable_seqscan = off AS $fn$
DECLARE
    empty text := '(SELECT * FROM {table} WHERE false)';
    added text := CASE WHEN TG_OP = 'DELETE' THEN empty ELSE 'new_rows' END;
    taken text := CASE WHEN TG_OP = 'INSERT' THEN empty ELSE 'old_rows' END;
BEGIN
    {added}EXECUTE format($sql${_refresh(table, touched)}
    $sql$, added, taken);
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
"""


def _input_trigger(table: str) -> str:
    """Return the statement-level function and triggers keeping ``table``'s inputs."""
    function = _function(table)
    return f"""{input_function(table)}CREATE TRIGGER {table}_phases_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_phases_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_phases_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_phases_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION works_phases_emptied();
"""


EMPTIED = f"""
CREATE FUNCTION works_phases_emptied() RETURNS trigger AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'works_workpublication' THEN
        UPDATE works_work SET published_approved = NULL,
            published_modified = NULL, published_paid = NULL
        WHERE (published_approved, published_modified, published_paid)
            IS DISTINCT FROM (NULL, NULL, NULL);
    ELSIF TG_TABLE_NAME = 'works_budgetmodification' THEN
        UPDATE works_work SET modifications_approved = 0
        WHERE modifications_approved <> 0;
    ELSE
        UPDATE works_work SET progress_paid = NULL WHERE progress_paid IS NOT NULL;
    END IF;
    RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
"""
TRIGGERS = EMPTIED + "".join(_input_trigger(table) for table in INPUTS)
NO_TRIGGERS = "".join(
    f"DROP FUNCTION works_phases_{table.removeprefix('works_')}_changed() CASCADE;\n"
    for table in INPUTS
) + "DROP FUNCTION works_phases_emptied() CASCADE;\n"

# Every work's inputs as the triggers would have kept them.
FILL = "".join(
    _refresh(table, f"(SELECT DISTINCT work_id FROM {table})") + ";\n"
    for table in INPUTS
)

# The works' summary trigger, as 0031 left it, adding each group's phases.
_SUMS = "\n".join(
    f"                   sum(c.sign * {_phase(text, 'c')}) AS {name},"
    for name, text in (
        ("approved", APPROVED),
        ("modified", MODIFIED),
        ("paid", PAID),
        ("overspent", OVERSPENT),
    )
)
_NEW = ("approved", "modified", "paid", "overspent", "overspent_works")
WORK = _0031._replaced(
    _0031.WORK,
    (
        "                   sum(c.sign * c.beneficiaries) AS beneficiaries\n",
        "                   sum(c.sign * c.beneficiaries) AS beneficiaries,\n"
        + _SUMS
        + f"\n                   sum(c.sign * ({_phase(OVERSPENT, 'c')} > 0)::int)"
        " AS overspent_works\n",
    ),
    (
        "works, investment, beneficiaries)",
        "works, investment, beneficiaries,\n"
        f"                                       {', '.join(_NEW)})",
    ),
    (
        "WHERE works <> 0 OR investment <> 0 OR beneficiaries <> 0",
        "WHERE works <> 0 OR investment <> 0 OR beneficiaries <> 0\n"
        f"            OR {' OR '.join(f'{name} <> 0' for name in _NEW)}",
    ),
    (
        "            beneficiaries = works_worksummary.beneficiaries\n"
        "                + EXCLUDED.beneficiaries\n",
        "            beneficiaries = works_worksummary.beneficiaries\n"
        "                + EXCLUDED.beneficiaries,\n"
        + ",\n".join(
            f"            {name} = works_worksummary.{name} + EXCLUDED.{name}"
            for name in _NEW
        )
        + "\n",
    ),
)

# The summary rows again, with their phases: derived, never typed.
REFILL = f"""
DELETE FROM works_worksummary;
INSERT INTO works_worksummary ({GROUP}, published, works, investment,
                               beneficiaries, {", ".join(_NEW)})
SELECT {GROUP}, published_at IS NOT NULL, count(*), sum(total_investment),
       sum(beneficiaries), sum({_phase(APPROVED, "")}), sum({_phase(MODIFIED, "")}),
       sum({_phase(PAID, "")}), sum({_phase(OVERSPENT, "")}),
       count(*) FILTER (WHERE {_phase(OVERSPENT, "")} > 0)
FROM works_work
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
"""

# The budget's works paid above their modified, most first, per year: only
# they are indexed.
INDEX = f"""
CREATE INDEX work_overspent ON works_work (
    fiscal_year_id, ({_phase(OVERSPENT, "")}) DESC, public_id
) WHERE published_at IS NOT NULL AND {_phase(OVERSPENT, "")} > 0;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('works', '0035_reached_by_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='worksummary',
            name='approved',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AddField(
            model_name='worksummary',
            name='modified',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AddField(
            model_name='worksummary',
            name='overspent',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.AddField(
            model_name='worksummary',
            name='overspent_works',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='worksummary',
            name='paid',
            field=models.DecimalField(decimal_places=2, default=0, max_digits=18),
        ),
        migrations.RunSQL(COLUMNS, NO_COLUMNS),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.RunSQL(WORK, _0031.WORK),
        migrations.RunSQL(REFILL, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGERS, NO_TRIGGERS),
        migrations.RunSQL(INDEX, "DROP INDEX work_overspent;"),
    ]
