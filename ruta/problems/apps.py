from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "ruta.problems"
    label = "problems"
    verbose_name = _("Problemáticas de obras")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.problems.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from ruta.accounts.personal import (
            PersonalDataModel,
            PersonalField,
            personal_data_register,
        )
        from ruta.problems.selectors import (
            report_events_within_reach,
            report_holders,
            report_read_log,
            work_reports_section,
        )
        from ruta.works.sections import WorkSection, work_section_register

        personal_data_register(
            PersonalDataModel(
                label="problems.ProblemReport",
                fields=(
                    PersonalField("reporter_name"),
                    PersonalField("reporter_email"),
                    PersonalField("reporter_phone"),
                ),
                holders=report_holders,
                log_read=report_read_log,
                within_reach=report_events_within_reach,
            )
        )
        work_section_register(
            WorkSection(
                key="problems",
                order=20,
                template="problems/_work_section.html",
                context=work_reports_section,
                lists=("problem_reports",),
            )
        )
