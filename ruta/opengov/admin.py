"""Read-only administration of action plans: reports are written by imports."""

from django.contrib import admin

from ruta.opengov.models import (
    ActionPlan,
    Commitment,
    CommitmentReport,
    DraftRegulation,
)


class ReadOnly(admin.ModelAdmin):
    """Screens to look, not to write: writes go through the import's services."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnly):
    list_display = ["title", "state", "created"]
    search_fields = ["title", "key"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnly):
    list_display = ["number", "name", "agency_printed", "agency", "plan"]
    list_filter = ["plan"]
    search_fields = ["name", "agency_printed"]
    list_select_related = ["agency", "plan"]


@admin.register(CommitmentReport)
class CommitmentReportAdmin(ReadOnly):
    list_display = ["commitment", "period", "progress_pct"]
    list_filter = ["period__plan"]
    list_select_related = ["commitment", "period", "period__plan"]


@admin.register(DraftRegulation)
class DraftRegulationAdmin(ReadOnly):
    list_display = ["title", "agency", "opens_on", "closes_on", "closed_at"]
    search_fields = ["title", "slug"]
    list_select_related = ["agency"]
