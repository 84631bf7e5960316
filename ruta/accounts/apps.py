from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ruta.accounts"
    label = "accounts"
    verbose_name = _("Cuentas y permisos")

    def ready(self) -> None:
        from ruta.accounts.personal import PersonalDataModel, personal_data_register
        from ruta.accounts.selectors import user_holders, user_read_log

        personal_data_register(
            PersonalDataModel(
                label="accounts.User", holders=user_holders, log_read=user_read_log
            )
        )
