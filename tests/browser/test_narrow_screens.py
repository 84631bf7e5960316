"""The public pages on a 360 px phone and a 1366 px laptop, served as by ``make demo``.

One world, committed once, served by ``ruta serve`` (``testkit.served``) and
read by one Chromium for the whole module: the report's big figures
($332,174,772.24 invested), a demonstration work with a long title, its
contract and a progress photo, aids in every group, and a budget statement
whose source file has a long name. On each page: nothing scrolls the page
sideways, no figure is broken across lines, a table wider than its column
scrolls inside its own box, and axe-core finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from testkit.served import Served, served_world
from tests.browser.conftest import AXE, AXE_ADDRESS, axe_violations

# Each test reads through the server; its own transaction is rolled back.
pytestmark = pytest.mark.django_db

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}
FIRST_SCREEN = 640  # px of a phone's height above the fold
WORK = "TSAM-2024-0001"
WORK_TITLE = (
    "Pavimentación con carpeta asfáltica de la calle Morelos entre la avenida "
    "Juárez y el bulevar Colosio, Agua Prieta"
)
PAGES = {
    "home": "/es-mx/",
    "work": f"/es-mx/obras/{WORK}/",
    "budget": "/es-mx/presupuesto/?year=2024",
    "aids": "/es-mx/ayudas-sociales/?year=2024",
    "municipality": "/es-mx/municipios/26002/?year=2024",
    "explorer": "/es-mx/obras/",
}

# Every figure of the page's text (an amount, a count, a year, a percent)
# whose characters do not all sit on one line; text hidden for screen
# readers only (a stacked table's headings) is left out.
BROKEN_FIGURES = """() => {
  const hidden = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clip !== 'auto' || style.display === 'none') return true;
    }
    return false;
  };
  const broken = [];
  const main = document.querySelector('main');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[$]?\\d[\\d,.]*\\d%?/g)) {
      if (hidden(node.parentElement)) break;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects())
        .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

# Every visible table wider than the page's column that no box of its own
# scrolls sideways (overflow-x auto or scroll).
TABLES_OUTSIDE_A_BOX = """() => {
  const column = document.querySelector('main .wrap').getBoundingClientRect();
  const scrolls = (element) =>
    ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
  return Array.from(document.querySelectorAll('main table'))
    .filter((table) => table.checkVisibility())
    .filter((table) => {
      for (let e = table.parentElement; e.tagName !== 'MAIN'; e = e.parentElement) {
        if (scrolls(e)) return e.getBoundingClientRect().right > column.right + 1;
      }
      return table.getBoundingClientRect().right > column.right + 1;
    })
    .map((table) => (table.caption || table).textContent.trim().slice(0, 80));
}"""


def _world(folder: Path) -> dict:
    """Return the world's records; written in one transaction by ``served_world``."""
    from ruta.ingest.loaders.statement import budget_statement_import
    from ruta.works.models import AidConcept, FundingSource
    from ruta.works.services.photos import photo_add
    from testkit.actors import TEST_ACTOR
    from testkit.factories.catalog import (
        AgencyFactory,
        MunicipalityFactory,
        RegionFactory,
        StateFactory,
    )
    from testkit.factories.works import (
        AidFactory,
        ContractFactory,
        ProgressFactory,
        WorkFactory,
    )
    from testkit.statements import example_rows, statement_file

    sonora = StateFactory(code="26", name="Sonora")
    agua_prieta = MunicipalityFactory(
        code="26002",
        name="Agua Prieta",
        state=sonora,
        population_2020=91929,
        region=RegionFactory(state=sonora, number=2, name="Frontera Norte"),
    )
    hermosillo = MunicipalityFactory(
        code="26030", name="Hermosillo", state=sonora, population_2020=936263
    )
    invested = Decimal("332174772.24")  # the CECOP report's 2024 investment
    work = WorkFactory(
        public_id=WORK,
        title=WORK_TITLE,
        municipality=agua_prieta,
        total_investment=invested,
        funding=[
            (FundingSource.STATE, Decimal("232174772.24")),
            (FundingSource.FEDERAL, Decimal("100000000.00")),
        ],
        beneficiaries=1660786,
        is_demo=True,
        realized=True,
    )
    ContractFactory(
        work=work,
        amount=Decimal("331900000.00"),
        contractor_name="Constructora y Pavimentadora del Noroeste, S.A. de C.V.",
    )
    ProgressFactory(work=work, amount_paid=Decimal("298957295.02"))
    photo = _photo_file()
    photo_add(
        work=work,
        upload=photo,
        size=len(photo.getvalue()),
        title="Carpeta asfáltica tendida",
        actor=TEST_ACTOR,
    )
    for number, amount in enumerate(("12375346.59", "9929407.20"), start=2):
        WorkFactory(
            public_id=f"TSAM-2024-{number:04d}",
            municipality=hermosillo,
            total_investment=Decimal(amount),
            is_demo=True,
            published=True,
        )
    # The works' program made it already, without its state.
    cecop = AgencyFactory(code="sonora-cecop")
    cecop.name = "Consejo Estatal de Concertación para la Obra Pública"
    cecop.acronym, cecop.state = "CECOP", sonora
    cecop.save()
    _aids(cecop, agua_prieta, hermosillo, AidConcept, AidFactory)
    rows = example_rows()
    for row in rows:
        row.update(EJERCICIO="2024", CORTE="2024-12-31")
    budget_statement_import(
        path=statement_file(
            folder,
            rows,
            name="estado_analitico_egresos_cecop_2024_demostracion.csv",
        ),
        actor=TEST_ACTOR,
    )
    return {"work": work}


