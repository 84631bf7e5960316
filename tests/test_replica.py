"""Public reads on a real streaming replica; writes and signed-in reads on the primary.

The module makes its own primary and hot standby with Debian's PostgreSQL
binaries (``testkit.replica``: ``initdb``, ``pg_basebackup -R``, free
ports, a temporary folder, both stopped at the end), restores the schema
into the primary, and points the application at them for its tests:
``default`` at the primary, ``replica`` at the standby, as
``RUTA_DATABASE_REPLICA_URL`` does. The replica's replay is paused with
``pg_wal_replay_pause()`` to make it lag. Skipped without the binaries;
CI sets ``RUTA_REQUIRE_REPLICA=1``, which makes that a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client

from ruta.catalog.models import State
from ruta.common.db import replica as routing
from ruta.common.db import versioning
from ruta.common.db.replica import REPLICA, read_alias
from ruta.common.web.caching import public_reads
from testkit.database import schema_restore
from testkit.factories.accounts import UserFactory
from testkit.replica import (
    Pair,
    primary_and_replica,
    replica_binaries_required,
    server_start,
    server_stop,
)

pytestmark = pytest.mark.slow

STATES = "/api/v1/catalog/states"


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    with primary_and_replica(replica_binaries_required()) as made:
        yield made


def _forget_kept_values() -> None:
    """Drop what this process keeps by data version: the pair's versions are its own."""
    cache.clear()
    versioning._kept.token, versioning._kept.values = None, {}
    routing._retry_at[0] = 0.0


@pytest.fixture(scope="module")
def site(pair: Pair, django_db_blocker) -> Iterator[Pair]:
    """Point the application at the pair: ``default`` and ``replica``.

    The schema is restored into the primary (migrated when the kept schema
    is stale) and streamed to the standby; one state is the public data.
    """
    default = connections[DEFAULT_DB_ALIAS]
    kept = dict(default.settings_dict)
    with django_db_blocker.unblock():
        for connection in connections.all():
            connection.close()
        default.settings_dict.update(pair.primary.settings(kept))
        settings.DATABASES[REPLICA] = pair.replica.settings(kept)
        _forget_kept_values()
        try:
            if not schema_restore(pair.primary.url()):
                call_command("migrate", interactive=False, verbosity=0)
            State.objects.create(code="26", name="Sonora", abbreviation="Son.")
            pair.caught_up()
            yield pair
        finally:
            for connection in connections.all():
                connection.close()
            with suppress(AttributeError):  # never opened in this thread
                del connections[REPLICA]
            del settings.DATABASES[REPLICA]
            default.settings_dict.clear()
            default.settings_dict.update(kept)
            _forget_kept_values()


@pytest.fixture
def sonora(site: Pair) -> Iterator[State]:
    """Return the state, named as the module started; named so again after."""
    yield State.objects.get(code="26")
    State.objects.filter(code="26").update(name="Sonora")
    site.caught_up()


def _names(answer) -> list[str]:
    assert answer.status_code == 200, answer.content
    return [row["name"] for row in answer.json()]


def _token(etag: str) -> str:
    """Return the data version an ETag was made from (``caching.version_etag``)."""
    return etag.strip('"').rsplit("-", 1)[0]


def _version(server) -> str:
    return str(server.one("SELECT version FROM ruta_data_version WHERE id = 1"))


def test_an_anonymous_read_is_answered_from_the_replica(site, sonora):
    with site.replay_paused():
        State.objects.filter(code="26").update(name="Sonora (nuevo)")
        assert _names(Client().get(STATES)) == ["Sonora"]
    site.caught_up()
    assert _names(Client().get(STATES)) == ["Sonora (nuevo)"]


def test_a_signed_in_read_is_answered_from_the_primary(site, sonora):
    client = Client()
    client.force_login(UserFactory())
    with site.replay_paused():
        State.objects.filter(code="26").update(name="Sonora (nuevo)")
        assert _names(client.get(STATES)) == ["Sonora (nuevo)"]


def test_a_lagging_replica_never_pairs_a_new_etag_with_old_data(site, sonora):
    with site.replay_paused():
        State.objects.filter(code="26").update(name="Sonora (nuevo)")
        old, new = _version(site.replica), _version(site.primary)
        assert old != new
        answer = Client().get(STATES)
        assert _names(answer) == ["Sonora"]
        assert _token(answer["ETag"]) == old
        # A client holding the new version's ETag (as the primary would make
        # it) is not told its copy is current: the replica answers what it has.
        newer = answer["ETag"].replace(f'"{old}-', f'"{new}-')
        again = Client().get(STATES, HTTP_IF_NONE_MATCH=newer)
        assert (_names(again), _token(again["ETag"])) == (["Sonora"], old)
        held = Client().get(STATES, HTTP_IF_NONE_MATCH=answer["ETag"])
        assert held.status_code == 304
    site.caught_up()
    caught = Client().get(STATES)
    assert (_names(caught), _token(caught["ETag"])) == (["Sonora (nuevo)"], new)
    assert Client().get(STATES, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 200
    assert Client().get(STATES, HTTP_IF_NONE_MATCH=caught["ETag"]).status_code == 304


def test_a_write_during_a_public_read_goes_to_the_primary_and_is_read_back(site):
    with site.replay_paused(), public_reads():
        assert read_alias() == REPLICA
        State.objects.create(code="25", name="Sinaloa", abbreviation="Sin.")
        assert read_alias() == DEFAULT_DB_ALIAS
        assert State.objects.filter(code="25").exists()
    State.objects.filter(code="25").delete()


def test_a_read_inside_a_transaction_on_the_primary_stays_there(site, sonora):
    with site.replay_paused(), public_reads(), transaction.atomic():
        # A standby refuses row locks; the primary's transaction takes them.
        locked = State.objects.select_for_update().get(code="26")
        assert locked.name == "Sonora"


def test_a_replica_that_does_not_answer_leaves_public_reads_to_the_primary(
    site, sonora
):
    State.objects.filter(code="26").update(name="Sonora (nuevo)")
    server_stop(site.replica)
    try:
        answer = Client().get(STATES)
        assert _names(answer) == ["Sonora (nuevo)"]
        assert _token(answer["ETag"]) == _version(site.primary)
    finally:
        server_start(site.replica)
        routing._retry_at[0] = 0.0
