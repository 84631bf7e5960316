"""Database triggers that keep a work's money consistent.

The funding rows of a work must add up to its total investment. Services
check it and say which figures differ; these deferred constraint triggers
check it again at COMMIT, so no write around the services (raw SQL, an
admin edit, a bulk ``update()``) can leave a work whose sources do not add
up. Deferred, because a service writes the total and the rows one statement
at a time inside one transaction.
"""

from __future__ import annotations

import pgtrigger

_CHECK_WORK = """
    SELECT total_investment INTO expected FROM works_work WHERE id = target;
    IF FOUND THEN
        SELECT COALESCE(SUM(amount), 0) INTO funded
        FROM works_funding WHERE work_id = target;
        IF funded <> expected THEN
            RAISE EXCEPTION
                'funding of work % adds up to % but its total investment is %',
                target, funded, expected
                USING ERRCODE = '23514';
        END IF;
    END IF;
"""

_DECLARE = [("target", "bigint"), ("expected", "numeric"), ("funded", "numeric")]

FUNDING_ADDS_UP_ON_FUNDING = pgtrigger.Trigger(
    name="funding_adds_up",
    when=pgtrigger.After,
    operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
    timing=pgtrigger.Deferred,
    declare=_DECLARE,
    func=f"""
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        target := OLD.work_id;
        {_CHECK_WORK}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        target := NEW.work_id;
        {_CHECK_WORK}
    END IF;
    RETURN NULL;
    """,
)

FUNDING_ADDS_UP_ON_WORK = pgtrigger.Trigger(
    name="work_funding_adds_up",
    when=pgtrigger.After,
    operation=pgtrigger.Insert | pgtrigger.Update,
    timing=pgtrigger.Deferred,
    declare=_DECLARE,
    func=f"""
    target := NEW.id;
    {_CHECK_WORK}
    RETURN NULL;
    """,
)
