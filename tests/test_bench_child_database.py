"""The benchmark's child processes reach the database its own process reads."""

from __future__ import annotations

import pytest

from bench.first_reader import database_url

pytestmark = pytest.mark.pure


def test_an_embedded_servers_socket_folder_named_as_an_option_becomes_the_host():
    database = {
        "HOST": "",
        "PORT": "",
        "USER": "postgres",
        "NAME": "test_ruta",
        "OPTIONS": {"host": "/srv/ruta/.pgdata"},
    }
    assert (
        database_url(database)
        == "postgresql://postgres@%2Fsrv%2Fruta%2F.pgdata/test_ruta"
    )


def test_a_servers_host_and_port_are_kept():
    database = {"HOST": "127.0.0.1", "PORT": 5432, "USER": "postgres", "NAME": "b"}
    assert database_url(database) == "postgresql://postgres@127.0.0.1:5432/b"
