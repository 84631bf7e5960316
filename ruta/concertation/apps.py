from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcertationConfig(AppConfig):
    name = "ruta.concertation"
    label = "concertation"
    verbose_name = _("Concertación con los municipios")
