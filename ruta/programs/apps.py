from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ruta.programs"
    label = "programs"
    verbose_name = _("Programas operativos anuales")
