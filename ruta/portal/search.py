"""One search for everything public: each kind's own selector, assembled.

Each domain app offers the search of its own kind (works through their
index, the small tables through ``ruta.common.text.search.entries_kept``) and
the words its names are made of. Here they are declared once, in the order
the page shows them, with what each reads: ``indexed`` names every model
field a kind matches on, so a test holds them against the personal-data
declaration (``ruta.accounts.personal``) and nothing personal is ever
searchable.

A word no record holds is mended to the nearest word of the word list (one
letter off; two in a long word) and the answer says so ("Mostrando
resultados para …"). The word list is read once per version of the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.catalog.instance import instance
from ruta.catalog.selectors import municipalities_search, municipalities_search_words
from ruta.common.db.versioning import data_version, version_kept
from ruta.common.text.search import (
    Found,
    SearchRefused,
    search_words,
    words_mended,
)
from ruta.common.web.guards import UnknownValue
from ruta.common.web.pagination import KeyOrder, order_cursor, order_cursor_read
from ruta.grants.selectors.search import (
    calls_search,
    calls_search_words,
    organizations_search,
    organizations_search_words,
    projects_search,
    projects_search_words,
)
from ruta.indicators.selectors import indicators_search, indicators_search_words
from ruta.opendata.datasets import datasets_search, datasets_search_words
from ruta.opengov.selectors import (
    commitments_search,
    commitments_search_words,
    consultations_search,
    consultations_search_words,
)
from ruta.programs.selectors.search import (
    goals_search,
    goals_search_words,
    units_search,
    units_search_words,
)
from ruta.sources.selectors import (
    documents_search,
    documents_search_words,
    findings_search,
    findings_search_words,
)
from ruta.works.selectors.search import (
    COUNTED_MAX,
    SEARCH_ORDER,
    contractors_search,
    contractors_search_words,
    works_search,
    works_search_words,
)

# Hits a kind shows unasked, and at most on a page of one kind.
PER_KIND = 5
# The deepest page after a key: no more works are counted.
SEARCH_COUNTED_MAX = COUNTED_MAX
PAGE_SIZE_MAX = 50
PAGES_MAX = 100


@dataclass(frozen=True)
class SearchKind:
    """A kind of public record the site search finds.

    ``indexed`` is every (model label, field) its selector matches on: never
    a field declared personal. ``search(words, offset, limit)`` returns a
    page of hits; ``words()`` the words of its records' names.
    """

    key: str
    label: Promise
    search: Callable[[Sequence[str], int, int], Found]
    words: Callable[[], set[str]]
    indexed: tuple[tuple[str, str], ...]
    # A kind too large to page by position pages after a key instead:
    # ``search_after(words, keys, limit)``, the keys in ``order``.
    search_after: Callable[[Sequence[str], list[Any], int], Found] | None = None
    order: KeyOrder | None = None


KINDS: tuple[SearchKind, ...] = (
    SearchKind(
        "obras",
        _("Obras"),
        works_search,
        works_search_words,
        (
            ("works.Work", "title"),
            ("works.Work", "locality"),
            ("works.Work", "description"),
            ("catalog.Municipality", "name"),
        ),
        lambda words, keys, limit: works_search(words, 0, limit, keys),
        SEARCH_ORDER,
    ),
    SearchKind(
        "municipios",
        _("Municipios"),
        municipalities_search,
        municipalities_search_words,
        (("catalog.Municipality", "name"),),
    ),
    SearchKind(
        "contratistas",
        _("Contratistas"),
        contractors_search,
        contractors_search_words,
        (("works.Contract", "contractor_name"), ("works.Contract", "contractor_rfc")),
    ),
    SearchKind(
        "organizaciones",
        _("Organizaciones"),
        organizations_search,
        organizations_search_words,
        (("grants.Organization", "name"),),
    ),
    SearchKind(
        "convocatorias",
        _("Convocatorias"),
        calls_search,
        calls_search_words,
        (("grants.Call", "title"), ("grants.Call", "code")),
    ),
    SearchKind(
        "proyectos",
        _("Proyectos de las convocatorias"),
        projects_search,
        projects_search_words,
        (("grants.Application", "title"),),
    ),
    SearchKind(
        "programas-poa",
        _("Programas del POA"),
        units_search,
        units_search_words,
        (("programs.Program", "name"), ("programs.ExecutingUnit", "name")),
    ),
    SearchKind(
        "metas-poa",
        _("Metas del POA"),
        goals_search,
        goals_search_words,
        (("programs.Goal", "description"),),
    ),
    SearchKind(
        "indicadores",
        _("Indicadores"),
        indicators_search,
        indicators_search_words,
        (("indicators.IndicatorCard", "name"),),
    ),
    SearchKind(
        "compromisos",
        _("Compromisos de gobierno abierto"),
        commitments_search,
        commitments_search_words,
        (("opengov.Commitment", "name"),),
    ),
    SearchKind(
        "consultas",
        _("Consultas públicas"),
        consultations_search,
        consultations_search_words,
        (("opengov.DraftRegulation", "title"), ("opengov.DraftRegulation", "summary")),
    ),
    SearchKind(
        "documentos",
        _("Documentos"),
        documents_search,
        documents_search_words,
        (("sources.SourceDocument", "name"),),
    ),
    SearchKind(
        "hallazgos",
        _("Hallazgos en los documentos"),
        findings_search,
        findings_search_words,
        (("sources.DocumentFinding", "message"),),
    ),
    SearchKind(
        "datos-abiertos",
        _("Datos abiertos"),
        datasets_search,
        datasets_search_words,
        (),
    ),
)
KIND_KEYS = tuple(kind.key for kind in KINDS)


@dataclass(frozen=True)
class KindFound:
    """One kind's page of hits within an answer."""

    kind: SearchKind
    found: Found
    page: int
    size: int

    @property
    def after(self) -> str:
        """Return the signed cursor the next page begins after ("" if none)."""
        keys = self.found.next_keys
        if keys is None or self.kind.order is None:
            return ""
        return order_cursor(self.kind.order, list(keys))

    @property
    def has_next(self) -> bool:
        return bool(self.after) or self.page * self.size < self.found.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class SearchAnswer:
    """What a search found, kind by kind, and the words it looked for."""

    asked: str
    words: tuple[str, ...]
    mended: tuple[tuple[str, str], ...] = ()
    groups: tuple[KindFound, ...] = field(default_factory=tuple)

    @property
    def searched(self) -> str:
        """Return the words searched for, as the answer states them."""
        return " ".join(self.words)

    @property
    def total(self) -> int:
        return sum(group.found.total for group in self.groups)


