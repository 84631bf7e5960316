"""Moving files kept before private storage existed into it (``ruta files-private``).

Earlier versions kept every file under ``MEDIA_ROOT``, which nginx
publishes, some under names anyone could guess (``informe-12.pdf``). For
each field ``ruta.common.files.uploads`` declares private, every file its rows
name that is still in the public storage is copied into the private one
under a random name (the extension its bytes show; ``bin`` and a warning
when they are none of what the field takes, such as an HTML file accepted
before the check by content), the rows are pointed at the copy, and only
then is the public file deleted. Running it again moves nothing twice: a
row whose file is already in the private storage is left as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

import pghistory
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import models, transaction

from ruta.common.files.uploads import FILE_RULES, FileRule, file_recognise


@dataclass
class MoveSummary:
    """What a run moved, found already private, could not find, or flagged."""

    moved: Counter[str] = field(default_factory=Counter)
    already: Counter[str] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)

    @property
    def left_public(self) -> int:
        """Return how many files a dry run found still in the public storage."""
        return sum(self.moved.values())


def _extension(rule: FileRule, data: bytes, name: str) -> str:
    """Return the extension the bytes show, or ``bin`` if the rule takes none."""
    try:
        return file_recognise(rule, BytesIO(data), name=name).extension
    except ValidationError:
        return "bin"


def _move_one(
    model: type[models.Model],
    field: models.FileField,
    old: str,
    rule: FileRule,
    public: Storage,
) -> tuple[str, bool]:
    """Copy ``old`` to private storage, point its rows at it, delete the public one."""
    with public.open(old, "rb") as handle:
        data = handle.read()
    extension = _extension(rule, data, old)
    new = field.storage.save(
        field.generate_filename(model(), f"archivo.{extension}"),
        ContentFile(data),
    )
    with transaction.atomic(), pghistory.context(service="files_private"):
        model._default_manager.filter(**{field.name: old}).update(**{field.name: new})
    public.delete(old)
    return new, extension == "bin"


def private_files_move(*, dry_run: bool = False) -> MoveSummary:
    """Move every private field's files out of the public storage; idempotent."""
    public = storages["default"]
    summary = MoveSummary()
    for rule in FILE_RULES.values():
        if not (rule.private and rule.model_field):
            continue
        label, name = rule.key.rsplit(".", 1)
        model = apps.get_model(label)
        field = model._meta.get_field(name)
        names = (
            model.objects.exclude(**{name: ""})
            .values_list(name, flat=True)
            .distinct()
            .order_by(name)
        )
        for old in list(names):
            if field.storage.exists(old):
                summary.already[rule.key] += 1
            elif not public.exists(old):
                summary.missing.append(f"{rule.key}: {old}")
            elif dry_run:
                summary.moved[rule.key] += 1
            else:
                new, flagged = _move_one(model, field, old, rule, public)
                summary.moved[rule.key] += 1
                if flagged:
                    summary.flagged.append(f"{rule.key}: {old} → {new}")
    return summary
