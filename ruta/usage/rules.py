"""What a request counts as, and how nginx's log lines are read: pure rules.

The middleware and the log reader classify a path the same way, so a page
answered by the application and the same page answered from nginx's cache
land in the same row. No address, cookie or identifier is ever read: a
count is a day, a kind, a name and a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

PAGE, DOWNLOAD, API, QUESTION = "page", "download", "api", "question"
KINDS = (PAGE, DOWNLOAD, API, QUESTION)
ASKED, DECLINED = "answered", "declined"
APP, CACHE = "app", "cache"
HOME = "inicio"
# Staff and sign-in areas are not public use; files and the admin neither.
NOT_COUNTED = frozenset(
    {"cuentas", "captura", "importaciones", "admin", "static", "media", "i18n"}
)
NAME_MAX = 60
# nginx answered these without asking the application (docs/usage.md):
# a fresh copy, or a stale one while another request refreshes it. A STALE
# answer started that refresh, which the application counted; REVALIDATED,
# MISS, EXPIRED and BYPASS were answered by the application.
CACHE_ONLY = frozenset({"HIT", "UPDATING"})
_LANG = re.compile(r"^/(es-mx|en)(/|$)")
_DOWNLOAD = re.compile(r"^datos/([a-z0-9-]+)/(ultimo|\d+)\.[a-z.]+$")
_SEGMENT = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class Hit:
    """One counted answer: its kind and name (a section, dataset or API part)."""

    kind: str
    name: str


def classify(path: str, status: int) -> Hit | None:
    """Return what an answered GET of ``path`` counts as, or None.

    Only answers a reader received count (2xx and 304); staff areas,
    static files and errors do not.
    """
    if not (200 <= status < 300 or status == 304):
        return None
    if path.startswith("/api/"):
        parts = [part for part in path.split("/") if part][2:3]
        name = parts[0] if parts and _SEGMENT.match(parts[0]) else "otros"
        return Hit(API, name[:NAME_MAX])
    language = _LANG.match(path)
    if language is None:
        return None
    rest = path[language.end() :]
    download = _DOWNLOAD.match(rest)
    if download:
        return Hit(DOWNLOAD, download.group(1)[:NAME_MAX])
    section = rest.split("/", 1)[0] or HOME
    if section in NOT_COUNTED or not _SEGMENT.match(section):
        return None
    return Hit(PAGE, section[:NAME_MAX])


@dataclass(frozen=True)
class LogLine:
    """What the ``ruta_usage`` log format records of one request."""

    moment: datetime
    method: str
    path: str
    status: int
    cache: str


_LINE = re.compile(
    r'^(?P<time>\S+) (?P<method>[A-Z]+) "(?P<uri>[^"]*)" (?P<status>\d{3}) '
    r"(?P<cache>\S+)$"
)


def log_line_parse(line: str) -> LogLine | None:
    """Return a ``ruta_usage`` line read, None if it is not one (never guessed)."""
    found = _LINE.match(line.strip())
    if found is None:
        return None
    try:
        moment = datetime.fromisoformat(found["time"])
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return LogLine(
        moment,
        found["method"],
        urlsplit(found["uri"]).path,
        int(found["status"]),
        found["cache"],
    )


def cached_hit(line: LogLine) -> Hit | None:
    """Return what a log line adds: only reads nginx answered from its cache."""
    if line.method not in ("GET", "HEAD") or line.cache not in CACHE_ONLY:
        return None
    return classify(line.path, line.status)
