"""The open-government models: action plans (``plans``) and consultations."""

from ruta.opengov.models.consultations import (
    COMMENTERS_VIEWED,
    Comment,
    CommentDecision,
    CommentStatus,
    DraftRegulation,
    DraftVersion,
)
from ruta.opengov.models.plans import (
    ActionPlan,
    Activity,
    ActivityStep,
    Answer,
    Commitment,
    CommitmentReport,
    QuestionnaireIndicator,
    ReportEvidence,
    ReportingPeriod,
    ReportStatus,
    StepKind,
)

__all__ = [
    "COMMENTERS_VIEWED",
    "ActionPlan",
    "Activity",
    "ActivityStep",
    "Answer",
    "Comment",
    "CommentDecision",
    "CommentStatus",
    "Commitment",
    "CommitmentReport",
    "DraftRegulation",
    "DraftVersion",
    "QuestionnaireIndicator",
    "ReportEvidence",
    "ReportStatus",
    "ReportingPeriod",
    "StepKind",
]
