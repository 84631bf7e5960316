"""A reader's way through the public pages, in a phone-sized Chromium."""

from __future__ import annotations

import csv
import io
import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, fits_narrow_phone, no_sideways_scroll


def test_explorer_filter_search_sort_and_csv_download(page, world):
    page.goto("/es-mx/obras/")
    page.locator("#id_municipality").select_option(label="Álamos")
    page.locator("#id_q").fill("alumbrado")
    page.locator("#id_sort").select_option(label="Mayor inversión")
    page.get_by_role("button", name="Filtrar").click()
    assert page.get_by_role("status").inner_text() == "3 obras encontradas"
    titles = page.locator("table.works-table tbody th a").all_inner_texts()
    assert titles[0] == "Alumbrado público en la calle 2 de Álamos"  # $480,000
    assert "$855,000.00" in page.locator(".totals").inner_text()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: PTH123, SIM115
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Folio"
    assert len(rows) - 1 == 3


def test_a_large_selections_totals_arrive_on_the_page_once_the_queue_sums_them(
    page, world, monkeypatch
):
    from procrastinate.contrib.django.models import ProcrastinateJob

    from ruta.works import tasks
    from ruta.works.selectors import explore
    from ruta.works.selectors.works import filters_from_json

    monkeypatch.setattr(explore, "TOTALS_INLINE_MOST", 1)
    monkeypatch.setattr(explore, "COUNTED_MOST", 2)
    page.goto("/es-mx/obras/?q=alumbrado")
    count = page.locator("#conteo")
    assert count.inner_text() == "Más de 2 obras encontradas"
    totals = page.locator("section.totals")
    expect(totals).to_contain_text("se están sumando aparte")
    assert page.locator("table.works-table tbody tr").count() == 3
    assert axe_violations(page) == []
    # What the worker does with the queued job (procrastinate's worker runs
    # an event loop of its own, which Playwright's, in this thread, forbids).
    job = ProcrastinateJob.objects.get(task_name=tasks.TOTALS_TASK)
    tasks.selection_totals_sum(filters_from_json(job.args["filters"]))
    expect(totals).to_contain_text("$855,000.00", timeout=15_000)
    assert count.inner_text() == "3 obras encontradas"
    expect(
        page.get_by_role("status").filter(has_text="ya están en la página")
    ).to_have_count(1)
    assert "se están sumando" not in page.content()
    assert axe_violations(page) == []


def test_folio_finds_the_work_whose_page_draws_its_money_route(page, world):
    page.goto("/es-mx/")
    page.get_by_label("Buscar obras (palabras, folio o RFC de empresa)").fill(
        "GSE-2024-0001"
    )
    page.get_by_role("search", name="Buscar obras").get_by_role(
        "button", name="Buscar"
    ).click()
    page.get_by_role(
        "link", name="Pavimentación de vado en el acceso a El Paso"
    ).click()
    assert (
        page.locator("h1").inner_text()
        == "Pavimentación de vado en el acceso a El Paso"
    )
    assert page.locator("svg.route-svg .route-node").count() == 6  # source → payment
    # On a phone, the stages run top to bottom instead of the wide diagram.
    assert page.get_by_role("list", name="Ruta del dinero, de la fuente al pago")
    assert page.locator(".route-step").count() == 6
    # Hidden by the stylesheet, which may still be loading: expect() waits.
    expect(page.locator("svg.route-svg")).to_be_hidden()
    assert axe_violations(page) == []


