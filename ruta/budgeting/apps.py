from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "ruta.budgeting"
    label = "budgeting"
    verbose_name = _("Presupuesto participativo")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.budgeting.desk_tasks import DESK_TASKS
        from ruta.budgeting.selectors import (
            proposer_events_within_reach,
            proposer_holders,
            proposer_read_log,
            work_proposals_section,
        )
        from ruta.works.sections import WorkSection, work_section_register

        for task in DESK_TASKS:
            desk_task_register(task)
        # Who proposed a work: never published (docs/budgeting.md).
        personal_data_register(
            PersonalDataModel(
                label="budgeting.Proposal",
                fields=(
                    PersonalField("proposer_name"),
                    PersonalField("proposer_email"),
                    PersonalField("proposer_phone"),
                ),
                holders=proposer_holders,
                log_read=proposer_read_log,
                within_reach=proposer_events_within_reach,
            )
        )
        work_section_register(
            WorkSection(
                key="budgeting",
                order=15,
                template="budgeting/_work_section.html",
                context=work_proposals_section,
            )
        )
