"""Canaries in every personal field: no page, API answer or download leaks one.

A distinctive value is planted in every field the personal-data declaration
(``ruta.accounts.personal``) names, on a record of each declared model. Then
the site is crawled through Django's test client as an anonymous reader and
as every role of ``Role``, scoped over the planted records' agency and
scoped elsewhere: the pages from the URL resolver and every link they show
(downloads included), and the API's GET operations from its OpenAPI
document. The expectation comes from the declaration and the permissions
module, not from a list here: a canary may appear only on a page, and only
to a reader who ``can`` view personal data over the scope the declaration's
``holders`` give its record; open data (the API, downloads) never carries
one. Every canary a reader may see must be seen (so the crawl reaches the
pages that show them), and every page that shows one must log the read.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pghistory
import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from pghistory.models import Event, MiddlewareEvents

from config.api import api
from ruta.accounts.actors import command_actor
from ruta.accounts.models import Role, RoleAssignment
from ruta.accounts.permissions import Action, can
from ruta.accounts.personal import PersonalField, personal_data_models
from ruta.alerts.models import (
    ChannelKind,
    Subscription,
    SubscriptionState,
    TargetKind,
)
from ruta.budgeting.models import (
    Ballot,
    BallotChoice,
    Feasibility,
    Period,
    PeriodPhase,
    Proposal,
)
from ruta.common.text.search import fold
from ruta.common.text.validators import validate_rfc
from ruta.datarequests.models import DataRequest
from ruta.grants import services
from ruta.opendata.datasets import DATASETS
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.services import publish_datasets
from ruta.opengov.models import Comment, CommentStatus, DraftRegulation, DraftVersion
from ruta.problems.models import ApiKey, Category, PendingReport
from ruta.sources.models import DocumentKind, SourceDocument
from ruta.works.models import (
    ContractingContract,
    ContractingParty,
    ContractingPayment,
    ContractingProcess,
    WorkPublication,
    WorkStatus,
)
from testkit.factories.accounts import UserFactory
from testkit.factories.catalog import AgencyFactory, MunicipalityFactory
from testkit.factories.participation import (
    CommitteeMemberFactory,
    OversightVisitFactory,
)
from testkit.factories.problems import ProblemReportFactory
from testkit.factories.works import AidFactory, ContractFactory, WorkFactory
from testkit.grants import funded_agreement, make_call
from testkit.samples import poa_samples
from testkit.world import constraints_settled

LANGUAGE = "/es-mx/"
SCOPES = ("covering", "elsewhere")
READERS = ["anonymous", *(f"{role.value}/{scope}" for role in Role for scope in SCOPES)]
# Bounds of the crawl: addresses per reader, query variants per path.
BUDGET = 86
VARIANTS = 3
# Not crawled: the admin (administrators only, who may read all personal
# data), the other language (the same views) and static files.
SKIPPED = ("/admin/", "/en/", "/i18n/", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]+)')
PAGE, OPEN_DATA = "page", "open data"
# The personal data docs/architecture.md's ground rules name; the declaration
# may add, never drop.
AT_LEAST_DECLARED = {
    ("accounts.User", "email"),
    ("accounts.User", "full_name"),
    ("participation.CommitteeMember", "full_name"),
    ("participation.CommitteeMember", "phone"),
    ("participation.CommitteeMember", "email"),
    ("works.Contract", "contractor_rfc"),
    ("grants.Organization", "legal_representative"),
    ("grants.Application", "coordinator_name"),
    ("grants.Application", "coordinator_email"),
    ("grants.BankAccount", "clabe"),
    ("grants.BeneficiaryEntry", "full_name"),
    ("grants.BeneficiaryEntry", "age"),
    ("grants.BeneficiaryEntry", "sex"),
    ("works.WorkPublication", "official_name"),
    ("works.WorkPublication", "official_email"),
    ("works.WorkPublication", "official_phone"),
    ("problems.ProblemReport", "reporter_name"),
    ("problems.ProblemReport", "reporter_email"),
    ("problems.ProblemReport", "reporter_phone"),
    ("problems.PendingReport", "reporter_name"),
    ("problems.PendingReport", "reporter_email"),
    ("problems.PendingReport", "reporter_phone"),
    ("alerts.Subscription", "email"),
    ("alerts.Subscription", "phone"),
    ("opengov.Comment", "author_name"),
    ("opengov.Comment", "author_email"),
    ("budgeting.Proposal", "proposer_name"),
    ("budgeting.Proposal", "proposer_email"),
    ("budgeting.Proposal", "proposer_phone"),
    ("datarequests.DataRequest", "contact_email"),
}
# Personal values that are not text (an age, a sex, a date) cannot carry a
# distinctive token a crawl would find; each is checked where it is
# published at all, as aggregates with small groups withheld, by the test
# named here. The declaration may not add one without such a test.
CHECKED_AS_AGGREGATES = {
    ("grants.BeneficiaryEntry", "age"): "ruta/grants/tests/test_register_privacy.py",
    ("grants.BeneficiaryEntry", "sex"): "ruta/grants/tests/test_register_privacy.py",
    ("grants.BeneficiaryEntry", "guardian_consent_on"): (
        "ruta/grants/tests/test_register_privacy.py"
    ),
    ("works.Aid", "recipient_sex"): "ruta/works/tests/test_aids.py",
    ("works.Aid", "age_group"): "ruta/works/tests/test_aids.py",
}
# What every crawl must have read, so a leak in any of them would be seen.
# The open-data packages, which carry every published work's contracts,
# payments and committee: each crawl must have read them.
OPEN_DATA_PACKAGES = ("opendata:oc4ids", "opendata:ocds")
DOWNLOADS_AND_PAGES = {
    "text/html",
    "application/json",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Canary:
    """A value planted in one personal field of one record."""

    token: str
    label: str
    field: str
    scope: Any  # what a reader must cover to view it (from the declaration)


@dataclass
class World:
    """The planted records, the readers and the values to fill addresses with."""

    canaries: list[Canary]
    readers: dict[str, Any]
    values: dict[str, str]
    # Pages of planted records whose address names them by a bare ``pk``
    # (filled with the POA unit's): visited too, whatever the crawl's budget.
    pages: list[str]


# ------------------------------------------------------------- the world


def _records(agency_a: Any, municipality: Any) -> tuple[dict[str, Any], dict]:
    """Return a record of each declared model, and the records pages need."""
    work = WorkFactory(
        executing_agency=agency_a,
        municipality=municipality,
        status=WorkStatus.CONTRACTED,
        published_at=timezone.now(),
    )
    person = UserFactory()
    RoleAssignment.objects.create(user=person, role=Role.VALIDATOR, agency=agency_a)
    with pghistory.context(user=person.pk):  # the audit history names them
        poa = poa_samples(agency_a, person)  # captured and decided by ``person``
        type(poa[3]).objects.filter(pk=poa[3].pk).update(reported_quarter=1)
    document = SourceDocument.objects.create(
        sha256="e" * 64,
        kind=DocumentKind.CECOP_ANNUAL_REPORT,
        name="informe.txt",
        fiscal_year=work.fiscal_year,
        agency=agency_a,
    )
    agreement = _grant(agency_a, municipality)
    declared = {
        "accounts.User": person,
        "grants.Organization": agreement.application.organization,
        "grants.Application": agreement.application,
        "grants.BankAccount": agreement.bank_account,
        "grants.BeneficiaryEntry": agreement.beneficiaries.get(),
        "participation.CommitteeMember": CommitteeMemberFactory(committee__work=work),
        # A citizen's problem report on the work, with the reporter's contact.
        "problems.ProblemReport": ProblemReportFactory(work=work),
        # A civic app's report whose address named no single work.
        "problems.PendingReport": PendingReport.objects.create(
            token="ficha-canario",  # noqa: S106 - a public token, not a secret
            category=Category.objects.get(code="otro"),
            description="Hay escombro tirado en la banqueta.",
            address="Calle 5, Centro",
            api_key=ApiKey.objects.create(
                name="App cívica", prefix="canario1", key_hash="0" * 64
            ),
        ),
        "works.Contract": ContractFactory(work=work, contractor_rfc="GOMA800229HJ5"),
        # An aid to a person, whose sex is published only in aggregates.
        "works.Aid": AidFactory(
            agency=agency_a, municipality=municipality, recipient_sex="X"
        ),
        # The official a published works list names for the work.
        "works.WorkPublication": WorkPublication.objects.create(
            work=work,
            document=document,
            row_number=1,
            as_of=date(2024, 12, 31),
            title=work.title,
        ),
    }
    # A citizen following the work, by e-mail and by WhatsApp.
    declared["alerts.Subscription"] = Subscription.objects.create(
        channel=ChannelKind.EMAIL,
        target_kind=TargetKind.WORK,
        target_key=work.public_id,
        target_label=work.title,
        email="seguidor@example.org",
        phone="5216620000000",
        state=SubscriptionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    declared["opengov.Comment"] = _consultation_comment(agency_a)
    declared["budgeting.Proposal"] = _budget_proposal(agency_a, municipality)
    # Someone asking the agency for missing data, to be told of the answer.
    declared["datarequests.DataRequest"] = DataRequest.objects.create(
        what="Las fechas de pago de cada obra.",
        agency=agency_a,
        contact_email="pide@example.org",
    )
    ContractFactory(work=work)  # a company's: its RFC is public
    process = ContractingProcess.objects.create(
        ocid="ocds-canary-1", work=work, agency=agency_a, document=document
    )
    contract = ContractingContract.objects.create(process=process, contract_id="C-1")
    declared["works.ContractingParty"] = ContractingParty.objects.create(
        process=process, is_person=True
    )
    declared["works.ContractingPayment"] = ContractingPayment.objects.create(
        contract=contract
    )
    pages = {"work": work, "unit": poa[3], "goal": poa[4], "doc": document}
    return declared, {**pages, "application": agreement.application}


def _consultation_comment(agency: Any) -> Any:
    """Return a published comment on an open draft regulation of ``agency``."""
    draft = DraftRegulation.objects.create(
        slug="anteproyecto-canario",
        title="Anteproyecto",
        agency=agency,
        opens_on=date(2024, 1, 1),
        closes_on=date(2099, 12, 31),
    )
    version = DraftVersion.objects.create(
        draft=draft, number=1, text="Artículo 1. Uno."
    )
    return Comment.objects.create(
        draft=draft,
        version=version,
        anchor="art-1",
        body="Comentario",
        author_name="Persona",
        status=CommentStatus.PUBLISHED,
    )


def _budget_proposal(agency: Any, municipality: Any) -> Any:
    """Return a winning, published proposal of a participatory budget's result."""
    period = Period.objects.create(
        slug="presupuesto-canario",
        municipality=municipality,
        agency=agency,
        year=2024,
        title="Presupuesto participativo",
        total_budget=Decimal("1000000"),
        ballot_budget=Decimal("500000"),
        rules_text="Reglas del presupuesto participativo.",
        proposals_from=date(2024, 1, 1),
        review_from=date(2024, 2, 1),
        voting_from=date(2024, 3, 1),
        voting_until=date(2024, 3, 31),
        results_on=date(2024, 4, 15),
        phase=PeriodPhase.RESULTS,
    )
    proposal = Proposal.objects.create(
        period=period,
        number=1,
        title="Techumbre escolar",
        description="Una techumbre para la escuela.",
        locality="Centro",
        estimated_cost=Decimal("300000"),
        feasibility=Feasibility.FEASIBLE,
        assessed_cost=Decimal("300000"),
        assessment="Viable.",
        proposer_name="Persona",
    )
    ballot = Ballot.objects.create(period=period, folio="CANARIO01")
    BallotChoice.objects.create(ballot=ballot, proposal=proposal)
    return proposal


