"""Every write on committees: forming them, their members, their oversight.

``committees`` forms committees and keeps their members (personal data) and
their accounts, one by one or from a roster; ``oversight`` records what a
committee does: its workshop, its visits, its handover act.
"""

from ruta.participation.services.committees import (
    Invitation,
    RosterImport,
    committee_form,
    committee_member_add,
    committee_member_invite,
    committee_member_link,
    committee_member_link_by_email,
    committee_member_remove,
    committee_member_replace,
    committees_import,
)
from ruta.participation.services.oversight import (
    handover_act_record,
    visit_record,
    workshop_record,
)

__all__ = [
    "Invitation",
    "RosterImport",
    "committee_form",
    "committee_member_add",
    "committee_member_invite",
    "committee_member_link",
    "committee_member_link_by_email",
    "committee_member_remove",
    "committee_member_replace",
    "committees_import",
    "handover_act_record",
    "visit_record",
    "workshop_record",
]
