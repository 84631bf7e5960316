"""The demo's Peso por Peso 2021 call is run through the rules and loads once."""

from __future__ import annotations

from datetime import date

from django.test import TestCase

from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import AgencyKind
from ruta.demo.grants import (
    CALL_CODE,
    grants_demo_load,
    grants_open_demo_load,
    supervision_demo_load,
)
from ruta.grants.models import (
    AgreementStatus,
    Application,
    Call,
    Organization,
    OrganizationStatus,
    ReportStatus,
)
from ruta.grants.selectors.calls import call_results
from ruta.grants.selectors.pages import dashboard, register_aggregates


class GrantsDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        catalog_load(read_catalog())
        cls.loaded = grants_demo_load()
        cls.call = Call.objects.get(code=CALL_CODE)
        cls.today = date(2026, 4, 1)
        cls.signed_up = grants_open_demo_load(today=cls.today)
        cls.visits = supervision_demo_load()

    def test_the_call_is_labelled_demonstration_data(self):
        assert self.call.is_demo
        assert all(app.is_demo for app in Application.objects.filter(call=self.call))

    def test_every_application_has_a_status_and_its_reason(self):
        rows = call_results(self.call)
        assert len(rows) == self.loaded == 17
        assert all(row.reason for row in rows)
        statuses = {row.status for row in rows}
        assert {"not_eligible", "eligible_not_supported", "not_formalized"} <= statuses

    def test_a_lapsed_agreements_money_was_reassigned(self):
        run = self.call.allocation_runs.order_by("-ran_at", "-pk").first()
        assert run.reassignment
        assert run.entries.filter(reason_code="reassigned_funded").exists()
        assert (
            self.call.applications.filter(
                agreement__status=AgreementStatus.NOT_FORMALIZED
            ).count()
            == 1
        )

    def test_a_missed_report_suspended_a_project(self):
        assert self.call.applications.filter(status="suspended").count() == 1
        from ruta.grants.models import Report

        assert Report.objects.filter(status=ReportStatus.OVERDUE).count() == 1

    def test_the_register_publishes_aggregates(self):
        aggregates = register_aggregates(self.call)
        assert any(row.dimension == "age" and row.people for row in aggregates)

    def test_a_second_load_adds_nothing(self):
        assert grants_demo_load() == 0

    def test_dif_rules_the_programme_and_an_organisation_administers_the_call(self):
        # §3.3.1 and §3.3.2: DIF is the normative body, not the administering one.
        assert self.call.normative_agency.code == "sonora-dif"
        assert self.call.agency.kind == AgencyKind.OSC
        assert self.call.coinvesting_agency is not None

    def test_a_call_of_the_year_stays_open_with_organisations_that_signed_up(self):
        call = Call.objects.get(code="peso-por-peso-2026-demo")
        assert call.is_published
        assert call.opens_on <= self.today <= call.closes_on
        signups = Organization.objects.filter(signed_up_at__isnull=False)
        assert self.signed_up == 2
        assert sorted(signups.values_list("status", flat=True)) == [
            OrganizationStatus.APPROVED,
            OrganizationStatus.PENDING,
        ]
        assert all(organization.is_demo for organization in signups)
        assert call.applications.get().organization.may_apply
        assert grants_open_demo_load(today=self.today) == 0

    def test_the_open_calls_applicant_is_told_each_document_it_owes(self):
        application = Call.objects.get(
            code="peso-por-peso-2026-demo"
        ).applications.get()
        representative = application.organization.members.get()
        items = dashboard(representative, self.today)
        missing = [item for item in items if item.what == "document"]
        assert len(missing) == 12  # every uploaded requirement but the account's
        assert {item.due_on for item in missing} == {date(2026, 12, 31)}
        assert [i.what for i in items if i.what == "call_closes"] == ["call_closes"]

    def test_a_paid_project_had_a_supervision_visit_with_its_photo(self):
        from ruta.grants.models import SupervisionVisit

        assert self.visits == 2
        supervision = SupervisionVisit.objects.get(kind="supervision")
        assert supervision.photos.count() == 1
        refused = SupervisionVisit.objects.get(kind="follow_up")
        assert refused.cause == "inspection_refused"
        assert supervision_demo_load() == 0
