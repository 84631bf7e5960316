from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from ruta.accounts.permissions import Scope
from ruta.common.audit.history import history_of
from ruta.works.models import Funding, Work, WorkPublication
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory

pytestmark = pytest.mark.server


def test_region_is_derived_from_the_municipality(hermosillo_in_capital):
    work = WorkFactory(municipality=hermosillo_in_capital)
    assert work.region.name == "Capital"


def test_permission_scope_is_the_executing_agency_and_municipality(hermosillo):
    work = WorkFactory(municipality=hermosillo)
    assert work.permission_scope() == Scope(
        agency_id=work.executing_agency_id, municipality_id="26030"
    )


def test_search_column_folds_title_and_locality(hermosillo):
    work = WorkFactory(
        municipality=hermosillo, title="Rehabilitación de Plaza", locality="Ónavas"
    )
    work.refresh_from_db()
    assert "rehabilitacion de plaza onavas" in work.search_folded


def test_database_refuses_progress_above_one_hundred_percent(hermosillo):
    with pytest.raises(IntegrityError, match="progress_percent_range"):
        ProgressFactory(
            work__municipality=hermosillo, physical_percent=Decimal("100.5")
        )


def test_database_refuses_a_malformed_contractor_rfc(hermosillo):
    with pytest.raises(IntegrityError, match="contract_rfc_format"):
        ContractFactory(work__municipality=hermosillo, contractor_rfc="NO-RFC")


def test_published_queryset_excludes_proposals(hermosillo):
    WorkFactory(municipality=hermosillo)
    published = WorkFactory(municipality=hermosillo, published=True)
    assert list(Work.objects.published()) == [published]


def test_search_vector_holds_folded_stemmed_words(hermosillo):
    work = WorkFactory(
        municipality=hermosillo, title="Rehabilitación de Plaza", locality="Álamos"
    )
    work.refresh_from_db()
    assert "'alam'" in work.search_vector
    assert "'plaz'" in work.search_vector
    assert "'rehabilitacion'" in work.search_vector


@pytest.mark.parametrize(
    ("rfc", "natural"), [("CDD150312AB1", False), ("GOMA800229HJ5", True)]
)
def test_a_thirteen_character_rfc_is_a_natural_persons(hermosillo, rfc, natural):
    contract = ContractFactory(work__municipality=hermosillo, contractor_rfc=rfc)
    assert contract.contractor_is_natural_person is natural
    assert contract.public_contractor_rfc == (None if natural else rfc)


@pytest.mark.parametrize("language", ["es-mx", "en"])
def test_work_urls_are_the_addresses_each_work_gives(language):
    from django.utils import translation

    from ruta.works.models import work_urls

    folios = ["GSE-2024-0001", "OPA-1.136E+13", "a_b.c", "RUTAFOLIO0"]
    with translation.override(language):
        assert work_urls(folios) == [
            Work(public_id=folio).get_absolute_url() for folio in folios
        ]


def _indexed_columns(table: str) -> set[str]:
    """Return the columns that begin an index of ``table``."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {item["columns"][0] for item in found.values() if item["index"]}


def _keys(model) -> set[str]:
    """Return the columns of ``model``'s foreign keys, as its history copies them."""
    return {field.column for field in model._meta.local_fields if field.is_relation}


@pytest.mark.django_db
def test_the_histories_index_what_they_are_read_by_and_not_the_keys_they_copy():
    histories = {model: history_of(model) for model in (Work, WorkPublication, Funding)}
    indexed = {
        model: _indexed_columns(history._meta.db_table)
        for model, history in histories.items()
    }
    for columns in indexed.values():
        assert {"pgh_obj_id", "pgh_context_id"} <= columns
    for model in (Work, WorkPublication):
        assert _keys(model)
        assert not indexed[model] & _keys(model)
    # Who wrote a work's funding rows, deleted ones too, is asked by work.
    assert "work_id" in indexed[Funding]
