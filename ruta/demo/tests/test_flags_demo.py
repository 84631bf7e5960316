"""The demo raises every flag its data allows, each from demonstration records."""

from __future__ import annotations

import pytest

from ruta.demo.flags import NUMBERS, flags_demo_load
from ruta.flags.models import RaisedFlag, TaxpayerList
from ruta.flags.rules import FLAG_KINDS
from ruta.works.models import Contract

pytestmark = pytest.mark.django_db

# Captured payments over their contract are refused (``works.rules``); the
# demo's OCDS samples are another state's processes, not published here; the
# demo gives each contract its procedure by its amount (``lifecycle``), so
# no agency's direct-award share stands 20 points above the state's.
NOT_IN_THE_DEMO = {"pagos-sobre-contrato", "un-solo-oferente", "adjudicacion-directa"}


@pytest.fixture(scope="module")
def loaded(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return flags_demo_load()


def test_the_demo_raises_every_flag_its_data_allows(loaded):
    raised = {kind for kind, count in loaded.outcome.raised.items() if count}
    assert raised == set(FLAG_KINDS) - NOT_IN_THE_DEMO


def test_the_demo_flags_are_marked_as_demonstration(loaded):
    assert not RaisedFlag.objects.filter(is_demo=False).exists()
    assert TaxpayerList.objects.get().is_demo


def test_loading_the_demo_flags_again_adds_nothing(loaded):
    again = flags_demo_load()
    assert (again.listed, again.contracts) == (0, 0)
    assert (again.outcome.added, again.outcome.removed) == (0, 0)
    assert Contract.objects.filter(number__in=NUMBERS).count() == 2
