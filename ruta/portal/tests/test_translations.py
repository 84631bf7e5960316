"""The English translation is complete and the compiled catalogues are current."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SPANISH_SOURCE = LOCALE.parent / "spanish_source" / "es_MX" / PO.parent.name / MO.name


def _unquote(line: str) -> str:
    return line.strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")


def parse_po(path: Path) -> list[dict]:
    """Return the entries of a .po file: msgid, msgstr(s), flags."""
    entries: list[dict] = []
    entry: dict = {"flags": "", "msgstr": {}}
    key = None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {"flags": "", "msgstr": {}}, None
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            key, entry["msgid_plural"] = "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgid "):
            key, entry["msgid"] = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr"):
            index = line[7] if line.startswith("msgstr[") else "0"
            key = ("msgstr", index)
            entry["msgstr"][index] = _unquote(line.split(" ", 1)[1])
        elif line.startswith('"') and key:
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += _unquote(line)
            else:
                entry[key] += _unquote(line)
    return [e for e in entries if e["msgid"]]


def test_every_message_has_an_english_translation():
    missing = [
        e["msgid"]
        for e in parse_po(PO)
        if "fuzzy" in e["flags"] or not all(e["msgstr"].values())
    ]
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in parse_po(PO):
        if "msgid_plural" in entry:
            assert (
                compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1)
                == (entry["msgstr"]["0"])
            )
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"]["0"]


def test_each_string_is_its_own_spanish_translation():
    """Each key of the English catalogue maps to its own Spanish source text.

    A plural's other form is its plural source text, which a compiled
    catalogue does not keep apart: it is only checked to be there.
    """
    with MO.open("rb") as handle:
        english = gettext.GNUTranslations(handle)
    with SPANISH_SOURCE.open("rb") as handle:
        spanish = gettext.GNUTranslations(handle)
    assert spanish._catalog.keys() == english._catalog.keys()
    for key, text in spanish._catalog.items():
        if isinstance(key, tuple):
            msgid, form = key
            assert text == msgid.split("\x04")[-1] if form == 0 else text
        elif key:
            assert text == key.split("\x04")[-1]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_no_string_is_missing_from_the_catalogue(tmp_path):
    package = tmp_path / "ruta"
    shutil.copytree(LOCALE.parent, package, ignore=shutil.ignore_patterns("*.pyc"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "-i", "tests/*"],
        cwd=package,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    extracted = {
        e["msgid"] for e in parse_po(package / "locale/en/LC_MESSAGES/django.po")
    }
    assert extracted - {e["msgid"] for e in parse_po(PO)} == set()
