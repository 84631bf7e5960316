"""Administration of works catalogs; works, money and aid are read-only here.

Works change only through the services (workflow, funding that adds up,
progress rules), so the admin shows them without edit rights. Committees and
their members are personal data and are not in the admin at all.
"""

from django.contrib import admin

from ruta.works import models


@admin.register(models.WorksProgram)
class WorksProgramAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "acronym", "agency"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["agency"]


@admin.register(models.Subprogram)
class SubprogramAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name"]
    ordering = ["position"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show records without letting the admin add, change or delete them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class FundingInline(admin.TabularInline):
    model = models.Funding
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Work)
class WorkAdmin(ReadOnlyAdmin):
    list_display = [
        "public_id",
        "title",
        "program",
        "subprogram",
        "municipality",
        "status",
        "total_investment",
        "is_demo",
    ]
    list_filter = ["fiscal_year", "program", "subprogram", "status", "is_demo"]
    search_fields = ["public_id", "title"]
    list_select_related = ["program", "subprogram", "municipality"]
    inlines = [FundingInline]


@admin.register(models.Aid)
class AidAdmin(ReadOnlyAdmin):
    list_display = ["public_id", "fiscal_year", "concept", "municipality", "amount"]
    list_filter = ["fiscal_year", "concept", "is_demo"]
    search_fields = ["public_id", "description"]


@admin.register(models.EmergencyAction)
class EmergencyActionAdmin(ReadOnlyAdmin):
    list_display = ["concept", "municipality_as_printed", "amount", "fiscal_year"]
    list_filter = ["fiscal_year"]
