"""Forms rendered by Django's templates, but a select's options written here.

Django renders each ``<option>`` of a select through the template engine (an
include per option, and another for its attributes): for the explorer's
list of every municipality with works, some 2,000 options, that was about
half of the page's time. This renderer writes a select and its options
exactly as Django's own ``select.html`` and ``select_option.html`` do (the
tests compare both, byte for byte, over many selects); any other template,
or a select whose options use other templates, goes through the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Python's own escape, which Django's calls, without Django's wrapper for lazy
# text (a third of the time of writing a long select).
from html import escape
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class Renderer(DjangoTemplates):
    """Django's template renderer, with selects written without the engine."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        if template_name == SELECT_TEMPLATE:
            widget = context["widget"]
            if _options_plain(widget["optgroups"]):
                return select_html(widget)
        return super().render(template_name, context, request)


def _options_plain(groups: Iterable[tuple[Any, list[dict[str, Any]], int]]) -> bool:
    """Return whether every option is drawn by Django's own option template."""
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in groups
        for option in options
    )


def select_html(widget: Mapping[str, Any]) -> str:
    """Return ``widget`` (a select's template context) as ``select.html`` writes it.

    Stripped, as Django's renderers strip what a template gives.
    """
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_shown(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def _attrs(attrs: Mapping[str, Any]) -> str:
    """Return ``attrs`` as ``attrs.html`` writes them (False left out)."""
    return "".join(
        f" {_shown(name)}"
        if value is True
        else f' {_shown(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _shown(value: Any) -> str:
    """Return ``value`` as ``{{ value }}`` shows it: localized, escaped unless safe."""
    if type(value) is str:
        return escape(value)
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """Return ``value`` as ``{{ value|stringformat:'s' }}`` shows it."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 - the filter's own formatting
    except (ValueError, TypeError):
        return ""
    # The filter keeps a safe value safe; anything else is escaped.
    return text if isinstance(value, SafeData) else escape(text)


# A template's context as the forms' engine makes it: autoescaped, localized.
_CONTEXT = Context()
