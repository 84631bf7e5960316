"""Administration of the catalogs (normally loaded from the data files)."""

from django.contrib import admin

from ruta.catalog import models


@admin.register(models.State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation"]
    search_fields = ["code", "name"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "state", "plan"]
    list_filter = ["state", "plan"]


@admin.register(models.Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "state", "region", "population_2020"]
    list_filter = ["state", "region"]
    search_fields = ["code", "name", "name_folded"]
    list_select_related = ["state", "region"]


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent", "municipality"]
    list_filter = ["kind", "state"]
    search_fields = ["code", "name", "acronym", "name_folded"]
    autocomplete_fields = ["parent", "municipality"]
    list_select_related = ["parent", "municipality"]


@admin.register(models.FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "is_closed", "notes"]


class PlanElementInline(admin.TabularInline):
    model = models.PlanElement
    extra = 0
    fields = ["kind", "key", "number", "name", "parent"]


@admin.register(models.PlanFramework)
class PlanFrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "start_year", "end_year"]
    inlines = [PlanElementInline]
