"""Administration of users and their roles (Spanish for administrators)."""

from typing import ClassVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ruta.accounts.forms import UserChangeForm, UserCreationForm
from ruta.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["agency", "municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Datos personales"), {"fields": ["full_name"]}),
        (_("Permisos"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal: ClassVar[list[str]] = []
    list_filter = ["is_active", "is_staff", "assignments__role"]
