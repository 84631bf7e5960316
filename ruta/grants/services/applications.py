"""Writes on organisations and applications: registering, applying, documents,
and the eligibility decision of §3.4 and §3.4.1 (a documents' review is a step
of its cycle, ``ruta.grants.cycles``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounts.actors import Actor, is_system, person, service
from ruta.accounts.cycles import step_take
from ruta.accounts.permissions import Action, require
from ruta.catalog.models import Municipality
from ruta.common.refusals import refusal
from ruta.common.text.money import format_mxn
from ruta.common.text.rfc import RfcHolder, rfc_check
from ruta.grants.cycles import APPLICATION
from ruta.grants.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    BudgetLine,
    Call,
    CallBudget,
    DeclaredSupport,
    DocumentStatus,
    Organization,
    OrganizationStatus,
)
from ruta.grants.reasons import budget_problem_text
from ruta.grants.rules import budget as budget_rules
from ruta.grants.rules.identifiers import curp_check
from ruta.grants.rules.requirements import (
    DECLARED_AMOUNT_MOST,
    DECLARED_MOST,
    PRIORITY_ZONE_SECTION,
    REQUIREMENTS_BY_CODE,
    SINGLE_SUPPORT_SECTIONS,
    UPLOADED,
    Debt,
    SupportDeclared,
    compliance_opinion_is_current,
    coordinator_is_free,
    declared_support_problem,
    is_eligible_by_requirements,
    other_support_conflicts,
    priority_zone_standing,
    requirements_check,
)
from ruta.grants.selectors.organizations import (
    may_review,
    organization_current_supports,
    organization_debts,
)
from ruta.grants.selectors.zones import priority_zones_for
from ruta.grants.services.files import file_read

# Applications whose coordinator still holds the project (§3.4 req. 13).
ACTIVE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.OBSERVED,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SUPPORTED,
    ApplicationStatus.FORMALIZED,
    ApplicationStatus.SUSPENDED,
)


@service
def organization_register(
    *,
    name: str,
    rfc: str,
    legal_representative: str,
    contact_email: str,
    cluni: str = "",
    dnias: str = "",
    state_registry_folio: str = "",
    representative_curp: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> Organization:
    """Register an organisation; the person registering it acts for it.

    Staff and system actors register organisations approved; an applicant's
    waits for staff's review as a sign-up does (``services.signup``).
    """
    require(actor, Action.APPLY_GRANT)
    check = rfc_check(rfc, holder=RfcHolder.COMPANY)
    if check.error:
        raise refusal(
            _("«%(rfc)s» no es el RFC de una persona moral (12 caracteres)."),
            check.error,
            "rfc",
            rfc=rfc,
        )
    if representative_curp and curp_check(representative_curp).error:
        raise refusal(
            _("La CURP del representante no es válida."),
            "curp_invalid",
            "representative_curp",
        )
    organization = Organization(
        name=name.strip(),
        rfc=check.value,
        legal_representative=legal_representative.strip(),
        representative_curp=representative_curp.strip().upper(),
        contact_email=contact_email.strip().lower(),
        cluni=cluni.strip(),
        dnias=dnias.strip(),
        state_registry_folio=state_registry_folio.strip(),
        status=OrganizationStatus.APPROVED
        if may_review(actor)
        else OrganizationStatus.PENDING,
        email_verified_at=None if is_system(actor) else timezone.now(),
        is_demo=is_demo,
    )
    organization.full_clean()
    organization.save()
    user = person(actor)
    if user is not None:
        organization.members.add(user)
    return organization


@service
def organization_standing_set(
    *,
    organization: Organization,
    past_calls_ok: bool,
    fiscal_standing_ok: bool,
    actor: Actor,
) -> Organization:
    """Record an organisation's standing in past calls (§3.4 req. 4) and the SAT's.

    Staff of any administering body record it: it follows the organisation
    from call to call.
    """
    if not may_review(actor):
        raise PermissionDenied(f"{actor} is not staff of an administering body")
    organization.past_calls_ok = past_calls_ok
    organization.fiscal_standing_ok = fiscal_standing_ok
    organization.save(update_fields=["past_calls_ok", "fiscal_standing_ok"])
    return organization


def _pool_of(call: Call, scheme: str, theme: str) -> CallBudget:
    budget = call.budgets.filter(scheme=scheme, theme=theme).first()
    if budget is None:
        raise refusal(
            _("La convocatoria no tiene presupuesto para ese esquema y temática."),
            "no_such_pool",
            "scheme",
        )
    return budget


def _check_budget(call: Call, lines: Sequence[budget_rules.BudgetLine]) -> None:
    problems = budget_rules.budget_problems(
        lines,
        base=budget_rules.CofundingBase(call.cofunding_base),
        extra_disallowed=call.extra_disallowed,
        maximum=call.max_per_project,
    )
    negative = [p for p in problems if p.code in {"negative_amount", "no_support"}]
    if negative:
        raise refusal(
            _(
                "Línea %(line)s del presupuesto: los importes no pueden ser negativos "
                "y el apoyo solicitado debe ser mayor que cero."
            ),
            negative[0].code,
            "budget_lines",
            line=negative[0].line or "—",
        )
    over = [p for p in problems if p.code == "over_maximum"]
    if over:
        figures = dict(over[0].figures)
        raise refusal(
            _(
                "El apoyo solicitado (%(actual)s) pasa del máximo por proyecto de la "
                "convocatoria (%(limit)s)."
            ),
            "over_maximum",
            "budget_lines",
            **figures,
        )


@service
def application_submit(
    *,
    call: Call,
    organization: Organization,
    scheme: str,
    theme: str,
    title: str,
    summary: str,
    coordinator_name: str,
    coordinator_curp: str,
    coordinator_email: str,
    lines: Sequence[budget_rules.BudgetLine],
    municipality: Municipality | None = None,
    accepts_partial: bool = False,
    compliance_opinion_on: date | None = None,
    dnias_applies: bool = True,
    other_support: Sequence[SupportDeclared] | None = None,
    received_at=None,
    is_demo: bool = False,
    actor: Actor,
) -> Application:
    """Receive an application: it takes the next folio of the call (§4.3.1).

    ``other_support`` is the organisation's declaration of its other current
    public support for the project (§3.6.2 a, §3.6.3 a): an empty list
    declares none; ``None`` declares nothing (a record entered by staff).
    """
    require(actor, Action.APPLY_GRANT, organization)
    if not organization.may_apply:
        raise refusal(
            _(
                "%(name)s aún no puede solicitar: su registro está «%(status)s» "
                "(el personal lo aprueba una vez verificado el correo)."
            ),
            "organization_not_approved",
            "organization",
            name=organization.name,
            status=organization.get_status_display(),
        )
    call = Call.objects.select_for_update().get(pk=call.pk)
    received_at = received_at or timezone.now()
    today = timezone.localdate(received_at)
    if not call.is_published or not call.opens_on <= today <= call.closes_on:
        raise refusal(_("La convocatoria no está abierta."), "call_closed")
    if call.max_applications and call.applications.count() >= call.max_applications:
        raise refusal(
            _("La convocatoria ya recibió el límite de solicitudes (§4.1)."),
            "call_full",
        )
    _pool_of(call, scheme, theme)
    curp = curp_check(coordinator_curp)
    if curp.error:
        raise refusal(
            _("La CURP del coordinador operativo no es válida."),
            "curp_invalid",
            "coordinator_curp",
        )
    _coordinator_free(curp.value)
    _check_budget(call, lines)
    _check_priority_zone(call, scheme, municipality)
    if other_support is not None:
        _check_declared(other_support)
    folio = (call.applications.aggregate(last=Max("folio"))["last"] or 0) + 1
    application = Application(
        call=call,
        organization=organization,
        folio=folio,
        received_at=received_at,
        scheme=scheme,
        theme=theme,
        title=title.strip(),
        summary=summary.strip(),
        municipality=municipality,
        coordinator_name=coordinator_name.strip(),
        coordinator_curp=curp.value,
        coordinator_email=coordinator_email.strip().lower(),
        accepts_partial=accepts_partial,
        compliance_opinion_on=compliance_opinion_on,
        dnias_applies=dnias_applies,
        other_support_declared_at=None if other_support is None else received_at,
        is_demo=is_demo,
    )
    application.full_clean()
    application.save()
    DeclaredSupport.objects.bulk_create(
        DeclaredSupport(
            application=application,
            source=support.source.strip(),
            amount=support.amount,
        )
        for support in other_support or ()
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            concept=line.concept,
            category=str(line.category),
            support=line.support,
            own_money=line.own_money,
            own_in_kind=line.own_in_kind,
        )
        for line in lines
    )
    return application


DECLARED_PROBLEMS = {
    "too_many": gettext_lazy("Declare hasta %(most)s apoyos."),
    "source_missing": gettext_lazy("Diga quién otorga cada apoyo declarado."),
    "source_too_long": gettext_lazy("Quién otorga el apoyo cabe en 250 caracteres."),
    "amount_not_positive": gettext_lazy(
        "El monto de un apoyo declarado es mayor que $0.00."
    ),
    "amount_too_large": gettext_lazy(
        "El monto de un apoyo declarado pasa de %(largest)s: revise la cifra."
    ),
}


def _check_declared(supports: Sequence[SupportDeclared]) -> None:
    """Refuse a declaration of other support that says it wrongly."""
    problem = declared_support_problem(supports)
    if problem:
        raise refusal(
            DECLARED_PROBLEMS[problem],
            f"declared_{problem}",
            "other_support",
            most=DECLARED_MOST,
            largest=format_mxn(DECLARED_AMOUNT_MOST),
        )


def _check_priority_zone(
    call: Call, scheme: str, municipality: Municipality | None
) -> None:
    """Refuse a subsidy whose municipality is in no ZAP of the call's year's
    decree (§3.6.2 b). A municipality whose ZAPs are urban AGEBs is received:
    staff confirm the project's AGEB (``priority_zone_confirm``)."""
    zones = priority_zones_for(call.fiscal_year)
    code = municipality.code if municipality else ""
    if priority_zone_standing(scheme, code, "", zones) != "outside":
        return
    raise refusal(
        _(
            "Un proyecto de subsidio opera en una Zona de Atención Prioritaria "
            "(%(section)s): %(place)s no está en el catálogo de zonas de "
            "%(year)s."
        ),
        "priority_zone_outside",
        "municipality",
        section=PRIORITY_ZONE_SECTION,
        place=municipality.name if municipality else _("el proyecto sin municipio"),
        year=zones.decree_year if zones else call.fiscal_year,
    )


