from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlagsConfig(AppConfig):
    name = "ruta.flags"
    label = "flags"
    verbose_name = _("Señales que merecen una mirada")
