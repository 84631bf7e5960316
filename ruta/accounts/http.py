"""The request a signed-in page gets, for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from ruta.accounts.models import User


class SignedInRequest(HttpRequest):
    """A request past ``login_required``: its user is a ``User``, never anonymous.

    Only an annotation: Django builds the request, this class never is.
    """

    user: User
