"""How a public dataset is declared: its columns and what its files need.

``ruta.opendata.datasets`` is the registry built from these; the modules
that declare a family of datasets (``money_datasets``) read them from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

TABLE, STANDARD, PACKAGE = "table", "standard", "package"
# Booleans are written as the CSV writers write them (ruta.common.files.downloads).
BOOLEAN_VALUES = {"trueValues": ["sí"], "falseValues": ["no"]}


@dataclass(frozen=True)
class Field:
    """One column: its name in every file, Table Schema type and meaning."""

    name: str
    type: str
    description: str
    required: bool = False

    def descriptor(self) -> dict[str, Any]:
        """Return the Table Schema field descriptor."""
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.type == "boolean":
            descriptor.update(BOOLEAN_VALUES)
        if self.type == "number":
            descriptor["decimalChar"] = "."
        if self.required:
            descriptor["constraints"] = {"required": True}
        return descriptor


@dataclass(frozen=True)
class Dataset:
    """A public dataset and everything its files and documentation need."""

    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    fields: tuple[Field, ...] = ()
    primary_key: tuple[str, ...] = ()
    rows: Callable[[], Iterable[dict[str, Any]]] | None = None
    year_field: str = "EJERCICIO"
    money_fields: frozenset[str] = field(default_factory=frozenset)
    kind: str = TABLE
    stream: Callable[..., Iterator[str]] | None = None
    standard: str = ""
    # Its theme in the EU's data-theme vocabulary (DCAT-AP recommends one):
    # public money's datasets are the government and public sector's.
    theme: str = "GOVE"

    def table_schema(self) -> dict[str, Any]:
        """Return the Frictionless Table Schema of the dataset's tables."""
        return {
            "fields": [column.descriptor() for column in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }

    @property
    def columns(self) -> dict[str, str]:
        """Return the column names, each as its own header (every file agrees)."""
        return {column.name: column.name for column in self.fields}


def F(name: str, type_: str, description: str, *, required: bool = False) -> Field:  # noqa: N802
    """Return a field; short, so the declarations below read as a table."""
    return Field(name, type_, description, required)


MONEY = "Pesos mexicanos (MXN), con dos decimales."
YEAR = F("EJERCICIO", "integer", "Ejercicio fiscal (año).")
SHA = "SHA-256 del documento publicado del que viene el valor (ver «documentos»)."
