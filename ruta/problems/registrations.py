"""What problem reports add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the reporter's contact
(never published; a read is recorded as the report's ``contact_viewed``),
and the reports' part of a work's page.
"""

from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.problems.desk_tasks import DESK_TASKS
from ruta.problems.models import CONTACT_VIEWED
from ruta.problems.selectors import (
    pending_events_within_reach,
    pending_holders,
    report_events_within_reach,
    report_holders,
    work_reports_section,
)
from ruta.works.sections import WorkSection, work_section_register

for task in DESK_TASKS:
    desk_task_register(task)
personal_data_register(
    PersonalDataModel(
        label="problems.ProblemReport",
        fields=(
            PersonalField("reporter_name"),
            PersonalField("reporter_email"),
            PersonalField("reporter_phone"),
        ),
        holders=report_holders,
        within_reach=report_events_within_reach,
        read_label=CONTACT_VIEWED,
    )
)
personal_data_register(
    PersonalDataModel(
        label="problems.PendingReport",
        fields=(
            PersonalField("reporter_name"),
            PersonalField("reporter_email"),
            PersonalField("reporter_phone"),
        ),
        holders=pending_holders,
        within_reach=pending_events_within_reach,
        read_label=CONTACT_VIEWED,
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
