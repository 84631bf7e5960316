"""Every read on programs: progress pages, the TMM-F004 form, downloads, review."""

from ruta.programs.selectors.capture import CaptureRow, capture_rows, pending_quarter
from ruta.programs.selectors.exports import (
    GOAL_COLUMNS,
    QUARTER_COLUMNS,
    downloads_version,
    goal_rows,
    quarter_rows,
)
from ruta.programs.selectors.form import FormSheet, code_key, form_sheet
from ruta.programs.selectors.progress import (
    MET,
    OVER,
    UNDER,
    GoalView,
    QuarterView,
    UnitSummary,
    form_findings,
    goal_view,
    goal_views,
    period_label,
    unit_program_get,
    unit_programs,
    unit_summaries,
)
from ruta.programs.selectors.review import (
    QUARTERS_FIELD,
    ReviewItem,
    field_label,
    recent_decisions,
    review_item,
    review_queue,
    shown,
)

__all__ = [
    "GOAL_COLUMNS",
    "MET",
    "OVER",
    "QUARTERS_FIELD",
    "QUARTER_COLUMNS",
    "UNDER",
    "CaptureRow",
    "FormSheet",
    "GoalView",
    "QuarterView",
    "ReviewItem",
    "UnitSummary",
    "capture_rows",
    "code_key",
    "downloads_version",
    "field_label",
    "form_sheet",
    "goal_rows",
    "form_findings",
    "goal_view",
    "goal_views",
    "pending_quarter",
    "period_label",
    "quarter_rows",
    "recent_decisions",
    "review_item",
    "review_queue",
    "shown",
    "unit_program_get",
    "unit_programs",
    "unit_summaries",
]
