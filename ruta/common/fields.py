"""The one model field for money: pesos, to the centavo, at one precision.

Every amount the models keep (a work's investment, a payment, a contract, a
budget statement's column, a summary's sum) is a ``MoneyField``:
``numeric(18, 2)``, room for any state's budget and any sum of its works, so
a figure never changes precision on its way from a row to a total. Forms
bound what a person may type with their own, smaller limits.
"""

from __future__ import annotations

from typing import Any

from django.db import models

MONEY_DIGITS = 18
MONEY_PLACES = 2


class MoneyField(models.DecimalField):
    """An amount in Mexican pesos with two decimal places."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        super().__init__(*args, **kwargs)
