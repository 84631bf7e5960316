"""What participatory budgets add to the registries below, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, who proposed a work
(never published, docs/budgeting.md; a read is recorded as the proposal's
``proposer_contact_viewed``), and the proposals' part of a work's page.
"""

from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.budgeting.desk_tasks import DESK_TASKS
from ruta.budgeting.models import CONTACT_VIEWED
from ruta.budgeting.selectors import (
    proposer_events_within_reach,
    proposer_holders,
    work_proposals_section,
)
from ruta.works.sections import WorkSection, work_section_register

for task in DESK_TASKS:
    desk_task_register(task)
personal_data_register(
    PersonalDataModel(
        label="budgeting.Proposal",
        fields=(
            PersonalField("proposer_name"),
            PersonalField("proposer_email"),
            PersonalField("proposer_phone"),
        ),
        holders=proposer_holders,
        within_reach=proposer_events_within_reach,
        read_label=CONTACT_VIEWED,
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
