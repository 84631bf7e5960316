"""Every write on open government: action plans and their reports, consultations.

``actionplans`` stores what a published report document prints;
``reporting`` the periods reported on the site, commitment by commitment,
by each agency and published by the plan's coordinating unit;
``planning`` the plans and commitments registered on the site;
``consultations`` the drafts put to consultation and their comments.
"""

from ruta.opengov.services.actionplans import action_plan_report_write
from ruta.opengov.services.consultations import (
    COMMENT_MAX_CHARS,
    NAME_MAX_CHARS,
    PUBLIC_COMMENTER,
    comment_answer,
    comment_moderate,
    comment_submit,
    draft_close,
    draft_create,
    draft_version_add,
)
from ruta.opengov.services.planning import (
    action_plan_create,
    action_plan_retire,
    action_plan_update,
    commitment_add,
    commitment_remove,
    commitment_update,
)
from ruta.opengov.services.reporting import (
    ActivityDraft,
    ReportDraft,
    action_plan_coordinator_set,
    commitment_report_save,
    report_evidence_add,
    reporting_period_open,
)

__all__ = [
    "COMMENT_MAX_CHARS",
    "NAME_MAX_CHARS",
    "PUBLIC_COMMENTER",
    "ActivityDraft",
    "ReportDraft",
    "action_plan_coordinator_set",
    "action_plan_create",
    "action_plan_update",
    "commitment_remove",
    "action_plan_retire",
    "commitment_update",
    "action_plan_report_write",
    "comment_answer",
    "comment_moderate",
    "comment_submit",
    "commitment_add",
    "commitment_report_save",
    "draft_close",
    "draft_create",
    "draft_version_add",
    "report_evidence_add",
    "reporting_period_open",
]
