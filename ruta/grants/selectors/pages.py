"""Reads for the grants pages: who may do what, the dashboard, the register's
public aggregates, an application's file with its personal data logged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from ruta.accounts.actors import is_system
from ruta.accounts.permissions import Action, can, can_anywhere
from ruta.accounts.personal import personal_data_read_log
from ruta.grants.models import (
    Agreement,
    Application,
    BeneficiaryEntry,
    Call,
    Disbursement,
    Observation,
    Refund,
    Report,
    ReportStatus,
    Sex,
)
from ruta.grants.models.calls import OrganizationQuerySet
from ruta.grants.rules.deadlines import bank_account_due
from ruta.grants.selectors.duties import DueItem, completion_duties, due_item

AGE_GROUPS = (
    (0, 11, "0–11"),
    (12, 17, "12–17"),
    (18, 29, "18–29"),
    (30, 59, "30–59"),
    (60, 120, "60+"),
)
# Cells with fewer people than this are published as "<5" (no one singled out).
SMALL_CELL = 5


def may_manage(user: Any, call: Call) -> bool:
    """Return whether ``user`` runs the call (staff of its administering body)."""
    return can(user, Action.VALIDATE, call)


def may_score(user: Any, call: Call) -> bool:
    """Return whether ``user`` sits on the call's committee (scores)."""
    return can(user, Action.SCORE_GRANT, call)


def acts_for(user: Any, application: Application) -> bool:
    """Return whether ``user`` acts for the application's organisation."""
    return can(user, Action.APPLY_GRANT, application)


def may_open(user: Any, application: Application) -> bool:
    """Return whether ``user`` may open an application's file.

    Its organisation, the call's staff and reviewers, and whoever reads its
    personal data (an auditor of the call's body or of the body ruling it).
    """
    call = application.call
    return (
        acts_for(user, application)
        or may_manage(user, call)
        or may_score(user, call)
        or can(user, Action.VIEW_PERSONAL_DATA, application)
    )


def user_organizations(user: Any) -> OrganizationQuerySet:
    """Return the organisations ``user`` acts for."""
    from ruta.grants.models import Organization

    if user is None or is_system(user) or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(members=user).order_by("name")


@dataclass(frozen=True)
class PersonalView:
    """The personal data of an application's file a reader may see (logged)."""

    representative: str = ""
    representative_curp: str = ""
    representative_contact: tuple[str, str] = ("", "")
    coordinator: tuple[str, str, str] | None = None
    clabe: str = ""
    beneficiaries: tuple[BeneficiaryEntry, ...] = ()


def application_personal(
    application: Application, reader: Any, path: str
) -> PersonalView:
    """Return what of the file's personal data ``reader`` may see, logging each read."""
    organization = application.organization
    fields: dict[str, Any] = {}
    if can(reader, Action.VIEW_PERSONAL_DATA, organization):
        personal_data_read_log(organization, reader, path)
        fields["representative"] = organization.legal_representative
        fields["representative_curp"] = organization.representative_curp
        fields["representative_contact"] = (
            organization.representative_email,
            organization.representative_phone,
        )
    if can(reader, Action.VIEW_PERSONAL_DATA, application):
        personal_data_read_log(application, reader, path)
        fields["coordinator"] = (
            application.coordinator_name,
            application.coordinator_curp,
            application.coordinator_email,
        )
        agreement = Agreement.objects.filter(application=application).first()
        if agreement is not None:
            personal_data_read_log(agreement, reader, path)
            account = getattr(agreement, "bank_account", None)
            fields["clabe"] = account.clabe if account else ""
            fields["beneficiaries"] = tuple(
                agreement.beneficiaries.select_related("municipality")
            )
    return PersonalView(**fields)


def application_file(application: Application) -> dict[str, Any]:
    """Return everything of an application's file that is not personal data."""
    agreement = Agreement.objects.filter(application=application).first()
    context: dict[str, Any] = {
        "lines": list(application.budget_lines.all()),
        "documents": list(
            application.documents.order_by("requirement", "-uploaded_at")
        ),
        "agreement": agreement,
    }
    if agreement is not None:
        context.update(
            account=getattr(agreement, "bank_account", None),
            disbursements=list(agreement.disbursements.prefetch_related("cfdis")),
            reports=list(agreement.reports.prefetch_related("observations")),
            sanctions=list(agreement.sanctions.all()),
            refunds=list(agreement.refunds.all()),
        )
    return context


