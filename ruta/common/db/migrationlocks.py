"""Migrations that lock or rewrite a table, each with its stated reason.

An upgrade runs ``ruta migrate`` while the site serves (docs/deploy.md). An
operation that holds a table's ``ACCESS EXCLUSIVE`` lock for as long as it
reads or rewrites every row stops every page that reads the table, on every
node, until it ends. The suite finds them (``migration_risks``) and fails
unless ``REASONS`` says why each one is acceptable:

- a NOT NULL column added with a default (a rewrite before PostgreSQL 11, a
  short exclusive lock since, and a backfill to think about);
- an index or unique constraint built without ``CONCURRENTLY`` on a table
  an earlier migration made (writes wait for the whole build);
- a column's type changed, unless PostgreSQL only widens it without a
  rewrite (a longer ``varchar``, ``varchar`` to ``text``, a ``numeric`` of
  more digits and the same scale).

Every migration also runs under ``RUTA_MIGRATION_LOCK_TIMEOUT``
(``migration_lock_timeout_set``): one that waits longer for a lock ends
with an error and changes nothing, instead of queueing every request behind
it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import connections, models
from django.db.migrations import operations
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration
from django.db.migrations.state import ProjectState

NOT_NULL_DEFAULT = "adds a NOT NULL column with a default"
INDEX = "builds an index not concurrently on an existing table"
TYPE_CHANGE = "changes a column's type"

# Why each migration that locks or rewrites a table may (``app.migration``:
# reason). A new one needs its line; an empty reason is none.
_FIRST = (
    "Written before this check; instances have run it, and a migration once "
    "applied is never changed."
)
REASONS: dict[str, str] = {
    "alerts.0003_followed_kinds": _FIRST,
    "alerts.0004_subscription_is_demo": _FIRST,
    "common.0008_outbound_mail_kinds": _FIRST,
    "datarequests.0002_datarequest_is_demo": _FIRST,
    "grants.0007_organisations_sign_up_and_call_bodies": _FIRST,
    "grants.0009_call_rules_document": _FIRST,
    "grants.0010_cycles_statuses": _FIRST,
    "grants.0014_priority_zones": (
        "An empty AGEB held as the column's default and the index of who "
        "confirmed it, on applications: a call receives some hundreds, "
        "written in well under a second."
    ),
    "indicators.0008_results_by_period_and_place": _FIRST,
    "opengov.0004_reports_written_on_the_site": _FIRST,
    "opengov.0006_draft_regulations_marked_demonstration": _FIRST,
    "opengov.0007_plans_registered_on_the_site": (
        "An empty description on action plans and their event table: a "
        "state holds a handful of plans, written in well under a second."
    ),
    "participation.0002_committee_member_single_holder_office": _FIRST,
    "participation.0004_oversight_visits_handover_acts": _FIRST,
    "programs.0005_goal_accumulation": _FIRST,
    "programs.0009_plans_opened_on_the_site": _FIRST,
    "programs.0011_population_by_sex_and_quarter_signatures": (
        "A false flag on goals and their event table: a year holds a few "
        "hundred goals, written in well under a second."
    ),
    "sources.0013_published_rows_kept_as_printed": _FIRST,
    "sources.0016_source_documents_marked_demonstration": _FIRST,
    "usage.0002_dailycount_is_demo": _FIRST,
    "works.0002_work_search_vector_and_published_order": _FIRST,
    "works.0006_program_delivery_tracked": _FIRST,
    "works.0007_work_origin_state_and_publications": _FIRST,
    "works.0018_release_ocds_version": _FIRST,
    "works.0033_staff_lists_by_index": _FIRST
    + " The staff lists' two indexes; writes to works wait while they build.",
    "works.0036_work_phases": _FIRST
    + " Its fill rewrites works' rows: docs/deploy.md says how long.",
    "works.0037_funding_on_the_work": _FIRST
    + " Its fill rewrites every work's row anyway (docs/deploy.md).",
    "works.0038_funding_lines_indexed": _FIRST,
    "works.0044_release_kept_by_place": _FIRST,
    "works.0045_aid_requests_and_resolutions": (
        "The aids table holds a department's requests, a few thousand a year: "
        "its new columns and indexes are written in well under a second."
    ),
    "works.0047_work_location_approximate": (
        "A false flag on every work and its history, held as the column's "
        "default: PostgreSQL writes no row, the lock lasts milliseconds."
    ),
    "works.0050_summary_counts_unlocated": (
        "A zero held as the default of the summary rows' new count: no row is "
        "written by the column. Its fill holds the works' writers (SHARE) for "
        "one grouped read of the works without coordinates, seconds at a "
        "million works (docs/deploy.md)."
    ),
    "works.0051_aid_recipient_rfc": (
        "An empty RFC held as the default on aids and their history: the aids "
        "table holds a few thousand requests a year, PostgreSQL writes no row "
        "for the column and its two checks read the table in well under a "
        "second."
    ),
}


@dataclass(frozen=True)
class Risk:
    """One operation of one migration that locks or rewrites a table."""

    migration: str  # app.name
    index: int
    kind: str
    operation: str

    def __str__(self) -> str:
        return f"{self.migration} #{self.index}: {self.kind} ({self.operation})"


_VARCHAR = re.compile(r"varchar\((\d+)\)")
_NUMERIC = re.compile(r"numeric\((\d+), (\d+)\)")


def widened_only(old: str | None, new: str | None) -> bool:
    """Return whether PostgreSQL changes ``old`` to ``new`` without a rewrite."""
    if old == new:
        return True
    if (text := _VARCHAR.fullmatch(old or "")) is not None:
        longer = _VARCHAR.fullmatch(new or "")
        return new == "text" or (longer is not None and int(longer[1]) >= int(text[1]))
    before, after = _NUMERIC.fullmatch(old or ""), _NUMERIC.fullmatch(new or "")
    if before is not None and after is not None:
        return before[2] == after[2] and int(after[1]) >= int(before[1])
    return False


def _has_default(field: models.Field) -> bool:
    return field.has_default() or field.db_default is not models.NOT_PROVIDED


def _kinds(
    operation: Any, app: str, state: ProjectState, created: set[tuple[str, str]]
) -> Iterator[str]:
    model = getattr(operation, "model_name_lower", None)
    if model is None or (app, model) in created:
        return
    if isinstance(operation, operations.AddField):
        field = operation.field
        if not field.many_to_many and not field.null and _has_default(field):
            yield NOT_NULL_DEFAULT
        if not field.many_to_many and (
            getattr(field, "db_index", False) or field.unique
        ):
            yield INDEX
    elif isinstance(operation, operations.AddIndex):
        if not isinstance(operation, AddIndexConcurrently):
            yield INDEX
    elif isinstance(operation, operations.AddConstraint):
        if isinstance(operation.constraint, models.UniqueConstraint):
            yield INDEX
    elif isinstance(operation, operations.AlterField):
        old = state.models[app, model].fields[operation.name]
        new = operation.field
        if not (old.is_relation or new.is_relation):
            connection = connections["default"]
            if not widened_only(old.db_type(connection), new.db_type(connection)):
                yield TYPE_CHANGE


def migration_risks(
    migration: Migration, state: ProjectState
) -> Iterator[tuple[int, str, str]]:
    """Yield (index, kind, operation) of each risky operation, advancing ``state``."""
    created: set[tuple[str, str]] = set()
    app = migration.app_label
    for index, operation in enumerate(migration.operations):
        if isinstance(operation, operations.CreateModel):
            created.add((app, operation.name_lower))
        for kind in _kinds(operation, app, state, created):
            yield index, kind, operation.describe()
        operation.state_forwards(app, state)


def project_risks() -> list[Risk]:
    """Return the risky operations of the platform's own migrations, in order."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    seen: set[tuple[str, str]] = set()
    found = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key in seen:
                continue
            seen.add(key)
            migration = loader.graph.nodes[key]
            own = type(migration).__module__.startswith("ruta.")
            for index, kind, described in migration_risks(migration, state):
                if own:
                    found.append(Risk(f"{key[0]}.{key[1]}", index, kind, described))
    return found


def risks_unexplained(risks: list[Risk]) -> list[Risk]:
    """Return the risks whose migration states no reason in ``REASONS``."""
    return [risk for risk in risks if not REASONS.get(risk.migration, "").strip()]


def migration_lock_timeout_set(using: str = "default", **_signal: Any) -> None:
    """Make the migrating connection give up a lock wait after the set time.

    Connected to ``pre_migrate``: every migration of the run holds the
    session's ``lock_timeout``.
    """
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, false)",
            [f"{settings.RUTA_MIGRATION_LOCK_TIMEOUT}s"],
        )