def _coordinator_free(curp: str) -> None:
    """Refuse a coordinator who already holds a project (§3.4 req. 13)."""
    active = Application.objects.filter(status__in=ACTIVE).values_list(
        "coordinator_curp", flat=True
    )
    if not coordinator_is_free(curp, list(active)):
        raise refusal(
            _(
                "El coordinador operativo ya tiene un proyecto a su cargo; solo puede "
                "tener uno (§3.4 requisito 13)."
            ),
            "coordinator_busy",
            "coordinator_curp",
        )


@service
def document_upload(
    *, application: Application, requirement: str, file: File, actor: Actor
) -> ApplicationDocument:
    """Attach a document for one requirement of §3.4 (PDF or image, bounded).

    Stored under a random name in the private storage; images re-encoded.
    """
    require(actor, Action.APPLY_GRANT, application)
    if requirement not in {r.code for r in UPLOADED}:
        raise refusal(
            _("«%(code)s» no es un requisito que se acredite con documento."),
            "unknown_requirement",
            "requirement",
            code=requirement,
        )
    accepted = file_read(file, key="grants.ApplicationDocument.file", field="file")
    document = ApplicationDocument(
        application=application,
        requirement=requirement,
        name=accepted.display_name,
    )
    document.file.save(accepted.stored_name, accepted.as_file(), save=False)
    document.save()
    return document


