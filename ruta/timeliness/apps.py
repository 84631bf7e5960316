from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelinessConfig(AppConfig):
    name = "ruta.timeliness"
    label = "timeliness"
    verbose_name = _("Calendario de informes")
