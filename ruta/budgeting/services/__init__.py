"""Writes of participatory budgeting: periods, proposals, assessment, the vote.

Every write is a ``@service``: atomic, refused with a reason that changes
nothing, and audited with its actor. Citizens act through named system
actors (the public forms); staff act as themselves within the municipality
government's scope.
"""

from ruta.budgeting.services.periods import (
    Calendar,
    period_advance,
    period_open,
    proposal_work_link,
    results_publish,
)
from ruta.budgeting.services.proposals import (
    PUBLIC_PROPOSALS,
    Contact,
    Place,
    proposal_assess,
    proposal_moderate,
    proposal_submit,
)
from ruta.budgeting.services.voting import (
    PUBLIC_VOTE,
    CodeCheck,
    ballot_cast,
    vote_code_request,
    vote_code_verify,
)

__all__ = [
    "PUBLIC_PROPOSALS",
    "PUBLIC_VOTE",
    "Calendar",
    "CodeCheck",
    "Contact",
    "Place",
    "ballot_cast",
    "period_advance",
    "period_open",
    "proposal_assess",
    "proposal_moderate",
    "proposal_submit",
    "proposal_work_link",
    "results_publish",
    "vote_code_request",
    "vote_code_verify",
]
