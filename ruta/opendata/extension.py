"""The local OC4IDS extension for the citizens' committee, as shipped and served.

Its files sit in ``extensions/citizen_committee``; ``extension.json`` names
its documentation relative to its folder, and the site serves it with that
address made absolute, as the extension conventions require.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXTENSION_DIR = Path(__file__).parent / "extensions" / "citizen_committee"
FILES = {
    "extension.json": "application/json",
    "project-schema.json": "application/json",
    "README.md": "text/markdown",
}


def extension_text(name: str) -> str:
    """Return the text of the extension's file ``name`` (one of ``FILES``)."""
    if name not in FILES:
        raise KeyError(name)
    return (EXTENSION_DIR / name).read_text(encoding="utf-8")


def extension_metadata(folder_url: str) -> dict[str, Any]:
    """Return ``extension.json`` with its documentation at ``folder_url``."""
    metadata = json.loads(extension_text("extension.json"))
    metadata["documentationUrl"] = {
        language: folder_url + page
        for language, page in metadata["documentationUrl"].items()
    }
    return metadata


def committee_schema() -> dict[str, Any]:
    """Return the schema of the ``citizenCommittee`` field the extension adds."""
    patch = json.loads(extension_text("project-schema.json"))
    return patch["properties"]["citizenCommittee"]
