"""Forms of commitments reported on the site: a period, an agency's report, a review.

They check types and bounds; the services check the rules (who may, the
report's status, the questionnaire answered, evidence by its bytes).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.catalog.models import Agency
from ruta.opengov.models import CommitmentReport
from ruta.opengov.rules import (
    ACTIVITIES_MAX,
    LINK_MAX,
    LINKS_MAX,
    PLAN_KEY_LENGTH,
    PLAN_YEAR_FIRST,
    PLAN_YEAR_LAST,
    REPORT_TEXT_MAX,
    STANDARD_QUESTIONNAIRE,
)
from ruta.opengov.services import ActivityDraft, ReportDraft
from ruta.opengov.services.planning import NAME_MAX, TITLE_MAX

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The activities a report form offers; more are written in a later save.
ACTIVITY_ROWS = min(3, ACTIVITIES_MAX)


def _long(label: Any, *, required: bool = False, help_text: Any = "") -> forms.Field:
    return forms.CharField(
        label=label,
        required=required,
        max_length=REPORT_TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Unidad coordinadora"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Abre los periodos y revisa y publica los informes."),
    )

    def __init__(self, *args: Any, state_code: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name")
        if state_code:
            agencies = agencies.filter(state_id=state_code)
        cast(forms.ModelChoiceField, self.fields["coordinator"]).queryset = agencies


class PeriodForm(forms.Form):
    as_of = forms.DateField(
        label=_("Fecha a la que se informa"),
        widget=DATE_INPUT,
        help_text=_("Por ejemplo, el último día del trimestre o del semestre."),
    )


class ReportForm(forms.Form):
    """An agency's report of one commitment for one period."""

    progress_pct = forms.DecimalField(
        label=_("Avance del compromiso (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    progress_text = _long(_("Avance del compromiso: lo que se hizo en el periodo"))
    next_step = _long(_("Planificación del próximo avance"))
    evidence_links = forms.CharField(
        label=_("Evidencias: direcciones web (opcional)"),
        required=False,
        max_length=LINKS_MAX * (LINK_MAX + 2),
        help_text=_("Una por renglón, https://…"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = forms.FileField(
        label=_("Evidencia: un documento o foto (opcional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG o WebP de hasta 10 MB; se publica con el informe."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, ACTIVITY_ROWS + 1):
            self.fields[f"activity_{row}_name"] = forms.CharField(
                label=_("Actividad %(n)s: nombre") % {"n": row},
                max_length=300,
                required=False,
            )
            self.fields[f"activity_{row}_description"] = _long(
                _("Actividad %(n)s: acciones y entregables") % {"n": row}
            )
            self.fields[f"activity_{row}_resources"] = forms.CharField(
                label=_("Actividad %(n)s: recursos") % {"n": row},
                max_length=REPORT_TEXT_MAX,
                required=False,
            )
        for position, (category, name, question) in enumerate(
            STANDARD_QUESTIONNAIRE, 1
        ):
            self.fields[f"answer_{position}"] = _long(
                f"{_(category)}: {_(name)}", help_text=_(question)
            )

    @classmethod
    def of_report(cls, report: CommitmentReport | None) -> dict[str, Any]:
        """Return the form's initial values from a report in preparation."""
        if report is None:
            return {}
        initial: dict[str, Any] = {
            "progress_pct": report.progress_pct,
            "progress_text": report.progress_text,
            "next_step": report.next_step,
            "evidence_links": "\n".join(report.evidence_links),
        }
        for row, activity in enumerate(report.activities.all()[:ACTIVITY_ROWS], 1):
            initial[f"activity_{row}_name"] = activity.name
            initial[f"activity_{row}_description"] = activity.description
            initial[f"activity_{row}_resources"] = activity.resources
        answers = {a.indicator.name: a.text for a in report.answers.all()}
        for position, (_c, name, _q) in enumerate(STANDARD_QUESTIONNAIRE, 1):
            initial[f"answer_{position}"] = answers.get(name, "")
        return initial

    def answer_fields(self) -> list[Any]:
        """Return the questionnaire's bound fields, for the template."""
        return [self[f"answer_{n}"] for n in range(1, len(STANDARD_QUESTIONNAIRE) + 1)]

    def activity_fields(self) -> list[list[Any]]:
        """Return each activity's three bound fields, for the template."""
        return [
            [
                self[f"activity_{row}_{part}"]
                for part in ("name", "description", "resources")
            ]
            for row in range(1, ACTIVITY_ROWS + 1)
        ]

    def draft(self) -> ReportDraft:
        """Return what was typed, as the service takes it."""
        data = self.cleaned_data
        links = data["evidence_links"].replace(",", "\n").splitlines()
        return ReportDraft(
            progress_pct=data["progress_pct"],
            progress_text=data["progress_text"],
            next_step=data["next_step"],
            evidence_links=tuple(link.strip() for link in links if link.strip()),
            activities=tuple(
                ActivityDraft(
                    name=data[f"activity_{row}_name"],
                    description=data[f"activity_{row}_description"],
                    resources=data[f"activity_{row}_resources"],
                )
                for row in range(1, ACTIVITY_ROWS + 1)
            ),
            answers={
                name: data[f"answer_{position}"]
                for position, (_c, name, _q) in enumerate(STANDARD_QUESTIONNAIRE, 1)
            },
        )


def _year(label: Any, *, required: bool = True, help_text: Any = "") -> forms.Field:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=PLAN_YEAR_FIRST,
        max_value=PLAN_YEAR_LAST,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PlanForm(forms.Form):
    """A new action plan: its address, title, description and years."""

    title = forms.CharField(label=_("Nombre del plan"), max_length=TITLE_MAX)
    key = forms.CharField(
        label=_("Clave"),
        max_length=PLAN_KEY_LENGTH,
        help_text=_(
            "Forma la dirección de la página del plan: minúsculas sin acentos, "
            "dígitos y guiones, como las siglas del plan seguidas de sus años."
        ),
    )
    start_year = _year(_("Año de inicio"))
    end_year = _year(_("Año de término"))
    description = _long(_("Descripción (opcional)"))
    coordinator = forms.ModelChoiceField(
        label=_("Unidad coordinadora"),
        queryset=Agency.objects.none(),
        help_text=_("Abre los periodos y revisa y publica los informes."),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["coordinator"]).queryset = agencies


class CommitmentForm(forms.Form):
    """A commitment added to a plan registered on the site."""

    name = forms.CharField(label=_("Título del compromiso"), max_length=NAME_MAX)
    objective = _long(_("Objetivo principal"), required=True)
    agency = forms.ModelChoiceField(
        label=_("Dependencia responsable"), queryset=Agency.objects.none()
    )
    start_year = _year(
        _("Año de inicio (opcional)"),
        required=False,
        help_text=_("Sin años, el compromiso corre los del plan."),
    )
    end_year = _year(_("Año de término (opcional)"), required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies


class PlanEditForm(forms.Form):
    """A registered plan's title, years and description (its key stays)."""

    title = forms.CharField(label=_("Nombre del plan"), max_length=TITLE_MAX)
    start_year = _year(_("Año de inicio"))
    end_year = _year(_("Año de término"))
    description = _long(_("Descripción (opcional)"))


class CommitmentEditForm(CommitmentForm):
    """A commitment's title, objective, agency and years (its number stays)."""

    description = _long(_("Descripción (opcional)"))
