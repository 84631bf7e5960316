import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from ruta.accounts.models import Role
from ruta.accounts.permissions import (
    Action,
    Scope,
    agencies_where,
    can,
    can_anywhere,
    can_over_any,
    is_administrator,
)
from ruta.accounts.services import agency_update
from ruta.catalog.models import AgencyKind
from testkit.factories.catalog import AgencyFactory


@pytest.fixture
def ayuntamiento_hermosillo(hermosillo):
    return AgencyFactory(
        code="ayuntamiento-26030",
        name="Ayuntamiento de Hermosillo",
        kind=AgencyKind.AYUNTAMIENTO,
        municipality=hermosillo,
    )


@pytest.fixture
def ayuntamiento_cajeme(cajeme):
    return AgencyFactory(
        code="ayuntamiento-26018",
        name="Ayuntamiento de Cajeme",
        kind=AgencyKind.AYUNTAMIENTO,
        municipality=cajeme,
    )


def test_capture_staff_of_one_municipality_cannot_change_another(
    make_user, hermosillo, ayuntamiento_cajeme
):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    with pytest.raises(PermissionDenied):
        agency_update(actor=staff, agency=ayuntamiento_cajeme, acronym="XX")
    ayuntamiento_cajeme.refresh_from_db()
    assert ayuntamiento_cajeme.acronym == ""


def test_capture_staff_can_change_their_own_municipality(
    make_user, hermosillo, ayuntamiento_hermosillo
):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    agency_update(actor=staff, agency=ayuntamiento_hermosillo, acronym="HMO")
    ayuntamiento_hermosillo.refresh_from_db()
    assert ayuntamiento_hermosillo.acronym == "HMO"


def test_agency_scope_reaches_the_units_below_it(make_user, db):
    parent = AgencyFactory(code="cecop", name="CECOP")
    unit = AgencyFactory(code="cecop-dat", name="Apoyo Técnico", parent=parent)
    staff = make_user(Role.CAPTURE, agency=parent)
    assert can(staff, Action.CAPTURE, unit)
    assert not can(staff, Action.CAPTURE, AgencyFactory(code="otra"))


def test_the_agencies_where_one_may_act_are_found_in_one_query(
    make_user, db, django_assert_num_queries
):
    parent = AgencyFactory(code="cecop", name="CECOP")
    units = [
        AgencyFactory(code=f"cecop-{n}", name=f"Unidad {n}", parent=parent)
        for n in range(3)
    ]
    deeper = AgencyFactory(code="cecop-0-a", name="Oficina", parent=units[0])
    others = [AgencyFactory(code=f"otra-{n}") for n in range(3)]
    agencies = [others[0], *units, deeper, *others[1:], parent]
    staff = make_user(Role.CAPTURE, agency=parent)
    with django_assert_num_queries(2):  # the staff's roles, then every lineage
        found = agencies_where(staff, Action.CAPTURE, agencies)
    assert found == [*units, deeper, parent]
    fresh = make_user(Role.CAPTURE, agency=units[0])
    assert agencies_where(fresh, Action.CAPTURE, agencies) == [
        a for a in agencies if can(fresh, Action.CAPTURE, a)
    ]
    assert agencies_where(fresh, Action.CAPTURE, agencies) == [units[0], deeper]


def test_unit_scope_does_not_reach_its_parent(make_user, db):
    parent = AgencyFactory(code="cecop", name="CECOP")
    unit = AgencyFactory(code="cecop-dat", name="Apoyo Técnico", parent=parent)
    staff = make_user(Role.CAPTURE, agency=unit)
    assert not can(staff, Action.CAPTURE, parent)


def test_unscoped_capture_role_reaches_nothing(make_user, hermosillo):
    staff = make_user(Role.CAPTURE)
    assert not can(staff, Action.CAPTURE, Scope(municipality_id=hermosillo.pk))


def test_agency_and_municipality_scope_must_both_match(make_user, hermosillo, cajeme):
    cecop = AgencyFactory(code="cecop", name="CECOP")
    staff = make_user(Role.CAPTURE, agency=cecop, municipality=hermosillo)
    assert can(staff, Action.CAPTURE, Scope(cecop.pk, hermosillo.pk))
    assert not can(staff, Action.CAPTURE, Scope(cecop.pk, cajeme.pk))


def test_role_without_the_action_is_denied(make_user, hermosillo):
    member = make_user(Role.COMMITTEE, municipality=hermosillo)
    assert not can(member, Action.CAPTURE, Scope(municipality_id=hermosillo.pk))


