"""Writes of budget statements: a statement read from a file, in one service.

The loader (``ruta.ingest.loaders.statement``) resolves the entity and the
year in the catalog and hands the reader's ``PrintedStatement`` here with the
``SourceDocument`` it came from; the statement and every row are written in
the loader's transaction, audited under this service's name.
"""

from __future__ import annotations

from ruta.accounting.models import BudgetStatement, StatementLine
from ruta.accounting.records import PrintedStatement
from ruta.accounts.actors import Actor, service
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Agency, FiscalYear
from ruta.catalog.scope import Scope
from ruta.common.db.published import data_published_notify
from ruta.sources.models import SourceDocument


@service
def statement_write(
    *,
    statement: PrintedStatement,
    agency: Agency,
    fiscal_year: FiscalYear,
    document: SourceDocument,
    is_demo: bool = False,
    actor: Actor,
) -> BudgetStatement:
    """Write ``statement`` of ``agency`` as ``document`` prints it, row by row."""
    require(actor, Action.CAPTURE, Scope(agency_id=agency.pk))
    stored = BudgetStatement.objects.create(
        kind=statement.kind.value,
        agency=agency,
        fiscal_year=fiscal_year,
        as_of=statement.as_of,
        source_document=document,
        is_demo=is_demo,
    )
    StatementLine.objects.bulk_create(
        StatementLine(
            statement=stored,
            classification=line.classification.value,
            level=line.level.value,
            key=line.key,
            name=line.name[:300],
            parent_key=line.parent_key,
            row_number=line.row_number,
            line=line.line,
            approved=line.moments.approved,
            adjustments=line.moments.adjustments,
            modified=line.moments.modified,
            accrued=line.moments.accrued,
            paid=line.moments.paid,
            balance=line.moments.balance,
        )
        for line in statement.lines
    )
    data_published_notify(what="budget statements")
    return stored
