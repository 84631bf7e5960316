"""HTML written by ``markup`` is what Django's ``format_html`` writes."""

from datetime import date
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from ruta.common.fast.markup import escaped, markup, markup_join

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)))
_VALUE = st.one_of(
    _TEXT,
    _TEXT.map(mark_safe),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.none(),
    st.dates(),
)


def test_values_are_escaped_as_django_escapes_them():
    values = ['<a href="x">&</a>', mark_safe("<b>ya</b>"), gettext_lazy("Monto"), 7]  # noqa: S308
    pattern = "<p>{}</p><i>{}</i><span title='{}'>{}</span>"
    written = markup(pattern, *values)
    assert written == format_html(pattern, *values)
    assert isinstance(written, SafeString)
    assert "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;" in written
    assert "<b>ya</b>" in written


@given(values=st.lists(_VALUE, min_size=1, max_size=6))
def test_any_values_are_written_as_format_html_writes_them(values):
    pattern = "|".join("{}" for _ in values)
    assert markup(pattern, *values) == format_html(pattern, *values)


@given(
    rows=st.lists(st.tuples(_VALUE, _VALUE), max_size=5),
    separator=st.sampled_from(["", ", ", "<br>", mark_safe("<br>")]),  # noqa: S308
)
def test_rows_are_joined_as_format_html_join_joins_them(rows, separator):
    pattern = "<li>{}: {}</li>"
    assert markup_join(separator, pattern, rows) == format_html_join(
        separator, pattern, rows
    )


def test_a_value_is_escaped_once():
    assert escaped(escaped("<")) == "&amp;lt;"  # text, not marked safe
    assert escaped(markup("{}", "<")) == "&lt;"
    assert escaped(Decimal("1.50")) == "1.50"
    assert escaped(date(2024, 3, 1)) == "2024-03-01"