def _grant(agency: Any, municipality: Any) -> Any:
    """Return a funded grant agreement of a call of ``agency``, with a register."""
    call = make_call(agency=agency)
    agreement, _staff, applicant = funded_agreement(call)
    services.beneficiary_add(
        agreement=agreement,
        full_name="Persona",
        age=40,
        sex="M",
        benefit="Despensa",
        municipality=municipality,
        locality="Centro",
        privacy_notice_version="2021-01",
        actor=applicant,
    )
    return agreement


def _canary_value(model: type[models.Model], field: PersonalField, n: int) -> str:
    """Return a distinctive value that fits ``field`` and is personal by its rule."""
    model_field = model._meta.get_field(field.name)
    if validate_rfc in model_field.validators:
        value = f"ZQ{chr(65 + n)}X991231QQ9"  # a person's: 13 characters
    elif isinstance(model_field, models.EmailField):
        value = f"canario{n:02d}zq@example.org"
    else:
        value = f"Canario{n:02d}zq"
    assert field.holds(value), f"{model._meta.label}.{field.name}: {value}"
    return value


def _token(value: str) -> str:
    return value.split("@")[0].lower()


def _holder_scope(label: str, record: models.Model) -> Any:
    """Return the scope the declaration says guards ``record``'s personal data."""
    event = MiddlewareEvents.objects.tracks(record).order_by("pgh_id").last()
    entry = personal_data_models()[label]
    return entry.holders([event])[event.pgh_slug][1]


