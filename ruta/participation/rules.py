"""Pure rules of a committee's oversight: which dates, counts, files and acts stand.

Each rule answers with the code of the problem it finds (or ``None``); the
services turn a code into a message in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# A workshop of a committee of neighbours and the people they bring along.
MAX_ATTENDANCE = 500
# What a phone can reasonably type in one field.
MAX_TEXT = 4000
MINUTES_MAX_BYTES = 5 * 1024 * 1024
# Minutes photographed page by page on a phone: a visit's minutes run a few
# pages, a handful more with their annexes.
MAX_MINUTES_PAGES = 10
MINUTES_PDF, MINUTES_PHOTO = "pdf", "photo"
MAX_VISIT_PHOTOS = 5
# A committee oversees its work from approval to handover: there is nothing
# to visit on a proposal, and a work handed over or cancelled is closed.
OVERSEEN_STATUSES = frozenset(
    {"approved", "released", "contracted", "in_execution", "completed"}
)
# The handover act is signed when the work is finished, before the handover.
HANDOVER_STATUS = "completed"
CONFORM, OBJECTIONS = "conform", "objections"


def record_date_problem(day: date, *, today: date, formed_on: date) -> str | None:
    """Return why ``day`` cannot date a committee's record, or ``None``.

    A record speaks of something that happened: not in the future, and not
    before the committee existed.
    """
    if day > today:
        return "date_in_future"
    if day < formed_on:
        return "date_before_committee"
    return None


def attendance_problem(count: int) -> str | None:
    """Return why ``count`` cannot be a workshop's attendance, or ``None``."""
    if not 1 <= count <= MAX_ATTENDANCE:
        return "attendance_out_of_bounds"
    return None


def minutes_problem(kinds: Sequence[str], sizes: Sequence[int]) -> str | None:
    """Return why files cannot be a visit's signed minutes, or ``None``.

    ``kinds`` says what each file is (``MINUTES_PDF``, ``MINUTES_PHOTO`` or
    anything else) and ``sizes`` how large. Minutes are one PDF of bounded
    size, or the photos of their paper pages (each photo bounded by the
    photos' own rule), never both.
    """
    if not kinds:
        return "minutes_missing"
    if any(kind not in (MINUTES_PDF, MINUTES_PHOTO) for kind in kinds):
        return "minutes_not_pdf"
    if MINUTES_PDF in kinds:
        if len(kinds) > 1:
            return "minutes_mixed"
        if sizes[0] > MINUTES_MAX_BYTES:
            return "minutes_too_large"
        return None
    if len(kinds) > MAX_MINUTES_PAGES:
        return "minutes_too_many_pages"
    return None


def objections_problem(conformity: str, objections: str) -> str | None:
    """Return why an act's conformity and objections disagree, or ``None``.

    A committee that objects says what; one that is conform has nothing to add.
    """
    if conformity == OBJECTIONS and not objections.strip():
        return "objections_missing"
    if conformity == CONFORM and objections.strip():
        return "objections_while_conform"
    return None