def test_on_a_narrow_phone_every_stage_of_the_money_route_is_in_view(page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/es-mx/obras/GSE-2024-0001/")
    stages = page.locator(".route-step")
    titles = [title.strip() for title in stages.locator("h3").all_inner_texts()]
    assert titles == [
        "Fuentes",
        "Programa",
        "Subprograma",
        "Obra",
        "Contratos",
        "Pagos",
    ]
    for index in range(stages.count()):
        box = stages.nth(index).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 360
    payment = page.locator(".route-payment .route-step-figures").first.inner_text()
    assert "$1,500,000.00" in payment
    assert re.search(r"\d{1,2} de \w+ de \d{4}", payment)  # the whole date
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []


def test_on_a_desktop_the_money_route_is_the_diagram_and_its_table(page, world):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/es-mx/obras/GSE-2024-0001/")
    expect(page.locator("svg.route-svg")).to_be_visible()
    expect(
        page.get_by_role("table", name="Ruta del dinero, etapa por etapa")
    ).to_be_visible()
    expect(page.locator(".route-steps")).to_be_hidden()


def test_home_leads_with_money_and_a_map(page, world):
    page.goto("/es-mx/")
    stats = page.locator("#dinero + dl").inner_text()
    # 855,000 (street lighting) + 1,000,000 (the park), released; El Paso's
    # 6,128,440.17 is approved, not released: beside the investment, not in it.
    assert "Invertido (recursos liberados)\n$1,855,000.00\nen 4 obras" in stats
    assert "Por liberar\n$6,128,440.17" in stats
    assert page.locator("svg.choropleth path").count() == 72
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_municipality_page_compares_with_the_state_average(page, world):
    page.goto("/es-mx/municipios/26003/")
    stats = " ".join(page.locator("dl.stats").all_inner_texts())
    assert "Invertido (recursos liberados)" in stats
    assert "Invertido por habitante" in stats
    assert "Promedio estatal por habitante" in stats
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_map_page_links_each_municipality(page, world):
    page.goto("/es-mx/mapa/")
    page.get_by_role("link", name=re.compile(r"^Álamos: ")).first.click()
    assert page.locator("h1").inner_text() == "Álamos"
    page.go_back()
    assert axe_violations(page) == []


def test_language_switch_keeps_the_page(page, world):
    page.goto("/es-mx/obras/?municipality=26003")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/obras/?municipality=26003")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Public works"
    assert axe_violations(page) == []


def test_keyboard_alone_reaches_the_explorer_and_its_results(page, world):
    page.goto("/es-mx/obras/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == (
        "Saltar al contenido"
    )
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "id_q"
    page.keyboard.type("GSE-2024-0001")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=GSE-2024-0001"))
    assert page.get_by_role("status").inner_text() == "1 obra encontrada"
    assert axe_violations(page) == []


def test_the_accessibility_check_finds_a_violation_where_there_is_one(page, world):
    page.goto("/es-mx/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<img src=\"/static/ruta/favicon.svg\">')"
    )
    assert any(violation.startswith("image-alt") for violation in axe_violations(page))


def test_the_other_public_pages_pass_the_accessibility_check(page, world):
    region = world["alamos"].region_id
    failures = {}
    for address in (
        "/es-mx/acerca-de-los-datos/",
        f"/es-mx/regiones/{region}/",
        "/es-mx/obras/contratistas/CDD150312AB1/",
        "/es-mx/indicadores/",
        "/es-mx/informes/",
        "/es-mx/programas/",
        "/es-mx/documentos/",
        "/es-mx/datos/",
        "/es-mx/datos/obras/",
        "/es-mx/cuentas/entrar/",
        "/es-mx/impulso-social/",
        "/es-mx/presupuesto/",
        "/es-mx/pregunta/?q=%C2%BFCu%C3%A1nto+se+invirti%C3%B3+en+%C3%81lamos%3F",
        reverse("alerts:follow", args=["work", "GSE-2024-0001"]),
        reverse("alerts:follow", args=["municipality", "26003"]),
        "/es-mx/problematicas/",
        "/es-mx/problematicas/reportar/GSE-2024-0001/",
        "/es-mx/gobierno-abierto/",
        "/es-mx/gobierno-abierto/consultas/",
        "/es-mx/no-existe/",
        "/en/obras/?amount_min=9&amount_max=1",
    ):
        page.goto(address)
        violations = axe_violations(page)
        if violations:
            failures[address] = violations
    assert failures == {}


def test_the_staff_pages_pass_the_accessibility_check(page, world, make_user):
    from ruta.accounts.models import Role
    from tests.browser.conftest import sign_in

    sign_in(page, make_user(Role.ADMINISTRATOR), then="/es-mx/importaciones/")
    failures = {}
    for address in (
        "/es-mx/importaciones/",
        "/es-mx/importaciones/documento/",
        "/es-mx/problematicas/moderacion/",
        "/es-mx/problematicas/claves/",
        "/es-mx/avisos/suscriptores/",
        "/es-mx/gobierno-abierto/consultas/nueva/",
    ):
        page.goto(address)
        violations = axe_violations(page)
        if violations:
            failures[address] = violations
    assert failures == {}


def test_a_document_with_a_long_name_and_wide_rows_fits_a_phone(page, world):
    from ruta.sources.models import DocumentKind, PublishedRow, SourceDocument

    # A published file's name has no spaces to wrap at, and its rows have
    # dozens of columns: the name breaks and the rows scroll in their box.
    document = SourceDocument.objects.create(
        sha256="c" * 64,
        kind=DocumentKind.WORKS_OPA,
        name="shcp_opa_2021_proyectos_opa_publicado_por_transparencia.csv",
    )
    PublishedRow.objects.create(
        document=document,
        table_id="works",
        title="Obras y proyectos de inversión",
        row_number=1,
        line=2,
        label="0309J3A0002",
        values={f"COLUMNA_{n}": "Calendario Fiscal Concluido" for n in range(40)},
    )
    page.goto(f"/es-mx/documentos/{document.sha256}/")
    assert no_sideways_scroll(page)


def test_a_bulk_file_not_yet_published_is_a_page_that_says_so(page, world):
    for address, heading in (
        ("/es-mx/datos/obras/ultimo.csv", "Archivo en preparación"),
        ("/en/datos/obras/ultimo.csv", "File being prepared"),
    ):
        page.goto(address)
        assert page.locator("h1").inner_text() == heading
        assert axe_violations(page) == []
        assert fits_narrow_phone(page)
