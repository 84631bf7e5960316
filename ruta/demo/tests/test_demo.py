"""The demo data reproduces every published cell, and loads idempotently."""

from decimal import Decimal

from django.apps import apps
from django.test import TestCase

from ruta.catalog.models import Agency
from ruta.common.text.folding import normalize_key
from ruta.common.text.rfc import is_valid_rfc
from ruta.demo.load import demo_load
from ruta.demo.named import NAMED_WORKS_2024
from ruta.participation.models import Committee, CommitteeMember
from ruta.participation.selectors import committees_count
from ruta.reports.tables import aid_table
from ruta.works.models import (
    Aid,
    AidConcept,
    Contract,
    Funding,
    Payment,
    Progress,
    Work,
)
from ruta.works.published import (
    GSE,
    REGION,
    SUBPROGRAM,
    TSAM,
    published_aid_rows,
    published_table,
)
from ruta.works.selectors import (
    works_by_region,
    works_by_subprogram,
    works_with_unbalanced_funding,
)
from testkit.world import demo_written

SELECTORS = {SUBPROGRAM: works_by_subprogram, REGION: works_by_region}


class DemoDataTests(TestCase):
    """One demo load per class (it takes a few seconds), rolled back after."""

    @classmethod
    def setUpTestData(cls):
        cls.summary = demo_written()

    def test_demo_reproduces_every_cell_of_the_four_published_tables(self):
        for program in (TSAM, GSE):
            for dimension in (SUBPROGRAM, REGION):
                with self.subTest(program=program, dimension=dimension):
                    rows, total = published_table(program, dimension)
                    computed = SELECTORS[dimension](2024, program)
                    assert [_computed(row) for row in computed] == [
                        _printed(row) for row in (*rows, total)
                    ]

    def test_demo_reproduces_the_aid_table_and_its_count(self):
        published = {row.concept: row.amount for row in published_aid_rows()}
        table = aid_table(Agency.objects.get(code="sonora-cecop"), 2024)
        computed = {
            concept.value: row.cell("amount").value
            for concept, row in zip(AidConcept, table.rows, strict=False)
        }
        computed["total"] = table.rows[-1].cell("amount").value
        assert computed == published
        assert Aid.objects.of_year(2024).count() == 1076

    def test_the_1076_aids_are_published_by_sex_with_the_same_totals(self):
        from ruta.works.selectors.aids import aids_by_sex

        view = aids_by_sex(2024)
        assert view.by_concept.aids == view.by_municipality.aids == 1076
        by_sex = {cell.column: cell.aids for cell in view.by_concept.totals}
        to_persons = Aid.objects.of_year(2024).filter(
            concept__in=(AidConcept.PERSONS, AidConcept.DISASTERS)
        )
        assert by_sex["M"] + by_sex["H"] + by_sex["X"] == to_persons.count() == 933
        assert by_sex["M"] > by_sex["H"]
        assert view.demo == 1076

    def test_demo_forms_671_committees_on_transforma_sonora_works(self):
        assert committees_count(year=2024, program_code=TSAM) == 671
        assert committees_count(year=2024, program_code=GSE) == 0

    def test_demo_includes_the_works_the_report_names(self):
        for named in NAMED_WORKS_2024:
            work = Work.objects.get(title=named.title)
            assert work.total_investment == named.amount
            assert work.municipality_id == named.municipality
            assert work.beneficiaries == named.beneficiaries

    def test_demo_puts_a_transforma_sonora_work_in_every_municipality(self):
        works = Work.objects.of_program(TSAM).realized()
        assert works.values("municipality").distinct().count() == 72

    def test_demo_contracts_every_gse_work_with_a_valid_rfc(self):
        rfcs = set(Contract.objects.values_list("contractor_rfc", flat=True))
        assert Contract.objects.filter(work__program__code=GSE).count() == 44
        assert all(is_valid_rfc(rfc) for rfc in rfcs)

    def test_demo_payments_add_up_to_what_each_contracted_work_paid(self):
        works = Work.objects.filter(contracts__isnull=False).distinct()
        assert Payment.objects.count() == self.summary.payments > 0
        for work in works.prefetch_related("progress", "contracts__payments"):
            entries = sorted(work.progress.all(), key=lambda entry: entry.date)
            paid = entries[-1].amount_paid if entries else Decimal(0)
            payments = [p for c in work.contracts.all() for p in c.payments.all()]
            assert sum((p.amount for p in payments), Decimal(0)) == paid
            assert all(p.invoice_uuid for p in payments)
            assert all(p.paid_on >= p.contract.signed_on for p in payments)

    def test_demo_marks_everything_as_demo(self):
        assert not Work.objects.filter(is_demo=False).exists()
        assert not Aid.objects.filter(is_demo=False).exists()
        assert not Committee.objects.filter(is_demo=False).exists()

    def test_demo_funding_adds_up_for_every_work(self):
        assert not works_with_unbalanced_funding().exists()

    def test_loading_the_demo_twice_changes_nothing(self):
        tracked = [
            Work,
            Funding,
            Progress,
            Contract,
            Payment,
            Committee,
            CommitteeMember,
            Aid,
        ]
        events = [
            apps.get_model(model._meta.app_label, f"{model.__name__}Event")
            for model in tracked
        ]
        before = [model.objects.count() for model in tracked + events]
        again = demo_load()
        assert again.works == again.aids == again.committees == 0
        assert [model.objects.count() for model in tracked + events] == before


def _printed(row):
    """Return a published row as (key, works, total, state, mun., comm., benef.)."""
    return (
        "TOTAL" if row.is_total else row.key,
        row.works,
        row.total if row.total is not None else row.state,
        row.state,
        row.municipality or Decimal("0.00"),
        row.community or Decimal("0.00"),
        row.beneficiaries,
    )


def _computed(row):
    return (
        "TOTAL" if row.is_total else normalize_key(row.label),
        row.works,
        row.total,
        row.state,
        row.municipality,
        row.community,
        row.beneficiaries,
    )
