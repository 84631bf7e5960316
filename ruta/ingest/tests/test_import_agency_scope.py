"""A works list writes only for the agencies whoever imports it may capture for.

The rule is the desk's (``ruta.accounts.permissions.require``): the file's
agency, every row's agency and the agency of every work a row would change.
The upload form offers only those agencies.
"""

from __future__ import annotations

from datetime import date

import pytest

from ruta.accounts.models import Role
from ruta.accounts.permissions import NotPermitted
from ruta.catalog.models import Agency
from ruta.ingest.forms import QueuedUploadForm
from ruta.ingest.loaders.worklist import works_file_import
from ruta.ingest.worklist.columns import TEMPLATE_HEADER
from ruta.sources.models import SourceDocument
from ruta.works.loader import works_catalog_load
from ruta.works.models import Work
from testkit.actors import TEST_ACTOR
from testkit.worklists import opa_2019_row, template_row, worklist_file

pytestmark = pytest.mark.django_db

CECOP = "sonora-cecop"
PROGRAM = "transforma-sonora-apoyo-municipios"


@pytest.fixture
def agencies(catalog) -> tuple[Agency, Agency]:
    works_catalog_load()
    cecop = Agency.objects.get(code=CECOP)
    other = Agency.objects.filter(state_id="26").exclude(code=CECOP).first()
    assert other is not None
    return cecop, other


def _template(tmp_path, name: str, *numbers: int):
    rows = [template_row(number) for number in numbers]
    return worklist_file(tmp_path, name, rows, header=list(TEMPLATE_HEADER))


def _import(path, actor, agency: str = CECOP):
    return works_file_import(
        path=path, actor=actor, agency=agency, program=PROGRAM, as_of=date(2024, 6, 30)
    )


def test_a_capturist_imports_a_list_of_their_own_agency(agencies, make_user, tmp_path):
    cecop, _ = agencies
    capturist = make_user(Role.CAPTURE, agency=cecop)
    _import(_template(tmp_path, "obras.csv", 1), capturist)
    assert Work.objects.get(public_id="HMO-0001").executing_agency == cecop


def test_a_capturist_of_another_agency_cannot_import_its_list(
    agencies, make_user, tmp_path
):
    _, other = agencies
    capturist = make_user(Role.CAPTURE, agency=other)
    with pytest.raises(NotPermitted):
        _import(_template(tmp_path, "obras.csv", 1), capturist)
    assert not Work.objects.exists()
    assert not SourceDocument.objects.exists()


def test_a_list_cannot_take_over_another_agencys_work(agencies, make_user, tmp_path):
    cecop, other = agencies
    _import(_template(tmp_path, "cecop.csv", 1), TEST_ACTOR)
    before = Work.objects.get(public_id="HMO-0001")
    capturist = make_user(Role.CAPTURE, agency=other)
    with pytest.raises(NotPermitted):
        _import(_template(tmp_path, "otra.csv", 1, 2), capturist, agency=other.code)
    after = Work.objects.get(public_id="HMO-0001")
    assert (after.executing_agency, after.title) == (cecop, before.title)
    assert not Work.objects.filter(public_id="HMO-0002").exists()


def test_a_capturist_cannot_import_a_federal_list(agencies, make_user, tmp_path):
    cecop, _ = agencies
    capturist = make_user(Role.CAPTURE, agency=cecop)
    path = worklist_file(tmp_path, "opa.csv", [opa_2019_row(1)])
    with pytest.raises(NotPermitted):
        works_file_import(path=path, actor=capturist)
    assert not Work.objects.exists()


def test_the_upload_form_offers_only_the_agencies_one_may_capture_for(
    agencies, make_user, administrator
):
    cecop, other = agencies
    capturist = make_user(Role.CAPTURE, agency=cecop)
    offered = list(QueuedUploadForm(user=capturist).fields["agency"].queryset)
    # The CECOP and its own units, nothing else.
    assert cecop in offered
    assert other not in offered
    assert {agency.parent_id for agency in offered if agency != cecop} == {cecop.pk}
    assert QueuedUploadForm(user=administrator).fields["agency"].queryset.count() > 1
