"""The ranges every numeric, date and text parameter is checked against.

Checked before any work: a request for year 9,223,372,036,854,775,807 once
built a range of years up to it and froze the site. The fiscal-year bounds
are those of ``catalog.FiscalYear``'s database constraint; within them, an
endpoint still answers only for the years the catalog knows.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

YEAR_MIN = 1990
YEAR_MAX = 2100
BIGINT_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1  # PostgreSQL ``integer``: row numbers and lines
SEARCH_MAX_LENGTH = 200
CODE_MAX_LENGTH = 60
# PostgreSQL cannot hold a NUL in text: the request guard refuses one before
# any view (``ruta.common.web.guards``), so the OpenAPI document says so too.
STORABLE_TEXT = r"^[^\x00]*$"

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
RecordId = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
SmallNumber = Annotated[int, Field(ge=0, le=32_767)]
SearchText = Annotated[str, Field(max_length=SEARCH_MAX_LENGTH, pattern=STORABLE_TEXT)]
Code = Annotated[str, Field(max_length=CODE_MAX_LENGTH, pattern=STORABLE_TEXT)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
