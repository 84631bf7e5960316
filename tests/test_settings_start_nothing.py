"""Importing settings starts no database; production refuses to guess one."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECRET = "k" * 60


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "RUTA_DATABASE_OWNER_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_importing_settings_without_database_url_starts_no_server():
    result = _python(
        "import sys, django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.dev';"
        "django.setup();"
        "from django.conf import settings;"
        "print('pgserver' in sys.modules, settings.DATABASES['default']['HOST'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", str(REPO / ".pgdata")]


def test_production_settings_refuse_to_start_without_database_url():
    result = _python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=SECRET,
    )
    assert result.returncode != 0
    assert "DATABASE_URL must name the production PostgreSQL server" in result.stderr


def test_production_settings_refuse_the_development_key():
    result = _python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL="postgresql://ruta@db.example:5432/ruta",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_an_owner_url_adds_the_alias_migrations_run_as():
    result = _python(
        "import django; django.setup();"
        "from django.conf import settings;"
        "print(settings.DATABASES['owner']['USER'], "
        "settings.DATABASES['default']['USER'])",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="postgresql://ruta_app@db.example:5432/ruta",
        RUTA_DATABASE_OWNER_URL="postgresql://ruta_owner@db.example:5432/ruta",
    )
    assert result.stdout.split() == ["ruta_owner", "ruta_app"], result.stderr