def test_administrator_may_do_everything(administrator, cajeme):
    assert all(
        can(administrator, action, Scope(municipality_id=cajeme.pk))
        for action in Action
    )


def test_anonymous_and_inactive_users_are_denied(make_user, db):
    inactive = make_user(Role.ADMINISTRATOR)
    inactive.is_active = False
    assert not can(AnonymousUser(), Action.VIEW_AUDIT)
    assert not can(inactive, Action.VIEW_AUDIT)


def test_validator_may_view_the_audit_history_without_scope(validator):
    assert can(validator, Action.VIEW_AUDIT)


def test_can_anywhere_needs_a_scope_for_scoped_actions(make_user, hermosillo):
    assert not can_anywhere(make_user(Role.CAPTURE), Action.CAPTURE)
    assert can_anywhere(
        make_user(Role.CAPTURE, municipality=hermosillo), Action.CAPTURE
    )
    assert not can_anywhere(
        make_user(Role.CAPTURE, municipality=hermosillo), Action.VALIDATE
    )


def test_acting_over_any_of_some_bodies_needs_a_scope_covering_one(
    make_user, administrator, db
):
    dif = AgencyFactory(code="dif", name="DIF Sonora")
    bodies = [Scope(agency_id=dif.pk)]
    conagua = make_user(Role.VALIDATOR, agency=AgencyFactory(code="conagua"))
    assert can_anywhere(conagua, Action.VALIDATE)  # a validator somewhere
    assert not can_over_any(conagua, Action.VALIDATE, bodies)  # not there
    assert can_over_any(make_user(Role.VALIDATOR, agency=dif), Action.VALIDATE, bodies)
    assert not can_over_any(
        make_user(Role.CAPTURE, agency=dif), Action.VALIDATE, bodies
    )
    assert can_over_any(administrator, Action.VALIDATE, [])  # global
    assert not can_over_any(AnonymousUser(), Action.VALIDATE, bodies)


def test_municipal_staff_may_not_capture_a_state_agency_work_in_their_municipality(
    make_user, hermosillo
):
    cecop = AgencyFactory(code="cecop", name="CECOP")
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    assert not can(staff, Action.CAPTURE, Scope(cecop.pk, hermosillo.pk))


def test_municipal_staff_reach_the_units_of_their_ayuntamiento(
    make_user, hermosillo, ayuntamiento_hermosillo
):
    works_office = AgencyFactory(
        code="hmo-obras", kind=AgencyKind.UNIDAD, parent=ayuntamiento_hermosillo
    )
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    assert can(staff, Action.CAPTURE, Scope(works_office.pk, hermosillo.pk))
    assert can(staff, Action.EDIT_AGENCY, works_office)


def test_municipal_staff_may_not_capture_their_ayuntamiento_work_located_elsewhere(
    make_user, hermosillo, cajeme, ayuntamiento_hermosillo
):
    staff = make_user(Role.CAPTURE, municipality=hermosillo)
    assert not can(staff, Action.CAPTURE, Scope(ayuntamiento_hermosillo.pk, cajeme.pk))


def test_agency_scope_reaches_its_units_in_every_municipality(
    make_user, hermosillo, cajeme
):
    cecop = AgencyFactory(code="cecop", name="CECOP")
    unit = AgencyFactory(code="cecop-dat", parent=cecop)
    staff = make_user(Role.CAPTURE, agency=cecop)
    assert can(staff, Action.CAPTURE, Scope(unit.pk, hermosillo.pk))
    assert can(staff, Action.CAPTURE, Scope(unit.pk, cajeme.pk))


def test_administrator_with_a_scope_is_still_global(make_user, hermosillo, cajeme):
    cecop = AgencyFactory(code="cecop", name="CECOP")
    administrator = make_user(Role.ADMINISTRATOR, municipality=hermosillo)
    assert can(administrator, Action.VALIDATE, Scope(cecop.pk, cajeme.pk))
    assert is_administrator(administrator)


def test_agency_lineage_is_read_in_one_query_and_kept_on_the_user(
    make_user, django_assert_num_queries
):
    top = AgencyFactory(code="cecop", name="CECOP")
    middle = AgencyFactory(code="cecop-dg", parent=top)
    leaf = AgencyFactory(code="cecop-dg-depto", parent=middle)
    staff = make_user(Role.VALIDATOR, agency=top)
    with django_assert_num_queries(2):  # the assignments and the lineage
        assert can(staff, Action.CAPTURE, leaf)
    with django_assert_num_queries(0):
        assert can(staff, Action.VALIDATE, leaf)
