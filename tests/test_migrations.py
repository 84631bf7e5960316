"""The migrations say everything the models say (``makemigrations --check``)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    # Run inside the suite rather than as its own command: the suite's
    # processes have Django set up already, a command would start it again.
    output = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=output)
    except SystemExit:
        pytest.fail(f"a model changed without its migration:\n{output.getvalue()}")