def _plant(declared: dict[str, models.Model]) -> list[Canary]:
    """Write a canary into every declared personal field, as a change."""
    missing = set(personal_data_models()) - set(declared)
    assert missing == set(), "give the canary planted a record of each"
    canaries = []
    for label, entry in personal_data_models().items():
        record = declared[label]
        for field in entry.fields:
            if (label, field.name) in CHECKED_AS_AGGREGATES:
                continue
            value = _canary_value(type(record), field, len(canaries))
            type(record).objects.filter(pk=record.pk).update(**{field.name: value})
            canaries.append(
                Canary(_token(value), label, field.name, _holder_scope(label, record))
            )
    return canaries


def _readers(agencies: dict[str, Any]) -> dict[str, Any]:
    """Return a signed-in user for every role and scope, and the anonymous."""
    readers: dict[str, Any] = {"anonymous": None}
    for role in Role:
        for scope in SCOPES:
            user = UserFactory()
            RoleAssignment.objects.create(user=user, role=role, agency=agencies[scope])
            readers[f"{role.value}/{scope}"] = user
    return readers


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Build the world once for the module; roll it back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        municipality = MunicipalityFactory()
        agencies = {"covering": AgencyFactory(), "elsewhere": AgencyFactory()}
        declared, pages = _records(agencies["covering"], municipality)
        readers = _readers(agencies)
        _seat_committee_reader(declared, readers)
        values = {
            "public_id": pages["work"].public_id,
            "pk": str(pages["unit"].pk),
            "unit_pk": str(pages["unit"].pk),
            "unit": str(pages["unit"].pk),
            "goal_pk": str(pages["goal"].pk),
            "quarter": "1",
            "year": "2024",
            "agency": agencies["covering"].code,
            "sha256": pages["doc"].sha256,
            "ocid": "ocds-canary-1",
            "field": "annual_target",
            "dataset": "avances",
            "code": pages["application"].call.code,
            "folio": str(pages["application"].folio),
            "fmt": "csv",
            # The works aggregates, grouped where a small group could show
            # a person.
            "by": "municipality",
        }
        canaries = _plant(declared)
        values.update(_published_open_data())
        constraints_settled()
        request = declared["datarequests.DataRequest"]
        with translation.override("es-mx"):
            addresses = [reverse("datarequests:answer", args=[request.pk])]
        yield World(canaries, readers, values, addresses)
        transaction.set_rollback(True)


