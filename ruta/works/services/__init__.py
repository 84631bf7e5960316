"""Writes on works: creation, changes, status, money, budget modifications,
progress, contracts, aid, emergency actions.

Every write is keyword-only and atomic and takes a required ``actor``
(``ruta.accounts.actors``): a user, whose permission over the work's scope is
checked first, or a named system actor (a loader, a job, the demo), trusted
like an administrator. Either is recorded in the audit context. Errors are
``ValidationError``s that name the figures involved. ``funding_check`` is
the one check exported beside them: it writes nothing and needs no actor.
"""

from ruta.works.services.aids import (
    AidRequest,
    AidsResolved,
    aid_request_capture,
    aid_requests_capture,
    aids_resolve,
)
from ruta.works.services.common import FundingLine, funding_check
from ruta.works.services.documents import document_add
from ruta.works.services.modifications import (
    budget_modification_capture,
)
from ruta.works.services.payments import payment_record
from ruta.works.services.photos import photo_add
from ruta.works.services.records import (
    EmergencyActionLine,
    StatedBudgetLine,
    contract_add,
    emergency_actions_replace,
    progress_record,
    stated_budget_record,
)
from ruta.works.services.works import (
    UPDATABLE_FIELDS,
    funding_set,
    work_create,
    work_update,
)

__all__ = [
    "UPDATABLE_FIELDS",
    "EmergencyActionLine",
    "StatedBudgetLine",
    "FundingLine",
    "AidRequest",
    "aid_request_capture",
    "aid_requests_capture",
    "AidsResolved",
    "aids_resolve",
    "budget_modification_capture",
    "contract_add",
    "document_add",
    "emergency_actions_replace",
    "funding_check",
    "funding_set",
    "payment_record",
    "photo_add",
    "stated_budget_record",
    "progress_record",
    "work_create",
    "work_update",
]
