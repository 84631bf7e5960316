"""System checks: every file the models keep follows its declared rule.

A ``FileField`` missing from ``ruta.common.files.uploads.FILE_RULES``, or kept in
another storage than its rule says, could publish personal data without
anyone noticing; ``ruta check`` (and every test run) refuses it instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pghistory.models
from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db import models

from ruta.common.files.privatefiles import private_storage
from ruta.common.files.uploads import FILE_RULES, RandomName


def file_fields() -> dict[str, models.FileField]:
    """Return every ``FileField`` of the project's models by "app.Model.field".

    The audit history's event models copy a file's name, never its bytes:
    they are not listed.
    """
    return {
        f"{model._meta.app_label}.{model.__name__}.{field.name}": field
        for model in apps.get_models()
        if not issubclass(model, pghistory.models.Event)
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }


def _field_problems(key: str, field: models.FileField) -> list[str]:
    """Return how ``field`` departs from its rule (undeclared, wrong storage)."""
    rule = FILE_RULES.get(key)
    if rule is None or not rule.model_field:
        return [f"{key} is a FileField that ruta.common.files.uploads does not declare"]
    problems = []
    if rule.private != (field.storage is private_storage()):
        where = "private" if rule.private else "public (default)"
        problems.append(f"{key} is declared {where} but kept in another storage")
    if rule.accepts and field.upload_to != RandomName(rule.folder):
        problems.append(
            f"{key} takes uploads but is not named RandomName('{rule.folder}')"
        )
    return problems


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def file_rules_followed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Check every FileField against its declared rule, and the private root."""
    fields = file_fields()
    problems = [
        problem
        for key, field in fields.items()
        for problem in _field_problems(key, field)
    ]
    problems += [
        f"{key} is declared but is no FileField"
        for key, rule in FILE_RULES.items()
        if rule.model_field and key not in fields
    ]
    private = Path(settings.RUTA_PRIVATE_ROOT)
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        if public and (
            _inside(private, Path(public)) or _inside(Path(public), private)
        ):
            problems.append(f"RUTA_PRIVATE_ROOT {private} overlaps the public {public}")
    return [Error(problem, id="ruta.E010") for problem in problems]
