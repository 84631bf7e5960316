"""Reader and checker for the CECOP "Informe Anual de Resultados".

``parse_report`` turns the report's extracted text into frozen dataclasses,
``check_report`` lists its contradictions, ``report_as_json`` gives both as
JSON. All three are pure: no database, no files.
"""

from ruta.ingest.cecop.checks import check_report
from ruta.ingest.cecop.model import (
    AidRow,
    AidTable,
    CecopReport,
    Dimension,
    DroughtRow,
    DroughtTable,
    Figure,
    IndicatorCard,
    IndicatorRow,
    IndicatorTable,
    Place,
    Program,
    ProseClaim,
    Quantity,
    SemaphoreSummary,
    Subject,
    Unit,
    WorksRow,
    WorksTable,
    YearFigure,
)
from ruta.ingest.cecop.parser import parse_report
from ruta.ingest.cecop.summary import report_as_json

__all__ = [
    "AidRow",
    "AidTable",
    "CecopReport",
    "Dimension",
    "DroughtRow",
    "DroughtTable",
    "Figure",
    "IndicatorCard",
    "IndicatorRow",
    "IndicatorTable",
    "Place",
    "Program",
    "ProseClaim",
    "Quantity",
    "SemaphoreSummary",
    "Subject",
    "Unit",
    "WorksRow",
    "WorksTable",
    "YearFigure",
    "check_report",
    "parse_report",
    "report_as_json",
]
