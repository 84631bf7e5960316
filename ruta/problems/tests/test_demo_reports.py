"""The reports the demo writes say they are demonstration data, wherever shown."""

from __future__ import annotations

import pytest

from testkit.factories.problems import ProblemReportFactory


@pytest.fixture
def reports(work):
    real = ProblemReportFactory(work=work, description="Falta señalización real.")
    demo = ProblemReportFactory(
        work=work, description="Reporte inventado para la demostración.", is_demo=True
    )
    return real, demo


def _article(html: str, report) -> str:
    start = html.index(f'id="reporte-{report.pk}"')
    return html[start : html.index("</article>", start)]


def test_the_list_marks_demo_reports_and_says_why(client, reports):
    real, demo = reports
    html = client.get("/es-mx/problematicas/").content.decode()
    assert "Los reportes marcados «demostración» no los hizo nadie" in html
    assert "demostración</span>" in _article(html, demo)
    assert "demostración</span>" not in _article(html, real)


def test_the_works_page_marks_its_demo_report(client, work, reports):
    real, demo = reports
    html = client.get(work.get_absolute_url()).content.decode()
    assert "demostración</span>" in _article(html, demo)
    assert "demostración</span>" not in _article(html, real)


def test_a_demo_reports_page_says_what_it_is_in_both_languages(client, reports):
    _real, demo = reports
    spanish = client.get(demo.get_absolute_url()).content.decode()
    english = client.get(f"/en{demo.get_absolute_url()[6:]}").content.decode()
    assert "Este reporte no lo hizo nadie" in spanish
    assert "Estas obras se generaron" not in spanish  # not the works' sentence
    assert "This report was made by no one" in english


def test_a_real_report_and_a_list_without_demo_say_nothing(client, work):
    real = ProblemReportFactory(work=work)
    for address in (real.get_absolute_url(), "/es-mx/problematicas/"):
        assert "Datos de demostración" not in client.get(address).content.decode()


def test_open311_carries_the_mark_as_an_extension(client, reports):
    real, demo = reports
    listed = client.get("/open311/v2/requests.json").json()
    marks = {row["service_request_id"]: row["demostracion"] for row in listed}
    assert marks == {str(real.pk): False, str(demo.pk): True}
