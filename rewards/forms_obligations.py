"""Forms of the officials roster and obligation pages (the services validate again and have the last word)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rewards.forms_decisions import attach_errors  # noqa: F401  (re-exported for the views)
from rewards.models import Obligation, ObligationSubmission, PositionLevel
from sakip.core.models import Unit, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTHS = [
    (1, _("Januari")), (2, _("Februari")), (3, _("Maret")), (4, _("April")), (5, _("Mei")), (6, _("Juni")),
    (7, _("Juli")), (8, _("Agustus")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
    (12, _("Desember")),
]  # fmt: skip


def unit_choices(pemda_id: int, ids=None, *, empty=None):
    qs = Unit.objects.filter(pemda_id=pemda_id, is_active=True).order_by("code")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    rows = [(u.pk, u.name) for u in qs]
    return ([("", empty)] if empty is not None else []) + rows


class OfficialForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    name = forms.CharField(label=_("Nama lengkap dengan gelar"), max_length=160)
    nip = forms.CharField(
        label=_("NIP"),
        max_length=18,
        help_text=_("18 angka tanpa spasi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    position_level = forms.ChoiceField(label=_("Jenjang jabatan"), choices=PositionLevel.choices)
    position = forms.CharField(label=_("Jabatan"), max_length=160, required=False)
    user = forms.TypedChoiceField(
        label=_("Akun portal"), coerce=int, required=False, empty_value=None,
        help_text=_("Pegawai yang memiliki akun dapat mengajukan kewajibannya sendiri."),
    )  # fmt: skip

    def __init__(self, *args, pemda_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(pemda_id, empty=_("Pilih unit"))
        users = User.objects.filter(pemda_id=pemda_id, is_active=True).order_by("full_name", "username")
        self.fields["user"].choices = [("", _("Tanpa akun"))] + [
            (u.pk, f"{u.full_name or u.username} ({u.username})") for u in users
        ]


class OfficialFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, NIP atau jabatan"), required=False, max_length=80)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    jenjang = forms.ChoiceField(label=_("Jenjang jabatan"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Aktif")), ("nonaktif", _("Nonaktif")), ("semua", _("Semua"))],
    )  # fmt: skip

    def __init__(self, *args, pemda_id: int, unit_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(pemda_id, unit_ids, empty=_("Semua unit"))
        self.fields["jenjang"].choices = [("", _("Semua jenjang")), *PositionLevel.choices]


class ObligationForm(forms.Form):
    code = forms.SlugField(
        label=_("Kode"),
        max_length=40,
        help_text=_("Huruf kecil, angka dan tanda hubung; dipakai aturan sebagai nama metrik."),
    )
    name = forms.CharField(label=_("Nama"), max_length=160)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    subject = forms.ChoiceField(label=_("Dipenuhi oleh"), choices=Obligation.Subject.choices)
    position_levels = forms.MultipleChoiceField(
        label=_("Jenjang jabatan"), required=False, choices=PositionLevel.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Untuk kewajiban pegawai; kosong = semua jenjang."),
    )  # fmt: skip
    units = forms.TypedMultipleChoiceField(
        label=_("Unit"), required=False, coerce=int, widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kosong = semua unit."),
    )  # fmt: skip
    frequency = forms.ChoiceField(
        label=_("Frekuensi"), choices=[("", _("Pilih frekuensi")), *Obligation.Frequency.choices], required=False
    )
    due_offset_days = forms.IntegerField(
        label=_("Batas (hari setelah akhir periode)"), required=False,
        help_text=_("0 = hari terakhir periode (Minggu, akhir bulan atau akhir triwulan); paling lama 60 hari."),
    )  # fmt: skip
    start_date = forms.DateField(label=_("Berlaku mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Berlaku sampai"), required=False, widget=DATE)

    def __init__(self, *args, pemda_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = unit_choices(pemda_id)


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence = forms.FileField(
        label=_("Berkas bukti"), required=False,
        help_text=_("PDF, gambar (PNG/JPEG) atau lembar kerja; paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.xlsx,.xls,.ods"}),
    )  # fmt: skip
    evidence_url = forms.CharField(
        label=_("atau tautan bukti"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib diisi bila pengajuan dikembalikan."),
    )  # fmt: skip


class SubmissionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kewajiban = forms.ChoiceField(label=_("Kewajiban"), required=False)
    bulan = forms.TypedChoiceField(label=_("Bulan periode"), required=False, coerce=int, empty_value=None)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, pemda_id: int, unit_ids=None, obligations=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status")), *ObligationSubmission.Status.choices]
        self.fields["unit"].choices = unit_choices(pemda_id, unit_ids, empty=_("Semua unit"))
        self.fields["kewajiban"].choices = [("", _("Semua kewajiban"))] + [(o.code, o.name) for o in obligations]
        self.fields["bulan"].choices = [("", _("Semua bulan")), *MONTHS]
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(y, str(y)) for y in years]


class ComplianceFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    sampai = forms.TypedChoiceField(label=_("Sampai bulan"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kewajiban = forms.ChoiceField(label=_("Kewajiban"), required=False)

    def __init__(self, *args, pemda_id: int, years=(), unit_ids=None, obligations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(y, str(y)) for y in years]
        self.fields["sampai"].choices = [("", _("Sepanjang tahun")), *MONTHS]
        self.fields["unit"].choices = unit_choices(pemda_id, unit_ids, empty=_("Semua unit"))
        self.fields["kewajiban"].choices = [("", _("Semua kewajiban"))] + [(o.code, o.name) for o in obligations]