def site_search(
    text: str, kind: str = "", page: int = 1, size: int = PER_KIND, after: str = ""
) -> SearchAnswer:
    """Return every public record holding the words of ``text``, by kind.

    ``kind`` (one of ``KIND_KEYS``) asks for one kind alone, ``page`` and
    ``size`` its page; unasked, each kind's first ``size`` hits. A kind paged
    by key takes the page after ``after`` (its previous page's signed
    cursor, ``KindFound.after``), however deep. Raise ``SearchRefused`` with
    a sentence for the reader when the text, the kind or the page is out of
    bounds, and ``UnknownValue`` (a 404) for a cursor this search did not give.
    """
    if kind and kind not in KIND_KEYS:
        raise SearchRefused(
            _("No hay ese tipo de resultado: %(kind)s.") % {"kind": kind}
        )
    if after:
        keyed = next((k for k in KINDS if k.key == kind and k.order), None)
        if keyed is None or keyed.order is None:
            raise UnknownValue(
                "after", "a cursor of another list", code="invalid-cursor"
            )
        keys = order_cursor_read(keyed.order, after)
        return _after_key(text, keyed, page, size, keys or [])
    if not 1 <= page <= PAGES_MAX:
        raise SearchRefused(
            _("La página debe estar entre 1 y %(max)s.") % {"max": PAGES_MAX}
        )
    if not 1 <= size <= PAGE_SIZE_MAX:
        raise SearchRefused(
            _("El tamaño de página debe estar entre 1 y %(max)s.")
            % {"max": PAGE_SIZE_MAX}
        )
    words, mended = _words_searched(text)
    chosen = [k for k in KINDS if not kind or k.key == kind]
    offset = (page - 1) * size
    groups = []
    for each in chosen:
        found = each.search(words, offset, size)
        if found.total or kind:
            groups.append(KindFound(each, found, page, size))
    return SearchAnswer(
        asked=text, words=tuple(words), mended=tuple(mended), groups=tuple(groups)
    )


def _words_searched(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Return the words ``text`` looks for, each typo mended, and the mendings."""
    typed = search_words(text)
    mended = words_mended(typed, search_word_list())
    replaced = dict(mended)
    return [replaced.get(word, word) for word in typed], mended


def _after_key(
    text: str, kind: SearchKind, page: int, size: int, keys: list[Any]
) -> SearchAnswer:
    """Return the page of ``kind`` after ``keys``: bounded by the count of
    matches, not by a page number."""
    if not 1 <= size <= PAGE_SIZE_MAX:
        raise SearchRefused(
            _("El tamaño de página debe estar entre 1 y %(max)s.")
            % {"max": PAGE_SIZE_MAX}
        )
    page = max(1, min(page, SEARCH_COUNTED_MAX))
    words, mended = _words_searched(text)
    assert kind.search_after is not None  # noqa: S101 - chosen for it
    found = kind.search_after(words, keys, size)
    return SearchAnswer(
        asked=text,
        words=tuple(words),
        mended=tuple(mended),
        groups=(KindFound(kind, found, page, size),),
    )


def search_word_list() -> list[str]:
    """Return every word the public records' names hold, sorted.

    Read once per version of the data in each process: the works' part is
    bounded (``works.selectors.search.WORDS_WORKS``), the rest is small.
    """
    key = ("site-search-words", instance().scope)
    return version_kept(data_version().token, key, _word_list)


def _word_list() -> list[str]:
    known: set[str] = set()
    for kind in KINDS:
        known |= kind.words()
    return sorted(known)
