from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "ruta.common"
    label = "common"
