"""Administration of report categories and a read-only view of Open311 keys.

Reports themselves are not in the admin: their reporters' contact is read
only on the moderation pages, where each read is logged. Keys are issued and
revoked on the staff page (``/problematicas/claves/``), which shows the
secret once; here they are listed.
"""

from django.contrib import admin

from ruta.problems.models import ApiKey, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reports keep their category; retire it instead


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "created", "revoked_at"]
    readonly_fields = ["name", "prefix", "key_hash", "created", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
