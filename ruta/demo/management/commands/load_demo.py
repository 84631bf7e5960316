"""``ruta load-demo``: catalogs, demo works, the public seed documents, an admin.

Idempotent: a second run finds everything in place and adds nothing (the
demo administrator gets a fresh password, printed, so the login always works).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from ruta.accounts.actors import DEMO, audited
from ruta.catalog.datafiles import CatalogFileError, read_catalog
from ruta.catalog.loader import catalog_load
from ruta.common.published import data_published_notify
from ruta.common.seeds import (
    CECOP_REPORT_2024,
    GTO_ACTION_PLAN,
    MEXICALI_POA_2023_Q4,
    find_data_file,
    find_seed,
)
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
from ruta.demo.load import DEMO_ADMIN_EMAIL, demo_admin_ensure, demo_load
from ruta.demo.modifications import modifications_demo_load
from ruta.demo.oversight import (
    DEMO_COMMITTEE_EMAIL,
    demo_committee_member_ensure,
    oversight_demo_load,
)
from ruta.demo.problems import problems_demo_load
from ruta.demo.statements import statements_demo_load
from ruta.demo.voice import voice_demo_load
from ruta.ingest.importers import IMPORTERS, Importer
from ruta.ingest.loaders.ocds import ocds_import, ocds_paths
from ruta.ingest.loaders.worklist import works_file_import
from ruta.sources.findings import DocumentError

# The federal Obra Pública Abierta lists (real records, every state), in the
# order of the dates they speak for; each works list keeps the earlier ones
# as history. Paths relative to the public data folder (RUTA_DATA_DIR).
FEDERAL_WORKS_FILES = (
    "obra_publica/shcp_opa_2015_proyectos_opa.csv",
    "obra_publica/shcp_opa_2019_proyectos_opa.csv",
    "obra_publica/shcp_opa_2021_proyectos_opa.csv",
)

# The OCDS samples of five Mexican publishers (real contracting processes),
# relative to the public data folder.
OCDS_SAMPLES = "ocds_mexico"

SEED_IMPORTS: tuple[tuple[str, Importer], ...] = (
    (CECOP_REPORT_2024, IMPORTERS["cecop-report"]),
    (MEXICALI_POA_2023_Q4, IMPORTERS["poa"]),
    (GTO_ACTION_PLAN, IMPORTERS["action-plan"]),
)


class Command(BaseCommand):
    help = "Load the catalogs, the demonstration data and the public seed documents."

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
        for name, importer in SEED_IMPORTS:
            self._import_seed(name, importer)
        for line in federal_works_import():
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
            f"Staff's yearly cycles: {cycles} (zero means already loaded)."
        )
        self.stdout.write(voice_demo_load().line())
        # The worker `make demo` starts regenerates the open-data files.
        data_published_notify(what="demo")
        self._print_login()

    def _import_seed(self, name: str, importer: Importer) -> None:
        """Import a public seed document when it is beside the checkout."""
        path = find_seed(name)
        if path is None:
            self.stdout.write(
                f"Seed document {name} not found: import it yourself with "
                f"`ruta ingest {importer.name} FILE` to see its published tables "
                "and findings."
            )
            return
        try:
            result = importer.load(path=Path(path), actor=DEMO)
        except DocumentError as error:
            raise CommandError(f"{name}: {error}") from error
        self.stdout.write(
            f"{result.name}: {result.status.value}, {len(result.findings)} findings."
        )

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


def federal_works_import() -> list[str]:
    """Import the federal OPA works lists found in the data folder; say how it went.

    These are real records, beside the CECOP demonstration works; pages tell
    them apart (``Work.origin``). A file already imported changes nothing.
    """
    lines = []
    for relative in FEDERAL_WORKS_FILES:
        path = find_data_file(relative)
        if path is None:
            lines.append(
                f"Federal works list {relative} not found: import it yourself with "
                "`ruta ingest works FILE`."
            )
            continue
        try:
            result = works_file_import(path=path, actor=DEMO)
        except DocumentError as error:
            raise CommandError(f"{relative}: {error}") from error
        lines.append(
            f"{result.name}: {result.status.value}, {len(result.findings)} findings."
        )
    return lines


def ocds_samples_import() -> list[str]:
    """Import the OCDS samples found in the data folder; count how it went.

    Each file is its own published document; one already imported changes
    nothing. A sample the reader refuses is named, and the others still load.
    """
    folder = find_data_file(OCDS_SAMPLES)
    if folder is None:
        return [
            f"OCDS samples {OCDS_SAMPLES}/ not found: import them yourself with "
            "`ruta ingest ocds DIR`."
        ]
    statuses: dict[str, int] = {}
    findings = 0
    lines = []
    for path in ocds_paths(folder):
        try:
            result = ocds_import(path=path, actor=DEMO)
        except DocumentError as error:
            lines.append(f"OCDS sample refused: {error}")
            continue
        statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
        findings += len(result.findings)
    counts = ", ".join(f"{count} {status}" for status, count in statuses.items())
    return [f"OCDS samples ({OCDS_SAMPLES}/): {counts}, {findings} findings.", *lines]
