import pghistory
from django.db import connection, transaction
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import User
from ruta.common.audit.auditindex import VIEW, event_models
from ruta.common.models import AuditIndexEntry
from testkit.factories.catalog import AgencyFactory


def _keys(events) -> set[tuple]:
    return set(
        events.values_list(
            "pgh_model", "pgh_id", "pgh_label", "pgh_obj_model", "pgh_obj_id", "user"
        )
    )


def test_the_index_lists_every_event_the_aggregate_lists_with_the_same_keys(
    make_user, administrator
):
    person = make_user()
    with pghistory.context(user=administrator.pk):
        User.objects.filter(pk=person.pk).update(full_name="Nombre Corregido")
        AgencyFactory(name="Secretaría de Obras")
    aggregate = _keys(MiddlewareEvents.objects.all())
    kinds = {(model, label) for model, _, label, *_ in aggregate}
    assert ("accounts.UserEvent", "update") in kinds
    assert _keys(AuditIndexEntry.objects.all()) == aggregate


def test_an_event_row_is_in_the_index_as_json_under_the_aggregates_name(
    make_user, administrator
):
    person = make_user()
    with pghistory.context(user=administrator.pk):
        User.objects.filter(pk=person.pk).update(full_name="Nombre Corregido")
    entry = AuditIndexEntry.objects.filter(
        pgh_obj_model="accounts.User", pgh_obj_id=str(person.pk), pgh_label="update"
    ).get()
    assert entry.pgh_data["full_name"] == "Nombre Corregido"
    assert entry.user_id == administrator.pk
    renamed = AuditIndexEntry.objects.filter(pgh_data__full_name="Nombre Corregido")
    assert renamed.exists()


def test_the_view_reads_every_event_table_of_the_database(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT t.relname FROM pg_rewrite r "
            "JOIN pg_depend d ON d.objid = r.oid "
            "JOIN pg_class t ON t.oid = d.refobjid AND t.oid <> r.ev_class "
            "WHERE r.ev_class = %s::regclass AND t.relkind = 'r'",
            [VIEW],
        )
        read = {name for (name,) in cursor.fetchall()}
        cursor.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'pgh_id' "
            "AND table_name <> %s",
            [VIEW],
        )
        events = {name for (name,) in cursor.fetchall()}
    assert len(events) > 50
    assert read == events | {"pghistory_context"}


def test_every_event_table_is_indexed_by_its_time_and_key(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname FROM pg_index i "
            "JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_class x ON x.oid = i.indexrelid "
            "WHERE pg_get_indexdef(x.oid) LIKE '%%(pgh_created_at, pgh_id)'"
        )
        indexed = {name for (name,) in cursor.fetchall()}
    tables = {model._meta.db_table for model in event_models()}
    assert len(tables) > 50
    assert tables <= indexed


def test_the_newest_events_are_merged_along_the_time_indexes_never_sorted(db):
    newest = AuditIndexEntry.objects.order_by("-pgh_created_at", "-pgh_id")
    sql, params = newest.values_list("pgh_model", "pgh_id")[:50].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # Tables this small would be sorted whole, as cheaper: the plan with
        # sorting priced out shows whether the view can be read in order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Merge Append" in plan
    assert "Sort  (" not in plan  # a sort node; the merge's "Sort Key" is its order
    assert "pghistory_context" not in plan
