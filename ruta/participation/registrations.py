"""What participation adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the committee's part
of a work's page and of its cycle (a work with a committee is handed over
only with the committee's act, so the status and the act never disagree),
and the committee members' personal data.
"""

from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)

# Imported for what it declares: the roster's kinds of finding, for pages to
# word them again.
from ruta.participation import roster  # noqa: F401
from ruta.participation.desk_tasks import DESK_TASKS
from ruta.participation.gallery import GALLERY_LISTS, gallery_section
from ruta.participation.models import MEMBERS_VIEWED
from ruta.participation.selectors import (
    handover_act_check,
    member_events_within_reach,
    member_holders,
)
from ruta.participation.views import oversight_section
from ruta.works.cycles import WORK
from ruta.works.sections import WorkSection, work_section_register

for task in DESK_TASKS:
    desk_task_register(task)

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
WORK.check_register("hand_over", "committee-handover-act", handover_act_check)

personal_data_register(
    PersonalDataModel(
        label="participation.CommitteeMember",
        fields=(
            PersonalField("full_name"),
            PersonalField("phone"),
            PersonalField("email"),
        ),
        holders=member_holders,
        read_label=MEMBERS_VIEWED,
        within_reach=member_events_within_reach,
    )
)
