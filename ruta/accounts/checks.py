"""System checks: what the personal-data and unpublished registries name exists.

A field misspelt in a declaration would guard nothing, silently; ``ruta
check`` (and every test run) refuses it instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error

from ruta.accounts.personal import personal_data_models
from ruta.accounts.unpublished import unpublished_values


def _missing(label: str, names: Iterable[str]) -> list[CheckMessage]:
    """Return an error for ``label`` if it is no model, or for each field it lacks."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return [Error(f"{label} is declared but is not a model", id="ruta.E001")]
    fields = {field.name for field in model._meta.get_fields()}
    return [
        Error(f"{label}.{name} is declared but is not a field", id="ruta.E002")
        for name in names
        if name not in fields
    ]


def declared_fields_exist(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Check every field named in the personal-data and unpublished registries."""
    errors = []
    for label, entry in personal_data_models().items():
        errors += _missing(label, (field.name for field in entry.fields))
    for label, values in unpublished_values().items():
        errors += _missing(label, values.fields)
    return errors
