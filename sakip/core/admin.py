"""Django admin for the platform operator (superuser) only, with the audit history of each record.

Pemda staff use the portal pages; the admin is a maintenance tool spanning every Pemda, so each
model admin here is restricted to superusers whatever their model permissions say.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import FiscalYear, Notification, Pemda, Period, RankingCategory, RoleAssignment, Unit, UnitHead, User


class PlatformOnly:
    """Only the platform operator (superuser) may use these admin pages."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class RankingCategoryInline(admin.TabularInline):
    model = RankingCategory
    extra = 0
    fields = ("code", "name", "order")


@admin.register(Pemda)
class PemdaAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("name", "kind", "province", "timezone", "is_active")
    list_filter = ("kind", "timezone", "is_active")
    search_fields = ("name", "province")
    readonly_fields = ("uid", "created_at", "updated_at")
    inlines = [RankingCategoryInline]


@admin.register(RankingCategory)
class RankingCategoryAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("name", "code", "pemda", "order")
    list_filter = ("pemda",)
    search_fields = ("name", "code")


class UnitHeadInline(admin.TabularInline):
    model = UnitHead
    extra = 0
    fields = ("name", "nip", "rank", "title", "acting", "start_date", "end_date", "user")
    raw_id_fields = ("user",)


@admin.register(Unit)
class UnitAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("code", "name", "type", "parent", "pemda", "is_active")
    list_filter = ("pemda", "type", "is_active")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent", "pemda")
    raw_id_fields = ("parent",)
    readonly_fields = ("uid", "created_at", "updated_at")
    inlines = [UnitHeadInline]


@admin.register(UnitHead)
class UnitHeadAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("name", "nip", "title", "acting", "unit", "start_date", "end_date")
    list_filter = ("pemda", "acting")
    search_fields = ("name", "nip", "unit__name")
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "user")


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0
    fields = ("kind", "number", "start_date", "end_date")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FiscalYear)
class FiscalYearAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("year", "pemda", "is_current", "frequency", "deadline_day", "grace_days")
    list_filter = ("pemda", "is_current")
    inlines = [PeriodInline]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("pemda", "role", "unit", "is_team_lead", "position")
    raw_id_fields = ("unit",)


@admin.register(User)
class UserAdmin(PlatformOnly, DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name", "email", "pemda", "is_active", "is_superuser")
    list_filter = ("pemda", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email", "nip")
    list_select_related = ("pemda",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal SAKIP"), {"fields": ("pemda", "full_name", "nip", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Portal SAKIP"), {"fields": ("pemda", "full_name", "email")}),
    )
    inlines = [RoleInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(PlatformOnly, SimpleHistoryAdmin):
    list_display = ("user", "role", "unit", "pemda", "is_team_lead", "position")
    list_filter = ("pemda", "role")
    search_fields = ("user__username", "user__full_name", "unit__name")
    list_select_related = ("user", "unit", "pemda")
    raw_id_fields = ("user", "unit")


@admin.register(Notification)
class NotificationAdmin(PlatformOnly, admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    list_filter = ("pemda",)
    search_fields = ("title", "user__username")
    raw_id_fields = ("user",)
