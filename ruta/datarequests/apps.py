from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataRequestsConfig(AppConfig):
    name = "ruta.datarequests"
    label = "datarequests"
    verbose_name = _("Peticiones de datos")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.datarequests.desk_tasks import DESK_TASKS
        from ruta.datarequests.selectors import requester_holders, requester_read_log

        for task in DESK_TASKS:
            desk_task_register(task)
        personal_data_register(
            PersonalDataModel(
                label="datarequests.DataRequest",
                fields=(PersonalField("contact_email"),),
                holders=requester_holders,
                log_read=requester_read_log,
            )
        )
