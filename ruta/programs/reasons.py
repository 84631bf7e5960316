"""Why the reader left a value for review, in the page's language.

The reader explains every reading in English, for validators (``reason``).
Pages show the reading's stable rule code (``Reading.rule``) through these
translatable messages instead; validators also see the reader's own words,
marked as English. The rules are those of ``ruta.ingest.poa.REVIEW_RULES``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from ruta.programs.models import ValueStatus

REVIEW_REASONS = {
    "several_fit": _(
        "Varias lecturas de las copias del formato cuadran con su aritmética y "
        "ninguna es mejor; un validador decidirá cuál es la correcta."
    ),
    "arithmetic_fails": _(
        "Ninguna lectura de las copias hace que la suma de lo alcanzado dé el "
        "avance absoluto impreso; un validador lo revisará."
    ),
    "no_majority": _(
        "Las copias del formato no coinciden y ninguna lectura tiene mayoría; "
        "un validador decidirá."
    ),
    "not_printed": _(
        "Ninguna copia del formato imprime este dato; un validador lo completará."
    ),
    "unchecked": _(
        "No puede comprobarse mientras el avance absoluto esté por decidir."
    ),
}
UNKNOWN_RULE = _(
    "La lectura del documento no pudo establecer este valor (regla %(rule)s); "
    "un validador lo revisará."
)


def review_reason(rule: str) -> str:
    """Return why a value waits for review, translated, from its rule code."""
    template = REVIEW_REASONS.get(rule)
    if template is None:
        return UNKNOWN_RULE % {"rule": rule or "—"}
    return str(template)


def review_rules(readings: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the rule codes of the readings left for review, each once."""
    return tuple(
        dict.fromkeys(
            reading.get("rule", "")
            for reading in readings.values()
            if isinstance(reading, Mapping)
            and reading.get("status") == ValueStatus.NEEDS_REVIEW
        )
    )


def review_reasons(rules: Iterable[str]) -> tuple[str, ...]:
    """Return the translated reasons of ``rules``, each once."""
    return tuple(dict.fromkeys(review_reason(rule) for rule in rules))


def join_reasons(reasons: Sequence[str]) -> str:
    """Return several reasons as one, each clause once, in order.

    The two sides of a quarter often share the reader's explanation and
    differ only in the cell they name.
    """
    clauses = [c.strip() for reason in reasons for c in reason.split("; ")]
    return "; ".join(dict.fromkeys(c for c in clauses if c))