def dashboard(user: Any, today: date) -> list[DueItem]:
    """Return what is due or overdue for the calls ``user`` runs or the
    organisations they act for, soonest first.

    The organisations' own applications also owe their missing documents
    before their call closes (``duties.completion_duties``); staff see those
    on each application, not as their own duties.
    """
    mine = _applications_in_reach(user)
    items: list[DueItem] = completion_duties(_own_applications(user), today)
    for agreement in Agreement.objects.filter(application__in=mine, status="cited"):
        items.append(_item(agreement.due_on, "agreement", agreement.application, today))
    for agreement in Agreement.objects.filter(
        application__in=mine, status="signed"
    ).select_related("application__call", "bank_account"):
        account = getattr(agreement, "bank_account", None)
        if account is None or account.proven_on is None:
            due = (
                account.due_on
                if account
                else bank_account_due(
                    agreement.signed_date, agreement.application.call.bank_account_days
                )
            )
            items.append(_item(due, "account", agreement.application, today))
    for report in Report.objects.filter(
        agreement__application__in=mine,
        status__in=(ReportStatus.PENDING, ReportStatus.OVERDUE),
    ).select_related("agreement__application"):
        limit = report.extended_until or report.due_on
        items.append(_item(limit, "report", report.agreement.application, today))
    for observation in Observation.objects.filter(
        report__agreement__application__in=mine, answered_on__isnull=True
    ).select_related("report__agreement__application"):
        items.append(
            _item(
                observation.answer_due,
                "observation",
                observation.report.agreement.application,
                today,
            )
        )
    for disbursement in Disbursement.objects.filter(
        agreement__application__in=mine, status="scheduled"
    ).select_related("agreement__application"):
        items.append(
            _item(
                disbursement.month.replace(day=5),
                "invoice",
                disbursement.agreement.application,
                today,
            )
        )
    for refund in Refund.objects.filter(
        agreement__application__in=mine, paid_on__isnull=True
    ).select_related("agreement__application"):
        items.append(
            _item(refund.due_on, "refund", refund.agreement.application, today)
        )
    return sorted(items, key=lambda item: (item.due_on, item.application.pk, item.what))


def _item(due_on: date, what: str, application: Application, today: date) -> DueItem:
    return due_item(due_on, what, application, today)


def _own_applications(user: Any) -> QuerySet:
    """Return the applications of the organisations ``user`` acts for."""
    if user is None or is_system(user) or not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(organization__members=user)
        .select_related("call", "organization")
        .prefetch_related("documents")
    )


def _applications_in_reach(user: Any) -> QuerySet:
    applications = Application.objects.select_related("call", "organization")
    if user is None or not user.is_authenticated:
        return applications.none()
    if can_anywhere(user, Action.MANAGE_USERS):
        return applications
    managed = [c.pk for c in Call.objects.all() if may_manage(user, c)]
    return applications.filter(Q(call__in=managed) | Q(organization__members=user))


@dataclass(frozen=True)
class Aggregate:
    """A count of people in the register by one dimension (public)."""

    dimension: str
    value: str
    people: int | None  # None: fewer than SMALL_CELL, published as "<5"


def age_group(age: int) -> str:
    """Return the published age group of an age."""
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def register_aggregates(call: Call) -> list[Aggregate]:
    """Return the register's public aggregates: municipality, sex, age group, benefit.

    Only counts, never a row; small cells are withheld as "<5".
    """
    rows = BeneficiaryEntry.objects.filter(
        agreement__application__call=call
    ).values_list("municipality__name", "sex", "age", "benefit")
    counters: dict[str, Counter[str]] = {
        name: Counter() for name in ("municipality", "sex", "age", "benefit")
    }
    for municipality, sex, age, benefit in rows:
        counters["municipality"][municipality] += 1
        counters["sex"][str(Sex(sex).label)] += 1
        counters["age"][age_group(age)] += 1
        counters["benefit"][benefit] += 1
    return [
        Aggregate(dimension, value, count if count >= SMALL_CELL else None)
        for dimension, counter in counters.items()
        for value, count in sorted(counter.items())
    ]


def funded_totals(call: Call) -> dict[int, Decimal]:
    """Return the money transferred per application of the call (its progress)."""
    rows = (
        Disbursement.objects.filter(
            agreement__application__call=call, status="transferred"
        )
        .values_list("agreement__application_id")
        .annotate(total=Sum("amount"))
    )
    return dict(rows)
