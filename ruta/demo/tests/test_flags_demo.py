"""The demo raises every flag from demonstration records, explained on its page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from ruta.demo.flags import DIRECT_AWARDS, NUMBERS, flags_demo_load
from ruta.flags.models import RaisedFlag, TaxpayerList
from ruta.flags.rules import FLAG_KINDS
from ruta.works.models import Contract, ContractingProcess

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return flags_demo_load()


def test_the_demo_raises_every_flag(loaded):
    raised = {kind for kind, count in loaded.outcome.raised.items() if count}
    assert raised == set(FLAG_KINDS)


def test_the_demo_flags_are_marked_as_demonstration(loaded):
    assert not RaisedFlag.objects.filter(is_demo=False).exists()
    assert TaxpayerList.objects.get().is_demo
    processes = ContractingProcess.objects.select_related("document")
    assert processes.count() == loaded.processes == 2
    assert all(process.document.is_demo for process in processes)


def test_loading_the_demo_flags_again_adds_nothing(loaded):
    again = flags_demo_load()
    assert (again.listed, again.contracts, again.processes) == (0, 0, 0)
    assert (again.outcome.added, again.outcome.removed) == (0, 0)
    numbers = [*NUMBERS, *(number for number, _, _ in DIRECT_AWARDS)]
    assert Contract.objects.filter(number__in=numbers).count() == 6
    assert ContractingProcess.objects.count() == 2


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("pagos-sobre-contrato", "Pagos por encima del contrato"),
        ("un-solo-oferente", "Un solo oferente en un procedimiento competitivo"),
    ],
)
def test_the_ocds_flags_show_explained_on_their_work_page(loaded, client, kind, title):
    flag = RaisedFlag.objects.select_related("work", "process").get(kind=kind)
    page = client.get(flag.work.get_absolute_url()).content.decode()
    assert title in page
    assert escape(flag.message) in page
    assert flag.process.ocid in flag.message
    assert "Cómo leerla" in page


def test_the_direct_award_flag_shows_explained_on_its_agency_page(loaded, client):
    flag = RaisedFlag.objects.select_related("agency").get(kind="adjudicacion-directa")
    page = client.get(reverse("flags:agency", args=[flag.agency.code])).content
    text = page.decode()
    assert "Adjudicaciones directas por encima del promedio del estado" in text
    assert "adjudicó directamente 100.00 %" in flag.message
    assert escape(flag.message) in text
    assert "Cómo leerla" in text
