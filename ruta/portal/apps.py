from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ruta.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from ruta.alerts.answerers import free_text_answerer_register
        from ruta.portal.questions.messaging import message_answer

        # A message to the alerts' number that is no keyword is a question.
        free_text_answerer_register(message_answer)
