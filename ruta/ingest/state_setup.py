"""Set up a state's instance from the CSV files its team prepares.

The catalog files (agencies, the state plan and its regions) are read and
checked by the catalog's own readers (``ruta.catalog.datafiles.state``); the
works programs by the works loader, with the agencies just written. All of it
is one transaction: a refused file changes nothing, and running it again
changes nothing either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ruta.accounts.actors import Actor, audited
from ruta.catalog.datafiles import CatalogFileError
from ruta.catalog.datafiles.state import read_state_setup
from ruta.catalog.loader import StateSetupSummary, state_setup_load
from ruta.works.loader import works_catalog_load

PROGRAMS_FILE = "programs.csv"


class StateSetupError(Exception):
    """A state's folder that cannot be loaded; nothing was written."""


@dataclass(frozen=True)
class StateSetupResult:
    state: str
    state_name: str
    catalog: StateSetupSummary
    programs: int


def state_setup(*, folder: Path, state: str, actor: Actor) -> StateSetupResult:
    """Load the state's agencies, plan, regions and works programs from ``folder``."""
    try:
        setup = read_state_setup(folder, state)
    except CatalogFileError as error:
        raise StateSetupError(str(error)) from error
    programs = folder / PROGRAMS_FILE
    try:
        with transaction.atomic(), audited(actor, "state_setup", state=state):
            summary = state_setup_load(setup)
            loaded = (
                works_catalog_load(programs=programs)[0] if programs.exists() else 0
            )
    except ValidationError as error:
        raise StateSetupError(" ".join(error.messages)) from error
    return StateSetupResult(state, setup.state_name, summary, loaded)
