"""The lineamientos of a concertation agreement, declared once.

Each agreement's checklist is these items; staff tick each one with its
evidence, and a concerted work of the municipality is not released while
one is unmet (CECOP's indicator card: "si no se llegase a cumplir con algún
lineamiento no se liberaría la obra"). The published report names the
lineamientos without listing them: these are the obligations such an
agreement sets on an ayuntamiento, and an instance whose agreements set
others declares them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Lineamiento:
    key: str
    label: StrPromise


LINEAMIENTOS: tuple[Lineamiento, ...] = (
    Lineamiento(
        "priorized-program",
        _("El ayuntamiento entregó su programa de obras concertadas priorizado"),
    ),
    Lineamiento(
        "bank-account",
        _("El ayuntamiento abrió la cuenta bancaria específica del convenio"),
    ),
    Lineamiento(
        "municipal-contribution",
        _("El ayuntamiento depositó su aportación comprometida"),
    ),
    Lineamiento(
        "technical-files",
        _("Los expedientes técnicos de las obras están completos y validados"),
    ),
    Lineamiento(
        "land-title",
        _("Se acreditó la propiedad de los predios de las obras"),
    ),
)
KEYS = tuple(item.key for item in LINEAMIENTOS)
LABELS = {item.key: item.label for item in LINEAMIENTOS}
