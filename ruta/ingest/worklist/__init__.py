"""The works-list reader: OPA project lists and the platform's template, pure.

``worklist_open`` recognises a file (format, encoding, vocabulary) or refuses
it; ``raw_rows`` yields its records; ``row_read`` turns each into a
``WorkRow`` with its findings (``row_identity`` reads only what picks its
work); ``RepeatedKeys`` and ``current_rows`` deal with a key printed more
than once. No database and no Django: the loader
(``ruta.ingest.loaders.worklist``) writes what this reads.
"""

from ruta.ingest.worklist.columns import TEMPLATE_HEADER, ColumnSet
from ruta.ingest.worklist.decode import WorkListFile, raw_rows, worklist_open
from ruta.ingest.worklist.geo import Boundaries, boundaries_load
from ruta.ingest.worklist.identity import RowIdentity, identity_headers, row_identity
from ruta.ingest.worklist.model import WorkRow
from ruta.ingest.worklist.reading import (
    Geography,
    RepeatedKeys,
    RowReading,
    current_rows,
    row_read,
)

__all__ = [
    "TEMPLATE_HEADER",
    "Boundaries",
    "ColumnSet",
    "Geography",
    "RepeatedKeys",
    "RowIdentity",
    "RowReading",
    "WorkListFile",
    "WorkRow",
    "boundaries_load",
    "current_rows",
    "identity_headers",
    "raw_rows",
    "row_identity",
    "row_read",
    "worklist_open",
]
