"""Forms of the grants pages; every write still goes through a service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ruta.grants.models import (
    CategoryChoice,
    CofundingChoice,
    ReportReadingChoice,
    Scheme,
    Sex,
    ShortfallChoice,
    VisitCause,
    VisitKind,
)
from ruta.grants.rules.requirements import UPLOADED
from ruta.grants.rules.scoring import CRITERIA
from ruta.sources.models import DocumentKind, SourceDocument

MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0"),
}
BUDGET_ROWS = 6
BUDGET_POOLS = 4
# Points of the §3.4.1 criteria a new call starts from (100 in all).
DEFAULT_POINTS = {"1": 20, "2": 20, "3": 15, "4": 15, "5": 15, "6": 15}


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Nombre de la organización"), max_length=250)
    rfc = forms.CharField(label=_("RFC (persona moral, 12 caracteres)"), max_length=12)
    cluni = forms.CharField(label=_("CLUNI"), max_length=30, required=False)
    dnias = forms.CharField(label=_("Constancia DNIAS"), max_length=30, required=False)
    state_registry_folio = forms.CharField(
        label=_("Folio del Registro Estatal"), max_length=30, required=False
    )
    legal_representative = forms.CharField(
        label=_("Representante legal"), max_length=200
    )
    representative_curp = forms.CharField(
        label=_("CURP del representante"), max_length=18, required=False
    )
    contact_email = forms.EmailField(label=_("Correo para notificaciones"))


class SignupForm(forms.Form):
    """An organisation that signs up on its own, with its representative's account."""

    name = forms.CharField(label=_("Nombre de la organización"), max_length=250)
    rfc = forms.CharField(
        label=_("RFC de la organización"),
        max_length=15,
        help_text=_("Persona moral: 12 caracteres."),
    )
    cluni = forms.CharField(
        label=_("CLUNI"),
        max_length=20,
        help_text=_(
            "Clave Única de Inscripción al Registro Federal de las OSC: 14 caracteres."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Correo de la organización para notificaciones")
    )
    legal_representative = forms.CharField(
        label=_("Nombre del representante legal"), max_length=200
    )
    representative_email = forms.EmailField(
        label=_("Correo del representante legal"),
        help_text=_("Con él entrará a la plataforma; le enviaremos un enlace."),
    )
    representative_phone = forms.RegexField(
        label=_("Teléfono del representante legal"),
        regex=r"^\+?[0-9 ()-]{10,20}$",
        max_length=20,
        error_messages={"invalid": _("Escriba un teléfono de 10 dígitos o más.")},
    )
    password = forms.CharField(
        label=_("Contraseña (12 caracteres o más)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    password_again = forms.CharField(
        label=_("Repita la contraseña"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    privacy = forms.BooleanField(
        label=_(
            "Leí el aviso de privacidad: los datos de contacto del representante "
            "solo los ven la organización y el personal que la atiende."
        )
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("Las contraseñas no coinciden."))
        return cleaned


class ReviewForm(forms.Form):
    """Staff's decision on an organisation that signed up."""

    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[("approve", _("Aprobar")), ("reject", _("Rechazar"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Motivo (obligatorio para rechazar)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


# The rows the form offers to declare other current public support.
OTHER_SUPPORT_ROWS = 3


class ApplicationForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organización"))
    scheme = forms.ChoiceField(label=_("Esquema"), choices=Scheme.choices)
    theme = forms.CharField(label=_("Temática"), max_length=200, required=False)
    title = forms.CharField(label=_("Nombre del proyecto"), max_length=250)
    summary = forms.CharField(
        label=_("Resumen"), widget=forms.Textarea, max_length=5000
    )
    coordinator_name = forms.CharField(label=_("Coordinador operativo"), max_length=200)
    coordinator_curp = forms.CharField(label=_("CURP del coordinador"), max_length=18)
    coordinator_email = forms.EmailField(label=_("Correo del coordinador"))
    compliance_opinion_on = forms.DateField(
        label=_("Fecha de la opinión de cumplimiento (AAAA-MM-DD)"), required=False
    )
    accepts_partial = forms.BooleanField(
        label=_("Acepta apoyo parcial"), required=False
    )
    other_support = forms.ChoiceField(
        label=_(
            "¿El proyecto cuenta con otro apoyo público vigente? (§3.6.2 a, §3.6.3 a)"
        ),
        choices=[
            ("none", _("No: ningún otro apoyo público vigente para este proyecto")),
            ("some", _("Sí: lo declaro abajo (quién lo otorga y cuánto)")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organizations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, OTHER_SUPPORT_ROWS + 1):
            self.fields[f"other_source_{row}"] = forms.CharField(
                label=_("Quién lo otorga (dependencia y programa) %(n)s") % {"n": row},
                max_length=250,
                required=False,
            )
            self.fields[f"other_amount_{row}"] = forms.DecimalField(
                label=_("Monto %(n)s") % {"n": row}, required=False, **MONEY
            )
        cast(forms.ChoiceField, self.fields["organization"]).choices = [
            (o.pk, o.name) for o in organizations
        ]
        for row in range(1, BUDGET_ROWS + 1):
            required = row == 1
            self.fields[f"concept_{row}"] = forms.CharField(
                label=_("Concepto %(n)s") % {"n": row},
                max_length=250,
                required=required,
            )
            self.fields[f"category_{row}"] = forms.ChoiceField(
                label=_("Categoría %(n)s") % {"n": row},
                choices=CategoryChoice.choices,
                required=required,
            )
            self.fields[f"support_{row}"] = forms.DecimalField(
                label=_("Apoyo solicitado %(n)s") % {"n": row}, required=False, **MONEY
            )
            self.fields[f"own_money_{row}"] = forms.DecimalField(
                label=_("Aportación monetaria %(n)s") % {"n": row},
                required=False,
                **MONEY,
            )
            self.fields[f"own_in_kind_{row}"] = forms.DecimalField(
                label=_("Aportación no monetaria %(n)s") % {"n": row},
                required=False,
                **MONEY,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rows = [
            (data.get(f"other_source_{n}"), data.get(f"other_amount_{n}"))
            for n in range(1, OTHER_SUPPORT_ROWS + 1)
        ]
        filled = [(source, amount) for source, amount in rows if source or amount]
        if data.get("other_support") == "none" and filled:
            self.add_error(
                "other_support",
                _("Declaró no tener otro apoyo: deje vacías sus filas."),
            )
        if data.get("other_support") == "some":
            if not filled:
                self.add_error(
                    "other_source_1", _("Declare al menos un apoyo: quién y cuánto.")
                )
            for n, (source, amount) in enumerate(rows, start=1):
                if (source or amount) and not (source and amount):
                    self.add_error(
                        f"other_source_{n}",
                        _("Diga quién otorga el apoyo y su monto."),
                    )
        return data


class DocumentForm(forms.Form):
    requirement = forms.ChoiceField(
        label=_("Requisito (§3.4)"),
        choices=[(r.code, f"{r.code}. {r.document}") for r in UPLOADED],
    )
    file = forms.FileField(label=_("Archivo (PDF o imagen, hasta 10 MB)"))


class CfdiForm(forms.Form):
    xml = forms.FileField(label=_("CFDI (XML, hasta 2 MB)"))
    pdf = forms.FileField(label=_("Representación impresa (PDF)"))


class ReportForm(forms.Form):
    spent = forms.DecimalField(label=_("Monto ejercido"), **MONEY)
    content = forms.CharField(
        label=_("Avance técnico"), widget=forms.Textarea, max_length=20000
    )
    file = forms.FileField(label=_("Formato técnico-financiero (PDF)"), required=False)


class BankAccountForm(forms.Form):
    bank = forms.CharField(label=_("Banco"), max_length=100)
    clabe = forms.CharField(label=_("CLABE (18 dígitos)"), max_length=18)


class BeneficiaryForm(forms.Form):
    full_name = forms.CharField(label=_("Nombre completo"), max_length=200)
    age = forms.IntegerField(label=_("Edad"), min_value=0, max_value=120)
    sex = forms.ChoiceField(label=_("Sexo"), choices=Sex.choices)
    benefit = forms.CharField(label=_("Beneficio o apoyo"), max_length=200)
    municipality = forms.CharField(label=_("Municipio (clave INEGI)"), max_length=5)
    locality = forms.CharField(label=_("Localidad"), max_length=200)
    guardian_name = forms.CharField(
        label=_("Madre, padre o tutor (menores)"), max_length=200, required=False
    )
    guardian_consent_on = forms.DateField(
        label=_("Fecha del consentimiento escrito (AAAA-MM-DD)"), required=False
    )
    privacy_notice = forms.BooleanField(
        label=_("Se mostró el aviso de privacidad vigente a la persona")
    )


class CallForm(forms.Form):
    """A new call (§4.2): its contents, budgets per scheme/theme and its rubric."""

    agency = forms.ChoiceField(label=_("Instancia administradora"))
    normative_agency = forms.ChoiceField(
        label=_("Instancia normativa (§3.3.1)"),
        required=False,
        help_text=_("El organismo rector del programa, si no es la administradora."),
    )
    coinvesting_agency = forms.ChoiceField(
        label=_("Instancia aportante de la coinversión (§4.1)"),
        required=False,
    )
    code = forms.SlugField(label=_("Clave (para la dirección)"), max_length=60)
    title = forms.CharField(label=_("Título"), max_length=250)
    fiscal_year = forms.IntegerField(
        label=_("Ejercicio"), min_value=2000, max_value=2100
    )
    objective = forms.CharField(
        label=_("Objetivo"), widget=forms.Textarea, max_length=5000
    )
    bases = forms.CharField(
        label=_("Bases de participación"), widget=forms.Textarea, max_length=20000
    )
    selection_criteria = forms.CharField(
        label=_("Criterios de selección"), widget=forms.Textarea, max_length=5000
    )
    coverage = forms.CharField(label=_("Cobertura"), max_length=250)
    opens_on = forms.DateField(label=_("Abre (AAAA-MM-DD)"))
    closes_on = forms.DateField(label=_("Cierra (AAAA-MM-DD)"))
    ends_on = forms.DateField(label=_("Fin de los proyectos (AAAA-MM-DD)"))
    administering_rfc = forms.CharField(
        label=_("RFC de la instancia administradora"), max_length=13
    )
    max_per_project = forms.DecimalField(
        label=_("Monto máximo por proyecto"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    max_applications = forms.IntegerField(
        label=_("Límite de solicitudes"), min_value=1, max_value=100000, required=False
    )
    shortfall = forms.ChoiceField(
        label=_("Si la siguiente solicitud pide más de lo que queda (§4.3)"),
        choices=ShortfallChoice.choices,
    )
    report_reading = forms.ChoiceField(
        label=_("Plazo de los informes"), choices=ReportReadingChoice.choices
    )
    cofunding_base = forms.ChoiceField(
        label=_("Base de la coinversión"), choices=CofundingChoice.choices
    )
    publish = forms.BooleanField(label=_("Publicar ya"), required=False, initial=True)

    def __init__(self, *args, agencies=(), others=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            (a.pk, a.name) for a in agencies
        ]
        for name in ("normative_agency", "coinvesting_agency"):
            cast(forms.ChoiceField, self.fields[name]).choices = [
                ("", "—"),
                *((a.pk, a.name) for a in others),
            ]
        for row in range(1, BUDGET_POOLS + 1):
            self.fields[f"scheme_{row}"] = forms.ChoiceField(
                label=_("Esquema %(n)s") % {"n": row},
                choices=[("", "—"), *Scheme.choices],
                required=row == 1,
            )
            self.fields[f"theme_{row}"] = forms.CharField(
                label=_("Temática %(n)s") % {"n": row}, max_length=200, required=False
            )
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=_("Presupuesto %(n)s") % {"n": row}, required=row == 1, **MONEY
            )
        for number, name in CRITERIA:
            self.fields[f"points_{number}"] = forms.DecimalField(
                label=f"{number}. {name}",
                max_digits=6,
                decimal_places=2,
                min_value=Decimal("0"),
                initial=DEFAULT_POINTS[number],
                required=False,
            )


class _Photos(forms.ClearableFileInput):
    allow_multiple_selected = True


class _PhotosField(forms.FileField):
    """Several photos in one input (Django's documented pattern)."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class VisitForm(forms.Form):
    """A supervision or follow-up visit, as staff record it from a phone."""

    kind = forms.ChoiceField(label=_("Tipo de visita"), choices=VisitKind.choices)
    visited_on = forms.DateField(
        label=_("Fecha de la visita"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    findings = forms.CharField(
        label=_("Lo que se encontró"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    follow_up = forms.CharField(
        label=_("Seguimiento acordado"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    follow_up_due = forms.DateField(
        label=_("Seguimiento a más tardar"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )
    cause = forms.ChoiceField(
        label=_("Causa de §5 que aplica, si alguna"),
        choices=[("", _("Ninguna")), *VisitCause.choices],
        required=False,
    )
    photos = _PhotosField(
        label=_("Fotos (JPEG o PNG, hasta 8; se quitan sus metadatos)"),
        widget=_Photos(attrs={"accept": "image/jpeg,image/png"}),
        required=False,
    )


class CallRulesForm(forms.Form):
    """Which imported rules of operation a call is run by."""

    document = forms.ModelChoiceField(
        label=_("Reglas de operación publicadas"),
        queryset=SourceDocument.objects.none(),
        to_field_name="sha256",
        required=False,
        empty_label=_("Ninguna"),
        help_text=_(
            "Las reglas importadas como documento publicado (Importaciones → "
            "Importar un documento publicado, tipo «Reglas de operación»). La "
            "página de la convocatoria enlaza a ellas."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["document"])
        field.queryset = SourceDocument.objects.of_kind(DocumentKind.CALL_RULES)


class DebtForm(forms.Form):
    """A debt of an organisation from an earlier call, with its evidence."""

    call_year = forms.IntegerField(
        label=_("Ejercicio de la convocatoria"), min_value=2000, max_value=2100
    )
    call_name = forms.CharField(label=_("Convocatoria"), max_length=250)
    what = forms.CharField(
        label=_("Qué adeuda (informe, reintegro, comprobación…)"), max_length=500
    )
    amount = forms.DecimalField(
        label=_("Monto (vacío si no es dinero)"), required=False, **MONEY
    )
    evidence = forms.FileField(label=_("Evidencia (PDF o foto, hasta 10 MB)"))


class DebtSettleForm(forms.Form):
    """The settlement of a recorded debt, with its evidence."""

    settled_on = forms.DateField(label=_("Saldado el (AAAA-MM-DD)"))
    note = forms.CharField(
        label=_("Cómo se saldó"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.FileField(label=_("Evidencia del saldo (PDF o foto)"))
