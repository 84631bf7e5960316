"""Every write on programs: forms read from documents, review, capture, approval.

The loader that reads TMM-F004 documents is ``ruta.ingest.loaders.poa``; it
builds each form as a ``PrintedForm`` and writes it through ``form_write``.
"""

from ruta.programs.services.capture import (
    CaptureRejected,
    QuarterEntry,
    quarter_approve,
    quarter_capture,
    quarter_check,
)
from ruta.programs.services.forms import FormContext, form_write
from ruta.programs.services.plans import (
    GoalDraft,
    goal_links_set,
    goal_remove,
    goal_save,
    unit_program_open,
)
from ruta.programs.services.printed import (
    Alternative,
    CodedName,
    FormPeriod,
    Place,
    PrintedForm,
    PrintedGoal,
    PrintedQuarter,
    PrintedValue,
    QuarterCandidate,
    Signatories,
)
from ruta.programs.services.review import quarters_decide, value_decide

__all__ = [
    "Alternative",
    "CaptureRejected",
    "CodedName",
    "FormContext",
    "FormPeriod",
    "GoalDraft",
    "Place",
    "PrintedForm",
    "PrintedGoal",
    "PrintedQuarter",
    "PrintedValue",
    "QuarterCandidate",
    "QuarterEntry",
    "Signatories",
    "goal_links_set",
    "goal_remove",
    "goal_save",
    "quarter_approve",
    "quarter_capture",
    "quarter_check",
    "form_write",
    "quarters_decide",
    "unit_program_open",
    "value_decide",
]