def _seat_committee_reader(declared: dict[str, Any], readers: dict[str, Any]) -> None:
    """Seat the covering committee reader on the planted committee, with a visit.

    The member's desk and the visit's minutes then answer that reader, so the
    crawl reads them as a member does; the member's name must stay out.
    """
    seat = declared["participation.CommitteeMember"]
    seat.user = readers[f"{Role.COMMITTEE.value}/covering"]
    seat.save(update_fields=["user"])
    OversightVisitFactory(committee=seat.committee)


def _published_open_data() -> dict[str, str]:
    """Publish the open-data files of the planted world; return their address."""
    publish_datasets(actor=command_actor("canary"))
    version = DatasetVersion.objects.of("obras").first()
    return {"slug": "obras", "version": str(version.pk)}


# ------------------------------------------------------------- the crawl


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _fill(route: str, values: dict[str, str]) -> str:
    """Return ``route`` with its converters (``<id:pk>``, ``{year}``) filled."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m[1], m[0]), route)
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), route)


def _page_seeds(values: dict[str, str]) -> list[str]:
    """Return every page of the URL resolver, and the audit page per declared model."""
    pages = [
        "/" + _fill(route.replace("^", "").replace("$", ""), values)
        for route in _routes(get_resolver())
        if route.startswith("es-mx/")
    ]
    audit = f"{LANGUAGE}cuentas/auditoria/"
    return [*pages, *(f"{audit}?model={label}" for label in personal_data_models())]


def _api_seeds(values: dict[str, str]) -> list[str]:
    """Return every GET operation of the OpenAPI document, its parameters filled."""
    seeds = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        query = [
            f"{parameter['name']}={values[parameter['name']]}"
            for parameter in operations["get"].get("parameters", [])
            if parameter["in"] == "query" and parameter["name"] in values
        ]
        seeds.append(_fill(path, values) + ("?" + "&".join(query) if query else ""))
    return seeds


def _links(response: Any) -> list[str]:
    if response.get("Content-Type", "").startswith("application/json"):
        return _next_page(response)
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    found = [html.unescape(href) for href in HREF.findall(response.content.decode())]
    if response.get("Location"):
        found.append(response["Location"])
    return [
        link for link in found if link.startswith("/") and not link.startswith("//")
    ]


def _next_page(response: Any) -> list[str]:
    """Return the address of an API list's following page (its ``next``), if any."""
    if response.streaming:
        return []
    try:
        body = json.loads(response.content)
    except ValueError:
        return []
    following = body.get("next") if isinstance(body, dict) else None
    if not isinstance(following, str):
        return []
    parts = urlsplit(following)
    return [f"{parts.path}?{parts.query}" if parts.query else parts.path]


