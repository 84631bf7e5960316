"""``ruta load-demo``: catalogs, demo works, the published documents, an admin.

Idempotent: a second run finds everything in place and adds nothing (the
demo administrator gets a fresh password, printed, so the login always works).
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from ruta.accounts.actors import DEMO, audited
from ruta.catalog.datafiles import CatalogFileError, read_catalog
from ruta.catalog.loader import catalog_load
from ruta.common.published import data_published_notify
from ruta.demo.alerts import alerts_demo_load
from ruta.demo.budgeting import budgeting_demo_load
from ruta.demo.cycles import (
    DEMO_CAPTURE_EMAIL,
    DEMO_VALIDATOR_EMAIL,
    cycles_demo_load,
    demo_staff_passwords,
)
from ruta.demo.grants import (
    DEMO_ORGANIZATION_EMAIL,
    demo_organization_ensure,
    grants_demo_load,
    grants_open_demo_load,
    supervision_demo_load,
)
from ruta.demo.holdings import demo_holdings
from ruta.demo.load import DEMO_ADMIN_EMAIL, demo_admin_ensure, demo_load
from ruta.demo.modifications import modifications_demo_load
from ruta.demo.oversight import (
    DEMO_COMMITTEE_EMAIL,
    demo_committee_member_ensure,
    oversight_demo_load,
)
from ruta.demo.problems import problems_demo_load
from ruta.demo.published import (
    federal_works_import,
    ocds_samples_import,
    seed_documents_load,
)
from ruta.demo.statements import statements_demo_load
from ruta.demo.voice import voice_demo_load
from ruta.sources.findings import DocumentError


class Command(BaseCommand):
    help = (
        "Load the catalogs, the demonstration data, the published documents "
        "(the seed documents or their demonstration documents) and the public "
        "data files."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            with audited(DEMO, "load_demo"):
                catalog_load(read_catalog())
            summary = demo_load()
            oversight = oversight_demo_load()
            grant_applications = grants_demo_load()
            signed_up = grants_open_demo_load()
            visits = supervision_demo_load()
            modifications = modifications_demo_load()
            statements = statements_demo_load()
            problem_reports = problems_demo_load()
            followers = alerts_demo_load()
            budgets = budgeting_demo_load()
        except (CatalogFileError, ValidationError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.perf_counter() - started:.1f} s: "
                f"{summary.works} works, {summary.funding} funding rows, "
                f"{summary.progress} progress entries, {summary.contracts} "
                f"contracts, {summary.payments} payments, "
                f"{summary.committees} committees with "
                f"{summary.members} members ({oversight.workshops} workshops, "
                f"{oversight.visits} oversight visits, {oversight.acts} handover "
                f"acts), {summary.aids} aids, "
                f"{grant_applications} grant applications, "
                f"{signed_up} organisations signed up to the open call, "
                f"{visits} supervision visits, "
                f"{modifications} budget modifications, "
                f"{statements} budget statements, "
                f"{problem_reports} problem reports, "
                f"{followers} followers of the first reported work, "
                f"{budgets} participatory budgets "
                "(zero means already loaded)."
            )
        )
        try:
            loaded = seed_documents_load()
            federal = federal_works_import()
        except DocumentError as error:
            raise CommandError(
                f"Loading stopped at a published document: {error}. What was "
                "loaded before it stays; load the demo again once it is fixed."
            ) from error
        for document in loaded:
            self.stdout.write(document.line())
        for line in federal:
            self.stdout.write(line)
        for line in ocds_samples_import():
            self.stdout.write(line)
        try:
            cycles = cycles_demo_load()
        except ValidationError as error:
            raise CommandError(
                f"The staff's cycles were not loaded. {error}"
            ) from error
        self.stdout.write(
            f"Staff's yearly cycles: {cycles} (zero: already in place; what "
            "the demo holds is counted below)."
        )
        self.stdout.write(voice_demo_load().line())
        self.stdout.write("The demo now holds:")
        for line in demo_holdings():
            self.stdout.write(f"  {line}")
        # The worker `make demo` starts regenerates the open-data files.
        data_published_notify(what="demo")
        self._print_login()

    def _print_login(self) -> None:
        password = demo_admin_ensure()
        member_password = demo_committee_member_ensure()
        organization_password = demo_organization_ensure()
        with translation.override("es-mx"):
            login = reverse("accounts:login")
            desk = reverse("accounts:desk")
        labels = {
            DEMO_CAPTURE_EMAIL: "capture staff",
            DEMO_VALIDATOR_EMAIL: "validator",
        }
        staff = "".join(
            f"Demo {labels[email]}: {email}  password: {staff_password}\n"
            for email, staff_password in demo_staff_passwords().items()
        )
        self.stdout.write(
            f"Demo administrator: {DEMO_ADMIN_EMAIL}  password: {password}\n"
            f"Demo committee member: {DEMO_COMMITTEE_EMAIL}  "
            f"password: {member_password}\n"
            f"Demo organisation (signed up, approved, applied): "
            f"{DEMO_ORGANIZATION_EMAIL}  password: {organization_password}\n"
            f"{staff}"
            f"Sign in at {login}: each person's tasks are then at {desk}"
        )
