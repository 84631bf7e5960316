"""The whole demo, each part in the order the others need it.

``ruta load-demo`` writes it, and the tests that walk the site as the
demo's people build the same world with it. Every part is idempotent: a
second run finds each record in place and adds nothing, and each says what
it did in a line a person reads.
"""

from __future__ import annotations

from ruta.accounts.actors import DEMO, audited
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.demo.aids import aids_demo_load
from ruta.demo.alerts import alerts_demo_load
from ruta.demo.budgeting import budgeting_demo_load, budgeting_demo_skipped
from ruta.demo.concertation import concertation_demo_load, concertation_demo_skipped
from ruta.demo.consultations import consultations_demo_load
from ruta.demo.cycles import cycles_demo_load
from ruta.demo.flags import flags_demo_load
from ruta.demo.grants import (
    grants_demo_load,
    grants_open_demo_load,
    supervision_demo_load,
)
from ruta.demo.load import demo_load
from ruta.demo.modifications import modifications_demo_load
from ruta.demo.municipal import municipal_committee_demo_load
from ruta.demo.oversight import oversight_demo_load
from ruta.demo.problems import problems_demo_load
from ruta.demo.published import (
    federal_works_import,
    ocds_samples_import,
    seed_documents_load,
)
from ruta.demo.statements import municipal_statement_demo_load, statements_demo_load
from ruta.demo.voice import voice_demo_load
from ruta.grants.selectors.zones import DEMONSTRATION_ZONES_FILE
from ruta.ingest.loaders.worklist_locate import (
    works_locate,
    works_place_approximately,
)
from ruta.ingest.loaders.zap import zap_import


def demo_site_load(*, public_data: bool = True) -> list[str]:
    """Write every part of the demo; return what each part did, a line each.

    ``public_data`` imports the federal works lists and the OCDS samples the
    demo ships too. Raise what a part raises (a catalog file, a document, a
    rule refusing a record): the parts written before it stay, and a second
    run goes on from there.
    """
    with audited(DEMO, "load_demo"):
        catalog_load(read_catalog())
    lines = [_records_line()]
    lines += [loaded.line() for loaded in seed_documents_load()]
    if public_data:
        lines += federal_works_import()
        # A demo loaded before the municipal outlines: its federal works too.
        lines.append(
            f"{works_locate(actor=DEMO)} federal works of an earlier load placed "
            "in a municipality by their point (zero: none left to place)."
        )
        lines += ocds_samples_import()
    lines.append(
        f"{works_place_approximately(actor=DEMO)} works without coordinates "
        "given a point inside their municipality, marked approximate (zero: "
        "none left to place)."
    )
    lines.append(
        f"Staff's yearly cycles: {cycles_demo_load()}; "
        f"{consultations_demo_load()} consultations on draft regulations "
        "(zero: already in place; what the demo holds is counted below)."
    )
    lines.append(voice_demo_load().line())
    # After the demo's applications: its ZAP catalogue (demonstration data)
    # refuses, from the 2024 calls on, a subsidy outside its zones.
    zones = zap_import(path=DEMONSTRATION_ZONES_FILE, actor=DEMO, is_demo=True)
    lines.append(f"Priority attention zones (demonstration): {zones.status}.")
    # Last: the flags read every contract, modification and process above.
    lines.append(flags_demo_load().line())
    return lines


def _records_line() -> str:
    """Write the demo's own records (works, committees, grants, …); say how many."""
    summary = demo_load()
    # Before the parts that pick a published demonstration work (problem
    # reports, followers): on Mexicali's instance it is the one there.
    mexicali = municipal_committee_demo_load()
    oversight = oversight_demo_load()
    return (
        f"{summary.works} works, {summary.funding} funding rows, "
        f"{summary.progress} progress entries, {summary.contracts} contracts, "
        f"{summary.payments} payments, {summary.committees} committees with "
        f"{summary.members} members ({oversight.workshops} workshops, "
        f"{oversight.visits} oversight visits, {oversight.acts} handover acts), "
        f"{summary.aids} aids, {grants_demo_load()} grant applications, "
        f"{grants_open_demo_load()} organisations signed up to the open call, "
        f"{supervision_demo_load()} supervision visits, "
        f"{modifications_demo_load()} budget modifications, "
        f"{aids_demo_load()} aid requests captured on the site, "
        f"{statements_demo_load() + municipal_statement_demo_load()} budget "
        "statements, "
        f"{problems_demo_load()} problem reports, "
        f"{alerts_demo_load()} followers of the first reported work, "
        f"{budgeting_demo_load()} participatory budgets"
        f"{budgeting_demo_skipped()}, "
        f"{concertation_demo_load()} concertation agreements"
        f"{concertation_demo_skipped()}, "
        f"{mexicali} committee on Mexicali's demonstration "
        "work (zero means already loaded)."
    )
