"""The words of money a citizen reads, each declared once.

Two families of figures say "how much" on the site and must never be taken
for one another:

- **Where a work's money stands** (``MoneyGroup``), by the work's status: the
  money released to works (invested, what the annual report counts as
  "obras realizadas"), the money of works authorised but not yet released,
  of works proposed, of works cancelled. Only the first is investment; the
  others are shown beside it, never added to it, and none of them is a
  budget moment.
- **The budget's moments** (``BudgetMoment``), as public accounts name them
  (Ley General de Contabilidad Gubernamental): approved, adjustments,
  modified, accrued, paid and the unspent balance of a budget statement, and
  a work's approved, modified and paid figures as the federal works lists
  print them, with what was paid above the modified.

Beneficiaries have one definition (``BENEFICIARIES``). Every page label, the
glossary page, the API's descriptions, the open data's and the question box
read these declarations; ``docs/glossary.md`` lists them, and a test fails
when the two drift apart. Pure, so that readers and rules may read it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def _(text: str) -> str:
    """Mark ``text`` for the translation catalogue; it is translated where shown.

    The module is pure (readers and rules read it); pages and the API pass a
    label through ``gettext`` (pages through ``ruta_terms``).
    """
    return text


class _Words(StrEnum):
    """Keys of the glossary, each with its Spanish label."""

    @property
    def label(self) -> str:
        """Return the Spanish label, untranslated."""
        return _LABELS[self]


class MoneyGroup(_Words):
    """Where a work's money stands, by the work's status (none is a budget moment)."""

    INVESTED = "invested"
    PENDING_RELEASE = "pending_release"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"


class BudgetMoment(_Words):
    """The moments of a budget, as public accounts and the works lists name them."""

    APPROVED = "approved"
    ADJUSTMENTS = "adjustments"
    MODIFIED = "modified"
    ACCRUED = "accrued"
    PAID = "paid"
    BALANCE = "balance"
    OVERSPENT = "overspent"


_LABELS: dict[str, str] = {
    MoneyGroup.INVESTED: _("Invertido"),
    MoneyGroup.PENDING_RELEASE: _("Por liberar"),
    MoneyGroup.PROPOSED: _("Propuesto"),
    MoneyGroup.CANCELLED: _("Cancelado"),
    BudgetMoment.APPROVED: _("Aprobado"),
    BudgetMoment.ADJUSTMENTS: _("Ampliaciones/(Reducciones)"),
    BudgetMoment.MODIFIED: _("Modificado"),
    BudgetMoment.ACCRUED: _("Devengado"),
    BudgetMoment.PAID: _("Pagado"),
    BudgetMoment.BALANCE: _("Subejercicio"),
    BudgetMoment.OVERSPENT: _("Pagado de más"),
}


@dataclass(frozen=True)
class Term:
    """One word of the glossary: its key, its Spanish label, what it means."""

    key: str
    label: str
    definition: str

    @property
    def anchor(self) -> str:
        """Return the glossary page's fragment for the term."""
        return self.key.replace("_", "-")


BENEFICIARIES = Term(
    "beneficiaries",
    _("Beneficiarios"),
    _(
        "Las personas que cada obra con inversión dice beneficiar, sumadas. "
        "Una persona puede contarse en varias obras: la suma no es un conteo "
        "de personas. Las obras por liberar, propuestas o canceladas no cuentan."
    ),
)

_DEFINITIONS: dict[str, str] = {
    MoneyGroup.INVESTED: _(
        "Dinero liberado a obras: las que tienen recursos liberados, "
        "contratadas, en ejecución, terminadas o entregadas (lo que el Informe "
        "Anual llama obras realizadas). Es la inversión de cada total del sitio."
    ),
    MoneyGroup.PENDING_RELEASE: _(
        "Dinero de obras autorizadas cuyos recursos aún no se liberan. Se muestra "
        "junto a lo invertido, nunca sumado a él; no es el presupuesto aprobado."
    ),
    MoneyGroup.PROPOSED: _(
        "Dinero de obras propuestas que aún no se autorizan. No es inversión."
    ),
    MoneyGroup.CANCELLED: _(
        "Dinero que tenían obras canceladas. No es inversión ni se suma a ella."
    ),
    BudgetMoment.APPROVED: _(
        "Lo que el presupuesto de egresos asignó al empezar el ejercicio (en el "
        "estado de ingresos, lo estimado). En una obra, lo aprobado que publica "
        "su registro, o su inversión total si no lo publica."
    ),
    BudgetMoment.ADJUSTMENTS: _(
        "Lo que se añadió o quitó a lo aprobado durante el ejercicio."
    ),
    BudgetMoment.MODIFIED: _(
        "Lo aprobado más las ampliaciones y menos las reducciones. En una obra, "
        "su aprobado más las modificaciones autorizadas en el sitio."
    ),
    BudgetMoment.ACCRUED: _(
        "Lo que se debe por bienes, servicios u obra ya recibidos, pagado o no."
    ),
    BudgetMoment.PAID: _(
        "Lo efectivamente pagado (en el estado de ingresos, lo recaudado). Los "
        "registros federales de obra lo imprimen como EJERCIDO."
    ),
    BudgetMoment.BALANCE: _(
        "Lo modificado que no se devengó: el subejercicio (en ingresos, la "
        "diferencia entre lo recaudado y lo estimado)."
    ),
    BudgetMoment.OVERSPENT: _(
        "Lo que una obra pagó por encima de su modificado. Debería ser cero; "
        "cuando no lo es, el sitio lo señala."
    ),
}

MONEY_GROUP_TERMS = tuple(
    Term(group.value, group.label, _DEFINITIONS[group]) for group in MoneyGroup
)
BUDGET_MOMENT_TERMS = tuple(
    Term(moment.value, moment.label, _DEFINITIONS[moment]) for moment in BudgetMoment
)
GLOSSARY: tuple[Term, ...] = (*MONEY_GROUP_TERMS, *BUDGET_MOMENT_TERMS, BENEFICIARIES)


def term(key: str) -> Term:
    """Return the declared term ``key``; a word not declared is an error."""
    for each in GLOSSARY:
        if each.key == key:
            return each
    raise KeyError(f"{key!r} is not a term of the glossary")
