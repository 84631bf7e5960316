from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "ruta.grants"
    label = "grants"
    verbose_name = _("Apoyos a organizaciones (Peso por Peso)")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.grants.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from ruta.accounts.personal import personal_data_register
        from ruta.grants.selectors.personal import PERSONAL_DATA

        for entry in PERSONAL_DATA:
            personal_data_register(entry)
