"""Programs in the Django admin: read-mostly; values change through services."""

from django.contrib import admin

from ruta.common.audit.kept import is_kept
from ruta.programs.models import (
    ExecutingUnit,
    Goal,
    PlanReference,
    Program,
    QuarterProgress,
    Ramo,
    ReviewDecision,
    UnitProgram,
)


@admin.register(Ramo)
class RamoAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency"]


@admin.register(ExecutingUnit)
class ExecutingUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "ramo", "agency"]
    list_select_related = ["ramo", "agency"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "ramo", "code", "name"]
    list_filter = ["fiscal_year"]


@admin.register(PlanReference)
class PlanReferenceAdmin(admin.ModelAdmin):
    list_display = ["kind", "code", "name", "plan", "element"]
    list_filter = ["kind"]


@admin.register(UnitProgram)
class UnitProgramAdmin(admin.ModelAdmin):
    list_display = ["program", "executing_unit", "reported_quarter", "status"]
    list_filter = ["status", "program__fiscal_year"]
    readonly_fields = ["status", "readings", "source_document", "source_copies"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "unit_program", "annual_target", "status"]
    list_filter = ["status"]
    readonly_fields = ["status", "readings", "quarter_candidates", "source_document"]


@admin.register(QuarterProgress)
class QuarterProgressAdmin(admin.ModelAdmin):
    """Quarter values are read-only here: capture, review and approval are pages."""

    list_display = ["goal", "quarter", "programmed", "achieved", "status"]
    list_filter = ["status", "quarter"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        """Offer no delete of an approved quarter (``ruta.common.audit.kept``)."""
        return super().has_delete_permission(request, obj) and not is_kept(obj)


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ["decided_at", "decided_by", "unit_program", "goal", "field"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        """Offer no delete of a decision: each is kept (``ruta.common.audit.kept``)."""
        return False
