"""The public pages' small GET forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.common.bounds import YEAR_MAX, YEAR_MIN
from ruta.common.text.search import SEARCH_MAX_LENGTH
from ruta.common.web.pagination import CURSOR_MAX_LENGTH
from ruta.portal.questions.chips import PARAMETERS, changes_read
from ruta.portal.questions.parse import MAX_QUESTION_LENGTH
from ruta.portal.search import KINDS, PAGES_MAX, SEARCH_COUNTED_MAX
from ruta.works.models import Work
from ruta.works.selectors.points import (
    KEY_SEPARATOR,
    POINTS_MOST,
    POINTS_PAGE,
    PointKey,
)


class YearForm(forms.Form):
    """The fiscal year a page shows: one of the years its picker offers.

    Unasked, the year is ``default``, chosen by the one rule
    (``works.rules.default_year``, through ``portal.selectors``), and the
    picker shows it chosen.
    """

    year = forms.TypedChoiceField(
        label=_("Ejercicio fiscal"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self, *args: Any, years: list[int], default: int | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        self.default = default
        field = cast(forms.ChoiceField, self.fields["year"])
        field.choices = [(str(year), str(year)) for year in years]
        field.initial = default
        if self.is_bound and not self.data.get("year") and default is not None:
            # Asked for something else (``?estado=``): the picker shows the
            # year the page opens on, not its first choice.
            self.data = {**dict(self.data.items()), "year": str(default)}

    def chosen_year(self) -> int | None:
        """Return the year asked for, or the default; None if the ask is invalid."""
        if self.is_bound and not self.is_valid():
            return None
        year = getattr(self, "cleaned_data", {}).get("year")
        return year or self.default


class MunicipalityPickerForm(forms.Form):
    """The home page's municipality picker (a GET form to the municipality page)."""

    municipio = forms.ChoiceField(label=_("Ir a un municipio"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipio"]).choices = choices


class QuestionForm(forms.Form):
    """The question box: a question in words, bounded (a GET form)."""

    q = forms.CharField(
        label=_("Pregunta"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # A chip's change: the same question with one part replaced (``chips``).
    year = forms.CharField(required=False, max_length=4)
    municipality = forms.CharField(required=False, max_length=5)
    region = forms.CharField(required=False, max_length=10)
    moment = forms.CharField(required=False, max_length=20)
    phase = forms.CharField(required=False, max_length=20)
    group = forms.CharField(required=False, max_length=20)
    measure = forms.CharField(required=False, max_length=20)

    def changes(self) -> dict[str, str]:
        """Return the parts the question is asked with changed (when valid)."""
        return self.cleaned_data.get("changes", {})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        changes = changes_read(
            {name: str(cleaned.get(name) or "") for name in PARAMETERS}
        )
        if changes is None:
            raise forms.ValidationError(
                _("Ese cambio no es uno de los que se ofrecen.")
            )
        cleaned["changes"] = changes
        return cleaned


class SearchForm(forms.Form):
    """The site search: words, maybe one kind and its page (a GET form)."""

    q = forms.CharField(
        label=_("Buscar"),
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "required": _("Escriba una o más palabras para buscar."),
            "max_length": _(
                "La búsqueda es demasiado larga: hasta %(limit_value)d caracteres "
                "(tiene %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("No hay resultados del tipo «%(value)s».")},
    )
    pagina = forms.IntegerField(
        label=_("Página"),
        required=False,
        min_value=1,
        max_value=SEARCH_COUNTED_MAX,
        error_messages={
            "min_value": _("La página debe ser %(limit_value)s o mayor."),
            "max_value": _("La página debe ser %(limit_value)s o menor."),
            "invalid": _("La página debe ser un número."),
        },
    )
    # The works' pages after the first are read after a key, the previous
    # page's signed cursor, however deep.
    despues = forms.CharField(
        label=_("Después de"),
        required=False,
        max_length=CURSOR_MAX_LENGTH,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tipo"]).choices = [
            ("", _("Todo")),
            *((kind.key, kind.label) for kind in KINDS),
        ]

    def clean(self) -> dict[str, Any]:
        """Bound a page by position at ``PAGES_MAX``; one after a key is not."""
        cleaned = super().clean() or {}
        page = cleaned.get("pagina")
        if page and page > PAGES_MAX and not cleaned.get("despues"):
            self.add_error(
                "pagina",
                _("La página debe ser %(limit_value)s o menor.")
                % {"limit_value": PAGES_MAX},
            )
        return cleaned


class PointsForm(forms.Form):
    """How many points the map's GeoJSON gives at most (its bound), and after
    which point its page starts (``despues``, the previous page's last year
    and folio: ``2024~OBRA-2024-00518``)."""

    limite = forms.IntegerField(
        label=_("Puntos como máximo"),
        required=False,
        min_value=1,
        max_value=POINTS_MOST,
    )
    despues = forms.CharField(
        label=_("Después del punto"),
        required=False,
        strip=False,
        # The year, the separator and the longest folio.
        max_length=5 + cast(int, Work._meta.get_field("public_id").max_length),
    )

    def clean_despues(self) -> PointKey | None:
        """Read the cursor: a year of four digits the catalogue may hold, the
        separator, then the folio (the first separator splits them: a folio
        may hold one)."""
        text = self.cleaned_data.get("despues") or ""
        if not text:
            return None
        year, separator, folio = text[:4], text[4:5], text[5:]
        if not (year.isascii() and year.isdigit()) or separator != KEY_SEPARATOR:
            raise forms.ValidationError(
                _(
                    "Un cursor es el año en cuatro cifras, «%(separator)s» y el "
                    "folio del último punto (como 2024%(separator)sOBRA-2024-00518)."
                ),
                code="invalid",
                params={"separator": KEY_SEPARATOR},
            )
        if not YEAR_MIN <= int(year) <= YEAR_MAX:
            raise forms.ValidationError(
                _("El año del cursor va de %(least)s a %(most)s."),
                code="year_range",
                params={"least": YEAR_MIN, "most": YEAR_MAX},
            )
        if not folio:
            raise forms.ValidationError(
                _("Al cursor le falta el folio del último punto."), code="required"
            )
        return PointKey(int(year), folio)

    def most(self) -> int:
        """Return the bound asked for, or a page's unasked; the form must be
        valid."""
        return self.cleaned_data.get("limite") or POINTS_PAGE

    def after(self) -> PointKey | None:
        """Return the point the page starts after (none: the first page); the
        form must be valid."""
        return self.cleaned_data.get("despues")
