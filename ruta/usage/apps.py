from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "ruta.usage"
    label = "usage"
    verbose_name = _("Uso del sitio")

    def ready(self) -> None:
        from ruta.opendata.datasets import dataset_register
        from ruta.usage.dataset import USAGE

        dataset_register(USAGE)
