"""What indicators add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks and the result's cycle.
"""

from ruta.accounts.cycles import cycle_register
from ruta.accounts.desk import desk_task_register
from ruta.indicators.cycles import RESULT
from ruta.indicators.desk_tasks import DESK_TASKS

for task in DESK_TASKS:
    desk_task_register(task)
cycle_register(RESULT)
