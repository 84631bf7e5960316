from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpengovConfig(AppConfig):
    name = "ruta.opengov"
    label = "opengov"
    verbose_name = _("Gobierno abierto")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.opengov.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.opengov.consultations import (
            commenter_events_within_reach,
            commenter_holders,
            commenter_read_log,
        )

        # Who commented on a draft regulation: never published. (The names of
        # public servants in action plans are published by the government
        # and are not declared here: docs/opengov.md.)
        personal_data_register(
            PersonalDataModel(
                label="opengov.Comment",
                fields=(PersonalField("author_name"), PersonalField("author_email")),
                holders=commenter_holders,
                log_read=commenter_read_log,
                within_reach=commenter_events_within_reach,
            )
        )
