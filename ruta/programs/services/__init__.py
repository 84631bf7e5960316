"""Every write on programs: importing forms, review decisions, capture, approval."""

from ruta.programs.services.capture import (
    CaptureRejected,
    QuarterEntry,
    quarter_approve,
    quarter_capture,
    quarter_check,
)
from ruta.programs.services.imports import poa_import, poa_payload_write, poa_read
from ruta.programs.services.review import quarters_decide, value_decide

__all__ = [
    "CaptureRejected",
    "QuarterEntry",
    "poa_import",
    "poa_payload_write",
    "poa_read",
    "quarter_approve",
    "quarter_capture",
    "quarter_check",
    "quarters_decide",
    "value_decide",
]
