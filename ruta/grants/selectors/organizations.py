"""Reads for an organisation's own page and staff's review of sign-ups.

The page shows what the organisation does with the platform: where its
registration stands, its applications, what is due, the notices it was
sent and the documents it presented. Its representative's name and contact
are personal data, shown (and the read logged) only to those who act for it
and administrators.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from ruta.accounts.permissions import Action, Scope, can, can_over_any
from ruta.accounts.personal import personal_data_read_log
from ruta.grants.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    Call,
    DeclaredSupport,
    Notice,
    Organization,
    RecordedDebt,
    Refund,
    Report,
)
from ruta.grants.reasons import support_warning_text
from ruta.grants.rules.identifiers import cluni_check
from ruta.grants.rules.requirements import (
    SINGLE_SUPPORT_SECTIONS,
    CurrentSupport,
    Debt,
    KnownSupport,
    OwedRefund,
    OwedReport,
    RecordedOwed,
    SupportDeclared,
    declared_support_warnings,
    earlier_call_debts,
)
from ruta.grants.selectors.pages import DueItem, dashboard, may_manage

NOTICES_SHOWN = 50
# The public directory's organisations a page.
DIRECTORY_PAGE = 50


def administering_bodies() -> list[Scope]:
    """Return the scope of every agency that administers a grants call."""
    agencies = Call.objects.order_by().values_list("agency_id", flat=True).distinct()
    return [Scope(agency_id=agency_id) for agency_id in agencies]


def may_review(user: Any) -> bool:
    """Return whether ``user`` reviews sign-ups: staff of an administering body.

    A validator of an agency that administers a grants call (or of one above
    it), or an administrator: a validator of any other agency has no part in
    grants, and an organisation under review shows its CLUNI and contact.
    """
    return can_over_any(user, Action.VALIDATE, administering_bodies())


def may_see_organization(user: Any, organization: Organization) -> bool:
    """Return whether ``user`` may open the organisation's page.

    Those who act for it, staff running a call it applied to, and staff who
    review sign-ups (``may_review``): while it waits for review, and once
    approved, to keep its debts from earlier calls (requirement 4).
    """
    if can(user, Action.VIEW_PERSONAL_DATA, organization):
        return True
    if user.pk in organization.member_ids():
        return True
    if may_review(user) and organization.status in ("pending", "approved"):
        return True
    return any(
        may_manage(user, application.call)
        for application in organization.applications.select_related("call")
    )


@dataclass(frozen=True)
class Representative:
    """The legal representative as those who may read it see it (logged)."""

    name: str
    email: str
    phone: str


def representative_read(
    organization: Organization, reader: Any, purpose: str
) -> Representative | None:
    """Return the representative's data if ``reader`` may see it, logging the read."""
    if not can(reader, Action.VIEW_PERSONAL_DATA, organization):
        return None
    personal_data_read_log(organization, reader, purpose)
    return Representative(
        organization.legal_representative,
        organization.representative_email,
        organization.representative_phone,
    )


@dataclass(frozen=True)
class OrganizationPage:
    """What the organisation's page lists."""

    applications: list[Application]
    due: list[DueItem]
    notices: list[Notice]
    documents: list[ApplicationDocument]
    cluni_warning: bool


def organization_page(
    organization: Organization, reader: Any, today: date
) -> OrganizationPage:
    """Return the organisation's applications, deadlines, notices and documents."""
    applications = list(
        organization.applications.select_related("call").order_by(
            "-received_at", "folio"
        )
    )
    mine = {application.pk for application in applications}
    due = [item for item in dashboard(reader, today) if item.application.pk in mine]
    notices = list(
        Notice.objects.filter(application__organization=organization)
        .select_related("application__call")
        .order_by("-sent_at")[:NOTICES_SHOWN]
    )
    documents = list(
        ApplicationDocument.objects.filter(application__organization=organization)
        .select_related("application__call")
        .order_by("-uploaded_at")
    )
    warning = cluni_check(organization.cluni, rfc=organization.rfc).warning
    return OrganizationPage(
        applications, due, notices, documents, cluni_warning=bool(warning)
    )


def organizations_awaiting_review() -> QuerySet[Organization]:
    """Return the organisations that verified their e-mail, oldest first."""
    return Organization.objects.awaiting_review().order_by("email_verified_at", "pk")


def organization_checks(organization: Organization) -> dict[str, Any]:
    """Return what staff read before approving: the CLUNI against the RFC."""
    check = cluni_check(organization.cluni, rfc=organization.rfc)
    return {"cluni_ok": check.ok, "cluni_warning": check.warning}


