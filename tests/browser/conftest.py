"""Browser tests: Debian's Chromium driven by Playwright, pages checked by axe-core.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (the
``chromium`` package; ``.ci/run`` installs it). axe-core comes from the npm
registry (``package.json``; ``make test`` runs ``npm ci``) and is served to
each page by the test itself, at an address of the site's own origin, so the
Content Security Policy is left as it is. One live server serves the session;
a test that fails saves a screenshot of its page under ``build/browser/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "build" / "browser"
AXE_ADDRESS = "/__axe-core.js"
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = 360
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Note on the test whether its call failed: its page is then kept as a picture."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


def no_sideways_scroll(page) -> bool:
    """Return whether the page fits a phone's width, once its styles apply.

    A page's DOM can be read before its stylesheet has loaded; measured then,
    a table the stylesheet stacks on a phone is still as wide as a desktop's.
    """
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def fits_narrow_phone(page) -> bool:
    """Return whether the page, reloaded at 360 px wide, needs no sideways scroll.

    The narrowest phones still sold; the page's own viewport is left there.
    """
    page.set_viewport_size({"width": NARROW_PHONE, "height": PHONE["height"]})
    page.reload()
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth") <= NARROW_PHONE


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing (npm ci)"
    return ""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Return Chromium, launched once for each test module.

    Playwright's sync API keeps an event loop in the test's thread while it
    runs, and Django refuses ORM calls in a thread with a running loop; the
    fixtures' calls run beside the loop, never inside it, so they are
    allowed for this module only, and the loop stops with it, before any
    other test (or a subprocess that inherits the environment) runs.
    """
    missing = _missing()
    if missing:
        if os.environ.get("RUTA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db, request) -> Iterator[object]:
    """Return a page on the live server that records requests to other origins.

    Every browser is 127.0.0.1 to the site: the rate counts earlier tests of
    this process left in its own cache (sign-ups an hour, say) are cleared.
    """
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    context = browser.new_context(
        base_url=live_server.url, locale="es-MX", viewport=PHONE, accept_downloads=True
    )
    page = context.new_page()
    page.foreign_requests = []
    page.on(
        "request",
        lambda sent: (
            None
            if sent.url.startswith((live_server.url, "data:"))
            else page.foreign_requests.append(sent.url)
        ),
    )
    page.route(
        f"**{AXE_ADDRESS}",
        lambda route: route.fulfill(
            body=AXE.read_text(encoding="utf-8"), content_type="text/javascript"
        ),
    )
    yield page
    if request.node.stash.get(FAILED, False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert page.foreign_requests == []


# Every rule runs; only the violations are gathered and sent back (axe-core's
# ``resultTypes``): the passes' nodes, which nothing reads, were most of the
# time a check took and of what crossed over to the test.
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target),
  }));
}"""


def axe_violations(page: object) -> list[str]:
    """Run axe-core on the page once loaded; return its violations, readable.

    A click on a link returns once the next page's navigation has begun, whose
    document may not have its head yet: the check waits for its load.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(url=AXE_ADDRESS)
    violations = page.evaluate(AXE_RUN)
    return [
        f"{violation['id']}: {violation['help']} ({target})"
        for violation in violations
        for target in violation["targets"]
    ]


@pytest.fixture
def world(transactional_db, settings):
    """Sonora with Álamos and Hermosillo, and published works with their money.

    Written in one transaction: a work's funding must add up when it commits.
    """
    with transaction.atomic():
        return _world(settings)


def _world(settings) -> dict:
    from ruta.works.models import FundingSource
    from testkit.factories.catalog import (
        MunicipalityFactory,
        RegionFactory,
        StateFactory,
    )
    from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory

    settings.RUTA_STATE = "26"
    sonora = StateFactory(code="26", name="Sonora")
    alamos = MunicipalityFactory(
        code="26003",
        name="Álamos",
        state=sonora,
        population_2020=24976,
        region=RegionFactory(state=sonora, number=10, name="Río Mayo"),
    )
    hermosillo = MunicipalityFactory(
        code="26030",
        name="Hermosillo",
        state=sonora,
        population_2020=936263,
        region=RegionFactory(state=sonora, number=7, name="Capital"),
    )
    vado = WorkFactory(
        municipality=alamos,
        public_id="GSE-2024-0001",
        title="Pavimentación de vado en el acceso a El Paso",
        total_investment=Decimal("6128440.17"),
        published=True,
    )
    ContractFactory(work=vado, amount=Decimal("6000000.00"))
    ProgressFactory(work=vado, amount_paid=Decimal("1500000.00"))
    for number, amount in enumerate((250000, 480000, 125000), start=1):
        WorkFactory(
            municipality=alamos,
            public_id=f"TSAM-2024-{number:04d}",
            title=f"Alumbrado público en la calle {number} de Álamos",
            total_investment=Decimal(amount),
            funding=[
                (FundingSource.STATE, Decimal(amount) * Decimal("0.8")),
                (FundingSource.COMMUNITY, Decimal(amount) * Decimal("0.2")),
            ],
            realized=True,
        )
    WorkFactory(municipality=hermosillo, title="Parque en Hermosillo", realized=True)
    return {"alamos": alamos, "hermosillo": hermosillo, "vado": vado}


PASSWORD = "clave-segura-123"  # UserFactory's


def sign_in(page: object, user: object, *, then: str) -> None:
    """Sign ``user`` in through the login page, then open ``then``."""
    second_factor_ready(user)
    page.goto(f"/es-mx/cuentas/entrar/?next={then}")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    second_step(page, user)
    page.wait_for_url(f"**{then}")


def second_factor_ready(user: object) -> None:
    """Give ``user`` an authenticator already, when their role asks for one."""
    from testkit.secondfactor import asks_second_factor, factor_code

    if asks_second_factor(user):
        factor_code(user)


def second_step(page: object, user: object) -> None:
    """Type the authenticator's code when ``user``'s role asks for one."""
    from testkit.secondfactor import SECOND_STEP, asks_second_factor, factor_code

    if asks_second_factor(user):
        page.wait_for_url(f"**{SECOND_STEP}")
        page.locator("#code").fill(factor_code(user))
        page.get_by_role("button", name="Entrar").click()
