"""The data requests' rules, pure (no Django): statuses and what may follow.

A request is open until staff answer it: with the data (where it is now
published, or why it is as it is) or declining it with the reason. An
answered request stays answered; a correction is a new request.
"""

from __future__ import annotations

OPEN, ANSWERED, DECLINED = "open", "answered", "declined"
# What a request says of the missing data; what an answer says.
WHAT_MIN, WHAT_MAX = 10, 2000
ANSWER_MIN, ANSWER_MAX = 10, 4000
PAGE_MAX = 300


def answer_allowed(status: str, outcome: str) -> bool:
    """Return whether a request in ``status`` may be closed as ``outcome``."""
    return status == OPEN and outcome in (ANSWERED, DECLINED)


def page_valid(path: str) -> bool:
    """Return whether ``path`` names one of the site's own public pages.

    A path of this site (``/es-mx/…`` or ``/en/…``), never another
    address: the request's page is shown as a link on public pages.
    """
    if len(path) > PAGE_MAX or not path.startswith(("/es-mx/", "/en/")):
        return False
    return "//" not in path and all(ch.isprintable() and ch != " " for ch in path)
