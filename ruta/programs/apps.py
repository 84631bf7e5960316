from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ruta.programs"
    label = "programs"
    verbose_name = _("Programas operativos anuales")

    def ready(self) -> None:
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