def _crawl(client: Client, seeds: list[str]) -> Iterator[tuple[str, Any]]:
    """Yield each address visited and its answer, following links, bounded.

    Every seed is visited; links found are followed up to ``VARIANTS``
    addresses per path and ``BUDGET`` in all.
    """
    queue, seen, variants, seeded = deque(seeds), set(), Counter(), set(seeds)
    # The seeds alone may pass the budget as pages are added: they still count.
    while queue and len(seen) < max(BUDGET, len(seeded)):
        url = queue.popleft()
        path = urlsplit(url).path
        capped = variants[path] >= VARIANTS and url not in seeded
        if url in seen or path.startswith(SKIPPED) or capped:
            continue
        seen.add(url)
        variants[path] += 1
        response = client.get(url)
        yield url, response
        queue.extend(_links(response))


def _text(response: Any) -> str:
    """Return everything a reader receives, a workbook's sheets unzipped."""
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            body = b"".join(workbook.read(name) for name in workbook.namelist())
    return body.decode("utf-8", errors="replace").lower()


def _channel(url: str, response: Any) -> str:
    """Return whether an answer is a page or open data (the API, a download)."""
    page = response.get("Content-Type", "").startswith("text/html")
    return PAGE if page and not url.startswith("/api/") else OPEN_DATA


def _read_labels() -> set[str]:
    """Return the labels of manual events: the logs of personal-data reads."""
    return {
        tracker.label
        for model in apps.get_models()
        if issubclass(model, Event) and getattr(model, "pgh_tracked_model", None)
        for tracker in model.pgh_trackers
        if isinstance(tracker, pghistory.ManualEvent)
    }


def _logged_pages(reader: Any) -> set[str]:
    """Return the pages on which ``reader``'s personal-data reads were logged."""
    if reader is None:
        return set()
    reads = MiddlewareEvents.objects.filter(
        user=reader.pk, pgh_label__in=_read_labels()
    )
    return set(reads.values_list("pgh_context__url", flat=True))


def _allowed(reader: Any, canary: Canary, channel: str) -> bool:
    """Return whether the permissions let ``reader`` see ``canary`` there."""
    return channel == PAGE and can(reader, Action.VIEW_PERSONAL_DATA, canary.scope)


@dataclass
class Findings:
    """What a crawl saw: leaks, pages that showed canaries, canaries seen."""

    leaks: list[tuple[str, str, str]]
    revealing: list[str]
    seen: set[str]
    kinds: set[str]  # the content types received
    visited: set[str]  # the paths read


def _crawl_as(reader: Any, planted: World) -> Findings:
    client = Client()
    if reader is not None:
        client.force_login(reader)
    findings = Findings([], [], set(), set(), set())
    seeds = planted.pages + _page_seeds(planted.values) + _api_seeds(planted.values)
    for url, response in _crawl(client, seeds):
        text, channel = _text(response), _channel(url, response)
        findings.kinds.add(response.get("Content-Type", "").split(";")[0])
        findings.visited.add(urlsplit(url).path)
        shown = [canary for canary in planted.canaries if canary.token in text]
        findings.seen.update(canary.token for canary in shown)
        findings.leaks += [
            (url, channel, f"{canary.label}.{canary.field}")
            for canary in shown
            if not _allowed(reader, canary, channel)
        ]
        if shown:
            findings.revealing.append(url)
    return findings


@pytest.mark.parametrize("name", READERS)
def test_no_reader_meets_a_canary_the_permissions_withhold(planted, db, name):
    reader = planted.readers[name]
    findings = _crawl_as(reader, planted)
    assert findings.leaks == []
    logged = _logged_pages(reader)
    assert [url for url in findings.revealing if urlsplit(url).path not in logged] == []
    may_see = {
        canary.token for canary in planted.canaries if _allowed(reader, canary, PAGE)
    }
    assert findings.seen == may_see
    assert findings.kinds >= DOWNLOADS_AND_PAGES
    with translation.override("es-mx"):
        packages = {reverse(name) for name in OPEN_DATA_PACKAGES}
    assert findings.visited >= packages


