"""The instance's settings have one reader: ``ruta.catalog.instance``.

Every other module asks ``instance()`` (its code, name, agencies, places and
what lies in it), so no app scopes by a rule of its own. The settings
themselves (``config/``) define it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ("RUTA_STATE", "RUTA_MUNICIPALITY")
READER = ROOT / "ruta" / "catalog" / "instance.py"


def _reads(source: str) -> list[int]:
    """Return the lines of ``source`` that read a setting: ``settings.RUTA_STATE``,
    ``getattr(…, "RUTA_STATE")`` or the environment's variable of that name
    (and the same of ``RUTA_MUNICIPALITY``)."""
    tree = ast.parse(source)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in SETTINGS:
            lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            named = [
                argument
                for argument in node.args
                if isinstance(argument, ast.Constant) and argument.value in SETTINGS
            ]
            lines.extend(argument.lineno for argument in named)
        elif isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in SETTINGS:
                lines.append(node.lineno)
    return lines


def _sources() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "ruta").rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_only_the_catalogs_instance_module_reads_the_instances_setting():
    readers = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if path != READER and (lines := _reads(path.read_text(encoding="utf-8")))
    }
    assert readers == {}


def test_the_check_finds_every_way_of_reading_it():
    source = (
        "code = settings.RUTA_STATE\n"
        'code = getattr(settings, "RUTA_STATE", "")\n'
        'code = os.environ["RUTA_STATE"]\n'
        '"""RUTA_STATE named in a docstring is no read."""\n'
        "code = settings.RUTA_MUNICIPALITY\n"
    )
    assert _reads(source) == [1, 2, 3, 5]
    assert _reads(READER.read_text(encoding="utf-8"))
