"""Administration of indicator cards and results (normally read from reports)."""

from django.contrib import admin

from ruta.indicators.models import IndicatorCard, IndicatorResult


class IndicatorResultInline(admin.TabularInline):
    model = IndicatorResult
    extra = 0
    fields = [
        "year",
        "quarter",
        "municipality",
        "region",
        "value",
        "status",
        "document",
        "source_table",
        "source_row",
        "source_line",
    ]
    readonly_fields = ["document", "status"]
    raw_id_fields = ["municipality", "region"]


@admin.register(IndicatorCard)
class IndicatorCardAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "direction", "baseline_value", "goal_value"]
    list_filter = ["agency", "direction", "computation"]
    search_fields = ["name", "key", "method"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["document", "source_line"]
    inlines = [IndicatorResultInline]
