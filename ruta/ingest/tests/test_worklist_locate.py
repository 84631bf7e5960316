"""Works imported state-wide before their state's outlines: placed by their point."""

from __future__ import annotations

from decimal import Decimal

from ruta.catalog.models import State
from ruta.ingest.loaders.worklist_locate import works_locate
from ruta.sources.models import DocumentFinding
from ruta.works.models import Work, WorkOrigin
from testkit.actors import TEST_ACTOR
from testkit.factories.works import WorkFactory, published_file


def _state_wide(public_id: str, latitude: str, longitude: str) -> Work:
    work = WorkFactory(
        public_id=public_id,
        municipality=None,
        state=State.objects.get(code="02"),
        origin=WorkOrigin.FEDERAL_OPA,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        published=True,
    )
    published_file(work)
    return work


def test_a_work_imported_state_wide_is_placed_by_its_point_once(catalog):
    # SHCP's "Modernización y ampliación del cruce Mexicali I Calexico".
    crossing = _state_wide("OPA-1706E000003", "32.664450", "-115.496210")
    # Hermosillo's point on a Baja California row: its import reported it.
    astray = _state_wide("OPA-0000000001", "29.072967", "-110.955919")
    assert works_locate(actor=TEST_ACTOR) == 1
    crossing.refresh_from_db()
    astray.refresh_from_db()
    assert crossing.municipality_id == "02002"
    assert astray.municipality_id is None
    [note] = DocumentFinding.objects.filter(code="municipality_from_point")
    assert (note.where, note.severity) == ("key OPA-1706E000003", "info")
    assert "Mexicali" in note.message
    assert works_locate(actor=TEST_ACTOR) == 0
