"""What the POA app adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, the year's cycle, the
quarter figures withheld from the audit history until approved, and the
modules that declare the POA rules' kinds of finding beside their checks
(imported so that pages can word them).
"""

from ruta.accounts.cycles import cycle_register
from ruta.accounts.desk import desk_task_register
from ruta.accounts.unpublished import UnpublishedValues, unpublished_values_register

# Imported for what they declare: kinds of finding.
from ruta.programs import checks, rules  # noqa: F401
from ruta.programs.cycles import PLAN, SIGNATURES
from ruta.programs.desk_tasks import DESK_TASKS
from ruta.programs.selectors.audit import QUARTER_FIGURES, quarter_events_withheld
from ruta.programs.services import goals  # noqa: F401

for task in DESK_TASKS:
    desk_task_register(task)
cycle_register(PLAN)
cycle_register(SIGNATURES)
unpublished_values_register(
    UnpublishedValues(
        label="programs.QuarterProgress",
        fields=QUARTER_FIGURES,
        withheld=quarter_events_withheld,
    )
)