def _met_requirements(application: Application, today: date) -> set[str]:
    """Return the codes of §3.4 the application meets, from documents and data."""
    met = set(
        application.documents.filter(status=DocumentStatus.ACCEPTED).values_list(
            "requirement", flat=True
        )
    )
    met.add("1")  # it was submitted through the platform
    opinion = application.compliance_opinion_on
    received = timezone.localdate(application.received_at)
    if "2.2" in met and not (
        opinion and compliance_opinion_is_current(opinion, received)
    ):
        met.discard("2.2")
    if not application_budget_problems(application):
        met.add("3")
    # Standing recorded by staff (what the platform holds no record of) and
    # the debts the platform's own records of earlier calls show.
    if application.organization.past_calls_ok and not organization_debts(
        application.organization, call_year=application.call.fiscal_year, today=today
    ):
        met.add("4")
    others = Application.objects.filter(status__in=ACTIVE).exclude(pk=application.pk)
    if coordinator_is_free(
        application.coordinator_curp,
        list(others.values_list("coordinator_curp", flat=True)),
    ):
        met.add("13")
    return met


def application_budget_lines(application: Application) -> list[budget_rules.BudgetLine]:
    """Return the application's budget as the rules read it."""
    return [
        budget_rules.BudgetLine(
            line.concept,
            budget_rules.Category(line.category),
            line.support,
            line.own_money,
            line.own_in_kind,
        )
        for line in application.budget_lines.all()
    ]


def application_budget_problems(application: Application) -> list:
    """Return the §3.4.1/§4.4.1 problems of an application's budget."""
    call = application.call
    return budget_rules.budget_problems(
        application_budget_lines(application),
        base=budget_rules.CofundingBase(call.cofunding_base),
        extra_disallowed=call.extra_disallowed,
        maximum=call.max_per_project,
    )


