"""The position a document's page or its findings page is asked to show.

Every value is bounded before any query: a table's id as long as the column,
a row number or finding id within what its column can hold.
"""

from __future__ import annotations

from django import forms

from ruta.common.bounds import BIGINT_MAX, INTEGER_MAX
from ruta.sources.models import PublishedRow
from ruta.sources.selectors import Window

TABLE_ID_MAX_LENGTH = PublishedRow._meta.get_field("table_id").max_length


def _key(maximum: int) -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=0, max_value=maximum)


class _WindowForm(forms.Form):
    """A page that starts at a key (``desde``) or ends before one (``antes``)."""

    def clean(self) -> dict:
        """Refuse a page asked to start and to end at once."""
        super().clean()
        data = self.cleaned_data
        if data.get("desde") is not None and data.get("antes") is not None:
            raise forms.ValidationError("desde and antes are one or the other")
        return data

    def window(self) -> Window:
        """Return the position asked (the first page when none)."""
        data = self.cleaned_data
        return Window(since=data.get("desde"), before=data.get("antes"))


class RowPageForm(_WindowForm):
    """Which table's rows to page through, and where (``?tabla=works&desde=12``)."""

    tabla = forms.CharField(required=False, max_length=TABLE_ID_MAX_LENGTH)
    desde = _key(INTEGER_MAX)
    antes = _key(INTEGER_MAX)


class FindingPageForm(_WindowForm):
    """Where the page of findings starts or ends (by finding id)."""

    desde = _key(BIGINT_MAX)
    antes = _key(BIGINT_MAX)


class DocumentPageForm(_WindowForm):
    """Where the list of documents starts or ends (by document id)."""

    desde = _key(BIGINT_MAX)
    antes = _key(BIGINT_MAX)
