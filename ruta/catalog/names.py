"""Map municipality names as documents print them to catalog municipalities.

Documents print names in capitals, without accents, or by the name of the
municipal seat ("ROSARIO TESOPACO"). A name matches a municipality of the
state when it equals the catalog name once accents, case and spaces are
ignored; otherwise only an explicit alias (``data/municipality_aliases.csv``,
each with its reason) maps it. Guessing would attach money to the wrong place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ruta.catalog.models import Municipality
from ruta.common.text.search import fold

ALIASES_FILE = Path(__file__).resolve().parent / "data" / "municipality_aliases.csv"
_ALIAS_COLUMNS = ("cve_ent", "printed", "cvegeo", "reason")


def name_key(text: str) -> str:
    """Return ``text`` folded (no accents, lower case) with single spaces."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Alias:
    state: str
    printed: str
    code: str
    reason: str


@cache
def aliases(path: Path = ALIASES_FILE) -> tuple[Alias, ...]:
    """Return the alias table; a malformed row raises ``ValueError`` with its line."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: list[Alias] = []
    for line, row in enumerate(rows, start=2):
        values = [(row.get(name) or "").strip() for name in _ALIAS_COLUMNS]
        if not all(values):
            raise ValueError(f"{path.name}, line {line}: every column is required")
        found.append(Alias(*values))
    return tuple(found)


@dataclass(frozen=True)
class MunicipalityNames:
    """The municipalities of one state, findable by printed name."""

    by_name: dict[str, Municipality]

    @classmethod
    def of_state(cls, state_code: str) -> MunicipalityNames:
        """Return the names of ``state_code``'s municipalities and aliases."""
        municipalities = {m.code: m for m in Municipality.objects.of_state(state_code)}
        by_name = {name_key(m.name): m for m in municipalities.values()}
        for alias in aliases():
            if alias.state == state_code and alias.code in municipalities:
                by_name.setdefault(name_key(alias.printed), municipalities[alias.code])
        return cls(by_name=by_name)

    def codes(self) -> dict[str, str]:
        """Return each folded name and alias → its municipality's code."""
        return {name: municipality.code for name, municipality in self.by_name.items()}

    def find(self, printed: str) -> Municipality | None:
        """Return the municipality printed as ``printed``, or None."""
        return self.by_name.get(name_key(printed))
