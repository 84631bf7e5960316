"""The instance's flag settings, checked when the site starts (``ruta check``).

A threshold outside its bounds, an unknown flag or setting, or a state law
with a share out of range would otherwise stop the first open-data publish.
"""

from __future__ import annotations

from decimal import InvalidOperation
from typing import Any

from django.core.checks import CheckMessage, Error

from ruta.flags.found import state_works_law, thresholds
from ruta.flags.rules import ThresholdError


def flag_settings_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Check RUTA_FLAG_THRESHOLDS and RUTA_FLAG_STATE_WORKS_LAW."""
    errors: list[CheckMessage] = []
    for read in (thresholds, state_works_law):
        try:
            read()
        except (ThresholdError, InvalidOperation, ValueError, TypeError) as error:
            errors.append(Error(str(error), id="flags.E001"))
    return errors
