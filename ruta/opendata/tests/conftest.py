from __future__ import annotations

import pytest

from ruta.opendata.tests.world import World, full_world


@pytest.fixture
def world(db) -> World:
    return full_world()
