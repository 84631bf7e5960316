import pytest

from ruta.works import sections
from ruta.works.sections import (
    WorkSection,
    section_row_kinds,
    work_section_register,
    work_sections,
)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(sections, "_SECTIONS", {})


def test_sections_render_in_their_order_and_a_none_context_leaves_one_out(registry):
    work, request = object(), object()
    work_section_register(WorkSection("b", 20, "b.html", lambda w, r: {"n": 2}))
    work_section_register(WorkSection("a", 10, "a.html", lambda w, r: {"n": 1}))
    work_section_register(WorkSection("c", 5, "c.html", lambda w, r: None))
    rendered = work_sections(work, request)
    assert [(s.key, s.template, dict(s.context)) for s in rendered] == [
        ("a", "a.html", {"n": 1}),
        ("b", "b.html", {"n": 2}),
    ]


def test_registering_a_key_again_replaces_it(registry):
    work_section_register(WorkSection("a", 10, "old.html", lambda w, r: {}))
    work_section_register(WorkSection("a", 10, "new.html", lambda w, r: {}))
    assert [s.template for s in work_sections(object(), object())] == ["new.html"]


def test_the_relations_sections_list_are_named_once_in_their_order(registry):
    work_section_register(
        WorkSection("b", 20, "b.html", lambda w, r: {}, lists=("alerts", "photos"))
    )
    work_section_register(WorkSection("a", 10, "a.html", lambda w, r: {}))
    work_section_register(
        WorkSection("c", 5, "c.html", lambda w, r: {}, lists=("photos",))
    )
    assert section_row_kinds() == ("photos", "alerts")
