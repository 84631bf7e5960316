from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "ruta.participation"
    label = "participation"
    verbose_name = _("Participación ciudadana")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.participation.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        # The roster's kinds of finding, for pages to word them again.
        import_module("ruta.participation.roster")
        self._register_personal_data()
        self._register_work_parts()

    def _register_work_parts(self) -> None:
        """Add the committee's oversight to the work page and its lifecycle.

        The handover (COMPLETED → HANDED_OVER, taken by a validator) requires
        the committee's act when the work has a committee, so the status and
        the act never disagree.
        """
        from ruta.participation.gallery import GALLERY_LISTS, gallery_section
        from ruta.participation.selectors import handover_act_check
        from ruta.participation.views import oversight_section
        from ruta.works.models import WorkStatus
        from ruta.works.sections import WorkSection, work_section_register
        from ruta.works.workflow import transition_check_register

        work_section_register(
            WorkSection(
                key="committee-oversight",
                order=10,
                template="participation/_work_oversight.html",
                context=oversight_section,
            )
        )
        work_section_register(
            WorkSection(
                key="participation.gallery",
                order=5,
                template="participation/_work_gallery.html",
                context=gallery_section,
                lists=GALLERY_LISTS,
            )
        )
        transition_check_register(
            WorkStatus.HANDED_OVER, "committee-handover-act", handover_act_check
        )

    def _register_personal_data(self) -> None:
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