def organization_debts(
    organization: Organization, *, call_year: int, today: date
) -> list[Debt]:
    """Return what ``organization`` owes from calls before ``call_year`` (§3.4
    req. 4): reports not delivered and refunds not made, from the platform's
    own records of its earlier agreements."""
    agreements = {"agreement__application__organization": organization}
    reports = Report.objects.filter(
        **agreements, agreement__application__call__fiscal_year__lt=call_year
    ).values_list(
        "agreement__application__call__code",
        "agreement__application__call__fiscal_year",
        "kind",
        "status",
        "due_on",
        "extended_until",
    )
    recorded = organization.recorded_debts.filter(
        call_year__lt=call_year, settled_on__isnull=True
    ).values_list("call_name", "call_year", "what", "recorded_at", "amount")
    refunds = Refund.objects.filter(
        **agreements, agreement__application__call__fiscal_year__lt=call_year
    ).values_list(
        "agreement__application__call__code",
        "agreement__application__call__fiscal_year",
        "status",
        "due_on",
        "amount",
    )
    return earlier_call_debts(
        [
            OwedReport(code, year, kind, status, extended or due)
            for code, year, kind, status, due, extended in reports
        ],
        [
            OwedRefund(code, year, status, due, str(amount))
            for code, year, status, due, amount in refunds
        ],
        call_year=call_year,
        today=today,
        recorded=[
            RecordedOwed(
                name,
                year,
                what,
                timezone.localdate(at),
                "" if amount is None else str(amount),
            )
            for name, year, what, at, amount in recorded
        ],
    )


@dataclass(frozen=True)
class DirectoryCall:
    """One application of an organisation to a published call, as the
    directory lists it: the call, the project and where it stands."""

    call_code: str
    call_title: str
    year: int
    title: str
    municipality: str
    status: str
    supported: bool


# The statuses of an application the allocation supported and that kept it:
# the directory's dataset counts them (``DirectoryEntry.supported``).
SUPPORTED = frozenset(
    {
        ApplicationStatus.SUPPORTED,
        ApplicationStatus.FORMALIZED,
        ApplicationStatus.SUSPENDED,
        ApplicationStatus.CONCLUDED,
    }
)


@dataclass(frozen=True)
class DirectoryEntry:
    """An organisation in the public directory (§3.4 req. 12, §3.7.2-11):
    its public identifiers and its applications; never a contact."""

    name: str
    rfc: str
    cluni: str
    state_registry_folio: str
    municipalities: tuple[str, ...]
    calls: tuple[DirectoryCall, ...]
    is_demo: bool


def directory_organizations() -> QuerySet[Organization]:
    """Return the organisations the public directory lists, by its rule."""
    return Organization.objects.approved().filter(
        pk__in=Organization.objects.filter(
            Q(applications__call__in=Call.objects.here())
            | ~Q(pk__in=Application.objects.values("organization_id"))
        ).values("pk")
    )


def organization_directory() -> list[DirectoryEntry]:
    """Return every approved organisation with its applications to published
    calls, by name. Contacts, the legal representative and the coordinators
    are personal data: none is read here.

    The calls are the instance's (``Call.here``): on a municipality's, an
    organisation that applied only to other governments' calls is theirs,
    not listed; one that has applied to none yet signed up here.
    """
    calls = Call.objects.published().here()
    organizations = list(
        directory_organizations()
        .order_by("name", "pk")
        .only("pk", "name", "rfc", "cluni", "state_registry_folio", "is_demo")
    )
    applications: dict[int, list[DirectoryCall]] = {}
    rows = (
        Application.objects.filter(organization__in=organizations, call__in=calls)
        .select_related("call", "municipality")
        .only(
            "organization_id",
            "title",
            "status",
            "call__code",
            "call__title",
            "call__fiscal_year",
            "municipality__name",
        )
        .order_by("-call__fiscal_year", "call__code", "folio")
    )
    for application in rows:
        applications.setdefault(application.organization_id, []).append(
            DirectoryCall(
                call_code=application.call.code,
                call_title=application.call.title,
                year=application.call.fiscal_year,
                title=application.title,
                municipality=(
                    application.municipality.name if application.municipality else ""
                ),
                status=application.get_status_display(),
                supported=application.status in SUPPORTED,
            )
        )
    return [
        DirectoryEntry(
            name=organization.name,
            rfc=organization.rfc,
            cluni=organization.cluni,
            state_registry_folio=organization.state_registry_folio,
            municipalities=tuple(
                sorted(
                    {c.municipality for c in applications.get(organization.pk, [])}
                    - {""}
                )
            ),
            calls=tuple(applications.get(organization.pk, [])),
            is_demo=organization.is_demo,
        )
        for organization in organizations
    ]


