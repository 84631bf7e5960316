"""The demo imports Guanajuato's action-plan report: the original, or its stand-in."""

from ruta.common.seeds import GTO_ACTION_PLAN
from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.demo.published import seed_document_load
from ruta.opengov.models import Commitment
from ruta.sources.services import ImportStatus


def test_demo_loads_the_action_plan_once(catalog):
    plan = next(item for item in DEMONSTRATIONS if item.seed == GTO_ACTION_PLAN)
    first = seed_document_load(plan)
    again = seed_document_load(plan)
    assert Commitment.objects.count() == 7
    assert (first.result.status, len(first.result.findings)) == (
        ImportStatus.IMPORTED,
        6,
    )
    assert again.result.status == ImportStatus.ALREADY_IMPORTED
