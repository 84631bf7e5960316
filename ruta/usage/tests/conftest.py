"""Each usage test starts from no pending hits and writes each hit at once."""

from __future__ import annotations

import pytest

from ruta.usage.counter import pending_discard


@pytest.fixture(autouse=True)
def _counted_at_once(settings):
    pending_discard()
    settings.RUTA_USAGE_FLUSH_HITS = 1
    yield
    pending_discard()
