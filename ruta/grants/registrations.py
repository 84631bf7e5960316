"""What the grants add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the staff cycles of an
application's file (``ruta.grants.cycles``) and the personal data the grants
keep (``ruta.grants.selectors.personal``: the representatives', the
coordinators' and the beneficiaries').
"""

from ruta.accounts.cycles import cycle_register
from ruta.accounts.desk import desk_task_register
from ruta.accounts.personal import personal_data_register
from ruta.grants.cycles import CYCLES
from ruta.grants.desk_tasks import DESK_TASKS
from ruta.grants.selectors.personal import PERSONAL_DATA

for task in DESK_TASKS:
    desk_task_register(task)
for cycle in CYCLES:
    cycle_register(cycle)
for entry in PERSONAL_DATA:
    personal_data_register(entry)
