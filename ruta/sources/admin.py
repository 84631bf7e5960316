"""Read-only administration of imported documents, their rows and findings.

What a document printed is evidence: it is never edited here, only read or
re-imported from the file.
"""

from django.contrib import admin

from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DocumentFindingInline(ReadOnlyInline):
    model = DocumentFinding
    fields = ["code", "message", "where"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "agency", "fiscal_year", "imported_at"]
    list_filter = ["kind", "fiscal_year"]
    search_fields = ["name", "sha256"]
    list_select_related = ["agency", "fiscal_year"]
    inlines = [DocumentFindingInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PublishedRow)
class PublishedRowAdmin(admin.ModelAdmin):
    list_display = ["document", "table_id", "row_number", "line", "label", "is_total"]
    list_filter = ["table_id", "is_total"]
    search_fields = ["label"]
    list_select_related = ["document"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
