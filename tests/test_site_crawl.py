"""Every link and button a person is shown leads somewhere they may go, in Spanish.

The demo's people (administrator, capture staff, validator, committee
member, organisation) and an anonymous reader each walk the Spanish site
through Django's test client, from the home page and their desk, following
every link the pages show and every form: a GET form is sent with the
values it shows (a browser's defaults), a POST form's address is read, and
the form itself is sent as it stands, each button once, inside a savepoint
rolled back at once, so the world stays as built and nothing is really
done. No answer may be a refusal (403), a failure (500) or a broken link
(404), and every page must be in the site's layout and in Spanish; no page
may show a raw key (``baseline_year``), a code (``art-1-p-1``) or an ISO
date where a person reads.

The walk is bounded: one visit per URL name (a form sent at most twice per
address), a cap on pages per person, and a public download (a file the
anonymous reader was given) read once, not by every person.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve

from ruta.accounts.models import User
from ruta.demo.cycles import DEMO_CAPTURE_EMAIL, DEMO_VALIDATOR_EMAIL
from ruta.demo.documents.demonstration import DEMONSTRATIONS
from ruta.demo.grants import (
    DEMO_ORGANIZATION_EMAIL,
)
from ruta.demo.load import DEMO_ADMIN_EMAIL
from ruta.demo.municipal import PUBLIC_ID
from ruta.demo.oversight import (
    DEMO_COMMITTEE_EMAIL,
)
from ruta.participation.models import Committee
from ruta.sources.figures import figure_names_of
from ruta.sources.models import PublishedRow
from ruta.works.models import Work, WorkOrigin
from testkit.world import constraints_settled

START = "/es-mx/"
DESK = "/es-mx/cuentas/mesa/"
READERS = {
    "anonymous": "",
    "administrator": DEMO_ADMIN_EMAIL,
    "capture": DEMO_CAPTURE_EMAIL,
    "validator": DEMO_VALIDATOR_EMAIL,
    "committee": DEMO_COMMITTEE_EMAIL,
    "organization": DEMO_ORGANIZATION_EMAIL,
}
# Pages each walk must reach, so that a walk cut short cannot pass unseen:
# the ones the people of the demo come for.
REACHED = {
    "anonymous": {
        "portal:home",
        "works:list",
        "works:detail",
        "sources:detail",
        "reports:annual",
        "grants:call",
        "opengov:draft_report",
    },
    "administrator": {"accounts:desk", "accounts:audit", "grants:dashboard"},
    "capture": {
        "accounts:desk",
        "desk:index",
        "programs:open",
        "opengov:draft_desk",
        "ingest:jobs",
    },
    "validator": {
        "accounts:desk",
        "accounts:audit",
        "programs:open",
        "opengov:draft_desk",
    },
    "committee": {
        "accounts:desk",
        "participation:desk",
        "participation:desk-committee",
    },
    "organization": {"accounts:desk", "grants:dashboard", "grants:application"},
}
# Bounds of the walk.
PER_ROUTE = 1  # visits per URL name
POSTS_PER_ROUTE = 1  # forms sent per address
PAGES = 250  # per person
# Not walked: the other language (the same views), Django's admin (its own
# interface, translated by Django), the API and Open311 (JSON and XML for
# programs, with their own problem answers) and static files.
OUTSIDE = ("/en/", "/admin/", "/api/", "/open311/", "/static/", "/media/", "/i18n/")
# Forms not sent: signing out would end the walk.
NOT_SENT = {"accounts:logout"}
STYLED = "ruta/css/site.css"
# A page's title, which a browser shows as text: markup in it is a template
# whose block swallowed part of the page.
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# Codes shown on purpose, by page. The dataset page's field descriptions
# list the values its files hold (open data keeps raw values; naming them
# is the open data's own matter). Elsewhere a code shown on purpose is in a
# <code> element beside its label, which the scan does not read: a document
# table's id (what the API and the findings' places call it), the audit
# history's field names and origins (the exact routine, command or address
# that wrote), a privacy notice's version.
DELIBERATE = {"opendata:dataset": {"in_execution", "handed_over", "pending_release"}}


# ------------------------------------------------------------- the world


def demo_site_ready() -> str:
    """Write the demo with ``ruta load-demo``; return what it said."""
    said = StringIO()
    call_command("load_demo", stdout=said)
    return said.getvalue()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo's world, built once for the module and rolled back after it.

    Yield what ``ruta load-demo`` said when it built it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        said = demo_site_ready()
        constraints_settled()
        yield said
        transaction.set_rollback(True)


# ------------------------------------------------------------- reading a page


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


# Elements whose text a person does not read as prose: programs, code shown
# on purpose, and what an input holds; and text the page itself marks as
# another language (a reader's own English note shown to validators, with
# its Spanish explanation beside it), which screen readers say as such.
UNREAD = {"script", "style", "code", "textarea", "template", "pre"}
# Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}


class Page(HTMLParser):
    """The links, forms and visible text of one HTML answer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.text: list[str] = []
        self._unread: list[str] = []  # the elements being skipped, innermost last
        self._form: Form | None = None
        self._select: str | None = None
        self._chosen = False
        self._first: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name: value or "" for name, value in attrs}
        other_language = named.get("lang", "es").split("-")[0] not in ("", "es")
        if tag in UNREAD or (other_language and tag not in VOID):
            self._unread.append(tag)
        if tag == "a" and named.get("href"):
            self.links.append(named["href"])
        elif tag == "form":
            method = named.get("method", "get").lower()
            self._form = Form(method, named.get("action", ""))
            self.forms.append(self._form)
        elif self._form is not None:
            self._field(self._form, tag, named)

    def _field(self, form: Form, tag: str, named: dict[str, str]) -> None:
        name = named.get("name", "")
        kind = named.get("type", "text" if tag == "input" else "submit").lower()
        if kind in {"submit", "image"} and tag in {"button", "input"}:
            form.buttons.append((name, named.get("value", "")))
        elif tag == "input" and name and kind in {"checkbox", "radio"}:
            if "checked" in named:
                form.fields.append((name, named.get("value", "on")))
        elif tag == "input" and name and kind != "file":
            form.fields.append((name, named.get("value", "")))
        elif tag == "select":
            self._select, self._chosen, self._first = name, False, None
        elif tag == "option" and self._select:
            option = (self._select, named.get("value", ""))
            self._first = self._first or option
            if "selected" in named:
                self._chosen = True
                form.fields.append(option)

    def handle_endtag(self, tag: str) -> None:
        if self._unread and self._unread[-1] == tag:
            self._unread.pop()
        if tag == "form":
            self._form = None
        elif tag == "select":
            # A browser sends the first option when none is selected.
            if self._form is not None and not self._chosen and self._first:
                self._form.fields.append(self._first)
            self._select = None

    def handle_data(self, data: str) -> None:
        if not self._unread and data.strip():
            self.text.append(data.strip())


