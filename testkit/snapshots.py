"""A world written once per test process, then put back by ``COPY``.

Loading the whole catalog through its loader takes most of a second (five
thousand rows through the ORM's upserts); tests that need it number in the
dozens. The first test in a process loads it the real way, and its tables'
rows are copied out (``COPY … TO``) inside that test's transaction; later
tests copy them back in (``COPY … FROM``), triggers and all, in about a
twentieth of the time. Audit event tables are left out: their rows are
written again by the tables' own triggers as the rows come back, as they were
the first time. Foreign keys are checked at commit (Django makes them
deferrable), so the tables come back in any order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pghistory.models
from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model

from ruta.common.fast.stats import analyze


@dataclass(frozen=True)
class Snapshot:
    """The rows of some tables, in ``COPY``'s text format."""

    models: tuple[type[Model], ...]
    rows: tuple[bytes, ...]


def app_tables(app_label: str) -> tuple[type[Model], ...]:
    """Return ``app_label``'s models with a table, its many-to-many ones too.

    Audit event models are left out (their triggers write them).
    """
    return tuple(
        model
        for model in apps.get_app_config(app_label).get_models(
            include_auto_created=True
        )
        if not model._meta.proxy
        and model._meta.managed
        and not issubclass(model, pghistory.models.Event)
    )


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def snapshot_take(models: tuple[type[Model], ...]) -> Snapshot:
    """Copy out every row of ``models``' tables, as this transaction sees them."""
    rows = []
    with connection.cursor() as cursor:
        for model in models:
            with cursor.copy(f"COPY {_table(model)} TO STDOUT") as copy:
                rows.append(b"".join(bytes(block) for block in copy))
    return Snapshot(models=models, rows=tuple(rows))


def snapshot_restore(snapshot: Snapshot) -> None:
    """Copy the rows back into the (empty) tables and move their sequences on."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in zip(snapshot.models, snapshot.rows, strict=True):
            if not rows:
                continue
            with cursor.copy(f"COPY {_table(model)} FROM STDIN") as copy:
                copy.write(rows)
            pk = model._meta.pk
            if pk is not None and pk.get_internal_type() in {
                "AutoField",
                "BigAutoField",
            }:
                column = connection.ops.quote_name(pk.column)
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608 - quoted names
                    f"(SELECT max({column}) FROM {_table(model)}))",
                    [model._meta.db_table, pk.column],
                )
        analyze(*snapshot.models)
