"""What data requests add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks and the requester's
contact address (never published; every read of it, from the request's page
or the audit history, is recorded under the service ``CONTACT_SERVICE``).
"""

from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.datarequests.desk_tasks import DESK_TASKS
from ruta.datarequests.selectors import CONTACT_SERVICE, requester_holders

for task in DESK_TASKS:
    desk_task_register(task)
personal_data_register(
    PersonalDataModel(
        label="datarequests.DataRequest",
        fields=(PersonalField("contact_email"),),
        holders=requester_holders,
        read_service=CONTACT_SERVICE,
    )
)
