"""A code's Spanish label beside it, in the files and the API answers.

A code's labels are declared once, as the ``TextChoices`` its field takes;
the open-data files and the API answers read them here, in the site's
language (Spanish) whatever language the request or the publish runs in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.utils import translation


def label(choices: Any, code: str | None) -> str | None:
    """Return ``code``'s label from a ``TextChoices``, in the site's language.

    An unknown code is its own label (a file may print what no list knows).
    """
    if code is None or code == "":
        return None
    return _labels(choices).get(code, code)


def spanish(text: Any) -> str | None:
    """Return a (lazy) label in the site's language; ``None`` stays ``None``."""
    if text is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@cache
def _labels(choices: Any) -> dict[str, str]:
    """Return a ``TextChoices``' labels by code, read once (a row each is costly)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {code: str(text) for code, text in choices.choices}