def _photo_file():
    from io import BytesIO

    from PIL import Image

    output = BytesIO()
    Image.new("RGB", (640, 480), (90, 110, 70)).save(output, format="JPEG")
    output.seek(0)
    return output


def _aids(agency, agua_prieta, hermosillo, concepts, factory) -> None:
    """Aids in every group, with amounts of the report's size (millions)."""
    groups = [
        (hermosillo, concepts.PERSONS, "M", "1455972.40"),
        (hermosillo, concepts.PERSONS, "H", "1089424.39"),
        (agua_prieta, concepts.DISASTERS, "M", "930925.29"),
        (agua_prieta, concepts.DISASTERS, "H", "816751.64"),
        (agua_prieta, concepts.NONPROFITS, "", "2252784.96"),
    ]
    for place, concept, sex, amount in groups:
        for n in range(6):
            factory(
                agency=agency,
                municipality=place,
                concept=concept,
                recipient_sex=sex,
                amount=Decimal(amount),
                is_demo=True,
                public_id=f"AYU-2024-{concept[:3]}{sex}{place.code}{n}",
            )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("narrow-screens")
    with served_world(folder, django_db_blocker, lambda: _world(folder)) as served:
        yield served


@pytest.fixture
def open_page(browser, site):
    """Return a function opening a path of the site at a screen size."""
    contexts = []

    def opened(path: str, viewport: dict[str, int]):
        context = browser.new_context(
            base_url=site.url, locale="es-MX", viewport=viewport
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)  # a busy machine's page, not a stuck one
        page.route(
            f"**{AXE_ADDRESS}",
            lambda route: route.fulfill(
                body=AXE.read_text(encoding="utf-8"), content_type="text/javascript"
            ),
        )
        page.goto(path)
        page.wait_for_load_state("load")
        return page

    yield opened
    for context in contexts:
        context.close()


def _layout_problems(page) -> dict[str, object]:
    """Return what is wrong with the page's layout, by kind; empty when nothing."""
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    inner = page.evaluate("() => innerWidth")
    problems = {
        "sideways": width if width > inner else None,
        "broken figures": page.evaluate(BROKEN_FIGURES),
        "tables outside a box": page.evaluate(TABLES_OUTSIDE_A_BOX),
    }
    return {kind: found for kind, found in problems.items() if found}


@pytest.mark.parametrize("name", PAGES)
def test_on_a_360_px_phone_nothing_scrolls_sideways_and_no_figure_breaks(
    open_page, name
):
    page = open_page(PAGES[name], PHONE)
    assert _layout_problems(page) == {}
    assert axe_violations(page) == []


def test_on_a_phone_a_work_page_shows_its_title_and_money_in_the_first_screen(
    open_page,
):
    page = open_page(PAGES["work"], PHONE)
    title = page.get_by_role("heading", level=1)
    money = page.locator(".stats div", has_text="Inversión total").locator("dd")
    assert title.inner_text() == WORK_TITLE
    assert money.inner_text() == "$332,174,772.24"
    for element in (title, money):
        box = element.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= FIRST_SCREEN
    # The demonstration's warning is above the figures, its explanation a
    # tap away; the menu is one row that scrolls inside itself.
    assert "no son reales" in page.locator(".demo-banner").inner_text()
    menu = page.get_by_role("navigation", name="Principal")
    last = menu.get_by_role("link", name="Entrar")
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    assert page.evaluate("() => scrollX") == 0
    # The progress photo is served (no nginx in front) and shows.
    photo = page.locator(".gallery img").first
    photo.scroll_into_view_if_needed()
    photo.evaluate("(img) => img.decode()")
    assert photo.evaluate("(img) => img.naturalWidth") == 640


def test_on_a_1366_px_laptop_the_aids_tables_and_figures_are_whole(open_page):
    page = open_page(PAGES["aids"], LAPTOP)
    assert _layout_problems(page) == {}
    table = page.get_by_role("table", name="por concepto y sexo")
    assert "$8,735,834.40" in table.inner_text()  # women, persons: 6 aids
    assert axe_violations(page) == []
