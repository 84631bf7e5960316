from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpengovConfig(AppConfig):
    name = "ruta.opengov"
    label = "opengov"
    verbose_name = _("Gobierno abierto")
