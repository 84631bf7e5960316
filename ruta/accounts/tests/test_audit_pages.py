"""The history page at any size: counted up to a bound, days as ranges."""

import datetime as dt

import pghistory
from django.utils import timezone

from ruta.accounts import selectors
from ruta.accounts.models import User
from ruta.common.audit import auditindex

AUDIT = "/es-mx/cuentas/auditoria/"


def _renamed(person: User, *names: str, by: User) -> None:
    with pghistory.context(user=by.pk):
        for name in names:
            User.objects.filter(pk=person.pk).update(full_name=name)


def test_a_history_longer_than_the_bound_says_more_and_lists_the_newest(
    client, administrator, make_user, monkeypatch
):
    person = make_user()
    _renamed(person, "Primero", "Segundo", "Tercero", by=administrator)
    monkeypatch.setattr(selectors, "AUDIT_COUNTED", 2)
    monkeypatch.setattr(selectors, "AUDIT_PAGE_SIZE", 2)
    client.force_login(administrator)
    response = client.get(AUDIT, {"model": "accounts.User", "object_id": person.pk})
    page = response.content.decode()
    assert "Más de 2 cambios" in page
    assert "Se listan los 2 cambios más recientes" in page
    table = page.split("<tbody>")[1]
    assert "Tercero" in table
    assert "→ Primero" not in table  # the third newest
    assert 'page=2"' not in page


def test_a_history_within_the_bound_is_counted_exactly(
    administrator, make_user, monkeypatch
):
    person = make_user()
    _renamed(person, "Primero", "Segundo", by=administrator)
    events = selectors.audit_events(
        selectors.AuditFilter(model="accounts.User", object_id=str(person.pk)),
        reader=administrator,
    )
    monkeypatch.setattr(selectors, "AUDIT_COUNTED", events.count())
    page = selectors.audit_events_page(events, 1)
    assert page.paginator.count == events.count()
    assert not page.paginator.capped


def test_a_day_filter_lists_that_days_events_in_the_instances_time(
    client, administrator, make_user
):
    person = make_user()
    _renamed(person, "Cambiado Hoy", by=administrator)
    today = timezone.localdate()
    client.force_login(administrator)
    for first, last, listed in (
        (today, today, True),
        (today - dt.timedelta(days=3), today - dt.timedelta(days=1), False),
        (today + dt.timedelta(days=1), None, False),
        (None, today, True),
    ):
        asked = {"model": "accounts.User", "object_id": person.pk}
        asked |= {"date_from": first} if first else {}
        asked |= {"date_to": last} if last else {}
        table = client.get(AUDIT, asked).content.decode().split("<tbody>")[1]
        assert ("Cambiado Hoy" in table) is listed, (first, last)


def test_a_persons_events_are_the_same_found_by_their_contexts_or_by_walking(
    administrator, validator, make_user, monkeypatch
):
    person = make_user()
    _renamed(person, "Por Quien Valida", by=validator)
    _renamed(person, "Por Quien Administra", by=administrator)
    asked = selectors.AuditFilter(user_id=validator.pk)

    def listed() -> list[tuple[str, int]]:
        events = selectors.audit_events(asked, reader=administrator)
        return list(events.values_list("pgh_model", "pgh_id"))

    by_contexts = listed()
    monkeypatch.setattr(auditindex, "MOST_USER_CONTEXTS", 0)
    assert by_contexts == listed()
    assert len(by_contexts) == 1
