"""Every write service names who acts: a user or a system actor, never nobody."""

import importlib
import inspect
import pkgutil

import pytest

import ruta
from ruta.accounts.actors import SystemActor
from ruta.accounts.permissions import Action, can
from ruta.accounts.services import role_assign
from ruta.ingest.importers import IMPORTERS

# Public functions of a services module that write nothing, and why.
NOT_WRITES = {
    "ruta.sources.services": {
        "source_file_read",
        "table_counts",
        "already_imported",
        "tally_counted",  # counts what an import wrote
    },
    "ruta.works.services": {"funding_check"},  # a check callers may run first
    "ruta.ingest.loaders.cecop": {"drought_declaration"},  # pure text
    "ruta.ingest.loaders.poa": {"poa_read"},  # reads and checks, writes nothing
    "ruta.ingest.loaders.actionplan": {"plan_json"},  # what the command prints
    "ruta.ingest.loaders.statement": {"statement_json"},  # what it prints
    "ruta.ingest.loaders.ocds": {"ocds_paths", "mapping_read"},  # read files
}
# Every registered importer's loader module (ruta.ingest.importers).
LOADERS = sorted({importer.loader.__module__ for importer in IMPORTERS.values()})


def _service_modules():
    for module in pkgutil.iter_modules(ruta.__path__):
        if not module.ispkg:
            continue
        name = f"ruta.{module.name}.services"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name != name:
                raise
    for name in LOADERS:
        yield importlib.import_module(name)


def _public_services():
    for module in _service_modules():
        names = getattr(module, "__all__", None) or [
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value)
            and value.__module__ == module.__name__
            and not name.startswith("_")
        ]
        for name in names:
            value = getattr(module, name)
            if inspect.isfunction(value) and name not in NOT_WRITES.get(
                module.__name__, ()
            ):
                yield pytest.param(value, id=f"{module.__name__}.{name}")


def test_every_importers_loader_is_walked():
    walked = {service.values[0] for service in _public_services()}
    assert {importer.loader for importer in IMPORTERS.values()} <= walked


@pytest.mark.parametrize("service", list(_public_services()))
def test_service_takes_a_required_keyword_actor(service):
    actor = inspect.signature(service).parameters.get("actor")
    assert actor is not None, "a write service must take an actor"
    assert actor.kind is inspect.Parameter.KEYWORD_ONLY
    assert actor.default is inspect.Parameter.empty, "the actor may not default"


def test_calling_a_service_without_an_actor_is_a_type_error(db):
    with pytest.raises(TypeError, match="actor"):
        role_assign(user=None, role="administrator")


def test_a_system_actor_is_trusted_and_named():
    importer = SystemActor("command ingest poa")
    assert can(importer, Action.VALIDATE)
    assert str(importer) == "system:command ingest poa"
    with pytest.raises(ValueError, match="name"):
        SystemActor(" ")
