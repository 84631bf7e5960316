"""The reader of budget statements: CSV or XLSX in, a ``PrintedStatement`` out.

Pure (no database): ``statement_read`` opens the file (bounded, its
encoding found, an XLSX's archive checked before it is inflated), recognises
the statement by its header (the Estado Analítico del Ejercicio del
Presupuesto de Egresos or the Estado Analítico de Ingresos, in the columns
of the platform's template), reads every row into the accounting app's
records (``ruta.accounting.records``) and checks the statement's arithmetic
(``checks``). Anything it cannot read is a ``DocumentError`` naming the
file, row and column; what does not add up is a finding.
"""

from ruta.ingest.budget.checks import check_statement
from ruta.ingest.budget.reading import StatementFile, statement_read
from ruta.ingest.budget.template import TEMPLATES, template_rows

__all__ = [
    "TEMPLATES",
    "StatementFile",
    "check_statement",
    "statement_read",
    "template_rows",
]
