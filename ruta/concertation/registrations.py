"""What the concertation adds to the registries below, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's task, and what "Liberar
recursos" asks of a concerted work (its municipality's agreement signed,
its lineamientos met, its floor not exceeded).
"""

from ruta.accounts.desk import desk_task_register
from ruta.concertation.checks import release_check
from ruta.concertation.desk_tasks import DESK_TASKS
from ruta.works.cycles import WORK

for task in DESK_TASKS:
    desk_task_register(task)
WORK.check_register("release", "concertation-agreement", release_check)
