from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "ruta.opendata"
    label = "opendata"
    verbose_name = _("Datos abiertos")

    def ready(self) -> None:
        from ruta.common.published import data_published
        from ruta.opendata.tasks import publish_defer

        data_published.connect(publish_defer, dispatch_uid="opendata-publish")
