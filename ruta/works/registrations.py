"""What the works app adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps`` in every app, the way Wagtail discovers
hooks: the desk's tasks, the work's cycle, the personal data it holds.
"""

from ruta.accounts.cycles import cycle_register
from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.common.text.rfc import is_person_rfc
from ruta.works.cycles import AID, MODIFICATION, WORK
from ruta.works.desk_tasks import DESK_TASKS
from ruta.works.selectors.audit import (
    aid_holders,
    contract_holders,
    contracting_holders,
    publication_holders,
)

# Imported for what it declares: the import's temporary tables, installed
# after migrate.
from ruta.works.services import staged  # noqa: F401

for task in DESK_TASKS:
    desk_task_register(task)
cycle_register(WORK)
cycle_register(MODIFICATION)
cycle_register(AID)

personal_data_register(
    PersonalDataModel(
        label="works.Contract",
        fields=(PersonalField("contractor_rfc", when=is_person_rfc),),
        holders=contract_holders,
    )
)
# The sex and age group of the person an aid went to: published only in
# aggregates (ruta.works.selectors.aids), withheld when the group is small;
# the name of whoever asked for it: never published, erased after its
# retention (ruta.works.services.aids).
personal_data_register(
    PersonalDataModel(
        label="works.Aid",
        fields=(
            PersonalField("recipient_sex"),
            PersonalField("age_group"),
            PersonalField("recipient_name"),
        ),
        holders=aid_holders,
    )
)
# OCDS parties and payees who are natural persons: name and RFC.
personal_data_register(
    PersonalDataModel(
        label="works.ContractingParty",
        fields=(
            PersonalField("person_name"),
            PersonalField("person_rfc"),
        ),
        holders=contracting_holders("ContractingParty"),
    )
)
personal_data_register(
    PersonalDataModel(
        label="works.ContractingPayment",
        fields=(PersonalField("payee_person"),),
        holders=contracting_holders("ContractingPayment"),
    )
)
# The official each published works list names for a work (OPA prints
# the administrator's name, e-mail and telephone).
personal_data_register(
    PersonalDataModel(
        label="works.WorkPublication",
        fields=(
            PersonalField("official_name"),
            PersonalField("official_email"),
            PersonalField("official_phone"),
        ),
        holders=publication_holders,
    )
)
