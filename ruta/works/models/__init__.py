"""Models of the works app, split by subject and re-exported here."""

from ruta.works.models.aid import (
    Aid,
    AidConcept,
    AidQuerySet,
    EmergencyAction,
    StatedBudget,
)
from ruta.works.models.contracting import (
    ContractingAward,
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    ContractingRelease,
)
from ruta.works.models.money import (
    Contract,
    DocumentKind,
    Funding,
    FundingSource,
    Payment,
    PaymentQuerySet,
    ProcurementProcedure,
    Progress,
    WorkDocument,
)
from ruta.works.models.programs import Subprogram, WorksDelivery, WorksProgram
from ruta.works.models.publication import (
    PUBLICATION_TABLE_ID,
    WorkPublication,
    WorkPublicationQuerySet,
)
from ruta.works.models.work import (
    REALIZED_STATUSES,
    Work,
    WorkOrigin,
    WorkQuerySet,
    WorkStatus,
)

__all__ = [
    "PUBLICATION_TABLE_ID",
    "REALIZED_STATUSES",
    "Aid",
    "AidConcept",
    "AidQuerySet",
    "Contract",
    "ContractingAward",
    "ContractingContract",
    "ContractingParty",
    "ContractingPayment",
    "ContractingProcess",
    "ContractingRelease",
    "DocumentKind",
    "EmergencyAction",
    "Funding",
    "FundingSource",
    "Payment",
    "PaymentQuerySet",
    "ProcurementProcedure",
    "StatedBudget",
    "Progress",
    "Subprogram",
    "Work",
    "WorkDocument",
    "WorkOrigin",
    "WorkPublication",
    "WorkPublicationQuerySet",
    "WorkQuerySet",
    "WorkStatus",
    "WorksDelivery",
    "WorksProgram",
]
