"""Where a record belongs, for permission checks: its agency and municipality.

Every scoped record (a work, a POA unit, a committee, an agency) answers
``permission_scope()`` with a ``Scope``; ``ruta.accounts.permissions`` decides
who covers it. The type lives in the catalog because both halves are catalog
records, so the catalog's own models can name their scope.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Where a record belongs: its agency and/or its municipality."""

    agency_id: int | None = None
    municipality_id: str | None = None
    # The agency that rules the programme the record belongs to, when it is
    # not the one administering it (a grants call's normative body, which
    # supervises the projects of its programme): its auditors read the record.
    ruled_by: int | None = None
    # The users who act for the organisation a record belongs to (a grant
    # applicant's application, agreement and register), by user id.
    members: frozenset[int] = frozenset()
