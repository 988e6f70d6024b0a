"""Forms of the proposal and decision pages: filters, the direct decision (SK), the review of a
proposal (accept / change / reject), the unit's response, revocation and the TPP export month.

The forms only check what a person types (required fields, numbers, dates, the parameters a type
needs, a TPP cut of at most 100 %); the rules themselves live in ``rewards/services.py``, whose
``ValidationError`` messages are put back next to the fields by :func:`attach_errors`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.core.forms import add_service_errors as attach_errors  # noqa: F401  (used by the views)
from sakip.core.models import Unit

from .models import Decision, DecisionType, Proposal, RankingSnapshot, Target
from .rules_defaults import OUTCOME_PARAMETERS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTHS = [
    (1, _("Januari")), (2, _("Februari")), (3, _("Maret")), (4, _("April")), (5, _("Mei")), (6, _("Juni")),
    (7, _("Juli")), (8, _("Agustus")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
    (12, _("Desember")),
]  # fmt: skip
# Parameter names of rules_defaults.OUTCOME_PARAMETERS -> the decision's fields
PARAMETER_FIELDS = {"persen": "percent", "bulan": "months", "nilai": "amount"}
FIELD_PARAMETERS = {v: k for k, v in PARAMETER_FIELDS.items()}


def _unit_label(unit: Unit) -> str:
    return f"{unit.code} · {unit.name}" if unit.code else unit.name


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _unit_label(obj)


class SnapshotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.year})"


class DecisionFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)
    golongan = forms.ChoiceField(
        label=_("Penghargaan/sanksi"),
        required=False,
        choices=[("", _("Semua")), ("reward", _("Penghargaan")), ("sanksi", _("Sanksi"))],
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nomor SK atau nama unit")}),
    )

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(y, str(y)) for y in years]
        self.fields["jenis"].choices = [("", _("Semua jenis")), *DecisionType.choices]
        self.fields["status"].choices = [("", _("Semua status")), *Decision.Status.choices]
        if units:
            self.fields["unit"].choices = [("", _("Semua unit"))] + [(str(u.uid), _unit_label(u)) for u in units]
        else:
            del self.fields["unit"]


class ProposalFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(y, str(y)) for y in years]
        self.fields["status"].choices = [("", _("Semua status")), *Proposal.Status.choices]
        self.fields["jenis"].choices = [("", _("Semua jenis")), *DecisionType.choices]


class _MeasureMixin:
    """Percent / months / amount checked against the parameters the chosen type needs."""

    def check_measure(self, cleaned: dict, kind: str | None) -> None:
        if not kind:
            return
        required, optional = OUTCOME_PARAMETERS.get(kind, ((), ()))
        allowed = set(required) | set(optional)
        for parameter, field in PARAMETER_FIELDS.items():
            value = cleaned.get(field)
            if parameter in required and value in (None, ""):
                self.add_error(field, _("Wajib diisi untuk jenis keputusan ini."))
            elif parameter not in allowed:
                cleaned[field] = None  # not part of this type: ignored, never stored
        percent = cleaned.get("percent")
        if percent is not None and (percent <= 0 or percent > 100):
            self.add_error("percent", _("Persentase pemotongan TPP harus lebih dari 0% dan paling tinggi 100%."))

    def check_period(self, cleaned: dict) -> None:
        start, end = cleaned.get("effective_start"), cleaned.get("effective_end")
        if start and end and end < start:
            self.add_error("effective_end", _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."))


def _percent_field():
    return forms.DecimalField(
        label=_("Persentase pemotongan (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        help_text=_("Untuk pemotongan TPP: lebih dari 0 dan paling tinggi 100."),
        error_messages={
            # interpolated with the limit by Django: a literal percent sign is written %%
            "max_value": _("Persentase pemotongan TPP paling tinggi 100%%."),
            "min_value": _("Persentase pemotongan TPP harus lebih dari 0%%."),
        },
    )


def _months_field():
    return forms.IntegerField(
        label=_("Lama (bulan)"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("Untuk penundaan/pemotongan TPP, masa perbaikan, demosi atau pembebasan."),
    )


def _amount_field():
    return forms.DecimalField(
        label=_("Nilai insentif (Rp)"), required=False, max_digits=16, decimal_places=2, min_value=0
    )


class SkFieldsMixin(forms.Form):
    sk_number = forms.CharField(
        label=_("Nomor SK"),
        max_length=100,
        error_messages={"required": _("Nomor SK wajib diisi.")},
        widget=forms.TextInput(attrs={"placeholder": "188.45/123/KUM/2026"}),
    )
    sk_date = forms.DateField(
        label=_("Tanggal SK"), widget=DATE, error_messages={"required": _("Tanggal SK wajib diisi.")}
    )
    effective_start = forms.DateField(
        label=_("Berlaku mulai"), widget=DATE, error_messages={"required": _("Tanggal mulai berlaku wajib diisi.")}
    )
    effective_end = forms.DateField(
        label=_("Berlaku sampai"),
        widget=DATE,
        required=False,
        help_text=_("Kosongkan bila dihitung dari lama (bulan) atau tidak dibatasi."),
    )
    response_days = forms.IntegerField(
        label=_("Batas tanggapan unit (hari)"),
        min_value=1,
        max_value=90,
        initial=14,
        help_text=_("Unit dapat menanggapi keputusan dalam jangka waktu ini sejak tanggal SK."),
    )


class DecisionIssueForm(_MeasureMixin, SkFieldsMixin):
    """A decision issued directly by the kepala daerah (not from a proposal)."""

    field_order = [
        "kind", "unit", "target", "official_name", "official_nip", "official_position", "snapshot", "basis_text",
        "sk_number", "sk_date", "percent", "months", "amount", "effective_start", "effective_end", "response_days",
    ]  # fmt: skip

    kind = forms.ChoiceField(label=_("Jenis keputusan"), choices=[("", "—"), *DecisionType.choices])
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label="—")
    target = forms.ChoiceField(
        label=_("Sasaran"),
        choices=Target.choices,
        initial=Target.UNIT,
        widget=forms.RadioSelect,
        help_text=_("Kepala unit: nama, NIP dan jabatan diisi dari kepala unit yang menjabat."),
    )
    official_name = forms.CharField(label=_("Nama pejabat"), max_length=160, required=False)
    official_nip = forms.CharField(label=_("NIP pejabat"), max_length=18, required=False)
    official_position = forms.CharField(label=_("Jabatan pejabat"), max_length=160, required=False)
    snapshot = SnapshotChoiceField(
        label=_("Dasar peringkat (snapshot)"),
        queryset=RankingSnapshot.objects.none(),
        empty_label="—",
        error_messages={"required": _("Pilih snapshot peringkat sebagai dasar keputusan.")},
        help_text=_("Peringkat yang sudah dibekukan; angka dasarnya tidak berubah lagi."),
    )
    basis_text = forms.CharField(
        label=_("Pertimbangan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Pertimbangan (dasar keputusan) wajib diisi.")},
        help_text=_("Masuk ke bagian “Menimbang” pada SK."),
    )
    percent = _percent_field()
    months = _months_field()
    amount = _amount_field()

    def __init__(self, *args, units=None, snapshots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        if snapshots is not None:
            self.fields["snapshot"].queryset = snapshots
        self.fields["official_nip"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9]{18}"})

    def clean(self):
        cleaned = super().clean()
        self.check_measure(cleaned, cleaned.get("kind"))
        self.check_period(cleaned)
        if cleaned.get("target") == Target.HEAD:
            if not cleaned.get("official_name"):
                self.add_error("official_name", _("Nama pejabat wajib diisi bila sasarannya kepala unit."))
            nip = cleaned.get("official_nip") or ""
            if nip and (len(nip) != 18 or not nip.isdigit()):
                self.add_error("official_nip", _("NIP terdiri atas 18 angka."))
        else:
            for name in ("official_name", "official_nip", "official_position"):
                cleaned[name] = ""
        return cleaned


class ProposalAcceptForm(SkFieldsMixin):
    basis_text = forms.CharField(
        label=_("Pertimbangan tambahan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kosongkan untuk memakai dasar dari aturan dan snapshot."),
    )

    def clean(self):
        cleaned = super().clean()
        _MeasureMixin.check_period(self, cleaned)
        return cleaned


class ProposalChangeForm(_MeasureMixin, SkFieldsMixin):
    field_order = [
        "kind", "percent", "months", "amount", "reason", "sk_number", "sk_date", "effective_start", "effective_end",
        "response_days",
    ]  # fmt: skip

    kind = forms.ChoiceField(label=_("Jenis keputusan"), choices=DecisionType.choices)
    percent = _percent_field()
    months = _months_field()
    amount = _amount_field()
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan perubahan wajib diisi.")},
    )

    def clean(self):
        cleaned = super().clean()
        self.check_measure(cleaned, cleaned.get("kind"))
        self.check_period(cleaned)
        return cleaned

    def parameters(self) -> dict:
        """``{"persen": "25", "bulan": 3}`` as the rules write them (only what was given)."""
        out = {}
        for field, parameter in FIELD_PARAMETERS.items():
            value = self.cleaned_data.get(field)
            if value is not None:
                out[parameter] = str(value) if isinstance(value, Decimal) else value
        return out


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Alasan wajib diisi.")},
    )


class RespondForm(forms.Form):
    text = forms.CharField(
        label=_("Tanggapan unit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Tanggapan tidak boleh kosong.")},
    )


class TppExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    month = forms.TypedChoiceField(label=_("Bulan"), coerce=int, choices=MONTHS)

    def __init__(self, *args, years=(), today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or dt.date.today()
        years = sorted(set(years) | {today.year}, reverse=True)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].initial = today.year
        self.fields["month"].initial = today.month
