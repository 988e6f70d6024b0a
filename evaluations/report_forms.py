"""Forms of the monthly-report pages: the archive filters, generating a month on demand, the
coordination-meeting pack, the schedule settings and the unit one-pager filter.

The forms only check what a person picks or types; the rules (no future month, a fiscal year must
exist, a meeting pack needs sections, day 1–28, hour 0–23) live in ``evaluations.report_services``,
whose ``ValidationError`` messages are put back next to the fields by :func:`attach_errors`.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sakip.core.forms import add_service_errors as attach_errors  # noqa: F401  (used by the views)
from sakip.lib.dates import format_date, month_name

from .report_models import Report

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def month_label(year: int, month: int) -> str:
    """``Oktober 2026`` (in the active language)."""
    return f"{month_name(month)} {year}"


def report_title(report) -> str:
    """``Oktober 2026`` for a monthly report; ``Rapat 24 November 2026`` for a meeting pack."""
    if report.kind == Report.Kind.MEETING and report.meeting_date:
        return _("Rapat %(date)s") % {"date": format_date(report.meeting_date)}
    return month_label(report.year, report.month)


def report_filename(report: Report, unit=None) -> str:
    """``laporan-bulanan-2026-10-v2.pdf``; a meeting pack ``bahan-rakor-2026-11-24-v1.pdf``."""
    if report.kind == Report.Kind.MEETING and report.meeting_date:
        stem = f"bahan-rakor-{report.meeting_date:%Y-%m-%d}"
    else:
        stem = f"laporan-bulanan-{report.year}-{report.month:02d}"
    suffix = f"-{unit.code or unit.pk}".replace(".", "-") if unit is not None else ""
    return f"{stem}-v{report.version}{suffix}.pdf"


def month_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


class ArchiveFilterForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", _("Semua jenis")), *Report.Kind.choices]
        self.fields["tahun"].choices = [("", _("Semua tahun")), *[(y, y) for y in years]]
        self.fields["status"].choices = [("", _("Semua status")), *Report.Status.choices]


class GenerateForm(forms.Form):
    """The month to generate (``2026-10``), offered from the months the Pemda may generate, and
    delivery. Any well-formed month is passed on: the service says why a month cannot be made."""

    bulan = forms.CharField(label=_("Bulan"), widget=forms.Select)
    kirim = forms.BooleanField(label=_("Kirim ke pimpinan dan kepala unit"), required=False)

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].widget.choices = [(month_key(y, m), month_label(y, m)) for y, m in months]

    def clean_bulan(self) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", self.cleaned_data["bulan"].strip())
        if not match:
            raise ValidationError(_("Pilih bulan laporan."))
        return int(match[1]), int(match[2])


def next_working_day(today: dt.date) -> dt.date:
    """The next Monday–Friday after ``today`` (the default date of a coordination meeting)."""
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class MeetingPackForm(forms.Form):
    meeting_date = forms.DateField(label=_("Tanggal rapat"), widget=DATE)
    sections = forms.MultipleChoiceField(
        label=_("Bagian"),
        choices=Report.Section.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service refuses a pack without sections, with its own message
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        kwargs.setdefault(
            "initial", {"meeting_date": next_working_day(today), "sections": [v for v, _l in Report.Section.choices]}
        )
        super().__init__(*args, **kwargs)
        # htmx: the basis month follows the date as it is picked (the page's own GET, one fragment)
        self.fields["meeting_date"].widget.attrs.update(
            {
                "hx-get": reverse("evaluations:meeting_pack_new"),
                "hx-trigger": "change",
                "hx-target": "#meeting-basis",
                "hx-select": "#meeting-basis",
                "hx-swap": "outerHTML",
                "aria-describedby": "meeting-basis",
            }
        )


class ReportSettingForm(forms.Form):
    is_active = forms.BooleanField(label=_("Buat otomatis setiap bulan"), required=False)
    day = forms.IntegerField(
        label=_("Tanggal"),
        help_text=_("Tanggal pembuatan laporan bulan sebelumnya (1–28), sesudah batas lapor realisasi."),
    )
    hour = forms.IntegerField(label=_("Jam"), help_text=_("Jam pembuatan (0–23) menurut zona waktu Pemda."))
    email_pimpinan = forms.BooleanField(label=_("Kirim ke pimpinan"), required=False)
    email_unit_heads = forms.BooleanField(label=_("Kirim ke kepala unit"), required=False)
    attach_pdf = forms.BooleanField(
        label=_("Lampirkan PDF"), required=False, help_text=_("Jika tidak, surel hanya berisi tautan unduhan.")
    )

    FIELDS = ("is_active", "day", "hour", "email_pimpinan", "email_unit_heads", "attach_pdf")

    @classmethod
    def initial_from(cls, setting) -> dict:
        return {name: getattr(setting, name) for name in cls.FIELDS}


class UnitFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit")), *[(str(u.uid), u.label) for u in units]]
