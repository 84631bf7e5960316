"""Every role × action × scope × record: nothing allowed that the rules do not grant.

The expectation is written here by hand from the rules stated in
``ruta/accounts/permissions.py`` and ``docs/architecture.md``, independently of
the code that decides: which actions each role holds, and which records each
kind of assignment reaches. Every combination is asked of ``can``; any
difference — an unexpected allow above all — fails with the full list.
"""

from __future__ import annotations

from itertools import product

import pytest

from ruta.accounts.models import Role
from ruta.accounts.permissions import ROLE_ACTIONS, Action, Scope, can
from ruta.catalog.models import AgencyKind
from testkit.factories.catalog import AgencyFactory

GRANTED = {
    Role.ADMINISTRATOR: set(Action),
    Role.VALIDATOR: {
        Action.VIEW_AUDIT,
        Action.CAPTURE,
        Action.VALIDATE,
        Action.VIEW_PERSONAL_DATA,
        Action.EDIT_AGENCY,
    },
    Role.CAPTURE: {Action.CAPTURE, Action.EDIT_AGENCY},
    Role.COMMITTEE: {Action.RECORD_OVERSIGHT},
    Role.APPLICANT: {Action.APPLY_GRANT},
    Role.REVIEWER: {Action.SCORE_GRANT},
    Role.AUDITOR: {Action.VIEW_AUDIT, Action.VIEW_PERSONAL_DATA},
}
NEEDS_NO_TARGET = {Action.VIEW_AUDIT, Action.APPLY_GRANT}
# On a record, applying is for the users acting for its organisation only,
# and recording oversight for the members of the work's committee only.
MEMBERS_ONLY_ON_A_RECORD = {Action.APPLY_GRANT, Action.RECORD_OVERSIGHT}

# record → (agency, municipality); assignment → (agency, municipality)
RECORDS = {
    "state agency's, in Hermosillo": ("state", "hmo"),
    "state agency's, in Cajeme": ("state", "caj"),
    "state unit's, in Hermosillo": ("unit", "hmo"),
    "Hermosillo's ayuntamiento's, in Hermosillo": ("ayto_hmo", "hmo"),
    "a unit of Hermosillo's ayuntamiento's, located nowhere": ("ayto_unit", None),
    "Hermosillo's ayuntamiento's, in Cajeme": ("ayto_hmo", "caj"),
    "Cajeme's ayuntamiento's, in Cajeme": ("ayto_caj", "caj"),
    "no one's": (None, None),
}
ASSIGNMENTS = {
    "unscoped": (None, None),
    "state agency": ("state", None),
    "state unit": ("unit", None),
    "municipality of Hermosillo": (None, "hmo"),
    "state agency in Hermosillo": ("state", "hmo"),
    "Hermosillo's ayuntamiento": ("ayto_hmo", None),
}
# Which records each assignment reaches (for scoped actions).
REACHES = {
    "unscoped": set(),
    # An agency ruling a programme another administers: its records are not
    # the agency's own (only its auditors read them, tested below).
    "ruling body": set(),
    "state agency": {
        "state agency's, in Hermosillo",
        "state agency's, in Cajeme",
        "state unit's, in Hermosillo",
    },
    "state unit": {"state unit's, in Hermosillo"},
    "municipality of Hermosillo": {
        "Hermosillo's ayuntamiento's, in Hermosillo",
        "a unit of Hermosillo's ayuntamiento's, located nowhere",
    },
    "state agency in Hermosillo": {
        "state agency's, in Hermosillo",
        "state unit's, in Hermosillo",
    },
    "Hermosillo's ayuntamiento": {
        "Hermosillo's ayuntamiento's, in Hermosillo",
        "a unit of Hermosillo's ayuntamiento's, located nowhere",
        "Hermosillo's ayuntamiento's, in Cajeme",
    },
}


