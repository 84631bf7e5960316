"""``ruta db-roles [--app-role NAME]``: grant the application's role its rights.

Run as the owner of the schema (``RUTA_DATABASE_OWNER_URL``); ``ruta migrate``
does the same after every migration. Idempotent.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from ruta.common.db.roles import database_roles_apply


class Command(BaseCommand):
    help = "Grant the application's database role what it needs, and no more."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--app-role",
            default=settings.DATABASES["default"].get("USER", ""),
            help="the role the application connects as (default: DATABASE_URL's)",
        )

    def handle(self, *args: Any, app_role: str, **options: Any) -> None:
        if "owner" not in settings.DATABASES:
            raise CommandError(
                "RUTA_DATABASE_OWNER_URL is not set: the grants must be given by "
                "the role that owns the schema"
            )
        owner = settings.DATABASES["owner"].get("USER")
        if not app_role or app_role == owner:
            raise CommandError(
                f"the application role ({app_role or 'none'}) must be another "
                f"role than the owner ({owner})"
            )
        database_roles_apply(connections["owner"], app_role=app_role)
        self.stdout.write(f"Granted {app_role} the application's rights.")
