"""Every finding code the readers can emit has a sentence in the page language.

The codes are collected from the source: the code of each ``Finding(...)``
built, and the first argument of the readers' finding helpers (``find``,
``finding``, ``_finding``), with module constants resolved. A code a reader
starts emitting without a Spanish sentence in ``ruta.sources.finding_texts``
fails here instead of showing English on Spanish pages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from ruta.sources.finding_texts import sentence_codes

RUTA = Path(__file__).resolve().parents[2]
# Where findings are built: the readers, the POA rules they share with the
# capture page, and the apps the brief of each reader names.
SCANNED = ("ingest", "programs", "sources", "works", "opengov")


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for app in SCANNED:
        for path in sorted((RUTA / app).rglob("*.py")):
            if "tests" not in path.parts and "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"))


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


def _builds_with_its_code(function: ast.FunctionDef) -> bool:
    """Return whether ``function`` passes its ``code`` parameter to ``Finding``."""
    return any(
        isinstance(call, ast.Call)
        and _callee(call) == "Finding"
        and any(
            k.arg == "code" and isinstance(k.value, ast.Name) and k.value.id == "code"
            for k in call.keywords
        )
        for call in ast.walk(function)
    )


def _helpers(modules: list[tuple[Path, ast.Module]]) -> frozenset[str]:
    """Return the names of the readers' finding helpers (``find``, ``finding``).

    A helper takes the code first (after ``self``) and passes it to ``Finding``.
    """
    return frozenset(
        function.name
        for _, module in modules
        for function in ast.walk(module)
        if isinstance(function, ast.FunctionDef) and _builds_with_its_code(function)
    )


def _local_helpers(module: ast.Module, helpers: frozenset[str]) -> frozenset[str]:
    """Return the helpers ``module`` calls by name: its own, or imported (aliased)."""
    own = {
        node.name
        for node in module.body
        if isinstance(node, ast.FunctionDef) and node.name in helpers
    }
    imported = {
        alias.asname or alias.name
        for node in module.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in helpers
    }
    return frozenset(own | imported)


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _code_argument(
    call: ast.Call, helpers: frozenset[str], local: frozenset[str]
) -> ast.expr | None:
    """Return the expression a finding-building call gives as its code.

    A helper method is called with its code and its message at least: a
    method of the same name on another object (``doc.find(test)``) is not one.
    """
    keyword = next((k.value for k in call.keywords if k.arg == "code"), None)
    if _callee(call) == "Finding":
        return keyword
    if isinstance(call.func, ast.Name) and call.func.id in local:
        return keyword or (call.args[0] if call.args else None)
    method = isinstance(call.func, ast.Attribute) and call.func.attr in helpers
    if method and (keyword is not None or len(call.args) >= 2):
        return keyword or call.args[0]
    return None


def _codes_of(expression: ast.expr, constants: dict[str, str]) -> list[str] | None:
    """Return the codes an expression can be; None if it is not a constant."""
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, ast.Name) and expression.id in constants:
        return [constants[expression.id]]
    if isinstance(expression, ast.IfExp):
        body = _codes_of(expression.body, constants)
        orelse = _codes_of(expression.orelse, constants)
        return None if body is None or orelse is None else body + orelse
    return None


def _passed_through(expression: ast.expr, parameters: set[str]) -> bool:
    """Return whether a code comes from the caller or from another finding.

    ``find(self, code, ...)`` passes its caller's code on, and rebuilding a
    stored finding copies ``stored.code``: those calls emit no code of their own.
    """
    if isinstance(expression, ast.Name):
        return expression.id in parameters
    return isinstance(expression, ast.Attribute) and expression.attr == "code"


def emitted_codes() -> tuple[dict[str, list[str]], list[str]]:
    """Return each code with where it is built, and the calls not understood."""
    modules = list(_sources())
    constants = _constants(modules)
    helpers = _helpers(modules)
    codes: dict[str, list[str]] = {}
    unknown: list[str] = []
    for path, module in modules:
        local = _local_helpers(module, helpers)
        for function in ast.walk(module):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            parameters = {a.arg for a in function.args.args + function.args.kwonlyargs}
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                expression = _code_argument(call, helpers, local)
                if expression is None:
                    continue
                place = f"{path.relative_to(RUTA)}:{call.lineno}"
                found = _codes_of(expression, constants)
                if found is not None:
                    for code in found:
                        codes.setdefault(code, []).append(place)
                elif not _passed_through(expression, parameters):
                    unknown.append(place)
    return codes, unknown


def test_every_code_a_reader_can_emit_has_a_spanish_sentence():
    codes, _ = emitted_codes()
    missing = {c: p for c, p in codes.items() if c not in sentence_codes()}
    assert missing == {}


def test_every_finding_built_names_its_code_so_it_can_be_checked():
    _, unknown = emitted_codes()
    assert unknown == []


def test_the_scan_finds_the_codes_of_every_reader():
    codes, _ = emitted_codes()
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
        assert code in codes, code
