"""What a reader reports about a document: findings and fatal errors.

A finding is a contradiction or doubt the platform shows to people (the
document is still read); a ``DocumentError`` stops the import before anything
is written and names the file, the table or page, the row and the field.

Each kind of finding is declared once, beside the check that finds it: its
stable code and the function that words it from the finding's values, with
its sentences in Spanish (the platform's source language) marked by
``sentence``. Readers may not import Django, so the mark is a no-op here:
``makemessages`` extracts it (``--keyword=sentence``, which the project's
``makemessages`` command adds) into the catalogues, and pages word the same
finding again in their own language by passing ``gettext`` as ``say``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ruta.common.errors import InputError

# A finding's values as stored and worded: every value as text.
Values = Mapping[str, str]
# Translates a marked sentence: ``gettext`` on pages, ``unchanged`` in readers.
Say = Callable[[str], str]
Words = Callable[[Values, Say], str]


def sentence(text: str) -> str:
    """Mark ``text`` as words of a finding for the catalogue; return it unchanged.

    Call it on the literal itself (``say(sentence("…"))``), so that
    ``makemessages --keyword=sentence`` finds it; named placeholders only.
    """
    return text


# The CECOP report's tables by the reader's names for them
# (``ruta.ingest.cecop``), as findings and pages call them.
_TABLE_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"tsam_by_subprogram"), sentence("obras de TSAM por subprograma")),
    (re.compile(r"tsam_by_region"), sentence("obras de TSAM por región")),
    (re.compile(r"gse_by_subprogram"), sentence("obras de GSE por subprograma")),
    (re.compile(r"gse_by_region"), sentence("obras de GSE por región")),
    (re.compile(r"drought_aid"), sentence("ayudas prioritarias a municipios")),
    (re.compile(r"aid_by_concept"), sentence("ayudas diversas por concepto")),
    (
        re.compile(r"indicator_results_(?P<number>\d+)"),
        sentence("resultados de indicadores, tabla %(number)s"),
    ),
    (re.compile(r"semaphore_summary"), sentence("resumen del semáforo")),
    (
        re.compile(r"indicator_card_(?P<number>\d+)"),
        sentence("cédula de indicador %(number)s"),
    ),
)


def table_name(table_id: str, say: Say) -> str:
    """Return what a page calls a report's table; its id if it is not the report's."""
    for pattern, text in _TABLE_NAMES:
        match = pattern.fullmatch(table_id)
        if match:
            groups = match.groupdict()
            return say(text) % groups if groups else say(text)
    return table_id


def unchanged(text: str) -> str:
    """Return ``text`` as declared: the ``say`` of the source language (Spanish)."""
    return text


def stored(values: Mapping[str, Any]) -> dict[str, str]:
    """Return ``values`` as the database keeps them: every value as text."""
    return {key: str(value) for key, value in values.items()}


def figure(value: Any, say: Say, unit: str = "") -> str:
    """Return a figure with thousands separators ("54,738,170.00"); % if a percent.

    Stored figures are text: a blank one ("blank", "None") is said in words.
    """
    text = str(value)
    if text in ("blank", "None"):
        return say(sentence("en blanco"))
    try:
        number = f"{Decimal(text):,}"
    except InvalidOperation:
        return text
    return f"{number}%" if unit == "percent" else number


@dataclass(frozen=True)
class Finding:
    """A check that failed, with both values and where each one stands.

    ``message`` is the finding worded in Spanish when it was found; pages
    word it again from ``code`` and ``values`` in their own language.
    """

    code: str
    message: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    severity: str = "warning"

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form, values as text.

        Built field by field: ``dataclasses.asdict`` deep-copies every value,
        and a federal file has a finding for one row in four.
        """
        return {
            "code": self.code,
            "message": self.message,
            "where": self.where,
            "values": stored(self.values),
            "severity": self.severity,
        }


@dataclass(frozen=True)
class FindingKind:
    """One kind of finding: its stable code, how it is worded, its summary.

    ``summary`` (marked, may be empty) says what the kind means when a
    finding's values lack what ``words`` needs: findings stored before their
    values carried it.
    """

    code: str
    words: Words
    summary: str = ""

    def found(
        self,
        *,
        where: str,
        values: Mapping[str, Any] | None = None,
        severity: str = "warning",
    ) -> Finding:
        """Return a finding of this kind at ``where``, worded in Spanish."""
        values = dict(values or {})
        return Finding(
            code=self.code,
            message=self.worded(stored(values)) or self.summary or self.code,
            where=where,
            values=values,
            severity=severity,
        )

    def worded(self, values: Values, say: Say = unchanged) -> str | None:
        """Return the finding of ``values`` in words; None if they lack any.

        Values stored before they carried what the sentence needs are missing
        (KeyError) or not what it expects (ValueError, a figure that is not
        a number).
        """
        try:
            return self.words(values, say)
        except (KeyError, ValueError, ArithmeticError):
            return None


_KINDS: dict[str, FindingKind] = {}


def finding_kind(code: str, *, summary: str = "") -> Callable[[Words], FindingKind]:
    """Declare the kind of finding ``code`` with the function that words it.

    Used as a decorator beside the check; the code may be declared once.
    """

    def declare(words: Words) -> FindingKind:
        kind = FindingKind(code, words, summary)
        known = _KINDS.get(code)
        if known is not None and _origin(known) != _origin(kind):
            raise ValueError(f"finding code {code!r} is declared twice")
        _KINDS[code] = kind
        return kind

    return declare


def _origin(kind: FindingKind) -> tuple[str, str]:
    return kind.words.__module__, kind.words.__qualname__


def kind_of(code: str) -> FindingKind | None:
    """Return the declared kind of ``code``; None if no module declares it."""
    return _KINDS.get(code)


def finding_kinds() -> Mapping[str, FindingKind]:
    """Return every declared kind by code (the modules imported so far)."""
    return dict(_KINDS)


def reworded(code: str, values: Mapping[str, Any], say: Say = unchanged) -> str | None:
    """Return a stored finding worded again; None if its kind or values fall short."""
    kind = _KINDS.get(code)
    return kind.worded(stored(values), say) if kind else None


class DocumentError(InputError):
    """A document that cannot be read; nothing from it may be written."""
