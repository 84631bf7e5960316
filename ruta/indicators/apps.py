from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ruta.indicators"
    label = "indicators"
    verbose_name = _("Indicadores")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.indicators.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
