"""How indicator figures read: as the reports print them."""

from __future__ import annotations

from decimal import Decimal

EMPTY = "—"


def figure_text(value: Decimal | int | None, percent: bool = False) -> str:
    """Return an indicator figure as printed (``70.29%``, ``1,076``); a dash if None.

    Stored figures carry four decimal places; trailing zeros are noise here.
    """
    if value is None:
        return EMPTY
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}{'%' if percent else ''}"
