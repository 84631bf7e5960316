"""Red-flag endpoints: the kept flags and what each kind is.

No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.
"""

from django.http import HttpRequest
from ninja import Router

from ruta.common.bounds import Code
from ruta.flags import selectors
from ruta.flags.schemas import FlagKindOut, FlagOut

router = Router(tags=["flags"])


@router.get("/", response=list[FlagOut])
def list_flags(
    request: HttpRequest,
    kind: Code = "",
    work: Code = "",
    contractor: Code = "",
    agency: Code = "",
) -> list[dict]:
    """Return the flags the last publish kept, in Spanish, with their figures.

    A flag is a sign worth a look, never an accusation. Filter by ``kind``,
    a work's folio, a company's RFC or an agency's code.
    """
    return selectors.flag_api_rows(
        kind=kind, work=work, contractor=contractor, agency=agency
    )


@router.get("/kinds", response=list[FlagKindOut])
def list_flag_kinds(request: HttpRequest) -> list[dict]:
    """Return every kind of flag: its rule's reading, source and thresholds."""
    return selectors.kind_rows()
