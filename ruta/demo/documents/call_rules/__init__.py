"""A grants programme's rules of operation, written from their figures.

``render_rules`` writes the Reglas de Operación del Programa Peso por Peso
in the layout of the 2021 document (its numbered sections, the table of
requirements of §3.4, the obligations of §3.7.2, §4 and §5 with its lists
and its table of causes, a page break inside tables and sentences as the
extracted text has them) from ``RulesFacts``: the figures and deadlines the
platform enforces. ``SEED_FACTS`` are the 2021 document's own; the wording is
the project's (``prose`` holds the parts without figures, ``operation``
§3–§4 and ``follow_up`` §5 the parts with them). The document carries the
original's contradictions too: three ways of saying when a report is due,
the contribution as half of the project or of the support, rent allowed to
structural grants and forbidden to every scheme.
"""

from __future__ import annotations

from ruta.demo.documents.call_rules import follow_up, operation, prose
from ruta.demo.documents.call_rules.facts import SEED_FACTS, RulesFacts

__all__ = ["SEED_FACTS", "RulesFacts", "render_rules"]


def render_rules(facts: RulesFacts = SEED_FACTS) -> str:
    """Return the rules' text, paragraph by paragraph, in the original's layout."""
    parts = [
        (
            f"REGLAS DE OPERACIÓN DEL PROGRAMA PESO POR PESO PARA EL EJERCICIO "
            f"FISCAL {facts.year}",
        ),
        prose.OPENING,
        ("2. " + prose.OBJECTIVES[0], *prose.OBJECTIVES[1:]),
        operation.guidelines(facts),
        prose.PARTICIPANTS,
        operation.requirements(facts),
        operation.eligibility(facts),
        prose.SCHEMES,
        operation.amounts(facts),
        prose.RIGHTS,
        operation.obligations(facts),
        ("4. Operación", "Los recursos se asignan por estos mecanismos:"),
        prose.CALLS,
        operation.allocation(facts),
        prose.SPENDING,
        operation.reports_and_refunds(facts),
        follow_up.follow_up(facts),
        follow_up.cancellation(facts),
        follow_up.transparency(facts),
        (follow_up.causes(facts),),
        prose.CLOSING,
    ]
    return "\n\n".join(paragraph for part in parts for paragraph in part) + "\n"
