from ruta.common.db.urls import database_url


def test_a_socket_folder_kept_in_options_stays_in_the_url():
    settings = {
        "USER": "ruta",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "NAME": "test_ruta",
        "OPTIONS": {"host": "/srv/pg sock", "port": 5433},
    }

    assert database_url(settings) == (
        "postgresql://ruta@/test_ruta?host=%2Fsrv%2Fpg+sock&port=5433"
    )


def test_a_tcp_server_keeps_its_host_port_and_quoted_password():
    settings = {
        "USER": "postgres",
        "PASSWORD": "p@ss",
        "HOST": "127.0.0.1",
        "PORT": 5432,
        "NAME": "test",
    }

    assert database_url(settings) == "postgresql://postgres:p%40ss@127.0.0.1:5432/test"
