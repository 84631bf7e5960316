from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ruta.accounts"
    label = "accounts"
    verbose_name = _("Cuentas y permisos")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.accounts.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from django.core import checks

        from ruta.accounts.checks import declared_fields_exist
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.accounts.selectors import personal_data_read_log, user_holders

        personal_data_register(
            PersonalDataModel(
                label="accounts.User",
                fields=(PersonalField("email"), PersonalField("full_name")),
                holders=user_holders,
                log_read=personal_data_read_log,
            )
        )
        checks.register(declared_fields_exist)
