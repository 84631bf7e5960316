from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The modules that declare the POA rules' kinds of finding beside their
# checks: imported when the app is ready, so that pages can word them.
FINDING_MODULES = (
    "ruta.programs.rules",
    "ruta.programs.checks",
    "ruta.programs.services.goals",
)


class ProgramsConfig(AppConfig):
    name = "ruta.programs"
    label = "programs"
    verbose_name = _("Programas operativos anuales")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.programs.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from ruta.accounts.unpublished import (
            UnpublishedValues,
            unpublished_values_register,
        )
        from ruta.programs.selectors.audit import (
            QUARTER_FIGURES,
            quarter_events_withheld,
        )

        unpublished_values_register(
            UnpublishedValues(
                label="programs.QuarterProgress",
                fields=QUARTER_FIGURES,
                withheld=quarter_events_withheld,
            )
        )
        for module in FINDING_MODULES:
            import_module(module)