def organization_current_supports(
    organization: Organization, *, besides: Application
) -> list[CurrentSupport]:
    """Return the organisation's other applications whose agreement is in
    force (cited or signed, not concluded, cancelled or lapsed): the public
    support the platform itself gives it now (§3.6.2 a, §3.6.3 a)."""
    rows = (
        Application.objects.filter(
            organization=organization, agreement__status__in=("cited", "signed")
        )
        .exclude(pk=besides.pk)
        .values_list("call__code", "folio", "title", "agreement__amount")
        .order_by("call__code", "folio")
    )
    return [
        CurrentSupport(code, folio, title, str(amount))
        for code, folio, title, amount in rows
    ]


# Other public support the platform knows of beyond the grants' own
# agreements: each source is ``(organization, today) -> supports`` and is
# registered by a layer above grants that reads its records (the social
# aids granted to the organisation's RFC: ``ruta.portal.supports``).
KnownSupportSource = Callable[[Organization, date], Sequence[KnownSupport]]
_KNOWN_SUPPORT_SOURCES: list[KnownSupportSource] = []


def known_support_source_register(source: KnownSupportSource) -> None:
    """Add ``source`` to those the commission's warnings read (once)."""
    if source not in _KNOWN_SUPPORT_SOURCES:
        _KNOWN_SUPPORT_SOURCES.append(source)


def organization_known_supports(
    organization: Organization, *, besides: Application, today: date | None = None
) -> list[KnownSupport]:
    """Return every other public support the platform records for the
    organisation: its agreements in force, then what each registered source
    knows (its granted aids of the last months)."""
    today = today or timezone.localdate()
    known: list[KnownSupport] = list(
        organization_current_supports(organization, besides=besides)
    )
    for source in _KNOWN_SUPPORT_SOURCES:
        known.extend(source(organization, today))
    return known


@dataclass(frozen=True)
class OtherSupport:
    """An application's declaration of other current public support and what
    the commission reads beside it (§3.6.2 a, §3.6.3 a)."""

    declared: list[DeclaredSupport] | None
    warnings: list[str]


def application_other_support(
    application: Application, *, today: date | None = None
) -> OtherSupport:
    """Return the declaration kept with ``application`` and its warnings
    against the organisation's agreements in force on the platform and the
    other support its registered sources know (``organization_known_supports``)."""
    declared = (
        None
        if application.other_support_declared_at is None
        else list(application.declared_supports.all())
    )
    warnings = declared_support_warnings(
        application.scheme,
        None
        if declared is None
        else [SupportDeclared(d.source, d.amount) for d in declared],
        organization_known_supports(
            application.organization, besides=application, today=today
        ),
    )
    section = SINGLE_SUPPORT_SECTIONS.get(application.scheme, "")
    return OtherSupport(
        declared, [support_warning_text(warning, section) for warning in warnings]
    )


def may_read_debts(user: Any, organization: Organization) -> bool:
    """Return whether ``user`` reads the organisation's debts and their
    evidence: staff who review organisations, and those who act for it."""
    return may_review(user) or user.pk in organization.member_ids()


@dataclass(frozen=True)
class OrganizationDebts:
    """What the organisation's page lists under requirement 4."""

    derived: list[Debt]
    recorded: list[RecordedDebt]


def organization_debts_page(
    organization: Organization, today: date
) -> OrganizationDebts:
    """Return the debts derived from the platform's records of every call up
    to this year's, and the debts staff recorded, settled ones included."""
    return OrganizationDebts(
        derived=[
            debt
            for debt in organization_debts(
                organization, call_year=today.year + 1, today=today
            )
            if debt.kind != "recorded"
        ],
        recorded=list(
            organization.recorded_debts.order_by("settled_on", "-call_year", "pk")
        ),
    )


# The address's word for each file of a recorded debt.
DEBT_FILES = {"evidencia": "evidence", "saldo": "settlement_evidence"}


def debt_file_read(
    organization: Organization, pk: int, kind: str, reader: Any, purpose: str
) -> tuple[Any, str] | None:
    """Return one evidence file of a recorded debt and its shown name, logging
    the read; ``None`` when there is none or ``reader`` may not open it."""
    field = DEBT_FILES.get(kind)
    if field is None or not may_read_debts(reader, organization):
        return None
    debt = organization.recorded_debts.filter(pk=pk).first()
    file = getattr(debt, field, None) if debt else None
    if not file:
        return None
    personal_data_read_log(organization, reader, purpose, service="grant_debt_file")
    return file, getattr(debt, f"{field}_name") or f"adeudo-{pk}-{kind}"
