"""Whether the published files are behind the data, and a publish when they are.

The pages and the API read the database; the files are written by a publish.
A publish that never finished (its worker killed, an error), or a notice of
published data that was lost, left the files behind what the API showed
until someone published by hand. So each publish that finishes notes the
version of every table as it was before it read (``PublishMark``; a table's
version is the data version of the last commit that changed it,
``ruta.common.db.versioning``), and a periodic check (``publish_check``, run by
the worker every ten minutes) queues a publish when any table has moved
since. The publish then reads only the datasets whose tables changed
(``readings``), so a change no file shows (a draft) costs a publish that
reads a few datasets and finds them unchanged.

The open-data app's own versioned tables (the published versions and files)
are left out: a publish changes them, and they are what it writes.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from ruta.common.db.versioning import table_versions
from ruta.opendata.models import PublishMark

MARK_ID = 1


def source_versions() -> dict[str, int | None]:
    """Return the version of every table the files are read from."""
    opendata = apps.get_app_config("opendata").get_models()
    own = {model._meta.db_table for model in opendata}
    return {
        table: version
        for table, version in table_versions().items()
        if table not in own
    }


def publish_mark(versions: dict[str, int | None]) -> None:
    """Note that a publish that read the tables at ``versions`` finished."""
    PublishMark.objects.update_or_create(
        pk=MARK_ID, defaults={"tables": versions, "finished_at": timezone.now()}
    )


def files_behind() -> bool:
    """Return whether a table changed since the last finished publish read it.

    With no publish finished yet, the files are behind (a first publish, or
    the first after this check was installed, settles it).
    """
    mark = PublishMark.objects.filter(pk=MARK_ID).first()
    return mark is None or source_versions() != mark.tables
