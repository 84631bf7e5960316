"""The works' read models' own reads: how many queries, what they keep.

What they return is compared with the plain selectors' on the demo world
(``test_readmodels_on_the_demo.py``).
"""

from decimal import Decimal

from ruta.works.models import Work
from ruta.works.readmodels.detail import work_detail as read_detail
from ruta.works.selectors import work_known_without
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory


def test_detail_reads_everything_in_a_fixed_number_of_queries(
    hermosillo, django_assert_num_queries
):
    work = WorkFactory(municipality=hermosillo, realized=True)
    ProgressFactory(work=work)
    ProgressFactory(work=work, physical_percent=Decimal(100))
    ContractFactory(work=work)
    CommitteeMemberFactory.create_batch(3, committee=CommitteeFactory(work=work))
    read_detail(public_id=work.public_id)  # the catalog rows, once per version
    # the data version, the work with which kinds of rows it has, then
    # funding, progress, contracts, payments, the committee, its member count
    with django_assert_num_queries(8):
        detail = read_detail(public_id=work.public_id)
        assert len(detail.progress) == 2
        assert detail.committee_member_count == 3
        assert detail.funding_total == work.total_investment


def test_detail_reads_no_rows_of_the_kinds_a_work_has_none_of(
    hermosillo, django_assert_num_queries
):
    work = WorkFactory(municipality=hermosillo, published=True)
    read_detail(public_id=work.public_id)
    # the data version, the work with the kinds it has, its funding: no
    # progress, contracts, payments, documents, publications or committee
    with django_assert_num_queries(3):
        detail = read_detail(public_id=work.public_id)
    assert (detail.progress, detail.contracts, detail.payments) == ([], [], [])
    assert (detail.documents, detail.publications) == ([], [])
    assert detail.committee_formed_on is None


def test_detail_says_which_kinds_of_rows_a_work_is_known_to_have_none_of(
    hermosillo,
):
    work = WorkFactory(municipality=hermosillo, published=True)
    read = read_detail(public_id=work.public_id).work
    assert work_known_without(read, "contracts")
    assert work_known_without(read, "problem_reports")  # a section's kind
    assert not work_known_without(read, "funding")
    # A work read otherwise is not known to lack anything: its rows are read.
    assert not work_known_without(Work.objects.get(pk=work.pk), "contracts")


def test_detail_reads_the_catalog_rows_once_per_data_version(
    hermosillo_in_capital, django_assert_num_queries
):
    work = WorkFactory(municipality=hermosillo_in_capital, published=True)
    first = read_detail(public_id=work.public_id)
    with django_assert_num_queries(3):
        again = read_detail(public_id=work.public_id)
    assert again.work.municipality is first.work.municipality
    assert (again.work.program.code, again.region.name) == (
        work.program.code,
        "Capital",
    )
    hermosillo_in_capital.region.name = "Capital del estado"
    hermosillo_in_capital.region.save()  # a new data version
    assert read_detail(public_id=work.public_id).region.name == "Capital del estado"
