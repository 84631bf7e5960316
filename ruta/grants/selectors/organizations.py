"""Reads for an organisation's own page and staff's review of sign-ups.

The page shows what the organisation does with the platform: where its
registration stands, its applications, what is due, the notices it was
sent and the documents it presented. Its representative's name and contact
are personal data, shown (and the read logged) only to those who act for it
and administrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from ruta.accounts.permissions import Action, Scope, can, can_over_any
from ruta.accounts.personal import personal_data_read_log
from ruta.grants.models import (
    Application,
    ApplicationDocument,
    Call,
    Notice,
    Organization,
    Refund,
    Report,
)
from ruta.grants.rules.identifiers import cluni_check
from ruta.grants.rules.requirements import (
    CurrentSupport,
    Debt,
    OwedRefund,
    OwedReport,
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
    review sign-ups (``may_review``) while it waits for review.
    """
    if can(user, Action.VIEW_PERSONAL_DATA, organization):
        return True
    if user.pk in organization.member_ids():
        return True
    if may_review(user) and organization.status == "pending":
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
        .values_list("call__code", "folio", "title")
    )
    return [CurrentSupport(code, folio, title) for code, folio, title in rows]
