"""The cycle of an indicator's result captured on the site (``ruta.accounts.cycles``).

Capture staff of the card's agency capture a result; a validator of the
agency who did not capture it publishes it, or discards it saying why (the
discarded figure stays in the audit history with the reason). A result read
from a published document is published as its source says and takes no step.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ruta.accounts.cycles import Cycle, Step
from ruta.accounts.permissions import Action
from ruta.indicators.models import IndicatorResult, ResultStatus

RESULT = Cycle(
    key="indicator_result",
    slug="resultados-de-indicadores",
    model=IndicatorResult,
    what=_("este resultado"),
    scope=lambda result: result.card.agency,
    writer_fields=("captured_by",),
    back=lambda result: reverse("indicators:capture"),
    steps=(
        Step(
            key="approve",
            slug="aprobar",
            label=_("Aprobar y publicar"),
            sources=frozenset({ResultStatus.CAPTURED}),
            target=ResultStatus.APPROVED,
            action=Action.VALIDATE,
            done=_("Resultado aprobado y publicado."),
            separate=True,
            stamps="approved",
            publishes="indicators",
        ),
        Step(
            key="reject",
            slug="descartar",
            label=_("Descartar el resultado"),
            sources=frozenset({ResultStatus.CAPTURED}),
            target=None,
            action=Action.VALIDATE,
            done=_("Resultado descartado."),
            reason="required",
        ),
    ),
)
