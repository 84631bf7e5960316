"""The grants' personal data, declared once, and who guards each value.

Personal: the legal representative's name, CURP, e-mail and telephone (an
organisation's name, RFC, CLUNI and notification e-mail are public), the
operating coordinator's name, CURP and e-mail, the project's CLABE, and
every value the beneficiary register keeps of a person (name, age, sex,
locality, guardian and the date of their consent; the public sees only
counts, ``register_aggregates``). Each is guarded by the scope of the
record it belongs to: the organisation's members, the call's administering
staff, administrators. Reads are logged on the holder
(``PERSONAL_DATA_VIEWED``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from ruta.accounts.personal import PersonalDataModel, PersonalField
from ruta.grants.models import (
    Agreement,
    Application,
    BankAccount,
    BeneficiaryEntry,
    Organization,
)


def _by_object(
    model: type[models.Model], holder: Callable[[Any], Any], related: tuple[str, ...]
) -> Callable[[Iterable[Any]], dict[str, tuple[Any, Any]]]:
    """Return a ``holders`` function: each event's record, mapped to its holder."""

    def holders(events: Iterable[Any]) -> dict[str, tuple[Any, Any]]:
        events = list(events)
        ids = {int(event.pgh_obj_id) for event in events}
        records = model._default_manager.select_related(*related).in_bulk(ids)
        found = {}
        for event in events:
            record = records.get(int(event.pgh_obj_id))
            if record is not None:
                found[event.pgh_slug] = (holder(record),) * 2
        return found

    return holders


def _same(record: Any) -> Any:
    return record


def _agreement(record: Any) -> Agreement:
    return record.agreement


_APPLICATION = ("call", "organization")
_AGREEMENT = ("agreement__application__call", "agreement__application__organization")

PERSONAL_DATA = (
    PersonalDataModel(
        label="grants.Organization",
        fields=(
            PersonalField("legal_representative"),
            PersonalField("representative_curp"),
            PersonalField("representative_email"),
            PersonalField("representative_phone"),
            # Often a person's own mailbox: shown to the organisation and to
            # whoever reviews it, not on the audit page to every validator.
            PersonalField("contact_email"),
        ),
        holders=_by_object(Organization, _same, ()),
    ),
    PersonalDataModel(
        label="grants.Application",
        fields=(
            PersonalField("coordinator_name"),
            PersonalField("coordinator_curp"),
            PersonalField("coordinator_email"),
        ),
        holders=_by_object(Application, _same, _APPLICATION),
    ),
    PersonalDataModel(
        label="grants.BankAccount",
        fields=(PersonalField("clabe"),),
        holders=_by_object(BankAccount, _agreement, _AGREEMENT),
    ),
    PersonalDataModel(
        label="grants.BeneficiaryEntry",
        fields=(
            PersonalField("full_name"),
            PersonalField("age"),
            PersonalField("sex"),
            PersonalField("locality"),
            PersonalField("guardian_name"),
            PersonalField("guardian_consent_on"),
        ),
        holders=_by_object(BeneficiaryEntry, _agreement, _AGREEMENT),
    ),
)
