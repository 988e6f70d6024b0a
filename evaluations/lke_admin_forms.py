"""Forms of the LKE administration pages: templates, predicate tables, follow-up of
recommendations, the Pemda's own KemenPAN-RB results and the comparison filters.

Forms only parse and check the shape of the input (numbers, dates, required fields) with
Indonesian messages; the rules (weights adding up, bands without gaps, evidence before *selesai*)
are the services' and come back as ``ValidationError`` / ``LkeError`` messages.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from evaluations.lke_models import PemdaResultScore, Recommendation
from evaluations.rules_defaults import PREDICATE_BANDS

LETTERS = [row[0] for row in PREDICATE_BANDS]  # AA, A, BB, B, CC, C, D
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_MESSAGES = {
    "max_value": _("Nilai paling tinggi 100."),
    "min_value": _("Nilai tidak boleh negatif."),
    "invalid": _("Masukkan angka, mis. 61,76."),
    "max_decimal_places": _("Paling banyak 2 angka di belakang koma."),
}


def plain(value: Decimal | None) -> Decimal | None:
    """30.000 → 30, 4.500 → 4.5: a stored weight shown without its padding zeros."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _decimal(label, *, places=2, required=True, max_value=Decimal(100), help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=max_value,
        max_digits=6,
        decimal_places=places,
        localize=True,
        help_text=help_text,
        error_messages=SCORE_MESSAGES,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


# --- templates -------------------------------------------------------------------------------


class TemplateEditForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=160)
    regulation = forms.CharField(label=_("Dasar peraturan"), max_length=160, required=False)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=_("Aktif (dapat dipilih untuk putaran evaluasi baru)"), required=False)


class CriterionForm(forms.Form):
    text = forms.CharField(label=_("Kriteria"), widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(
        label=_("Bukti yang diharapkan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WeightsForm(forms.Form):
    """One weight field per component and sub-component of a template (points of the 0–100 total)."""

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes: dict[str, str] = {}
        for part in parts:  # LkeComponent / LkeSubComponent, in tree order
            name = "w_" + part.code.replace(".", "_")
            self.codes[name] = part.code
            self.fields[name] = _decimal(f"{part.code} {part.name}", places=3, max_value=Decimal(100))
            self.fields[name].initial = plain(part.weight)

    def weights(self) -> dict[str, Decimal]:
        return {code: self.cleaned_data[name] for name, code in self.codes.items()}


class TemplateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas templat (.xlsx)"), help_text=_("Berkas hasil ekspor templat, diubah seperlunya.")
    )
    family = forms.SlugField(
        label=_("Kode templat"),
        required=False,
        max_length=40,
        help_text=_("Kosongkan untuk memakai kode di berkas; kode yang sudah ada menjadi versi baru."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Unggah berkas Excel (.xlsx)."))
        return f


class YearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2015, max_value=2100, required=False)


class PredicateBandForm(forms.Form):
    letter = forms.ChoiceField(label=_("Predikat"), choices=[(x, x) for x in LETTERS])
    lower = _decimal(_("Di atas"))
    upper = _decimal(_("Sampai dengan"))
    label = forms.CharField(label=_("Sebutan"), max_length=40)


PredicateBandFormSet = forms.formset_factory(PredicateBandForm, extra=0, min_num=1, max_num=10)


# --- follow-up -------------------------------------------------------------------------------

SOURCE_CHOICES = [("", _("Semua sumber")), ("unit", _("Evaluasi unit")), ("pemda", _("KemenPAN-RB"))]


class FollowupFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Recommendation.Status.choices]
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    sumber = forms.ChoiceField(label=_("Sumber"), required=False, choices=SOURCE_CHOICES)
    terlambat = forms.BooleanField(label=_("Hanya yang lewat batas waktu"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        if len(units) > 1:
            self.fields["unit"].choices = [("", _("Semua unit")), *((str(u.uid), u.name) for u in units)]
        else:  # a unit user with one unit: nothing to choose
            del self.fields["unit"]


class FollowupUpdateForm(forms.Form):
    action_plan = forms.CharField(label=_("Rencana aksi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(label=_("Batas waktu"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Recommendation.Status.choices)
    progress_note = forms.CharField(
        label=_("Catatan tindak lanjut"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowupEvidenceForm(forms.Form):
    title = forms.CharField(label=_("Judul bukti"), max_length=200)
    file = forms.FileField(label=_("Berkas"), required=False)
    url = forms.URLField(label=_("atau tautan"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise forms.ValidationError(_("Unggah berkas atau isi tautan bukti."))
        return data


class RecommendationForm(forms.Form):
    owner = forms.ChoiceField(label=_("Unit penanggung jawab"))
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}))
    component_code = forms.CharField(label=_("Komponen"), required=False, max_length=10)
    due_date = forms.DateField(label=_("Batas waktu"), required=False, widget=DATE)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.uid): u for u in units}
        self.fields["owner"].choices = [("", "—"), *((uid, u.name) for uid, u in self.units.items())]

    def clean_owner(self):
        return self.units[self.cleaned_data["owner"]]


# --- the Pemda's own results -----------------------------------------------------------------


class PemdaResultForm(forms.Form):
    year = forms.IntegerField(
        label=_("Tahun"),
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
        error_messages={"invalid": _("Masukkan tahun, mis. 2024.")},
    )
    score = _decimal(_("Nilai"), help_text=_("Nilai AKIP dari KemenPAN-RB, 0–100, mis. 61,76."))
    target_predicate = forms.ChoiceField(
        label=_("Target predikat"), required=False, choices=[("", "—"), *((x, x) for x in LETTERS)]
    )
    letter_number = forms.CharField(label=_("Nomor surat KemenPAN-RB"), required=False, max_length=80)
    letter_date = forms.DateField(label=_("Tanggal surat"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ResultScoreForm(forms.Form):
    # initial = the first choice, so an untouched blank row is left out instead of "required" errors
    level = forms.ChoiceField(label=_("Tingkat"), choices=PemdaResultScore.Level.choices, initial="component")
    code = forms.CharField(label=_("Kode"), max_length=12)
    name = forms.CharField(label=_("Nama"), max_length=160)
    weight = _decimal(_("Bobot"), places=3)
    score = _decimal(_("Nilai"))

    def clean(self):
        data = super().clean()
        weight, score = data.get("weight"), data.get("score")
        if weight is not None and score is not None and score > weight:
            self.add_error("score", _("Nilai tidak boleh melebihi bobotnya."))
        return data


ResultScoreFormSet = forms.formset_factory(ResultScoreForm, extra=2, can_delete=True, max_num=40)


class GapForm(forms.Form):
    target = forms.ChoiceField(label=_("Target predikat"), choices=[(x, x) for x in LETTERS])
