"""The public pages of imported documents: the source behind every figure."""

import re

from django.urls import reverse

from ruta.accounts.models import Role
from ruta.catalog.models import Agency
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.sources.models import SourceDocument
from testkit.cecop import demonstration_document

DOCUMENT = demonstration_document()


def test_the_documents_page_lists_each_import_with_its_rows_and_findings(
    client, imported_demonstration
):
    page = client.get(reverse("sources:list")).content.decode()
    row = re.search(rf"{re.escape(DOCUMENT.name)}.*?</tr>", page, re.DOTALL)[0]
    assert "Informe Anual de Resultados (CECOP)" in row
    assert re.search(r'<td class="num">77</td>\s*<td class="num">9</td>', row)


def test_a_document_page_shows_its_hash_findings_unread_and_read_tables(
    client, imported_demonstration
):
    document = imported_demonstration.document
    page = client.get(reverse("sources:detail", args=[document.sha256])).content
    page = page.decode()
    assert document.sha256 in page
    # The findings, the unread table and the unread sentences.
    assert page.count("<li>") >= 8 + 1 + 9
    (table,) = DOCUMENT.report().not_read
    assert f"Líneas {table.first_line}–{table.last_line}" in page
    assert "tsam_by_subprogram" in page
    pavimentacion = re.search(r"<th scope=\"row\">PAVIMENTACIÓN</th>.*?</tr>", page)[0]
    assert "obras: 55" in pavimentacion
    assert "total: 19934628.64" in pavimentacion


def test_an_unknown_document_is_not_found(client, db):
    assert client.get(reverse("sources:detail", args=["0" * 64])).status_code == 404


def test_the_report_page_links_to_its_document(client, imported_demonstration):
    page = client.get("/es-mx/informes/CECOP/2024/").content.decode()
    sha = SourceDocument.objects.get().sha256
    assert reverse("sources:detail", args=[sha]) in page


def test_the_document_page_does_not_name_who_imported_it(
    client, catalog, demonstration_file, make_user
):
    user = make_user(Role.CAPTURE, agency=Agency.objects.get(code="sonora-cecop"))
    result = cecop_report_import(path=demonstration_file, actor=user)
    url = reverse("sources:detail", args=[result.document.sha256])
    page = client.get(url).content.decode()
    assert user.email not in page
