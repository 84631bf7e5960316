"""The works map: from the explorer's selection to its points and back, by
keyboard, on a phone and a desktop."""

from __future__ import annotations

import re

from tests.browser.conftest import axe_violations, fits_narrow_phone

DESKTOP = {"width": 1280, "height": 800}


def test_the_explorers_selection_on_the_map_and_back_by_keyboard(page, world):
    from ruta.ingest.loaders.worklist_locate import works_place_approximately
    from testkit.actors import TEST_ACTOR

    works_place_approximately(actor=TEST_ACTOR)
    page.set_viewport_size(DESKTOP)
    page.goto("/es-mx/obras/?municipality=26003")
    page.get_by_role("link", name="Ver esta selección en el mapa").click()
    page.wait_for_url(re.compile(r"/es-mx/mapa/obras/\?municipality=26003$"))
    points = page.locator("svg.works-map a")
    assert points.count() >= 1
    names = [points.nth(i).get_attribute("aria-label") for i in range(points.count())]
    assert all(name for name in names)  # each point says what it is
    table = page.get_by_role("table")
    assert "Álamos" in table.inner_text()
    assert axe_violations(page) == []
    # A point is a link a keyboard reaches and follows.
    points.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es-mx/(obras/[^?]+/|obras/\?)"))
    page.go_back()
    page.get_by_role(
        "link", name="Ver esta selección en el explorador (la lista)"
    ).click()
    page.wait_for_url(re.compile(r"/es-mx/obras/\?municipality=26003$"))
    page.go_back()
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
