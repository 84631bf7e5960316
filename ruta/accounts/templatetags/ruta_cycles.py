"""``{% step_links "plan" record as steps %}``: the steps a person may take on a
record now, from its cycle's declaration (``ruta.accounts.cycles``), for
``accounts/_steps.html`` to show as buttons. ``only="accept reject"`` keeps the
steps a page shows as buttons when it has forms of its own for the others."""

from __future__ import annotations

from typing import Any

from django import template

from ruta.accounts.cycles import StepLink, cycle_named, step_links

register = template.Library()


@register.simple_tag(takes_context=True, name="step_links")
def step_links_tag(
    context: Any, cycle: str, record: Any, only: str = ""
) -> list[StepLink]:
    """Return the steps the signed-in person may take on ``record``."""
    keys = only.split() if only else None
    return step_links(cycle_named(cycle), context["request"].user, record, keys)
