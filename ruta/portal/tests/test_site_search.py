"""The site search: every public record of the demo found by a word of its
name, with accents or without and with a one-letter typo; nothing personal
found; bounds refused with a sentence; the page and the API alike."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import get_args

import pytest
from django.db import connection, transaction
from django.db.models import Min
from django.test import override_settings
from django.urls import reverse

from ruta.accounts.personal import personal_data_models
from ruta.catalog.instance import instance
from ruta.common.text.rfc import is_company_rfc
from ruta.common.text.search import SEARCH_MAX_LENGTH, SearchRefused, fold
from ruta.demo.consultations import consultations_demo_load
from ruta.grants.models import Application, Call
from ruta.grants.selectors.organizations import directory_organizations
from ruta.indicators.models import IndicatorCard
from ruta.opendata.datasets import DATASETS
from ruta.opengov.models import Commitment, DraftRegulation
from ruta.portal.api_search import SearchKindKey
from ruta.portal.questions.parse import MAX_QUESTION_LENGTH
from ruta.portal.search import KIND_KEYS, KINDS, PAGE_SIZE_MAX, PAGES_MAX, site_search
from ruta.programs.models import Goal, UnitProgram
from ruta.sources.display import finding_text
from ruta.sources.models import DocumentFinding, SourceDocument
from ruta.works.models import Contract, Work
from ruta.works.selectors import search as works_search_module
from testkit.world import constraints_settled, demo_documents_written

pytestmark = pytest.mark.django_db

NAME_WORD = re.compile(r"[^\W_]+")
# The letters a typo puts in a word: rare in Spanish names, so the slip is
# one letter from the word meant and farther from every other.
SLIPS = "xqzkw"


@pytest.fixture(scope="module")
def search_world(django_db_setup, django_db_blocker):
    """The Sonora demo with its grants, seed documents (POA, indicators, the
    action plan) and consultations, shared by the module, rolled back."""
    with (
        django_db_blocker.unblock(),
        override_settings(RUTA_STATE="26"),
        transaction.atomic(),
    ):
        demo_documents_written()
        consultations_demo_load(today=date(2025, 6, 15))
        constraints_settled()
        yield
        transaction.set_rollback(True)


def _public_names() -> dict[str, list[str]]:
    """Return each kind's public records' names, read apart from the search."""
    units = UnitProgram.objects.here().approved()
    results = Call.objects.published().here().filter(allocation_runs__isnull=False)
    demo_works = Work.objects.published().filter(is_demo=True)
    return {
        "obras": list(demo_works.values_list("title", flat=True)),
        "municipios": list(instance().municipalities().values_list("name", flat=True)),
        "contratistas": sorted(
            {
                name
                for rfc, name in Contract.objects.filter(
                    work__in=demo_works
                ).values_list("contractor_rfc", "contractor_name")
                if is_company_rfc(rfc)
            }
        ),
        "organizaciones": list(
            directory_organizations().values_list("name", flat=True)
        ),
        "convocatorias": list(
            Call.objects.published().here().values_list("title", flat=True)
        ),
        "proyectos": list(
            Application.objects.filter(call__in=results).values_list("title", flat=True)
        ),
        "programas-poa": list(units.values_list("program__name", flat=True)),
        "metas-poa": list(
            Goal.objects.filter(unit_program__in=units).values_list(
                "description", flat=True
            )
        ),
        "indicadores": list(
            IndicatorCard.objects.in_use().here().values_list("name", flat=True)
        ),
        "compromisos": list(Commitment.objects.here().values_list("name", flat=True)),
        "consultas": list(
            DraftRegulation.objects.here().values_list("title", flat=True)
        ),
        "documentos": list(SourceDocument.objects.values_list("name", flat=True)),
        "hallazgos": _first_finding_sentences(),
        "datos-abiertos": [dataset.title for dataset in DATASETS.values()],
    }


def _first_finding_sentences() -> list[str]:
    """Return each document's first finding of each kind, as a page words it."""
    firsts = (
        DocumentFinding.objects.exclude(severity="info")
        .values("document_id", "code")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    return [
        finding_text(finding).message
        for finding in DocumentFinding.objects.filter(pk__in=list(firsts))
    ]


def _telling_word(name: str, common: Counter[str], spoken: set[str]) -> str:
    """Return the word of ``name`` fewest names of its kind hold, the longest
    first; never a word of grammar (``spoken``: what a Spanish vector keeps)."""
    words = [w for w in NAME_WORD.findall(name) if fold(w) in spoken]
    longer = [w for w in words if len(w) >= 5 and not w.isdigit()]
    return min(longer or words, key=lambda word: (common[fold(word)], -len(word), word))


def _spoken(words: set[str]) -> set[str]:
    """Return the words a Spanish text-search vector keeps (no stop words)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w "
            "WHERE to_tsvector('spanish', w) <> ''::tsvector",
            [sorted(words)],
        )
        return {row[0] for row in cursor.fetchall()}


def _typo(word: str) -> str:
    """Return ``word`` folded with its middle letter changed for a rare one."""
    folded = fold(word)
    middle = len(folded) // 2
    slip = next(letter for letter in SLIPS if letter not in folded)
    return folded[:middle] + slip + folded[middle + 1 :]


def _found(text: str, kind: str) -> set[str]:
    """Return the names of every ``kind`` record searching ``text`` lists."""
    names: set[str] = set()
    for page in range(1, PAGES_MAX + 1):
        answer = site_search(text, kind=kind, page=page, size=PAGE_SIZE_MAX)
        (group,) = answer.groups
        names |= {hit.title for hit in group.found.hits}
        if not group.has_next:
            break
    return names


@pytest.mark.parametrize("kind", [kind.key for kind in KINDS])
def test_every_public_record_is_found_by_a_word_of_its_name_typed_any_way(
    search_world, kind
):
    names = _public_names()[kind]
    assert names, f"the demo holds no {kind}"
    common = Counter(
        word
        for name in set(names)
        for word in {fold(w) for w in NAME_WORD.findall(name)}
    )
    spoken = _spoken(set(common))
    by_word: dict[str, set[str]] = {}
    for name in set(names):
        by_word.setdefault(_telling_word(name, common, spoken), set()).add(name)
    missed = []
    for word, named in sorted(by_word.items()):
        # Each word is searched once for every record it tells.
        for typed in (word, fold(word), word.upper(), _typo(word)):
            missed += [(name, typed) for name in named - _found(typed, kind)]
    assert not missed


def test_a_typo_is_mended_and_said_on_the_page(search_world, client):
    answer = site_search("Hermoxillo")
    assert answer.mended == (("hermoxillo", "hermosillo"),)
    assert any(
        hit.title == "Hermosillo"
        for group in answer.groups
        if group.kind.key == "municipios"
        for hit in group.found.hits
    )
    page = client.get(reverse("portal:search"), {"q": "Hermoxillo"})
    assert page.status_code == 200
    assert "Mostrando resultados para «hermosillo»" in page.content.decode()


def _personal_values() -> list[str]:
    """Return the demo's personal values held as text (names, RFCs, contacts)."""
    values = []
    for entry in personal_data_models().values():
        from django.apps import apps

        model = apps.get_model(entry.label)
        for field in entry.fields:
            internal = model._meta.get_field(field.name).get_internal_type()
            if internal not in ("CharField", "TextField", "EmailField"):
                continue
            rows = model._default_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )[:3]
            values += [value for value in rows if value and field.holds(value)]
    return values


