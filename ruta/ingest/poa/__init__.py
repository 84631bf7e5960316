"""Reader, reconciler and checker for the TMM-F004 "Avance físico programático".

``read_copies`` reads every printed copy of the forms in a document's text;
``reconcile_copies`` settles one form per executing unit from its copies,
every value with a status (verified, reconciled, needs review) and the reason;
``check_document`` lists the findings, and ``check_goal`` runs the same rules
on plain numbers; ``forms_as_json`` gives the result as JSON. All pure: no
database, no files.
"""

from ruta.ingest.poa.checks import (
    check_copy,
    check_document,
    check_form,
    check_goal,
    relative_percent,
)
from ruta.ingest.poa.model import (
    REVIEW_RULES,
    Alternative,
    CodedName,
    FormCopy,
    GoalRow,
    HeaderItem,
    Period,
    PersonLine,
    Persons,
    PrintedPeriod,
    QuarterCandidate,
    QuarterReading,
    Reading,
    ReconciledForm,
    ReconciledGoal,
    Source,
    Status,
    TableLayout,
)
from ruta.ingest.poa.parser import read_copies
from ruta.ingest.poa.reconcile import group_copies, reconcile_copies
from ruta.ingest.poa.summary import forms_as_json, goal_as_json, printed_row

__all__ = [
    "REVIEW_RULES",
    "Alternative",
    "CodedName",
    "FormCopy",
    "GoalRow",
    "HeaderItem",
    "Period",
    "PersonLine",
    "Persons",
    "PrintedPeriod",
    "QuarterCandidate",
    "QuarterReading",
    "Reading",
    "ReconciledForm",
    "ReconciledGoal",
    "Source",
    "Status",
    "TableLayout",
    "check_copy",
    "check_document",
    "check_form",
    "check_goal",
    "forms_as_json",
    "goal_as_json",
    "group_copies",
    "printed_row",
    "read_copies",
    "reconcile_copies",
    "relative_percent",
]
