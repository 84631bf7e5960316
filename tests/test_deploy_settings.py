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
