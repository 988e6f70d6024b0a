"""Template filters for Indonesian formats, available in every template (builtins).

``{{ value|angka }}`` 1.250,50 · ``{{ value|angka:0 }}`` · ``{{ value|rupiah }}`` Rp 1.250.000 ·
``{{ value|persen }}`` 61,76% · ``{{ date|tanggal }}`` 4 Februari 2025 · ``{{ dt|waktu }}``.
"""

from django import template
from django.utils import timezone

from sakip.lib import dates, numbers

register = template.Library()


@register.filter
def angka(value, places=2):
    return numbers.format_number(value, int(places))


@register.filter
def angka_ringkas(value, places=2):
    return numbers.format_number(value, int(places), strip=True)


@register.filter
def rupiah(value):
    return numbers.format_rupiah(value)


@register.filter
def persen(value, places=2):
    return numbers.format_percent(value, int(places))


@register.filter
def tanggal(value, with_day=False):
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dates.format_date(value, with_day=bool(with_day))


@register.filter
def waktu(value):
    if value is not None and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dates.format_datetime(value)
