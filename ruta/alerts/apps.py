from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "ruta.alerts"
    label = "alerts"
    verbose_name = _("Avisos")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.alerts.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)

        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.alerts.dataset import SUBSCRIPTIONS
        from ruta.alerts.followables import FOLLOWABLES, followable_register
        from ruta.alerts.followed_sources import FOLLOWED_SOURCES
        from ruta.alerts.section import WORK_SECTION
        from ruta.alerts.selectors import subscriber_audit_read_log, subscriber_holders
        from ruta.alerts.sources import (
            REPORT_SOURCE,
            WORK_SOURCES,
            event_source_register,
        )
        from ruta.opendata.datasets import dataset_register
        from ruta.works.sections import work_section_register

        personal_data_register(
            PersonalDataModel(
                label="alerts.Subscription",
                fields=(PersonalField("email"), PersonalField("phone")),
                holders=subscriber_holders,
                log_read=subscriber_audit_read_log,
            )
        )
        for source in (*WORK_SOURCES, REPORT_SOURCE, *FOLLOWED_SOURCES):
            event_source_register(source)
        for item in FOLLOWABLES:
            followable_register(item)
        work_section_register(WORK_SECTION)
        dataset_register(SUBSCRIPTIONS)

        from ruta.alerts.channels import whatsapp_code_send
        from ruta.budgeting.verification import WHATSAPP, code_sender_register

        # Participatory budgets verify voters through the same WhatsApp
        # adapter (the domain app cannot import alerts: it sits above).
        code_sender_register(WHATSAPP, whatsapp_code_send)
