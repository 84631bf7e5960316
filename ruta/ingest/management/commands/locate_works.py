"""``ruta locate-works``: place the imported works left without municipality."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ruta.accounts.actors import command_actor
from ruta.ingest.loaders.worklist_locate import works_locate


class Command(BaseCommand):
    help = (
        "Place the works imported before their state's municipal outlines were "
        "in the catalog in the municipality their point lies in, with a note."
    )

    def handle(self, *args, **options) -> None:
        placed = works_locate(actor=command_actor("locate-works"))
        self.stdout.write(
            f"{placed} works placed in a municipality by their point "
            "(zero: none left to place)."
        )