def test_personal_data_is_never_found(search_world):
    values = [value for value in _personal_values() if len(value) >= 8]
    assert len(values) > 20  # the demo's people: members, recipients, representatives
    shown = []
    for value in values:
        try:
            answer = site_search(value[:SEARCH_MAX_LENGTH])
        except SearchRefused:
            continue
        for group in answer.groups:
            for hit in group.found.hits:
                if fold(value) in fold(f"{hit.title} {hit.detail}"):
                    shown.append((value, group.kind.key))
    assert not shown


def test_no_kind_matches_on_a_field_declared_personal():
    declared = personal_data_models()
    for kind in KINDS:
        for label, name in kind.indexed:
            entry = declared.get(label)
            field = entry.field(name) if entry else None
            # Personal only for some values (a natural person's RFC): the
            # selector leaves those out, which the next test checks.
            assert field is None or field.when is not None, (kind.key, label, name)


def test_a_natural_person_contractor_is_not_found(search_world):
    work = Work.objects.published().filter(is_demo=True).first()
    Contract.objects.create(
        work=work,
        number="PERSONA-1",
        contractor_name="Zacarías Quintanilla Yépez",
        contractor_rfc="QUYZ800101AB1",
        amount=1000,
        signed_on=date(2024, 5, 1),
    )
    for typed in ("Quintanilla", "QUYZ800101AB1"):
        try:
            answer = site_search(typed)
        except SearchRefused:
            continue
        assert not any(
            "Quintanilla" in hit.title or "QUYZ" in hit.detail
            for group in answer.groups
            for hit in group.found.hits
        )


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"q": ""}, "Escriba una o más palabras"),
        ({"q": "x" * (SEARCH_MAX_LENGTH + 1)}, "demasiado larga"),
        ({"q": "¡¡ -- !!"}, "Escriba una o más palabras"),
        ({"q": " ".join(["obra"] * 9)}, "demasiadas palabras"),
        ({"q": "calle", "pagina": "0"}, "La página debe ser 1 o mayor"),
        (
            {"q": "calle", "pagina": str(PAGES_MAX + 1)},
            f"La página debe ser {PAGES_MAX} o menor",
        ),
        ({"q": "calle", "pagina": "dos"}, "La página debe ser un número"),
        ({"q": "calle", "tipo": "personas"}, "No hay resultados del tipo «personas»"),
    ],
)
def test_a_search_out_of_bounds_is_refused_saying_why(
    search_world, client, query, said
):
    page = client.get(reverse("portal:search"), query)
    assert page.status_code == 400
    assert said in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"q": ""},
        {"q": "x" * (SEARCH_MAX_LENGTH + 1)},
        {"q": "¡¡ -- !!"},
        {"q": "calle", "page": "0"},
        {"q": "calle", "size": str(PAGE_SIZE_MAX + 1)},
        {"q": "calle", "kind": "personas"},
    ],
)
def test_the_api_refuses_the_same_bounds(search_world, client, query):
    answer = client.get("/api/v1/search", query)
    assert answer.status_code == 400
    assert answer.json()["detail"]


