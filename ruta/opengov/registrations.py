"""What open government adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the report's cycle, and
who commented on a draft regulation, never published. (The names of public
servants in action plans are published by the government and are not
declared here: docs/opengov.md.)
"""

from ruta.accounts.cycles import cycle_register
from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.opengov.consultations import (
    commenter_events_within_reach,
    commenter_holders,
)
from ruta.opengov.cycles import REPORT
from ruta.opengov.desk_tasks import DESK_TASKS
from ruta.opengov.models import COMMENTERS_VIEWED

for task in DESK_TASKS:
    desk_task_register(task)
cycle_register(REPORT)
personal_data_register(
    PersonalDataModel(
        label="opengov.Comment",
        fields=(PersonalField("author_name"), PersonalField("author_email")),
        holders=commenter_holders,
        read_label=COMMENTERS_VIEWED,
        within_reach=commenter_events_within_reach,
    )
)
