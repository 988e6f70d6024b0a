"""Django admin for realisation: read-only, for the platform operator (superuser) only.

Every change goes through ``evaluations.services`` (pages, API, Excel), which the admin's generic
forms would bypass; the admin only shows records and their audit history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CapaianSetting, Evidence, PeriodReport, Realisation, RealisationChange, ReminderLog


class ReadOnlyPlatform:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RealisationInline(ReadOnlyPlatform, admin.TabularInline):
    model = Realisation
    fields = ("indicator", "value", "kendala", "upaya", "updated_by", "updated_at")
    extra = 0


@admin.register(PeriodReport)
class PeriodReportAdmin(ReadOnlyPlatform, SimpleHistoryAdmin):
    list_display = ("unit", "period", "status", "deadline", "is_late", "changed_after_acceptance", "pemda")
    list_filter = ("pemda", "status", "is_late", "period__fiscal_year__year")
    search_fields = ("unit__name", "unit__code")
    list_select_related = ("unit", "period", "pemda")
    inlines = [RealisationInline]


@admin.register(CapaianSetting)
class CapaianSettingAdmin(ReadOnlyPlatform, SimpleHistoryAdmin):
    list_display = ("pemda", "fiscal_year", "unlock_hours", "max_upload_mb")
    list_select_related = ("pemda", "fiscal_year")


@admin.register(RealisationChange)
class RealisationChangeAdmin(ReadOnlyPlatform, admin.ModelAdmin):
    list_display = ("realisation", "old_value", "new_value", "reason", "by", "after_acceptance", "created_at")
    list_select_related = ("realisation__indicator", "by")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyPlatform, admin.ModelAdmin):
    list_display = ("original_name", "content_type", "size", "uploaded_by", "created_at")
    list_select_related = ("uploaded_by",)


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyPlatform, admin.ModelAdmin):
    list_display = ("unit", "period", "kind", "recipients", "created_at")
    list_select_related = ("unit", "period")
