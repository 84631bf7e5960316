"""A long document is read a page at a time, on its page and in the API.

A federal works file has 100,000 rows and thousands of findings: no answer
carries them all, and the last page costs what the first does.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from ruta.accounts.actors import command_actor
from ruta.sources.models import (
    DocumentFinding,
    DocumentKind,
    PublishedRow,
    SourceDocument,
)
from ruta.sources.records import published_row_cells, row_place
from ruta.sources.selectors import (
    DOCUMENTS_PER_PAGE,
    FINDINGS_PER_PAGE,
    ROWS_PER_PAGE,
    document_tables,
    documents,
)
from ruta.sources.services import published_rows_copy

SHA = "c" * 64
ROWS = 1_200
FINDINGS = 450
ROW_ID = re.compile(r'id="renglon-works-(\d+)"')


@pytest.fixture
def long_document(db):
    document = SourceDocument.objects.create(
        sha256=SHA, kind=DocumentKind.WORKS_OPA, name="obras-federales.csv"
    )
    PublishedRow.objects.bulk_create(
        PublishedRow(
            document=document,
            table_id="works",
            title="Obras",
            row_number=number,
            line=number + 1,
            label=f"Obra {number}",
            values={"amount": str(number)},
        )
        for number in range(1, ROWS + 1)
    )
    PublishedRow.objects.bulk_create(
        PublishedRow(
            document=document,
            table_id="totals",
            title="Totales",
            row_number=number,
            line=ROWS + 10 + number,
            label=f"Total {number}",
        )
        for number in (1, 2, 3)
    )
    DocumentFinding.objects.bulk_create(
        DocumentFinding(
            document=document,
            code="amount_mismatch",
            message=f"finding {number}",
            where=f"line {number}",
        )
        for number in range(1, FINDINGS + 1)
    )
    return document


def _page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def _next_link(page: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', page)
    return found and reverse("sources:detail", args=[SHA]) + _unescape(found[1])


def _unescape(link: str) -> str:
    return link.replace("&amp;", "&")


def _row_pages(client):
    address = reverse("sources:detail", args=[SHA])
    while address:
        page = _page(client, address)
        yield address, page
        address = _next_link(page)


def _api_pages(client, address: str, **query):
    page = client.get(address, query).json()
    yield page
    while page["next"]:
        page = client.get(page["next"]).json()
        yield page


def _queries(client, address: str) -> int:
    client.get(address)  # caches warm, as for any reader but the first
    with CaptureQueriesContext(connection) as run:
        assert client.get(address).status_code == 200
    return len(run.captured_queries)


def test_the_document_page_shows_a_page_of_rows_with_a_next_link(client, long_document):
    page = _page(client, reverse("sources:detail", args=[SHA]))
    numbers = [int(n) for n in ROW_ID.findall(page)]
    assert numbers == list(range(1, ROWS_PER_PAGE + 1))
    assert 'href="?tabla=works&amp;desde=201#tabla-works" rel="next"' in page
    assert "Renglones 1 a 200, de 1,200" in page


def test_following_next_on_the_page_reaches_the_last_row(client, long_document):
    seen = []
    for _address, page in _row_pages(client):
        numbers = [int(n) for n in ROW_ID.findall(page)]
        assert len(numbers) <= ROWS_PER_PAGE
        seen += numbers
    assert seen == list(range(1, ROWS + 1))


def test_the_way_back_gives_the_rows_before(client, long_document):
    address = reverse("sources:detail", args=[SHA]) + "?tabla=works&antes=401"
    page = _page(client, address)
    assert [int(n) for n in ROW_ID.findall(page)] == list(range(201, 401))
    assert 'href="?tabla=works&amp;antes=201#tabla-works" rel="prev"' in page


def test_the_last_page_of_rows_costs_the_queries_of_the_first(client, long_document):
    *_, (last, _page_text) = _row_pages(client)
    first = reverse("sources:detail", args=[SHA])
    assert "desde=1001" in last
    assert _queries(client, last) == _queries(client, first)


def test_a_link_to_a_row_lands_on_the_page_holding_it(client, long_document):
    address = reverse("sources:detail", args=[SHA]) + row_place("works", 987)
    page = _page(client, address.split("#")[0])
    assert address.endswith("#renglon-works-987")
    assert 'id="renglon-works-987"' in page
    assert '<details id="tabla-works" open>' in page


def test_a_short_table_is_shown_whole_whatever_row_the_link_names(
    client, long_document
):
    address = reverse("sources:detail", args=[SHA]) + row_place("totals", 3)
    page = _page(client, address.split("#")[0])
    for number in (1, 2, 3):
        assert f'id="renglon-totals-{number}"' in page


@pytest.mark.parametrize(
    "query",
    [
        "?tabla=no-such-table",
        "?tabla=works&desde=5000",
        "?tabla=works&desde=99999999999",
        "?tabla=works&desde=-1",
        "?tabla=works&desde=uno",
        "?tabla=works&desde=3&antes=9",
        "?desde=3",
    ],
)
def test_a_position_that_cannot_be_read_is_not_found(client, long_document, query):
    address = reverse("sources:detail", args=[SHA]) + query
    assert client.get(address).status_code == 404


def test_the_document_page_shows_the_first_findings_and_links_to_the_rest(
    client, long_document
):
    page = _page(client, reverse("sources:detail", args=[SHA]))
    assert len(re.findall(r">línea (\d+)</span>", page)) == FINDINGS_PER_PAGE
    assert f"Se muestran los primeros {FINDINGS_PER_PAGE} de 450 hallazgos." in page
    first = DocumentFinding.objects.order_by("pk").first().pk
    link = reverse("sources:findings", args=[SHA]) + f"?desde={first + 200}"
    assert f'href="{escape(link)}"' in page


def test_the_findings_page_is_followed_to_the_last_finding(client, long_document):
    address = reverse("sources:findings", args=[SHA])
    messages = []
    while address:
        page = _page(client, address)
        messages += re.findall(r">línea (\d+)</span>", page)
        found = re.search(r'<a href="\?([^"]+)" rel="next">', page)
        address = found and reverse("sources:findings", args=[SHA]) + "?" + found[1]
    assert [int(m) for m in messages] == list(range(1, FINDINGS + 1))


def test_the_api_gives_a_tables_rows_a_page_at_a_time(client, long_document):
    address = f"/api/v1/documents/{SHA}/rows"
    pages = list(_api_pages(client, address, table="works", page_size=500))
    assert [len(page["items"]) for page in pages] == [500, 500, 200]
    rows = [row["row"] for page in pages for row in page["items"]]
    assert rows == list(range(1, ROWS + 1))
    assert pages[0]["items"][0]["line"] == 2


def test_the_api_document_counts_its_tables_without_rows(client, long_document):
    data = client.get(f"/api/v1/documents/{SHA}").json()
    assert data["tables"] == [
        {"id": "works", "title": "Obras", "row_count": ROWS},
        {"id": "totals", "title": "Totales", "row_count": 3},
    ]
    assert (data["row_count"], data["finding_count"]) == (ROWS + 3, FINDINGS)


def test_the_api_last_page_of_rows_costs_the_queries_of_the_first(
    client, long_document
):
    address = f"/api/v1/documents/{SHA}/rows"
    *_, before_last = _api_pages(client, address, table="works", page_size=100)
    first = f"{address}?table=works&page_size=100"
    assert _queries(client, before_last["next"] or first) == _queries(client, first)


def test_the_api_findings_are_followed_to_the_last(client, long_document):
    pages = list(_api_pages(client, f"/api/v1/documents/{SHA}/findings"))
    assert len(pages) == 9  # 50 a page
    messages = [item["message"] for page in pages for item in page["items"]]
    assert messages == [f"finding {number}" for number in range(1, FINDINGS + 1)]


def test_an_altered_cursor_names_no_page(client, long_document):
    address = f"/api/v1/documents/{SHA}/rows"
    page = client.get(address, {"table": "works"}).json()
    response = client.get(
        address, {"table": "works", "cursor": page["next_cursor"][:-2] + "xy"}
    )
    assert (response.status_code, response.json()["code"]) == (404, "invalid-cursor")


def test_an_unknown_table_is_a_problem(client, long_document):
    response = client.get(f"/api/v1/documents/{SHA}/rows", {"table": "no-such"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "unknown-table"


def test_the_documents_list_is_paged_newest_first(client, long_document):
    for letter in "de":
        SourceDocument.objects.create(
            sha256=letter * 64, kind=DocumentKind.OCDS, name=f"{letter}.json"
        )
    pages = list(_api_pages(client, "/api/v1/documents/", page_size=2))
    names = [[item["name"] for item in page["items"]] for page in pages]
    assert names == [["e.json", "d.json"], ["obras-federales.csv"]]


def _documents(count: int) -> list[SourceDocument]:
    return [
        SourceDocument.objects.create(
            sha256=f"{number:064x}", kind=DocumentKind.OCDS, name=f"{number:03d}.json"
        )
        for number in range(1, count + 1)
    ]


def _list_pages(client):
    address = reverse("sources:list")
    while address:
        page = _page(client, address)
        yield address, page
        found = re.search(r'<a href="([^"]+)" rel="next">', page)
        address = found and reverse("sources:list") + _unescape(found[1])


def _listed(page: str) -> list[str]:
    return re.findall(r">(\d{3})\.json</a>", page)


def test_the_public_documents_list_is_paged_newest_first_to_the_oldest(client, db):
    _documents(DOCUMENTS_PER_PAGE * 2 + 5)
    pages = list(_list_pages(client))
    assert [len(_listed(page)) for _, page in pages] == [50, 50, 5]
    seen = [name for _, page in pages for name in _listed(page)]
    assert seen == [f"{n:03d}" for n in range(105, 0, -1)]
    assert "105 documentos importados" in pages[0][1]
    assert 'rel="prev"' not in pages[0][1]


def test_the_way_back_on_the_documents_list_gives_the_newer_ones(client, db):
    _documents(DOCUMENTS_PER_PAGE + 3)
    *_, (last, page) = _list_pages(client)
    back = re.search(r'<a href="([^"]+)" rel="prev">', page)[1]
    newer = _page(client, reverse("sources:list") + _unescape(back))
    assert _listed(newer) == [f"{n:03d}" for n in range(53, 3, -1)]
    assert _queries(client, last) == _queries(client, reverse("sources:list"))


@pytest.mark.parametrize(
    "query",
    ["?desde=x", "?desde=1&antes=5", "?antes=-1", "?desde=99999999999999999999"],
)
def test_a_documents_list_position_that_cannot_be_read_is_not_found(client, db, query):
    _documents(3)
    assert client.get(reverse("sources:list") + query).status_code == 404


def test_a_documents_list_position_past_the_oldest_is_not_found(client, db):
    first = _documents(2)[0]
    address = reverse("sources:list") + f"?desde={first.pk - 1}"
    assert client.get(address).status_code == 404


def _listed_rows(sha256: str) -> int:
    return documents().get(sha256=sha256).row_count


def test_the_list_counts_rows_however_they_are_written_and_removed(long_document):
    assert _listed_rows(SHA) == ROWS + 3
    published_rows_copy(
        document=long_document,
        table_id="copied",
        title="Copiados",
        rows=[published_row_cells(n, n + 1, f"C {n}", "{}") for n in (1, 2)],
        actor=command_actor("test"),
    )
    assert _listed_rows(SHA) == ROWS + 5
    # Rows go only with their document (checked at commit, and when the test
    # ends): these deletes stand for a deletion's, the document going last.
    PublishedRow.objects.filter(document=long_document, table_id="totals").delete()
    PublishedRow.objects.filter(document=long_document, row_number=ROWS).delete()
    assert _listed_rows(SHA) == ROWS + 1
    tables = {t.table_id: t for t in document_tables(long_document)}
    assert set(tables) == {"works", "copied"}
    works = tables["works"]
    assert (works.row_count, works.first_row, works.last_row) == (ROWS - 1, 1, ROWS - 1)
    assert (tables["copied"].title, tables["copied"].last_row) == ("Copiados", 2)
    other = SourceDocument.objects.create(
        sha256="d" * 64, kind=DocumentKind.WORKS_OPA, name="sin-renglones.csv"
    )
    assert _listed_rows(other.sha256) == 0
    with CaptureQueriesContext(connection) as read:
        list(documents())
    assert "ingest_publishedrow" not in read.captured_queries[0]["sql"]
    long_document.delete()
