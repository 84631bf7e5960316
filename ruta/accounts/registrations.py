"""What accounts add to their own registries, read when the site starts.

Discovered by ``ruta.common.apps`` like every app's: the desk's tasks of
accounts themselves (the audit history, the administration), a user
account's personal data (its e-mail address and name, seen only by
administrators), and the system check that every field the personal-data
and unpublished registries name exists.
"""

from django.core import checks

from ruta.accounts.checks import declared_fields_exist
from ruta.accounts.desk import desk_task_register
from ruta.accounts.desk_tasks import DESK_TASKS
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.accounts.selectors import user_holders

for task in DESK_TASKS:
    desk_task_register(task)
personal_data_register(
    PersonalDataModel(
        label="accounts.User",
        fields=(PersonalField("email"), PersonalField("full_name")),
        holders=user_holders,
    )
)
checks.register(declared_fields_exist)
