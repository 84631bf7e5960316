"""Who writes: a person (a ``User``) or a named system actor.

Every service takes a required ``actor``. People are checked by the
permission rules; a ``SystemActor`` — a command run by an operator, an import,
a background job, the demo loader — is trusted like an administrator and is
named in the audit history instead of a user. Passing nothing is a
``TypeError``, never an anonymous bypass of the checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeAlias, TypeVar, cast

import pghistory
from django.db import transaction

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from ruta.accounts.models import User


@dataclass(frozen=True)
class SystemActor:
    """A writer that is not a person, named in every audit event it leaves."""

    name: str

    # What Django's request.user offers, so templates and checks read it alike.
    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = False

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a system actor needs a name")

    def __str__(self) -> str:
        return f"system:{self.name}"


Actor: TypeAlias = "User | SystemActor"

DEMO = SystemActor("demo")


def command_actor(command: str) -> SystemActor:
    """Return the actor of a management command (``ruta ingest cecop-report``)."""
    return SystemActor(f"command {command}")


def is_system(actor: object) -> TypeIs[SystemActor]:
    """Return whether ``actor`` is a system actor (trusted, not a person)."""
    return isinstance(actor, SystemActor)


def person(actor: Actor) -> User | None:
    """Return the user behind ``actor``; None for a system actor."""
    return None if is_system(actor) else actor


def audit_context(actor: Actor) -> dict[str, Any]:
    """Return what an audit event records of ``actor``: the user, or the name."""
    if is_system(actor):
        return {"user": None, "system": actor.name}
    return {"user": actor.pk}


@contextmanager
def audited(actor: Actor, service: str, **extra: Any) -> Iterator[None]:
    """Attach the actor and the service's name to every audit event written.

    For a write that is not a whole service (a loader's batch, a command) or
    that records more than its name (a quarter, a reason); a service itself
    takes ``@service``.
    """
    with pghistory.context(**audit_context(actor), service=service, **extra):
        yield


P = ParamSpec("P")
R = TypeVar("R")


def service(function: Callable[P, R]) -> Callable[P, R]:
    """Make ``function`` a write: atomic, audited under its own name.

    Every event it leaves names its actor and the service, so the audit
    history reads "who, through what". The actor stays a required keyword:
    leaving it out is the ``TypeError`` the services promise.
    """

    @functools.wraps(function)
    def write(*args: P.args, **kwargs: P.kwargs) -> R:
        if "actor" not in kwargs:
            raise TypeError(f"{function.__name__}() needs its actor (actor=...)")
        actor = cast("Actor", kwargs["actor"])  # a service declares actor: Actor
        with transaction.atomic(), audited(actor, function.__name__):
            return function(*args, **kwargs)

    return write
