from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "ruta.works"
    label = "works"
    verbose_name = _("Obras públicas")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.works.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        # Declares the import's temporary tables, installed after migrate.
        import ruta.works.services.staged  # noqa: F401
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.accounts.selectors import personal_data_read_log
        from ruta.common.rfc import is_person_rfc
        from ruta.works.selectors.audit import (
            aid_holders,
            contract_holders,
            contracting_holders,
            publication_holders,
        )

        personal_data_register(
            PersonalDataModel(
                label="works.Contract",
                fields=(PersonalField("contractor_rfc", when=is_person_rfc),),
                holders=contract_holders,
                log_read=personal_data_read_log,
            )
        )
        # The sex of the person an aid went to: published only in aggregates
        # (ruta.works.selectors.aids), withheld when the group is small.
        personal_data_register(
            PersonalDataModel(
                label="works.Aid",
                fields=(PersonalField("recipient_sex"),),
                holders=aid_holders,
                log_read=personal_data_read_log,
            )
        )
        # OCDS parties and payees who are natural persons: name and RFC.
        personal_data_register(
            PersonalDataModel(
                label="works.ContractingParty",
                fields=(
                    PersonalField("person_name"),
                    PersonalField("person_rfc"),
                ),
                holders=contracting_holders("ContractingParty"),
                log_read=personal_data_read_log,
            )
        )
        personal_data_register(
            PersonalDataModel(
                label="works.ContractingPayment",
                fields=(PersonalField("payee_person"),),
                holders=contracting_holders("ContractingPayment"),
                log_read=personal_data_read_log,
            )
        )
        # The official each published works list names for a work (OPA prints
        # the administrator's name, e-mail and telephone).
        personal_data_register(
            PersonalDataModel(
                label="works.WorkPublication",
                fields=(
                    PersonalField("official_name"),
                    PersonalField("official_email"),
                    PersonalField("official_phone"),
                ),
                holders=publication_holders,
                log_read=personal_data_read_log,
            )
        )
