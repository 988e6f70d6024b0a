"""Forms of the discipline pages: the attendance upload, the ladder (a formset of steps and the
conversions), the record filters and the access-log filters. They shape input only; the rules are in
:mod:`rewards.services_discipline` and :mod:`rewards.discipline`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from rewards import discipline
from sakip.lib.dates import month_name

ACTIONS = (
    ("lihat-daftar", _l("Lihat daftar")),
    ("lihat-pegawai", _l("Lihat data pegawai")),
    ("lihat-sendiri", _l("Lihat data sendiri")),
    ("ekspor", _l("Ekspor")),
    ("api-daftar", _l("API: daftar")),
    ("api-detail", _l("API: detail")),
)


def month_choices(blank: bool = False) -> list[tuple]:
    choices = [(m, month_name(m)) for m in range(1, 13)]
    return [("", _("Semua bulan")), *choices] if blank else choices


class ImportForm(forms.Form):
    year = forms.IntegerField(label=_l("Tahun"), min_value=2015, max_value=2100)
    month = forms.TypedChoiceField(label=_l("Bulan"), coerce=int, choices=())
    file = forms.FileField(
        label=_l("Berkas rekap absensi (.xlsx)"),
        help_text=_l("Ekspor sistem absensi: kolom NIP, Nama, Hari tanpa keterangan, Menit terlambat/pulang cepat, "
                     "Absen terlewat."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Jenis berkas tidak didukung: unggah berkas Excel (.xlsx)."))
        if upload.size == 0:
            raise forms.ValidationError(_("Berkas kosong."))
        return upload


class StepForm(forms.Form):
    code = forms.SlugField(label=_l("Kode"), max_length=40)
    min_days = forms.IntegerField(label=_l("Mulai (hari)"), min_value=1, max_value=366)
    outcome = forms.ChoiceField(label=_l("Sanksi"), choices=())
    percent = forms.DecimalField(label=_l("Persen"), required=False, max_digits=5, decimal_places=2)
    months = forms.IntegerField(label=_l("Bulan"), required=False, min_value=1, max_value=60)
    label = forms.CharField(label=_l("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # an empty first choice, so the blank row for a new step stays unchanged (and is skipped)
        self.fields["outcome"].choices = [("", "—"), *((k, _(v)) for k, v in discipline.OUTCOME_LABELS.items())]


StepFormSet = forms.formset_factory(StepForm, extra=1, can_delete=True, max_num=30)


class SettingForm(forms.Form):
    minutes_per_day = forms.IntegerField(
        label=_l("Menit terlambat setara satu hari"), required=False, min_value=1, max_value=10000,
        help_text=_l("Kosongkan bila keterlambatan tidak dihitung. Bawaan: 450 menit (7½ jam)."),
    )  # fmt: skip
    checkins_per_day = forms.IntegerField(
        label=_l("Absen terlewat setara satu hari"), required=False, min_value=1, max_value=100,
        help_text=_l("Kosongkan bila absen terlewat tidak dihitung (bawaan)."),
    )  # fmt: skip
    is_active = forms.BooleanField(label=_l("Usulkan sanksi otomatis setelah impor"), required=False)


class RecordFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_l("Tahun"), coerce=int, choices=(), required=False)
    bulan = forms.TypedChoiceField(label=_l("Bulan"), coerce=int, choices=(), required=False, empty_value=None)
    unit = forms.ModelChoiceField(label=_l("Unit"), queryset=None, required=False, empty_label=_l("Semua unit"))
    q = forms.CharField(label=_l("NIP atau nama"), required=False, max_length=60)

    def __init__(self, *args, years=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(y, y) for y in years]
        self.fields["bulan"].choices = month_choices(blank=True)
        self.fields["unit"].queryset = units
        self.fields["q"].widget.attrs["placeholder"] = _("NIP atau nama")


class AccessLogFilterForm(forms.Form):
    action = forms.ChoiceField(label=_l("Tindakan"), choices=(), required=False)
    who = forms.CharField(label=_l("Pengguna"), required=False, max_length=60)
    q = forms.CharField(label=_l("Pegawai (NIP atau nama)"), required=False, max_length=60)
    date_from = forms.DateField(
        label=_l("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_l("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua tindakan")), *ACTIONS]
