from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Employee, Location, Organisation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "roles", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(obj.role_names)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent"]
    search_fields = ["name", "code"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["parent"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "jurisdiction", "region", "time_zone"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "code", "region"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = [
        "employee_number",
        "last_name",
        "first_name",
        "job_title",
        "department",
        "location",
        "manager",
        "employment_status",
    ]
    list_filter = [
        "employment_status",
        "location__jurisdiction",
        "location",
        "department",
        "family_name_first",
    ]
    search_fields = ["employee_number", "first_name", "last_name", "work_email", "job_title"]
    autocomplete_fields = ["department", "location", "manager", "user"]
    list_select_related = ["department", "location", "manager"]
    date_hierarchy = "start_date"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """The employer's letterhead and signatory: a single row, never removed."""

    list_display = ["name", "signatory_name", "signatory_title", "email"]

    def has_add_permission(self, request) -> bool:
        return not Organisation.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
