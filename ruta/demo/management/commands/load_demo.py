"""``ruta load-demo``: catalogs, demo works, the public seed documents, an admin.

Idempotent: a second run finds everything in place and adds nothing (the
demo administrator gets a fresh password, printed, so the login always works).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from ruta.accounts.actors import DEMO, audit_context
from ruta.catalog.datafiles import CatalogFileError, read_catalog
from ruta.catalog.loader import catalog_load
from ruta.common.seeds import CECOP_REPORT_2024, MEXICALI_POA_2023_Q4, find_seed
from ruta.demo.grants import grants_demo_load
from ruta.demo.load import DEMO_ADMIN_EMAIL, demo_admin_ensure, demo_load
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.poa import poa_import
from ruta.sources.findings import DocumentError
from ruta.sources.services import ImportResult

SEED_IMPORTS: tuple[tuple[str, str, Callable[..., ImportResult]], ...] = (
    (CECOP_REPORT_2024, "cecop-report", cecop_report_import),
    (MEXICALI_POA_2023_Q4, "poa", poa_import),
)


class Command(BaseCommand):
    help = "Load the catalogs, the demonstration data and the public seed documents."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            with pghistory.context(**audit_context(DEMO), service="load_demo"):
                catalog_load(read_catalog())
            summary = demo_load()
            grant_applications = grants_demo_load()
        except (CatalogFileError, ValidationError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.perf_counter() - started:.1f} s: "
                f"{summary.works} works, {summary.funding} funding rows, "
                f"{summary.progress} progress entries, {summary.contracts} "
                f"contracts, {summary.committees} committees with "
                f"{summary.members} members, {summary.aids} aids, "
                f"{grant_applications} grant applications "
                "(zero means already loaded)."
            )
        )
        for name, kind, importer in SEED_IMPORTS:
            self._import_seed(name, kind, importer)
        self._print_login()

    def _import_seed(
        self, name: str, kind: str, importer: Callable[..., ImportResult]
    ) -> None:
        """Import a public seed document when it is beside the checkout."""
        path = find_seed(name)
        if path is None:
            self.stdout.write(
                f"Seed document {name} not found: import it yourself with "
                f"`ruta ingest {kind} FILE` to see its published tables and findings."
            )
            return
        try:
            result = importer(path=Path(path), actor=DEMO)
        except DocumentError as error:
            raise CommandError(f"{name}: {error}") from error
        self.stdout.write(
            f"{result.name}: {result.status.value}, {len(result.findings)} findings."
        )

    def _print_login(self) -> None:
        password = demo_admin_ensure()
        with translation.override("es-mx"):
            login = reverse("accounts:login")
        self.stdout.write(
            f"Demo administrator: {DEMO_ADMIN_EMAIL}  password: {password}\n"
            f"Sign in at {login}"
        )
