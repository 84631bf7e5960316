"""The previous release's code reads the new schema: a rolling upgrade breaks no page.

Several web nodes are upgraded one after the other, after ``ruta migrate``
has run once: meanwhile the nodes not yet upgraded run the previous
release's code against the new schema. Here that code (``testkit.releases``:
the newest tag, or main before the last migration's commit, taken out with
``git archive``) runs in a process of its own against this test's database,
which holds the new schema and a small world written by the new code, and
answers public pages and API reads. Skipped, naming why, where the history
is not in the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection, transaction

from testkit.factories.works import WorkFactory
from testkit.releases import previous_release, release_extract

pytestmark = pytest.mark.slow

# Run by the previous release's code: each path's status, and where the
# platform's code was imported from (its folder, never this checkout).
READS = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
import ruta
setup_test_environment()
client = Client()
answers = {path: client.get(path).status_code for path in sys.argv[1:]}
print(json.dumps({"code": ruta.__file__, "answers": answers}))
"""
SECONDS = 300


def _database_url() -> str:
    """Return this test's database as a URL another process connects with."""
    given = connection.settings_dict
    user = quote(given["USER"] or "", safe="")
    password = quote(given["PASSWORD"] or "", safe="")
    login = f"{user}:{password}@" if password else f"{user}@"
    host = quote(given["HOST"] or "", safe="")
    port = f":{given['PORT']}" if given["PORT"] else ""
    return f"postgresql://{login}{host}{port}/{given['NAME']}"


def _previous_release_reads(folder, paths: list[str]) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": str(folder),
    }
    done = subprocess.run(  # noqa: S603 - this Python, the script above
        [sys.executable, "-c", READS, *paths],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_the_previous_release_answers_public_reads_on_the_new_schema(catalog, tmp_path):
    release = previous_release()
    folder = release_extract(release, tmp_path / "previous")
    with transaction.atomic():  # a work and its funding commit together
        work = WorkFactory(published=True)
    paths = [
        "/es-mx/",
        "/es-mx/obras/",
        work.get_absolute_url(),
        "/en/",
        "/api/v1/catalog/states",
        "/api/v1/works/",
        f"/api/v1/works/{work.public_id}",
        "/api/v1/works/aggregates?by=year",
    ]
    read = _previous_release_reads(folder, paths)
    assert read["code"].startswith(str(folder)), read["code"]
    assert read["answers"] == dict.fromkeys(paths, 200), release.why
