"""Every kind of finding is declared once, with its sentence, in both languages.

The kinds are collected from the source: each ``@finding_kind(code)`` beside
a check, with module constants resolved. A kind a page cannot find (its
module not imported when the apps are ready), a finding built without a
kind, a sentence not marked for the catalogue, or a sentence the English
catalogue does not translate fails here instead of showing a code, or
Spanish, on an English page.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from ruta.sources.findings import finding_kinds

RUTA = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def _parsed() -> tuple[tuple[Path, ast.Module], ...]:
    """Return the modules that may build findings or mark sentences, parsed."""
    found = []
    for path in sorted(RUTA.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("Finding(", "sentence(", "finding_kind(")):
            found.append((path, ast.parse(text)))
    return tuple(found)


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    yield from _parsed()


def _constants(modules: list[tuple[Path, ast.Module]]) -> dict[str, str]:
    """Return every module-level ``NAME = "text"`` of the scanned modules."""
    found = {}
    for _, module in modules:
        for node in module.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value.value
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _code(expression: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return expression.value
    if isinstance(expression, ast.Name):
        return constants.get(expression.id)
    return None


def declared_kinds() -> dict[str, tuple[str, ast.FunctionDef]]:
    """Return each declared code with where it is declared and its wording."""
    modules = list(_sources())
    constants = _constants(modules)
    kinds: dict[str, tuple[str, ast.FunctionDef]] = {}
    for path, module in modules:
        for function in ast.walk(module):
            if not isinstance(function, ast.FunctionDef):
                continue
            for decorator in function.decorator_list:
                if isinstance(decorator, ast.Call) and _callee(decorator) == (
                    "finding_kind"
                ):
                    code = _code(decorator.args[0], constants)
                    place = f"{path.relative_to(RUTA)}:{function.lineno}"
                    assert code is not None, place
                    assert code not in kinds, (code, place, kinds.get(code))
                    kinds[code] = (place, function)
    return kinds


def marked_sentences() -> tuple[dict[str, str], list[str]]:
    """Return each ``sentence("…")`` with where it is, and the marks not literal."""
    sentences: dict[str, str] = {}
    not_literal: list[str] = []
    for path, module in _sources():
        for call in ast.walk(module):
            if not (isinstance(call, ast.Call) and _callee(call) == "sentence"):
                continue
            place = f"{path.relative_to(RUTA)}:{call.lineno}"
            [text] = call.args
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                sentences.setdefault(text.value, place)
            else:
                not_literal.append(place)
    return sentences, not_literal


def built_without_a_kind() -> list[str]:
    """Return the ``Finding(...)`` calls that make a code of their own.

    A finding is built by its kind (``kind.found``); only rebuilding a stored
    one (``code=stored.code``) may call ``Finding`` itself.
    """
    places = []
    for path, module in _sources():
        if path.name == "findings.py" and path.parent.name == "sources":
            continue
        for call in ast.walk(module):
            if isinstance(call, ast.Call) and _callee(call) == "Finding":
                code = next((k.value for k in call.keywords if k.arg == "code"), None)
                if not (isinstance(code, ast.Attribute) and code.attr == "code"):
                    places.append(f"{path.relative_to(RUTA)}:{call.lineno}")
    return places


def test_every_code_a_reader_can_emit_has_a_spanish_sentence():
    kinds = declared_kinds()
    registered = finding_kinds()
    # Declared where the pages find it: imported when the apps are ready.
    assert {code: place for code, (place, _) in kinds.items()} == {
        code: place for code, (place, _) in kinds.items() if code in registered
    }
    unmarked = [
        place
        for place, function in kinds.values()
        if not any(
            isinstance(call, ast.Call) and _callee(call) == "sentence"
            for call in ast.walk(function)
        )
    ]
    assert unmarked == []


def test_every_finding_built_names_its_code_so_it_can_be_checked():
    assert built_without_a_kind() == []
    assert marked_sentences()[1] == []


def test_the_scan_finds_the_codes_of_every_reader():
    kinds = declared_kinds()
    for code in (
        "row_sources_mismatch",  # CECOP report
        "read_by_ocr",  # documents read by OCR
        "cell_unreadable",  # works lists, through the row's own helper
        "key_repeated_different",  # works lists, a conditional code
        "subprogram_unknown",  # works-list loader
        "ocds-schema",
        "POA-ACHIEVED-SUM",  # a rule's code, from its constant
        "POA-QUARTER-NO-OBSERVATION",
        "POA-SUPERSEDED",
        "agency_not_in_catalog",  # action-plan loader
    ):
        assert code in kinds, code
    assert set(kinds) == set(finding_kinds())


def test_the_english_catalogue_translates_every_finding_sentence():
    sentences, _ = marked_sentences()
    assert len(sentences) > 150
    untranslated, placeholders = [], []
    with translation.override("en"):
        for text, place in sentences.items():
            english = translation.gettext(text)
            if english == text:
                untranslated.append(place)
            elif set(PLACEHOLDER.findall(english)) != set(PLACEHOLDER.findall(text)):
                placeholders.append(place)
    assert untranslated == []
    assert placeholders == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext not installed")
def test_makemessages_extracts_the_sentences_readers_mark(
    tmp_path, monkeypatch, settings
):
    settings.LOCALE_PATHS = []
    (tmp_path / "locale").mkdir()
    (tmp_path / "reader.py").write_text(
        'sentence("La meta %(goal)s no suma.")\nmarked("Otra marca.")\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["en"], keywords=["marked"], verbosity=0)
    catalogue = (tmp_path / "locale/en/LC_MESSAGES/django.po").read_text("utf-8")
    assert 'msgid "La meta %(goal)s no suma."' in catalogue
    assert 'msgid "Otra marca."' in catalogue
