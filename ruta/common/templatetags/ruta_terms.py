"""The glossary's words on pages: ``{% term "pending_release" %}``.

Every figure's label a page shows for a declared term
(``ruta.common.text.glossary``) comes from here, translated and linked to its
place on the glossary page, so a label cannot drift from its definition.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ruta.common.text import glossary

register = template.Library()


@register.simple_tag
def term(key: str) -> SafeString:
    """Return the term's label, linked to its definition on the glossary page."""
    declared = glossary.term(key)
    return format_html(
        '<a class="term" href="{}#{}">{}</a>',
        reverse("portal:glossary"),
        declared.anchor,
        gettext(declared.label),
    )


@register.simple_tag
def term_label(key: str) -> str:
    """Return the term's label, translated, as plain text (a cell's label)."""
    return gettext(glossary.term(key).label)
