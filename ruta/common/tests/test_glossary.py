"""The money glossary: declared once, listed in docs, shown with its labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from ruta.common.text.glossary import GLOSSARY, BudgetMoment, MoneyGroup, term

DOCS = Path(__file__).resolve().parents[3] / "docs" / "glossary.md"
ROW = re.compile(r"^\| `(?P<key>[a-z_]+)` \| (?P<es>[^|]+) \| (?P<en>[^|]+) \|", re.M)


def _documented() -> dict[str, tuple[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Money words") :]
    return {
        row["key"]: (row["es"].strip(), row["en"].strip())
        for row in ROW.finditer(section)
    }


def test_no_money_group_is_called_approved():
    assert BudgetMoment.APPROVED.value not in {group.value for group in MoneyGroup}
    assert all("aprobado" not in group.label.lower() for group in MoneyGroup)


def test_every_term_has_one_row_in_the_docs_with_its_labels():
    documented = _documented()
    assert set(documented) == {each.key for each in GLOSSARY}
    for each in GLOSSARY:
        with translation.override("en"):
            english = translation.gettext(each.label)
        assert documented[each.key] == (each.label, english), each.key


def test_an_undeclared_term_is_an_error():
    with pytest.raises(KeyError):
        term("aprobado sin liberar")


@pytest.mark.django_db
def test_the_glossary_page_defines_every_term_at_its_anchor(client):
    page = client.get(reverse("portal:glossary")).content.decode()
    for each in GLOSSARY:
        assert f'<div id="{each.anchor}"><dt>{each.label}</dt>' in page
