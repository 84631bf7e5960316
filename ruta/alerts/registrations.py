"""What alerts add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the subscribers'
contact (every read of it, from the subscribers' page or the audit history,
recorded under the service ``SUBSCRIBERS_SERVICE``), the sources of changes
alerted and the kinds of record one may follow, the alerts' part of a
work's page, the subscriptions' open dataset, and the WhatsApp adapter that
participatory budgets send voters' codes through (budgeting cannot import
alerts: it sits below).
"""

from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import (
    PersonalDataModel,
    PersonalField,
    personal_data_register,
)
from ruta.alerts.channels import whatsapp_code_send
from ruta.alerts.dataset import SUBSCRIPTIONS
from ruta.alerts.desk_tasks import DESK_TASKS
from ruta.alerts.followables import FOLLOWABLES, followable_register
from ruta.alerts.followed_sources import FOLLOWED_SOURCES
from ruta.alerts.section import WORK_SECTION
from ruta.alerts.selectors import SUBSCRIBERS_SERVICE, subscriber_holders
from ruta.alerts.sources import REPORT_SOURCE, WORK_SOURCES, event_source_register
from ruta.budgeting.verification import WHATSAPP, code_sender_register
from ruta.opendata.datasets import dataset_register
from ruta.works.sections import work_section_register

for task in DESK_TASKS:
    desk_task_register(task)
personal_data_register(
    PersonalDataModel(
        label="alerts.Subscription",
        fields=(PersonalField("email"), PersonalField("phone")),
        holders=subscriber_holders,
        read_service=SUBSCRIBERS_SERVICE,
    )
)
for source in (*WORK_SOURCES, REPORT_SOURCE, *FOLLOWED_SOURCES):
    event_source_register(source)
for item in FOLLOWABLES:
    followable_register(item)
work_section_register(WORK_SECTION)
dataset_register(SUBSCRIPTIONS)
code_sender_register(WHATSAPP, whatsapp_code_send)
