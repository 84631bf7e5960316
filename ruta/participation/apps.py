from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "ruta.participation"
    label = "participation"
    verbose_name = _("Participación ciudadana")

    def ready(self) -> None:
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.participation.selectors import (
            member_events_within_reach,
            member_holders,
            member_read_log,
        )

        personal_data_register(
            PersonalDataModel(
                label="participation.CommitteeMember",
                fields=(
                    PersonalField("full_name"),
                    PersonalField("phone"),
                    PersonalField("email"),
                ),
                holders=member_holders,
                log_read=member_read_log,
                within_reach=member_events_within_reach,
            )
        )
