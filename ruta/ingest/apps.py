from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The modules that declare the readers' kinds of finding beside their checks
# (``ruta.sources.findings.finding_kind``): imported when the app is ready,
# so that pages can word any stored finding by its code.
FINDING_MODULES = (
    "ruta.ingest.actionplan",
    "ruta.ingest.budget",
    "ruta.ingest.callrules",
    "ruta.ingest.cecop",
    "ruta.ingest.ocds",
    "ruta.ingest.poa",
    "ruta.ingest.worklist",
    "ruta.ingest.loaders.actionplan",
    "ruta.ingest.loaders.callrules",
    "ruta.ingest.loaders.document_file",
    "ruta.ingest.loaders.poa",
    "ruta.ingest.loaders.worklist",
)


class IngestConfig(AppConfig):
    name = "ruta.ingest"
    label = "ingest"
    verbose_name = _("Lectura de documentos")

    def ready(self) -> None:
        from ruta.accounts.desk import desk_task_register
        from ruta.ingest.desk_tasks import DESK_TASKS

        for task in DESK_TASKS:
            desk_task_register(task)
        from ruta.common.queue import queue_sweep_register, stalled_rule_register
        from ruta.ingest.jobs import (
            JOB_TASK,
            import_job_stalled_close,
            import_jobs_interrupted_close,
        )

        # An import whose worker died is not run again by itself: it ends
        # failed with the reason, and staff queue its file again.
        stalled_rule_register(
            JOB_TASK, retry=False, on_stalled=import_job_stalled_close
        )
        queue_sweep_register("imports", import_jobs_interrupted_close)
        for module in FINDING_MODULES:
            import_module(module)
        # Declares the import's temporary tables, installed after migrate.
        import_module("ruta.ingest.loaders.worklist_chunks")
