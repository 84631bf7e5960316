"""Every write on programs: forms read from documents, review, capture, approval.

The loader that reads TMM-F004 documents is ``ruta.ingest.loaders.poa``; it
writes each form through ``form_write``.
"""

from ruta.programs.services.capture import (
    CaptureRejected,
    QuarterEntry,
    quarter_approve,
    quarter_capture,
    quarter_check,
)
from ruta.programs.services.forms import FormContext, form_write
from ruta.programs.services.review import quarters_decide, value_decide

__all__ = [
    "CaptureRejected",
    "FormContext",
    "QuarterEntry",
    "quarter_approve",
    "quarter_capture",
    "quarter_check",
    "form_write",
    "quarters_decide",
    "value_decide",
]