def page_read(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


# ------------------------------------------------------------- what is wrong

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
KEBAB = re.compile(r"\b[a-z]+(?:-[a-z0-9]+){2,}\b")
ISO_DATE = re.compile(r"\b(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?\b")
# A file is called by its name, and an address shown is a URL, not a code.
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|txt|pdf|xlsx|json|xml|zip|jpg|png)\b")
ADDRESS = re.compile(r"(?<![\w/])/[\w./?=&%-]*")
# Words of English prose that Spanish does not use: two in one sentence.
ENGLISH = re.compile(
    r"\b(?:the|was|were|is|are|may|not|nothing|written|here|anywhere|"
    r"forbidden|error|found|allowed|method|page)\b",
    re.IGNORECASE,
)


def text_faults(text: list[str], shown: set[str] = frozenset()) -> list[str]:
    """Return the raw keys, codes, ISO dates and English sentences of a page."""
    faults = []
    for piece in text:
        chunk = ADDRESS.sub(" ", FILE_NAME.sub(" ", piece))
        codes = SNAKE.findall(chunk) + KEBAB.findall(chunk) + ISO_DATE.findall(chunk)
        faults += [f"raw {code!r}" for code in codes if code not in shown]
        if len({word.lower() for word in ENGLISH.findall(chunk)}) >= 2:
            faults.append(f"English {piece[:80]!r}")
    return faults


def answer_faults(response: Any) -> list[str]:
    """Return what is wrong with an answer: a refusal, a failure, a bare page."""
    status = response.status_code
    if 300 <= status < 400:
        return []
    kind = response.get("Content-Type", "")
    faults = [f"status {status}"] if status in (403, 404) or status >= 500 else []
    if not kind.startswith("text/html"):
        return faults + ([f"bare {status} {kind}"] if status >= 400 else [])
    html = response.content.decode(errors="replace")
    if STYLED not in html:
        faults.append(f"outside the layout ({status})")
    if '<html lang="es-mx">' not in html:
        faults.append(f"not in Spanish ({status})")
    title = TITLE.search(html)
    if title is None or not title.group(1).strip() or "<" in title.group(1):
        faults.append(f"no plain title ({status})")
    return faults


