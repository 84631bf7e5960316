"""Where a figure of a work's page came from, written in one tag.

The page writes it once per figure (the work, each funding row, contract,
payment and progress entry): an included template cost more to render
than the figure's own row.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ruta.common.fast.markup import escaped, markup
from ruta.works.selectors.provenance import Provenance

register = template.Library()


@register.simple_tag
def origin(found: Provenance | None) -> SafeString | str:
    """Link the published document's row, or name who entered it and when."""
    if not found:
        return "—"
    if found.document:
        text = (
            gettext("documento publicado, renglón %(row)s") % {"row": found.row}
            if found.row
            else gettext("documento publicado")
        )
        address = reverse("sources:detail", args=[found.document]) + found.place
        return markup('<a href="{}">{}</a>', address, text)
    when = date_format(timezone.localtime(found.when), "DATE_FORMAT")
    if found.who:
        return mark_safe(  # noqa: S308 - the values are escaped, the sentence is ours
            gettext("%(who)s, %(when)s")
            % {"who": escaped(found.who), "when": escaped(when)}
        )
    return when
