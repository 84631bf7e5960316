"""Who writes: a person (a ``User``) or a named system actor.

Every service takes a required ``actor``. People are checked by the
permission rules; a ``SystemActor`` — a command run by an operator, an import,
a background job, the demo loader — is trusted like an administrator and is
named in the audit history instead of a user. Passing nothing is a
``TypeError``, never an anonymous bypass of the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
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


def is_system(actor: Any) -> bool:
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
