"""``ruta setup-state FOLDER [--state CODE]``: a state's catalog from its CSV files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ruta.accounts.actors import command_actor
from ruta.catalog.instance import instance
from ruta.ingest.state_setup import StateSetupError, state_setup


class Command(BaseCommand):
    help = (
        "Load a state's agencies, development plan, regions and works programs "
        "from FOLDER (agencies.csv, plans.csv, regions.csv, programs.csv and "
        "optionally sources.csv; docs/setting-up-a-state.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--state",
            default="",
            help="INEGI code of the state (default: RUTA_STATE)",
        )

    def handle(self, *args, folder: Path, state: str, **options) -> None:
        state = state or instance().code
        if not state:
            raise CommandError("Nothing was loaded. Give --state or set RUTA_STATE.")
        if not folder.is_dir():
            raise CommandError(f"Nothing was loaded. {folder}: no such folder")
        try:
            result = state_setup(
                folder=folder, state=state, actor=command_actor("setup-state")
            )
        except StateSetupError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        catalog = result.catalog
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.state_name} ({result.state}): {catalog.agencies} agencies "
                f"({catalog.agencies_new} new), {catalog.plans} plans, "
                f"{catalog.regions} regions ({catalog.regions_new} new) placing "
                f"{catalog.municipalities_placed} municipalities, "
                f"{result.programs} works programs."
            )
        )
