"""Uploaded files: checked by the rule their field declares (by content, not
by name: ``ruta.common.files.uploads``), refused under the form's field."""

from __future__ import annotations

from typing import BinaryIO, cast

from django.core.exceptions import ValidationError
from django.core.files.base import File

from ruta.common.files.uploads import Accepted, Content, file_accept, file_rule


def file_read(
    file: File, *, key: str, field: str, only: tuple[Content, ...] | None = None
) -> Accepted:
    """Return the upload checked against ``key``'s rule; refuse it under ``field``."""
    try:
        return file_accept(file_rule(key), cast(BinaryIO, file), only=only)
    except ValidationError as refused:
        raise ValidationError({field: refused.error_list}) from refused
