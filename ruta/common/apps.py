from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "ruta.common"
    label = "common"

    def ready(self) -> None:
        from ruta.common.converters import converters_register

        converters_register()