@service
def application_eligibility_decide(
    *, application: Application, actor: Actor, today: date | None = None
) -> Application:
    """Decide eligibility from the requirements of §3.4 and the budget of §3.4.1.

    Eligible → ``eligible`` (the moment counts for §4.3.2); an unmet
    requirement that can be cured → ``observed``; one that cannot → ``not
    eligible``. The reason lists the requirements and why. The decision is
    the step of the application's cycle (``ruta.grants.cycles``) the
    requirements give: whoever submitted the application does not take it.

    A subsidy or a grant by project for a project that holds an agreement in
    force (the same title) is refused (§3.6.2 a, §3.6.3 a). The social aids
    granted to the organisation are not read here: an aid names no project,
    so they are warnings for the commission (``application_other_support``),
    never a refusal.
    """
    require(actor, Action.VALIDATE, application)
    if application.status not in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.OBSERVED,
    ):
        raise refusal(_("La elegibilidad de esta solicitud ya se decidió."), "decided")
    today = today or timezone.localdate()
    checks = requirements_check(
        _met_requirements(application, today), dnias_applies=application.dnias_applies
    )
    blocking = [check for check in checks if check.blocks]
    supported = other_support_conflicts(
        application.scheme,
        application.title,
        organization_current_supports(application.organization, besides=application),
    )
    # What the organisation itself declared counts as much as what the
    # platform records, for the schemes that allow no other support.
    declared = (
        list(application.declared_supports.all())
        if application.scheme in SINGLE_SUPPORT_SECTIONS
        else []
    )
    if supported or declared:
        # The scheme's own rule: the project already holds public support.
        step = "not_eligible"
        held = [
            _("convocatoria %(call)s, folio %(folio)s")
            % {"call": s.call_code, "folio": s.folio}
            for s in supported
        ] + [
            _("%(source)s por %(amount)s, declarado por la organización")
            % {"source": d.source, "amount": format_mxn(d.amount)}
            for d in declared
        ]
        reason = _(
            "No cumple %(section)s: el mismo proyecto ya cuenta con un apoyo "
            "público vigente (%(list)s)."
        ) % {
            "section": SINGLE_SUPPORT_SECTIONS[application.scheme],
            "list": "; ".join(held),
        }
        if blocking:
            reason += " " + _requirements_reason(
                [check.requirement.code for check in blocking], application, today
            )
    elif is_eligible_by_requirements(checks):
        step = "eligible"
        reason = _("Cumple los requisitos de §3.4 y §3.4.1.")
    else:
        step = "not_eligible" if any(check.final for check in blocking) else "observe"
        reason = _requirements_reason(
            [check.requirement.code for check in blocking], application, today
        )
    return step_take(APPLICATION, application, step, reason=reason, actor=actor)


def debt_text(debt: Debt) -> str:
    """Return a debt from an earlier call in words, with its call and date."""
    if debt.kind == "recorded":
        owed = _(
            "adeuda %(what)s de la convocatoria %(call)s (%(year)s), según el "
            "registro del personal con su evidencia"
        ) % {"what": debt.what, "call": debt.call_code, "year": debt.call_year}
        if debt.amount:
            owed += " " + _("por %(amount)s") % {
                "amount": format_mxn(Decimal(debt.amount))
            }
        return owed
    if debt.kind == "report":
        return _(
            "adeuda un informe de la convocatoria %(call)s (%(year)s), vencido el "
            "%(due)s"
        ) % {"call": debt.call_code, "year": debt.call_year, "due": debt.due_on}
    return _(
        "adeuda un reintegro de %(amount)s de la convocatoria %(call)s (%(year)s), "
        "vencido el %(due)s"
    ) % {
        "amount": format_mxn(Decimal(debt.amount)),
        "call": debt.call_code,
        "year": debt.call_year,
        "due": debt.due_on,
    }


def _requirements_reason(
    codes: Collection[str], application: Application, today: date
) -> str:
    parts = []
    for code in sorted(codes, key=lambda c: [int(x) for x in c.split(".")]):
        requirement = REQUIREMENTS_BY_CODE[code]
        cure = _("subsanable") if requirement.curable else _("no subsanable")
        parts.append(f"§3.4 {code} ({requirement.document}; {cure})")
    if "3" in codes:
        problems = application_budget_problems(application)
        parts.extend(budget_problem_text(problem) for problem in problems)
    if "4" in codes:
        parts.extend(
            debt_text(debt)
            for debt in organization_debts(
                application.organization,
                call_year=application.call.fiscal_year,
                today=today,
            )
        )
    return _("No cumple: %(list)s.") % {"list": "; ".join(parts)}
