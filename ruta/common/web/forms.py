"""One path from a posted form to a service and back: the refusal lands on the form.

A view validates its form, hands the cleaned data to a service and, when the
service refuses with a ``ValidationError``, shows each message where it
belongs: at the field the refusal's code is mapped to, or the field its
``error_dict`` key names, else above the form. Nothing else is caught, so a
view's own checks stay visible in the view. An action posted without a form
(a button) goes the same way with ``action_submit``: its refusal becomes the
next page's message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

T = TypeVar("T")


@dataclass(frozen=True)
class Submitted(Generic[T]):
    """What became of a submission; ``value`` is the service's (``None`` is one)."""

    ok: bool
    value: T | None = None


def form_submit(
    form: forms.BaseForm,
    service: Callable[[], T],
    *,
    fields: Mapping[str, str] | None = None,
    denied: str | None = None,
) -> Submitted[T]:
    """Validate ``form`` and run ``service``; put a refusal's messages on the form.

    ``service`` takes no argument: the view closes over ``form.cleaned_data``,
    so it never runs on an invalid form. ``fields`` maps a refusal's code to
    the field it concerns. ``denied``, when given, is shown above the form if
    the service refuses the actor; otherwise that refusal stays a 403.
    """
    if not form.is_valid():
        return Submitted(ok=False)
    try:
        value = service()
    except PermissionDenied:
        if denied is None:
            raise
        form.add_error(None, denied)
        return Submitted(ok=False)
    except ValidationError as error:
        refusal_show(form, error, fields=fields)
        return Submitted(ok=False)
    return Submitted(ok=True, value=value)


def refusal_show(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    fields: Mapping[str, str] | None = None,
) -> None:
    """Put each message of ``error`` on the field it concerns, else above the form.

    A code in ``fields`` wins over an ``error_dict`` key, so a model's
    ``full_clean`` error can name a model field the form calls otherwise.
    """
    codes = fields or {}
    if hasattr(error, "error_dict"):
        for name, items in error.error_dict.items():
            for item in items:
                _show(form, codes.get(item.code or "") or name, item)
        return
    for item in error.error_list:
        _show(form, codes.get(item.code or ""), item)


def _show(form: forms.BaseForm, field: str | None, item: ValidationError) -> None:
    """Add one message, its code kept, on ``field`` if the form has it."""
    form.add_error(field if field in form.fields else None, item)


def action_submit(
    request: HttpRequest, service: Callable[[], T], *, denied: str | None = None
) -> Submitted[T]:
    """Run a form-less action (a button); a refusal becomes the page's message.

    The same path as ``form_submit`` for what posts no form: each message of
    a ``ValidationError`` is shown on the next page, ``denied`` (when given)
    stands for a refusal of the actor, which otherwise stays a 403.
    """
    try:
        value = service()
    except PermissionDenied:
        if denied is None:
            raise
        messages.error(request, denied)
        return Submitted(ok=False)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return Submitted(ok=False)
    return Submitted(ok=True, value=value)
