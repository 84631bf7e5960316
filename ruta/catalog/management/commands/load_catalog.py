"""``ruta load-catalog [FOLDER]``: load the catalog data files."""

from __future__ import annotations

from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError

from ruta.catalog.datafiles import DATA_DIR, CatalogFileError, read_catalog
from ruta.catalog.loader import catalog_load


class Command(BaseCommand):
    help = "Load states, municipalities, regions, agencies, years and plans."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", nargs="?", type=Path, default=DATA_DIR)

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            data = read_catalog(folder)
        except CatalogFileError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        # The catalog sits below accounts: the command names itself in the
        # audit history the way ``ruta.accounts.actors`` names system actors.
        with pghistory.context(user=None, system="command load-catalog"):
            summary = catalog_load(data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalogs loaded: {summary.states} states, "
                f"{summary.municipalities} municipalities, {summary.regions} regions, "
                f"{summary.agencies} agencies, {summary.fiscal_years} fiscal years, "
                f"{summary.plans} plans with {summary.plan_elements} elements, "
                f"{summary.marginalization} marginalisation indexes (CONAPO 2020)."
            )
        )
