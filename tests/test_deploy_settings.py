"""Production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_production_settings_pass_check_deploy():
    # The browser tests allow the ORM beside Playwright's event loop for the
    # test process only; a deployment never inherits that.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        RUTA_ALLOWED_HOSTS="obras.example.gob.mx",
        # The publisher's registered prefixes (the placeholders are warned of).
        RUTA_OCDS_PREFIX="ocds-abc123",
        RUTA_OC4IDS_PREFIX="oc4ids-abc123",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("value", ["24", "-1", "6am", ""])
def test_a_daily_job_hour_out_of_the_day_is_refused_at_start(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import env_hour

    monkeypatch.setenv("RUTA_GRANTS_DAILY_HOUR", value)
    with pytest.raises(ImproperlyConfigured, match="RUTA_GRANTS_DAILY_HOUR"):
        env_hour("RUTA_GRANTS_DAILY_HOUR", 12)


def _settings_time_zone(**env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("RUTA_STATE", "RUTA_TIME_ZONE", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.dev';"
            "from django.conf import settings; print(settings.TIME_ZONE)",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "zone"),
    [
        ({}, "America/Mexico_City"),
        ({"RUTA_STATE": "26"}, "America/Hermosillo"),
        ({"RUTA_STATE": "02"}, "America/Tijuana"),
        ({"RUTA_STATE": "14"}, "America/Mexico_City"),
        ({"RUTA_STATE": "26", "RUTA_TIME_ZONE": "America/Tijuana"}, "America/Tijuana"),
    ],
)
def test_the_time_zone_is_the_states_unless_one_is_given(env, zone):
    result = _settings_time_zone(**env)
    assert result.stdout.strip() == zone, result.stderr


def test_an_unknown_time_zone_is_refused_at_start_naming_the_setting():
    result = _settings_time_zone(RUTA_TIME_ZONE="Mars/Base")
    assert result.returncode != 0
    assert "RUTA_TIME_ZONE: 'Mars/Base' is not a time zone name" in result.stderr


def test_a_replica_url_adds_the_replica_database_mirrored_in_tests(monkeypatch):
    from config.settings.base import databases

    monkeypatch.setenv("DATABASE_URL", "postgresql://ruta_app@db.example/ruta")
    monkeypatch.setenv(
        "RUTA_DATABASE_REPLICA_URL", "postgresql://ruta_app@replica.example/ruta"
    )
    found = databases()
    assert found["replica"]["HOST"] == "replica.example"
    assert found["replica"]["OPTIONS"]["connect_timeout"] == 3
    assert found["replica"]["TEST"] == {"MIRROR": "default"}


def test_every_database_starts_its_sessions_with_jit_off_unless_its_url_says(
    monkeypatch,
):
    from config.settings.base import databases

    monkeypatch.setenv("DATABASE_URL", "postgresql://ruta_app@db.example/ruta")
    monkeypatch.setenv(
        "RUTA_DATABASE_REPLICA_URL",
        "postgresql://ruta_app@replica.example/ruta?options=-c%20jit%3Don",
    )
    found = databases()
    assert found["default"]["OPTIONS"]["options"] == "-c jit=off"
    # The URL's own options come last: PostgreSQL keeps the last of a setting.
    assert found["replica"]["OPTIONS"]["options"] == "-c jit=off -c jit=on"


@pytest.mark.django_db
def test_the_test_connection_runs_with_jit_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.parametrize(
    ("primary", "replica", "message"),
    [
        ("", "postgresql://ruta_app@replica.example/ruta", "needs DATABASE_URL"),
        ("postgresql://a@db/ruta", "mysql://a@replica/ruta", "postgresql:// URL"),
        ("postgresql://a@db/ruta", "https://replica.example/", "REPLICA_URL"),
        ("postgresql://a@db/ruta", "postgresql://a@replica.example", "postgresql://"),
    ],
)
def test_a_replica_url_that_cannot_serve_is_refused_at_start(
    monkeypatch, primary, replica, message
):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import databases

    monkeypatch.setenv("DATABASE_URL", primary)
    if not primary:
        monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("RUTA_DATABASE_REPLICA_URL", replica)
    with pytest.raises(ImproperlyConfigured, match=message):
        databases()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RUTA_STORAGE_URL": "s3://ruta-publico"}, "go together"),
        (
            {
                "RUTA_STORAGE_URL": "s3://ruta-publico",
                "RUTA_PRIVATE_STORAGE_URL": "s3://ruta-privado",
                "RUTA_PRIVATE_FILES_ACCEL": "/_privados/",
            },
            "RUTA_PRIVATE_FILES_ACCEL",
        ),
    ],
)
def test_storage_settings_that_would_misplace_files_stop_the_start(env, message):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RUTA_STORAGE", "RUTA_PRIVATE_"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.dev")
    result = _python("from django.conf import settings; settings.STORAGES", environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_a_served_worker_keeps_what_it_loaded_out_of_the_collectors_scans():
    # The worker's imports, apps and views: about 200,000 objects on a
    # served worker (ruta/common/fast/workers.py), frozen as it finishes loading.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = _python("import gc, config.wsgi; print(gc.get_freeze_count())", env)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 100_000


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``code`` in a new interpreter at the repository's root."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("module", "served"),
    [("config.settings.dev", "True"), ("config.settings.production", "False")],
)
def test_the_application_sends_public_files_only_where_no_nginx_does(module, served):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("RUTA_SERVE_MEDIA", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL="postgresql://ruta_app@db.example/ruta",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import os; os.environ['DJANGO_SETTINGS_MODULE'] = '{module}';"
            "from django.conf import settings; print(settings.RUTA_SERVE_MEDIA)",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == served, result.stderr
