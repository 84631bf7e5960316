"""Money is kept at one precision in every model."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from ruta.common.fields import MoneyField


def test_every_amount_in_pesos_is_a_money_field():
    # A decimal with two places and room for millions is an amount: no model
    # keeps one at a precision of its own.
    strays = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField)
        and field.decimal_places == 2
        and field.max_digits >= 10
        and not isinstance(field, MoneyField)
    ]
    assert strays == []
