"""The demo imports Guanajuato's action-plan report when the seed is there."""

import io

from ruta.common.seeds import GTO_ACTION_PLAN
from ruta.demo.management.commands.load_demo import SEED_IMPORTS, Command
from ruta.opengov.models import Commitment
from testkit.seeds import seed_path


def test_demo_seed_import_loads_the_action_plan(catalog):
    seed_path(GTO_ACTION_PLAN)  # skip (or fail in CI) without the seed
    name, importer = next(item for item in SEED_IMPORTS if item[0] == GTO_ACTION_PLAN)
    out = io.StringIO()
    command = Command(stdout=out)
    command._import_seed(name, importer)
    command._import_seed(name, importer)
    assert Commitment.objects.count() == 7
    assert out.getvalue().splitlines() == [
        f"{GTO_ACTION_PLAN}: imported, 6 findings.",
        f"{GTO_ACTION_PLAN}: already-imported, 6 findings.",
    ]
