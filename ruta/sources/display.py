"""Findings as pages show them: worded again in the page's language.

A finding is stored with its code, its values and its place. Its sentence is
declared once, beside its check (``ruta.sources.findings.finding_kind``), in
Spanish; here it is worded again from the values through the catalogue, so a
finding stored in any language shows in the page's. The readers write their
places in their own notation ("line 268 (indicator_results_1, row 4)",
"row 12 (line 14), key 123J3E"): the CECOP report's places are translated
whole, the other readers' word by word around the names they print (files,
forms, sections, JSON paths), which are kept.

A finding whose values lack what its sentence needs (one stored before its
values carried it, or a code no module declares) gets its kind's summary,
and its stored message is kept beside it as the original: readers wrote
those in English before their sentences were declared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ruta.sources import findings
from ruta.sources.findings import kind_of, stored

SAY = gettext  # how pages say a finding's marked sentences


class FindingLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def where(self) -> str: ...
    @property
    def values(self) -> Any: ...


@dataclass(frozen=True)
class FindingText:
    """A finding as a page shows it.

    ``original`` is the stored message when ``message`` could not be worded
    from the values (empty otherwise); ``where_lang`` is "en" when ``where``
    is the reader's English notation for the same reason.
    """

    code: str
    message: str
    where: str
    original: str = ""
    where_lang: str = ""


# ---------------------------------------------------------------- CECOP places
_PLACES: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (
        re.compile(r"line (?P<line>\d+) \((?P<table>\w+), row (?P<row>\d+)\)"),
        _("línea %(line)s (%(table)s, renglón %(row)s)"),
    ),
    (
        re.compile(
            r"lines (?P<first>\d+)–(?P<last>\d+) "
            r"\((?P<table>\w+), rows (?P<first_row>\d+)–(?P<last_row>\d+)\)"
        ),
        _(
            "líneas %(first)s–%(last)s (%(table)s, "
            "renglones %(first_row)s–%(last_row)s)"
        ),
    ),
    (re.compile(r"line (?P<line>\d+) \(prose\)"), _("línea %(line)s (texto)")),
    (
        re.compile(r"line (?P<line>\d+) \((?P<table>\w+)\)"),
        _("línea %(line)s (%(table)s)"),
    ),
    (
        re.compile(r"(?P<file>[^;]+), page\(s\) (?P<pages>\d+(?:, \d+)*)"),
        _("%(file)s, página(s) %(pages)s"),
    ),
)
# A place in a document read from a PDF ends with its page.
_PAGE = re.compile(r"(?P<place>.+), page (?P<page>\d+)")


def table_name(table_id: str) -> str:
    """Return what a page calls a report's table; its id if it is not the report's."""
    return findings.table_name(table_id, SAY)


def place_text(where: str) -> str | None:
    """Return a CECOP ``where`` in the active language; None if not understood."""
    parts = []
    for printed in where.split("; "):
        paged = _PAGE.fullmatch(printed)
        place = paged["place"] if paged else printed
        found = next(
            (
                (text, match)
                for pattern, text in _PLACES
                if (match := pattern.fullmatch(place))
            ),
            None,
        )
        if found is None:
            return None
        text, match = found
        groups = match.groupdict()
        if "table" in groups:
            groups["table"] = table_name(groups["table"])
        translated = text % groups
        if paged:
            translated += _(", página %(page)s") % {"page": paged["page"]}
        parts.append(translated)
    return "; ".join(parts)


# ---------------------------------------------------------------- readers' places
# The works-list, OCDS, POA and action-plan readers compose their places of a
# few words around printed names ("poa.txt, copy 3 (lines 1-40), line 20";
# "row 12 (line 14), key 123J3E"): each word is translated where it stands.
_PLACE_WORDS: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (re.compile(r"(?<=, )forms (?P<forms>.+)$"), _("formatos %(forms)s")),
    (
        re.compile(r"(?<=, )form (?P<form>.+?)(?=, (?:goal|copy|line|lines) \d|$)"),
        _("formato %(form)s"),
    ),
    (
        re.compile(r"\brow (?P<row>\d+) \(line (?P<line>\d+)\)"),
        _("renglón %(row)s (línea %(line)s)"),
    ),
    (re.compile(r"(?:^|(?<=, ))key (?P<key>.+)$"), _("clave %(key)s")),
    (
        re.compile(r"\bcopy (?P<copy>\d+) \(lines (?P<first>\d+)-(?P<last>\d+)\)"),
        _("copia %(copy)s (líneas %(first)s-%(last)s)"),
    ),
    (
        re.compile(r"\bcopy (?P<copy>\d+) line (?P<line>\d+)"),
        _("copia %(copy)s, línea %(line)s"),
    ),
    (
        re.compile(r"\bcommitments, row (?P<row>\d+)\)"),
        _("compromisos, renglón %(row)s)"),
    ),
    (
        re.compile(r"\blines (?P<lines>\d+(?:(?:-|–|, )\d+)*)"),
        _("líneas %(lines)s"),
    ),
    (re.compile(r"\bline (?P<line>\d+)"), _("línea %(line)s")),
    (re.compile(r"(?:^|(?<=, ))goal (?P<goal>\d+)"), _("meta %(goal)s")),
    (
        re.compile(r"\bsection (?P<name>'[^']*'|\"[^\"]*\")"),
        _("sección %(name)s"),
    ),
    (re.compile(r"\(questionnaire: "), _("(cuestionario: ")),
    (re.compile(r", page (?P<page>\d+)"), _(", página %(page)s")),
)
# Words of a place left in English once translated: then it is not shown as
# Spanish. Quoted names are not looked at.
_ENGLISH_PLACE = re.compile(
    r"\b(?:line|lines|row|rows|copy|form|forms|goal|key|section|page)\b"
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _worded(text: Promise, match: re.Match[str]) -> str:
    return text % match.groupdict()


def worded_place_text(where: str) -> str | None:
    """Return a reader's place translated word by word; None if words are left."""
    translated = where
    for pattern, text in _PLACE_WORDS:
        translated = pattern.sub(partial(_worded, text), translated)
    if _ENGLISH_PLACE.search(_QUOTED.sub("", translated)):
        return None
    return translated


def finding_text(finding: FindingLike) -> FindingText:
    """Return ``finding`` in the active language, keeping what cannot be worded."""
    kind = kind_of(finding.code)
    message = kind.worded(stored(finding.values), SAY) if kind else None
    where = place_text(finding.where)
    if where is None:
        where = worded_place_text(finding.where)
    original = ""
    if message is None:
        summary = kind.summary if kind else ""
        message = (
            SAY(summary)
            if summary
            else _("Hallazgo «%(code)s».") % {"code": finding.code}
        )
        # A finding stored with its summary has no words of its own to keep.
        original = finding.message if finding.message != summary else ""
    return FindingText(
        code=finding.code,
        message=message,
        where=where if where is not None else finding.where,
        original=original,
        where_lang="" if where is not None else "en",
    )


def refusal_text(refusal: Mapping[str, Any]) -> str:
    """Return why an input was refused, in the page's language, naming the file.

    ``refusal`` is an ``InputError.as_dict()``: its reason is English, for the
    command line; one whose ``code`` is a declared kind (``json-too-deep``)
    is worded from its values, else its message is kept.
    """
    kind = kind_of(str(refusal.get("code") or ""))
    values = refusal.get("values") or {}
    worded = kind.worded(stored(values), SAY) if kind else None
    if worded is None:
        return str(refusal.get("message", ""))
    file = refusal.get("file")
    return f"{file}: {worded}" if file else worded
