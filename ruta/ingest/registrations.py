"""What the readers add to the registries below them, read when the site starts.

Discovered by ``ruta.common.apps``: the desk's tasks, what the queue does
with an import whose worker died, and the modules that declare the readers'
kinds of finding beside their checks (imported so that pages can word any
stored finding by its code).
"""

# Imported for what they declare: the readers' kinds of finding
# (``ruta.sources.findings.finding_kind``).
import ruta.ingest.actionplan  # noqa: F401
import ruta.ingest.budget  # noqa: F401
import ruta.ingest.callrules  # noqa: F401
import ruta.ingest.cecop  # noqa: F401
import ruta.ingest.loaders.actionplan  # noqa: F401
import ruta.ingest.loaders.callrules  # noqa: F401
import ruta.ingest.loaders.document_file  # noqa: F401
import ruta.ingest.loaders.poa  # noqa: F401
import ruta.ingest.loaders.worklist  # noqa: F401
import ruta.ingest.ocds  # noqa: F401
import ruta.ingest.poa  # noqa: F401
import ruta.ingest.worklist  # noqa: F401
from ruta.accounts.desk import desk_task_register
from ruta.common.ops.queue import queue_sweep_register, stalled_rule_register
from ruta.ingest.desk_tasks import DESK_TASKS
from ruta.ingest.jobs import (
    JOB_TASK,
    import_job_stalled_close,
    import_jobs_interrupted_close,
)

# Imported for what it declares: the import's temporary tables, installed
# after migrate.
from ruta.ingest.loaders import worklist_chunks  # noqa: F401

for task in DESK_TASKS:
    desk_task_register(task)
# An import whose worker died is not run again by itself: it ends failed with
# the reason, and staff queue its file again.
stalled_rule_register(JOB_TASK, retry=False, on_stalled=import_job_stalled_close)
queue_sweep_register("imports", import_jobs_interrupted_close)
