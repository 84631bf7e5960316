"""What caches and ETags are scoped by besides the data: the instance.

The catalog declares the instance (``ruta.catalog.instance``), which this
floor may not import; settings name its scope function
(``RUTA_INSTANCE_SCOPE``), as Django's settings name a swappable model.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _reader(path: str) -> Callable[[], str]:
    reader: Callable[[], str] = import_string(path)
    return reader


def instance_scope() -> str:
    """Return the instance's scope (its state's code; blank when national)."""
    return _reader(settings.RUTA_INSTANCE_SCOPE)()
