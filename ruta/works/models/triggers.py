"""Database triggers that keep a work's money consistent.

The funding rows of a work must add up to its total investment. Services
check it and say which figures differ; the database checks it again at
COMMIT, so no write around the services (raw SQL, an admin edit, a bulk
``update()``) can leave a work whose sources do not add up. Deferred,
because a service writes the total and the rows one statement at a time
inside one transaction.

Per batch, not per row: a statement that writes works or funding rows notes
the works it touched (one trigger call per statement, through its transition
table), and one deferred check per transaction reads them all in a single
query at COMMIT. A bulk import of 100,000 works pays one check, not 200,000.
The notes live in tables only the schema's owner may touch, written and read
by functions running with the owner's rights (migration
``works.0015_funding_checked_per_batch``), so the application cannot skip
the check by deleting them.
"""

from __future__ import annotations

import pgtrigger

# The owner-run function that notes works for the check (see the migration).
_NOTE = "PERFORM works_funding_due_note(ARRAY({ids}));\nRETURN NULL;"


def _statement_trigger(
    name: str, operation: pgtrigger.Operation, ids: str, *, old: bool, new: bool
) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=operation,
        referencing=pgtrigger.Referencing(
            old="old_values" if old else None, new="new_values" if new else None
        ),
        func=_NOTE.format(ids=ids),
    )


FUNDING_DUE_ON_FUNDING = [
    _statement_trigger(
        "funding_due_insert",
        pgtrigger.Insert,
        "SELECT work_id FROM new_values",
        old=False,
        new=True,
    ),
    _statement_trigger(
        "funding_due_update",
        pgtrigger.Update,
        "SELECT work_id FROM new_values UNION SELECT work_id FROM old_values",
        old=True,
        new=True,
    ),
    _statement_trigger(
        "funding_due_delete",
        pgtrigger.Delete,
        "SELECT work_id FROM old_values",
        old=True,
        new=False,
    ),
]

FUNDING_DUE_ON_WORK = [
    _statement_trigger(
        "work_funding_due_insert",
        pgtrigger.Insert,
        "SELECT id FROM new_values",
        old=False,
        new=True,
    ),
    # Only a changed total can break a work's sum; its rows have their own.
    _statement_trigger(
        "work_funding_due_update",
        pgtrigger.Update,
        "SELECT n.id FROM new_values n JOIN old_values o ON o.id = n.id "
        "WHERE n.total_investment IS DISTINCT FROM o.total_investment",
        old=True,
        new=True,
    ),
]
