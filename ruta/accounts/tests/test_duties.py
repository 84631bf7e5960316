"""Separation of duties: the one rule every approval asks."""

from ruta.accounts.rules import approver_wrote


def test_a_writer_is_refused_the_approval_of_what_they_wrote():
    assert approver_wrote(7, {3, 7})


def test_another_person_may_approve():
    assert not approver_wrote(8, {3, 7})


def test_a_system_actor_is_never_among_the_writers():
    assert not approver_wrote(None, {3, 7})
