"""PostgreSQL ``json`` values read as text, as Django has ``jsonb`` read.

Django has psycopg hand ``jsonb`` over as text and decodes it in
``JSONField.from_db_value``; psycopg decodes ``json`` itself, which that
method cannot take. Read as text, a ``json`` column works with any
``JSONField``: the platform's own (``sources.PrintedJSONField``) and the
models of migrations written while such a column was still ``jsonb``.
"""

from __future__ import annotations

from typing import Any

from psycopg.types.string import TextLoader


def json_read_as_text(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Have a new PostgreSQL connection hand ``json`` values over as text."""
    if connection.vendor == "postgresql":
        connection.connection.adapters.register_loader("json", TextLoader)
