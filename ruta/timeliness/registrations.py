"""What the calendar adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's task (what is overdue or due
soon for each agency's staff), the open dataset of timeliness
(``puntualidad-informes``) and the reminders job's rule when its worker
dies (sending again is harmless: each reminder is kept once per day).
"""

from ruta.accounts.desk import desk_task_register
from ruta.common.ops.queue import stalled_rule_register
from ruta.opendata.datasets import dataset_register
from ruta.timeliness.dataset import TIMELINESS
from ruta.timeliness.desk_tasks import DESK_TASKS
from ruta.timeliness.tasks import REMINDERS_TASK

for task in DESK_TASKS:
    desk_task_register(task)
dataset_register(TIMELINESS)
stalled_rule_register(REMINDERS_TASK, retry=True)