def test_every_declared_field_holds_a_canary(planted, db):
    planted = {(canary.label, canary.field) for canary in planted.canaries}
    declared = {
        (label, field.name)
        for label, entry in personal_data_models().items()
        for field in entry.fields
    }
    assert planted == declared - set(CHECKED_AS_AGGREGATES)
    assert declared >= AT_LEAST_DECLARED


def test_every_personal_value_that_is_not_text_has_its_aggregate_test():
    """A non-text personal field skipped by the crawl is checked elsewhere."""
    root = Path(__file__).resolve().parents[1]
    for (label, name), test in CHECKED_AS_AGGREGATES.items():
        entry = personal_data_models()[label]
        assert entry.field(name) is not None, f"{label}.{name} is not declared"
        model = apps.get_model(label)
        assert not isinstance(model._meta.get_field(name), models.EmailField)
        assert f'"{name}"' in (root / test).read_text(encoding="utf-8")
    for label, entry in personal_data_models().items():
        model = apps.get_model(label)
        for field in entry.fields:
            text = isinstance(
                model._meta.get_field(field.name), (models.CharField, models.TextField)
            )
            if not text or model._meta.get_field(field.name).choices:
                assert (label, field.name) in CHECKED_AS_AGGREGATES, (
                    f"{label}.{field.name} holds no text: check it as aggregates"
                )


# ------------------------------------------------------------- open data


def _open_data_addresses() -> list[str]:
    """Return every open-data page and every file of every published version."""
    pages = ["/es-mx/datos/", *(f"/es-mx/datos/{slug}/" for slug in DATASETS)]
    catalogues = [
        "/es-mx/datos/datapackage.json",
        "/es-mx/datos/catalogo.ttl",
        "/es-mx/datos/catalogo.jsonld",
    ]
    files = [published.get_absolute_url() for published in PublishedFile.objects.all()]
    latest = [
        f"/es-mx/datos/{slug}/ultimo.{fmt}" for slug in DATASETS for fmt in FileFormat
    ]
    return pages + catalogues + files + latest


def test_the_site_search_lists_no_canary(planted, db):
    # The page and the API echo what was typed: only what they found counts.
    client = Client()
    listed = []
    for canary in planted.canaries:
        answer = client.get("/api/v1/search", {"q": canary.token})
        assert answer.status_code == 200, canary.token
        for group in answer.json()["groups"]:
            listed += [
                (canary.token, group["kind"])
                for hit in group["hits"]
                if canary.token in f"{hit['title']} {hit['detail']}".lower()
            ]
    assert listed == []


def test_no_open_data_file_or_page_carries_a_canary(planted, db):
    client = Client()
    formats, leaks = set(), []
    for url in _open_data_addresses():
        response = client.get(url)
        if response.status_code == 404:  # a format a dataset does not have
            continue
        assert response.status_code == 200, url
        formats.add(url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else "")
        text = _text(response)
        leaks += [(url, c.label, c.field) for c in planted.canaries if c.token in text]
    assert leaks == []
    assert {"csv", "xlsx", "json", "zip", "ttl", "jsonld"} <= formats


# Columns that share a personal field's name but hold a public field of
# another model: a work's locality is public, a beneficiary's is personal.
PUBLIC_NAMESAKES = {"LOCALIDAD": ("works.Work", "locality")}


def test_no_personal_field_is_a_column_of_any_dataset():
    """No dataset declares a column named for a personal field, in any form."""
    for label, name in PUBLIC_NAMESAKES.values():
        entry = personal_data_models().get(label)
        assert entry is None or entry.field(name) is None, f"{label}.{name}"
    personal = set()
    for label, entry in personal_data_models().items():
        model = apps.get_model(label)
        for field in entry.fields:
            verbose = str(model._meta.get_field(field.name).verbose_name)
            personal |= {field.name.upper(), _column_name(verbose)}
    columns = {
        column.name for dataset in DATASETS.values() for column in dataset.fields
    }
    assert columns & personal <= set(PUBLIC_NAMESAKES)


def _column_name(text: str) -> str:
    """Return ``text`` as the datasets write column names (TELÉFONO → TELEFONO)."""
    return "_".join(fold(text).upper().split())
