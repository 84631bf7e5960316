"""A select written by the project's renderer is the one Django's templates write."""

from datetime import date
from decimal import Decimal

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given, settings
from hypothesis import strategies as st

from ruta.common.fast.formrender import Renderer

TEMPLATES = DjangoTemplates()
FAST = Renderer()


def _both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs, renderer=TEMPLATES),
        widget.render(name, value, attrs, renderer=FAST),
    )


def _same(widget: forms.Widget, name: str, value, attrs=None) -> str:
    expected, written = _both(widget, name, value, attrs)
    assert written == expected
    return written


def test_a_select_with_its_choice_selected_is_written_as_django_writes_it():
    widget = forms.Select(choices=[("", "Todos"), ("26030", "Hermosillo"), (1, "Uno")])
    written = _same(widget, "municipality", "26030", {"id": "id_municipality"})
    assert '<option value="26030" selected>Hermosillo</option>' in written


def test_labels_values_and_attributes_are_escaped_as_the_templates_escape_them():
    choices = [
        ('a"b', "<b>Álamos & Cía</b>"),
        ("c'd", mark_safe("<em>ya seguro</em>")),  # noqa: S308 - a safe label stays as is
        (mark_safe("&amp;"), "valor seguro"),  # noqa: S308
        ("", gettext_lazy("Todos")),
    ]
    widget = forms.Select(
        choices=choices, attrs={"data-x": '"<>"', "required": True, "disabled": False}
    )
    written = _same(widget, "n&m", 'a"b')
    assert "<b>" not in written
    assert "<em>ya seguro</em>" in written


def test_labels_that_are_not_text_are_localized_as_the_templates_do():
    choices = [
        (2024, 2024),
        (Decimal("1.5"), Decimal("1234567.50")),
        (date(2024, 3, 1), date(2024, 3, 1)),
        (None, None),
        ((1, 2), "tuple value"),
    ]
    widget = forms.Select(choices=choices)
    for language in ("es-mx", "en"):
        with override(language):
            _same(widget, "x", 2024)


def test_groups_and_several_selected_values_are_written_as_django_writes_them():
    choices = [
        ("Sonora", [("26030", "Hermosillo"), ("26018", "Cajeme")]),
        ("", "Ninguno"),
        ("Sinaloa", [("25006", "Culiacán")]),
    ]
    _same(forms.Select(choices=choices), "place", "26018")
    _same(
        forms.SelectMultiple(choices=choices), "places", ["26030", "25006"], {"id": "p"}
    )
    _same(forms.NullBooleanSelect(), "late", None)
    _same(forms.Select(choices=[]), "empty", None)


def test_options_drawn_by_another_template_go_through_the_engine():
    class Plain(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    _same(Plain(choices=[("a", "A")]), "a", "a")
    _same(forms.RadioSelect(choices=[("a", "A")]), "a", "a")


def test_a_whole_form_is_written_as_the_templates_write_it():
    class Filters(forms.Form):
        year = forms.TypedChoiceField(choices=[("", "Todos"), ("2024", "2024")])
        status = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B & C")])
        words = forms.CharField()

    form = Filters({"year": "2024", "status": ["b"], "words": "<x>"})
    assert form.render(renderer=FAST) == form.render(renderer=TEMPLATES)


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
)
_VALUE = st.one_of(_TEXT, st.integers(-10, 3000), st.none())
_CHOICES = st.lists(st.tuples(_VALUE, st.one_of(_TEXT, st.integers())), max_size=8)
_ATTRS = st.dictionaries(
    st.sampled_from(["id", "class", "required", "disabled", "data-x", "aria-label"]),
    st.one_of(st.booleans(), _TEXT, st.integers()),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(choices=_CHOICES, attrs=_ATTRS, picked=_VALUE, several=st.booleans())
def test_any_select_is_written_as_django_writes_it(choices, attrs, picked, several):
    widget = (forms.SelectMultiple if several else forms.Select)(
        choices=choices, attrs=attrs
    )
    value = [picked] if several else picked
    expected, written = _both(widget, "campo", value)
    assert written == expected


def test_the_site_renders_forms_with_this_renderer(settings):
    assert settings.FORM_RENDERER == "ruta.common.fast.formrender.Renderer"
    assert isinstance(get_default_renderer(), Renderer)
