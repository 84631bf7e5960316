"""The followers the demo made up before the mark get it from their contact."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from ruta.alerts.models import ChannelKind, Subscription

migration = importlib.import_module("ruta.alerts.migrations.0005_demo_followers_marked")


def _follow(email: str = "", phone: str = "") -> Subscription:
    return Subscription.objects.create(
        channel=ChannelKind.WHATSAPP if phone else ChannelKind.EMAIL,
        target_kind="work",
        target_key="TSAM-2024-0001",
        target_label="Obra",
        email=email,
        phone=phone,
    )


def test_the_migration_marks_the_demos_invented_contacts_only(db):
    demo = [
        _follow(email=migration.DEMO_EMAILS[0]),
        _follow(email=migration.DEMO_EMAILS[1]),
        _follow(phone=migration.DEMO_PHONES[0]),
    ]
    real = _follow(email="vecina@example.com")
    migration.demo_followers_mark(apps, SimpleNamespace(connection=connection))
    assert set(Subscription.objects.filter(is_demo=True)) == set(demo)
    real.refresh_from_db()
    assert not real.is_demo
