"""Django admin for PKs: read-only, for the platform operator (superuser) only.

Every change to a PK goes through ``agreements.services`` (pages, API, Excel), which the admin's
generic forms would bypass; the admin only shows records and their audit history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, AgreementEvent, Indicator, Program, Sasaran


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


class SasaranInline(ReadOnlyPlatform, admin.TabularInline):
    model = Sasaran
    fields = ("order", "name", "supports")
    extra = 0


class ProgramInline(ReadOnlyPlatform, admin.TabularInline):
    model = Program
    fields = ("order", "level", "code", "name", "budget")
    extra = 0


class EventInline(ReadOnlyPlatform, admin.TabularInline):
    model = AgreementEvent
    fields = ("created_at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyPlatform, SimpleHistoryAdmin):
    list_display = ("__str__", "pemda", "status", "version", "signed_on")
    list_filter = ("status", "pemda", "fiscal_year__year")
    search_fields = ("unit__name", "unit__code", "pemda__name")
    list_select_related = ("pemda", "fiscal_year", "unit")
    inlines = [SasaranInline, ProgramInline, EventInline]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyPlatform, SimpleHistoryAdmin):
    list_display = ("name", "satuan", "polarity", "period_rule", "target", "sasaran")
    list_filter = ("polarity", "period_rule", "is_iku")
    search_fields = ("name", "sasaran__name")
    list_select_related = ("sasaran",)