@pytest.fixture
def places(hermosillo, cajeme):
    state = AgencyFactory(code="cecop", name="CECOP")
    ayto_hmo = AgencyFactory(
        code="ayto-hmo", kind=AgencyKind.AYUNTAMIENTO, municipality=hermosillo
    )
    return {
        "agencies": {
            "state": state,
            "unit": AgencyFactory(code="cecop-dat", parent=state),
            "ayto_hmo": ayto_hmo,
            "ayto_unit": AgencyFactory(
                code="ayto-hmo-obras", kind=AgencyKind.UNIDAD, parent=ayto_hmo
            ),
            "ayto_caj": AgencyFactory(
                code="ayto-caj", kind=AgencyKind.AYUNTAMIENTO, municipality=cajeme
            ),
        },
        "municipalities": {"hmo": hermosillo, "caj": cajeme},
    }


def _expected(role: Role, action: Action, assignment: str, record: str) -> bool:
    if role == Role.ADMINISTRATOR:
        return True
    if action not in GRANTED[role]:
        return False
    if action in MEMBERS_ONLY_ON_A_RECORD:
        return False  # none of these records names the user as a member
    return action in NEEDS_NO_TARGET or record in REACHES[assignment]


def test_the_roles_hold_the_documented_actions():
    assert {role: set(actions) for role, actions in ROLE_ACTIONS.items()} == GRANTED


def test_no_role_action_or_scope_allows_what_the_rules_do_not(make_user, places):
    agencies, municipalities = places["agencies"], places["municipalities"]

    def scope(agency_key, municipality_key):
        return Scope(
            agency_id=agencies[agency_key].pk if agency_key else None,
            municipality_id=municipalities[municipality_key].pk
            if municipality_key
            else None,
        )

    differences = []
    for role, (assignment, (agency, municipality)) in product(
        Role, ASSIGNMENTS.items()
    ):
        scoped = {}
        if agency:
            scoped["agency"] = agencies[agency]
        if municipality:
            scoped["municipality"] = municipalities[municipality]
        user = make_user(role, **scoped)
        for action, (record, place) in product(Action, RECORDS.items()):
            allowed = can(user, action, scope(*place))
            if allowed != _expected(role, action, assignment, record):
                differences.append(
                    (role.value, assignment, action.value, record, allowed)
                )
    unexpected_allows = [row for row in differences if row[-1]]
    assert unexpected_allows == []
    assert differences == []


def test_an_applicant_acts_only_on_records_of_organisations_they_act_for(
    make_user, places
):
    applicant = make_user(Role.APPLICANT)
    other = make_user(Role.APPLICANT)
    reviewer = make_user(Role.REVIEWER)
    agency = places["agencies"]["state"].pk
    theirs = Scope(agency_id=agency, members=frozenset({applicant.pk, reviewer.pk}))
    assert can(applicant, Action.APPLY_GRANT)
    assert can(applicant, Action.APPLY_GRANT, theirs)
    assert can(applicant, Action.VIEW_PERSONAL_DATA, theirs)
    assert not can(applicant, Action.VALIDATE, theirs)
    assert not can(other, Action.APPLY_GRANT, theirs)
    assert not can(other, Action.VIEW_PERSONAL_DATA, theirs)
    # Membership counts only with the applicant role.
    assert not can(reviewer, Action.VIEW_PERSONAL_DATA, theirs)


def test_only_an_auditor_of_a_programmes_ruling_body_reads_its_records(
    make_user, places
):
    """A call ruled by DIF and administered by another body; one ruled elsewhere."""
    administering = places["agencies"]["state"].pk
    ruling = AgencyFactory(code="dif-sonora", name="DIF Sonora")
    other_ruler = AgencyFactory(code="otra-normativa")
    records = {
        "ruled by the assignment's agency": Scope(
            agency_id=administering, ruled_by=ruling.pk
        ),
        "ruled by another body": Scope(
            agency_id=administering, ruled_by=other_ruler.pk
        ),
    }
    differences = []
    for role in Role:
        user = make_user(role, agency=ruling)
        for action, (record, scope) in product(Action, records.items()):
            expected = _expected(role, action, "ruling body", record) or (
                role == Role.AUDITOR
                and action in GRANTED[role]
                and record == "ruled by the assignment's agency"
            )
            allowed = can(user, action, scope)
            if allowed != expected:
                differences.append((role.value, action.value, record, allowed))
    assert differences == []
