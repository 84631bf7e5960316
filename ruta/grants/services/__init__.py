"""Every write of the grants cycle: keyword-only, atomic, permission-checked,
audited, with a required actor. A status that staff move by hand is a step
of its record's cycle (``ruta.grants.cycles``), taken with
``ruta.accounts.cycles.step_take``; the services here take the steps that
write more than their record."""

from ruta.grants.services.agreements import (
    agreement_cite,
    agreement_lapse,
    bank_account_extend,
    bank_account_prove,
    bank_account_register,
    schedule_set,
)
from ruta.grants.services.allocation import allocation_run
from ruta.grants.services.applications import (
    application_eligibility_decide,
    application_submit,
    document_upload,
    organization_register,
    organization_standing_set,
)
from ruta.grants.services.calls import (
    Criterion,
    PoolBudget,
    call_create,
    call_publish,
    call_rules_document_set,
)
from ruta.grants.services.debts import debt_record, debt_settle
from ruta.grants.services.disbursements import (
    cfdi_submit,
)
from ruta.grants.services.register import beneficiary_add
from ruta.grants.services.reports import (
    observation_answer,
    observation_notify,
    report_extension_request,
    report_submit,
)
from ruta.grants.services.sanctions import (
    cancellation_apply,
    refund_pay,
    suspension_apply,
    suspension_lift,
    unspent_refund_claim,
)
from ruta.grants.services.scoring import application_score
from ruta.grants.services.signup import (
    organization_email_verify,
    organization_review,
    organization_signup,
)
from ruta.grants.services.supervision import visit_record

__all__ = [
    "debt_record",
    "debt_settle",
    "Criterion",
    "PoolBudget",
    "agreement_cite",
    "agreement_lapse",
    "allocation_run",
    "application_eligibility_decide",
    "application_score",
    "application_submit",
    "bank_account_extend",
    "bank_account_prove",
    "bank_account_register",
    "beneficiary_add",
    "call_create",
    "call_publish",
    "call_rules_document_set",
    "cancellation_apply",
    "cfdi_submit",
    "document_upload",
    "observation_answer",
    "observation_notify",
    "organization_email_verify",
    "organization_register",
    "organization_review",
    "organization_signup",
    "organization_standing_set",
    "refund_pay",
    "report_extension_request",
    "report_submit",
    "schedule_set",
    "suspension_apply",
    "suspension_lift",
    "unspent_refund_claim",
    "visit_record",
]