# ------------------------------------------------------------- the walk


def route_of(url: str) -> str | None:
    """Return the URL name of an address of the Spanish site; None outside it."""
    path = urlsplit(url).path
    if not path.startswith(START) or path.startswith(OUTSIDE):
        return None
    try:
        return resolve(path).view_name
    except Resolver404:
        return "(no route)"


def _links(url: str, page: Page) -> Iterator[str]:
    for href in page.links:
        parts = urlsplit(urljoin(url, href))
        if not parts.netloc or parts.netloc == "testserver":
            yield parts.path + (f"?{parts.query}" if parts.query else "")


# Routes that answered the anonymous reader a download rather than a page:
# the same public file for every person, read once.
DOWNLOADS: set[str] = set()


@dataclass
class Walk:
    """One person's walk: what is left to visit, what was seen, what was wrong."""

    client: Client
    anonymous: bool
    queue: deque[tuple[str, str]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    visits: Counter[str] = field(default_factory=Counter)
    posts: Counter[str] = field(default_factory=Counter)
    sent: set[tuple] = field(default_factory=set)
    faults: list[str] = field(default_factory=list)

    @property
    def routes(self) -> set[str]:
        return set(self.visits)

    def run(self, *starts: str) -> Walk:
        self.queue.extend((start, "") for start in starts)
        while self.queue and self.visits.total() < PAGES:
            url, origin = self.queue.popleft()
            route = route_of(url)
            if route is None or url in self.seen or route in DOWNLOADS:
                continue
            if self.visits[route] >= PER_ROUTE:
                continue
            self.seen.add(url)
            self.visits[route] += 1
            self.visit(url, route, origin)
        return self

    def visit(self, url: str, route: str, origin: str) -> None:
        response = self.client.get(url)
        where = f"{route} {url} (from {origin or 'the start'})"
        self.faults += [f"{where}: {fault}" for fault in answer_faults(response)]
        if response.get("Location"):
            self.queue.append((urljoin(url, response["Location"]), url))
        if not response.get("Content-Type", "").startswith("text/html"):
            if self.anonymous and response.status_code == 200:
                DOWNLOADS.add(route)
            return
        page = page_read(response.content.decode(errors="replace"))
        shown = DELIBERATE.get(route, set())
        self.faults += [f"{route} {url}: {f}" for f in text_faults(page.text, shown)]
        self.queue.extend((link, url) for link in _links(url, page))
        for form in page.forms:
            self.form(url, form)

    def form(self, url: str, form: Form) -> None:
        target = urlsplit(urljoin(url, form.action or url)).path
        if form.method == "get":
            query = urlencode([pair for pair in form.fields if pair[0]])
            self.queue.append((f"{target}?{query}" if query else target, url))
            return
        self.queue.append((target, url))
        route = route_of(target)
        if route is None or route in NOT_SENT:
            return
        for button in form.buttons or [("", "")]:
            key = (route, tuple(sorted(name for name, _ in form.fields)), button)
            if key in self.sent or self.posts[route] >= POSTS_PER_ROUTE:
                continue
            self.sent.add(key)
            self.posts[route] += 1
            self.send(url, target, route, form, button)

    def send(
        self, url: str, target: str, route: str, form: Form, button: tuple[str, str]
    ) -> None:
        """Send ``form`` with ``button`` as it stands; roll back what it wrote."""
        data: dict[str, list[str]] = {}
        for name, value in [*form.fields, button]:
            if name:
                data.setdefault(name, []).append(value)
        with transaction.atomic():
            response = self.client.post(target, data)
            transaction.set_rollback(True)
        where = f"{route} POST {target} {button[1] or ''} (from {url})"
        self.faults += [f"{where}: {fault}" for fault in answer_faults(response)]


def walk_as(reader: str) -> Walk:
    client = Client(raise_request_exception=False)
    if READERS[reader]:
        client.force_login(User.objects.get(email=READERS[reader]))
        return Walk(client, anonymous=False).run(START, DESK)
    return Walk(client, anonymous=True).run(START)


@pytest.mark.parametrize("reader", list(READERS))
def test_every_link_and_button_leads_somewhere_the_person_may_go_in_spanish(
    demo_site, db, reader
):
    walk = walk_as(reader)
    assert walk.faults == []
    assert REACHED[reader] <= walk.routes


def test_a_page_whose_title_holds_markup_is_a_fault():
    page = '<html lang="es-mx"><head><title>Fallo{}</title>' + STYLED
    assert answer_faults(HttpResponse(page.format(""))) == []
    assert answer_faults(HttpResponse(page.format("<h2>Acta</h2>"))) == [
        "no plain title (200)"
    ]


def test_the_walk_reads_what_it_must_find_wrong():
    html = (
        '<html lang="es-mx"><main><p>baseline_year: 2023-01-01</p>'
        "<p>Comentario (art-1-p-1)</p><p><code>tsam_by_subprogram</code></p>"
        "<p>Nothing was written: the user may not data.capture here</p>"
        '<p><a href="/es-mx/peticiones-de-datos/">/peticiones-de-datos/</a> '
        "informe_2024.csv</p></main></html>"
    )
    assert text_faults(page_read(html).text) == [
        "raw 'baseline_year'",
        "raw '2023-01-01'",
        "raw 'art-1-p-1'",
        "English 'Nothing was written: the user may not data.capture here'",
    ]


def test_every_figure_of_the_documents_read_has_a_name(demo_site, db):
    """A document page names each figure a loader writes (``sources.figures``)."""
    unnamed = set()
    rows = PublishedRow.objects.values_list("document__kind", "values").iterator()
    for kind, values in rows:
        names = figure_names_of(kind).names
        if names:  # a works list's figures are the file's own headers
            unnamed |= {(kind, key) for key in values if key not in names}
    assert unnamed == set()


# ------------------------------------------------------------- what it shows

HELD = re.compile(r"^  (?P<part>[^:]+): (?P<figure>[\d,]+)", re.MULTILINE)


def _held(said: str, part: str) -> int:
    """Return the figure ``ruta load-demo`` gave for ``part`` of what it holds."""
    figures = {m["part"]: m["figure"] for m in HELD.finditer(said)}
    return int(figures[part].replace(",", ""))


def test_load_demo_says_what_it_holds_and_misses_nothing(demo_site):
    said = demo_site
    assert "not found" not in said
    documents = said.count("(the original document") + said.count(
        "(a demonstration document in the layout of"
    )
    assert documents == len(DEMONSTRATIONS)
    assert _held(said, "Indicator cards") >= 4
    assert _held(said, "Open-government action plans") >= 1
    assert _held(said, "Published documents") >= 5
    assert _held(said, "OCDS contracting processes") >= 1


def test_the_api_shows_every_part_of_the_mission(demo_site, client):
    assert len(client.get("/api/v1/indicators/cards").json()) >= 4
    goals = client.get("/api/v1/programs/goals", {"page_size": 100}).json()
    assert len(goals["items"]) >= 40
    documents = client.get("/api/v1/documents/", {"page_size": 100}).json()
    assert len(documents["items"]) >= 5
    processes = client.get("/api/v1/contracting/", {"page_size": 100}).json()
    assert any(process["contracts"] for process in processes["items"])
    years = client.get("/api/v1/works/aggregates", {"by": "year"}).json()
    assert len({row["keys"]["year"] for row in years}) > 1
    report = client.get("/api/v1/reports/annual/CECOP/2024").json()
    assert report["document"] is not None
    assert report["findings"]


def test_mexicali_s_instance_shows_the_federal_works_located_in_it(
    demo_site, settings, client
):
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = "02002"
    federal = Work.objects.published().filter(origin=WorkOrigin.FEDERAL_OPA)
    # The OPA lists name no municipality: 13 of Baja California's rows give
    # a point in Mexicali (the outlines of ruta/catalog/data) that their own
    # words do not contradict.
    assert federal.count() == 13
    assert set(federal.values_list("municipality_id", flat=True)) == {"02002"}
    home = client.get("/es-mx/", {"year": "2015"}).content.decode()
    paid_by = home[home.index("por quién lo paga") :]
    assert re.search(r"<th[^>]*>Federal</th>", paid_by[:2000])


def test_load_demo_writes_mexicali_s_committee_for_its_own_instance(
    demo_site, settings, client
):
    committee = Committee.objects.select_related("work").get(work__public_id=PUBLIC_ID)
    assert (committee.is_demo, committee.work.is_demo) == (True, True)
    settings.RUTA_STATE = ""
    settings.RUTA_MUNICIPALITY = "02002"
    page = client.get(committee.work.get_absolute_url())
    assert page.status_code == 200
    assert "Conformado el" in page.content.decode()  # its committee, formed
