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

from ruta.catalog.datafiles import CatalogFileError
from ruta.common.db.published import data_published_notify
from ruta.demo.cycles import (
    DEMO_CAPTURE_EMAIL,
    DEMO_VALIDATOR_EMAIL,
    demo_staff_passwords,
)
from ruta.demo.grants import (
    DEMO_ORGANIZATION_EMAIL,
    demo_organization_ensure,
)
from ruta.demo.holdings import demo_holdings
from ruta.demo.load import DEMO_ADMIN_EMAIL, demo_admin_ensure
from ruta.demo.oversight import (
    DEMO_COMMITTEE_EMAIL,
    demo_committee_member_ensure,
)
from ruta.demo.site import demo_site_load
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
            lines = demo_site_load()
        except (CatalogFileError, DocumentError, ValidationError) as error:
            raise CommandError(
                f"Loading stopped: {error}. What was loaded before it stays; "
                "load the demo again once it is fixed."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.perf_counter() - started:.1f} s: {lines[0]}"
            )
        )
        for line in lines[1:]:
            self.stdout.write(line)
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
            f"Sign in at {login}: each person's tasks are then at {desk}\n"
            "The administrator and the validator set up a second factor the "
            "first time they sign in: any authenticator app (TOTP) reads the "
            "key the page shows, and the page gives recovery codes."
        )
