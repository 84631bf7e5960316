"""Reads of the ingest app: background import jobs."""

from __future__ import annotations

from django.db.models import QuerySet

from ruta.ingest.models import ImportJob

# The page shows the latest jobs; older ones stay in the database.
RECENT_JOBS = 50


def import_jobs_recent(limit: int = RECENT_JOBS) -> QuerySet[ImportJob]:
    """Return the latest ``limit`` import jobs with their documents."""
    return ImportJob.objects.select_related("document").order_by("-created", "-id")[
        : max(1, min(limit, 500))
    ]