def test_the_api_names_every_kind():
    assert get_args(SearchKindKey) == ("", *KIND_KEYS)


def test_the_api_answers_what_the_page_shows(search_world, client):
    page = client.get(reverse("portal:search"), {"q": "Alamos"})
    api = client.get("/api/v1/search", {"q": "Álamos"}).json()
    html = page.content.decode()
    assert api["groups"]
    assert {group["kind"] for group in api["groups"]} >= {"obras", "municipios"}
    for group in api["groups"]:
        assert f'id="tipo-{group["kind"]}"' in html
        for hit in group["hits"]:
            assert f'href="{hit["url"]}"' in html
    one = client.get("/api/v1/search", {"q": "alamos", "kind": "obras", "page": 2})
    assert one.json()["groups"][0]["page"] == 2


def test_a_question_in_the_header_box_goes_to_the_question_box(search_world, client):
    home = client.get(reverse("portal:home")).content.decode()
    assert f'action="{reverse("portal:search")}"' in home
    asked = client.get(
        reverse("portal:search"), {"q": "¿Cuánto se invirtió en Álamos?"}
    )
    assert asked.status_code == 302
    assert asked.url.startswith(reverse("portal:question") + "?q=")
    worded = client.get(reverse("portal:search"), {"q": "cuantas obras hay en Cajeme"})
    assert worded.url.startswith(reverse("portal:question"))
    assert client.get(reverse("portal:search"), {"q": "Cajeme"}).status_code == 200
    # A question longer than a search may be is still the question box's.
    long = "¿Cuánto se invirtió en Álamos " + "y en Cajeme " * 12 + "en 2024?"
    assert len(long) > SEARCH_MAX_LENGTH
    assert f'maxlength="{MAX_QUESTION_LENGTH}"' in home
    sent = client.get(reverse("portal:search"), {"q": long})
    assert sent.url.startswith(reverse("portal:question"))


def test_a_municipality_s_instance_finds_only_its_own(search_world, settings):
    settings.RUTA_MUNICIPALITY = "26030"  # Hermosillo
    answer = site_search("Cajeme")
    kinds = {group.kind.key: group for group in answer.groups}
    assert "municipios" not in kinds
    assert "obras" not in kinds
    own = site_search("Hermosillo")
    (places,) = [g for g in own.groups if g.kind.key == "municipios"]
    assert [hit.title for hit in places.found.hits] == ["Hermosillo"]


def test_many_works_are_paged_after_a_key_as_they_are_by_position(
    search_world, monkeypatch
):
    # As if "calle" matched more works than are ranked: the explorer's order.
    monkeypatch.setattr(works_search_module, "RANKED_MAX", 0)
    first = site_search("calle", kind="obras", page=1, size=3).groups[0]
    assert first.after
    assert first.has_next
    last = Work.objects.get(public_id=first.found.hits[-1].detail.split(" · ")[0])
    assert first.found.next_keys == (last.fiscal_year_id, last.public_id)
    by_key = site_search("calle", kind="obras", page=2, size=3, after=first.after)
    by_position = site_search("calle", kind="obras", page=2, size=3)
    assert by_key.groups[0].found.hits == by_position.groups[0].found.hits
    assert by_key.groups[0].after == by_position.groups[0].after


def test_a_key_page_goes_past_the_pages_by_position(search_world, client, monkeypatch):
    monkeypatch.setattr(works_search_module, "RANKED_MAX", 0)
    after = site_search("calle", kind="obras", size=1).groups[0].after
    deep = {"q": "calle", "tipo": "obras", "pagina": PAGES_MAX + 5, "despues": after}
    page = client.get(reverse("portal:search"), deep)
    assert page.status_code == 200
    assert "Primeros" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "calle", "kind": "obras", "after": after})
    assert api.status_code == 200
    assert api.json()["groups"][0]["after"]


@pytest.mark.parametrize(
    ("kind", "after"),
    [("obras", "ayer"), ("municipios", "works"), ("", "works")],
)
def test_a_cursor_this_search_did_not_give_is_a_404_that_says_so(
    search_world, client, monkeypatch, kind, after
):
    monkeypatch.setattr(works_search_module, "RANKED_MAX", 0)
    if after == "works":
        after = site_search("calle", kind="obras", size=1).groups[0].after
    page = client.get(
        reverse("portal:search"), {"q": "calle", "tipo": kind, "despues": after}
    )
    assert page.status_code == 404
    assert "Esa página de resultados no existe" in page.content.decode()
    api = client.get("/api/v1/search", {"q": "calle", "kind": kind, "after": after})
    assert api.status_code == 404
    assert api.json()["code"] == "invalid-cursor"
