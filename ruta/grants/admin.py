"""Grants in the administration: read-only, and without personal data.

Every change to a grant goes through the services (rules, deadlines,
permissions, audit), so the admin only lists records. The beneficiary
register, the bank accounts and the people an application or an
organisation names are personal data: those models are not here, and the
screens below show only public fields.
"""

from django.contrib import admin

from ruta.grants import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show records without letting the admin add, change or delete them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _read_only(model, columns: list[str], **options) -> None:
    """Register ``model`` read-only, showing only ``columns``."""
    attrs = {"list_display": columns, "fields": columns, **options}
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attrs))


_read_only(
    models.Call,
    [
        "code",
        "title",
        "agency",
        "opens_on",
        "closes_on",
        "result_on",
        "shortfall",
        "rules_document",
    ],
    search_fields=["code", "title"],
)
_read_only(models.Organization, ["name", "rfc"], search_fields=["name", "rfc"])
_read_only(
    models.Application,
    ["call", "folio", "organization", "title", "status"],
    list_filter=["status"],
)
_read_only(models.AllocationRun, ["call", "ran_at"])
_read_only(models.Agreement, ["application", "status", "cited_on", "signed_on"])
_read_only(models.Disbursement, ["agreement", "month", "amount", "status"])
_read_only(models.Report, ["agreement", "kind", "period_end", "due_on", "status"])
_read_only(
    models.Sanction,
    ["agreement", "kind", "cause", "started_on", "status", "lifted_on"],
)
_read_only(
    models.Refund,
    ["agreement", "cause", "amount", "due_on", "status", "paid_on", "confirmed_on"],
)
