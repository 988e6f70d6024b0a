"""Forms of the external assessment pages (issue #9): the list filter, an assessment, a type with its
bands. They only shape input; the rules (range, bands, duplicates, evidence) are in
``rewards.services_assessments`` so the pages and the API refuse the same things with the same words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rewards.assessment_defaults import KIND_LEVEL, KIND_SCORE
from sakip.lib.numbers import parse_number

BAND_SLOTS = 6


class AssessmentFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    jenis = forms.ChoiceField(label=_("Jenis penilaian"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    kategori = forms.ChoiceField(label=_("Kategori"), required=False)

    def __init__(self, *args, years=(), types=(), units=(), bands=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Semua"))]
        self.fields["tahun"].choices = every + [(y, y) for y in years]
        self.fields["jenis"].choices = every + [(str(t.uid), t.name) for t in types]
        self.fields["unit"].choices = every + [(str(u.uid), u.name) for u in units]
        self.fields["kategori"].choices = every + list(bands)
        if not units:
            del self.fields["unit"]


class AssessmentForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    type = forms.ChoiceField(label=_("Jenis penilaian"))
    year = forms.IntegerField(label=_("Tahun"), min_value=2015, max_value=2100)
    value = forms.CharField(
        label=_("Nilai"), max_length=20, help_text=_("Angka dengan koma desimal, misalnya 82,45; level: 0–5.")
    )
    band = forms.ChoiceField(
        label=_("Kategori"), required=False, help_text=_("Kosongkan agar ditentukan dari nilai dan kategori jenisnya.")
    )
    assessed_on = forms.DateField(
        label=_("Tanggal penilaian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("PDF, gambar (PNG/JPEG) atau lembar kerja; maksimal 10 MB."),
    )
    evidence_url = forms.URLField(label=_("Tautan bukti"), required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=(), types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.uid): u for u in units}
        self.types = {str(t.uid): t for t in types}
        self.fields["unit"].choices = [("", _("— pilih unit —"))] + [(k, u.name) for k, u in self.units.items()]
        self.fields["type"].choices = [("", _("— pilih jenis —"))] + [(k, t.name) for k, t in self.types.items()]
        bands = [("", _("— otomatis dari nilai —"))]
        for t in self.types.values():
            bands += [(b["code"], f"{t.name}: {b['label']}") for b in t.bands or ()]
        # a plain field with a select, so an unknown band reaches the service and is refused with its message
        self.fields["band"] = forms.CharField(
            label=_("Kategori"),
            required=False,
            widget=forms.Select(choices=bands),
            help_text=self.fields["band"].help_text,
        )

    def clean_value(self):
        raw = (self.cleaned_data.get("value") or "").strip()
        number = parse_number(raw)
        if number is None:
            raise forms.ValidationError(_("Nilai harus berupa angka, misalnya 82,45."))
        return number

    def clean(self):
        data = super().clean()
        data["unit_obj"] = self.units.get(data.get("unit") or "")
        data["type_obj"] = self.types.get(data.get("type") or "")
        return data


class AssessmentTypeForm(forms.Form):
    code = forms.SlugField(
        label=_("Kode"), max_length=40, help_text=_("Dipakai peringkat dan aturan: penilaian_<kode>.")
    )
    name = forms.CharField(label=_("Nama"), max_length=160)
    issuer = forms.CharField(label=_("Penilai"), max_length=160, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis nilai"), choices=((KIND_SCORE, _("Nilai")), (KIND_LEVEL, _("Level / tingkat")))
    )
    min_value = forms.DecimalField(label=_("Nilai terendah"), max_digits=7, decimal_places=2, localize=True)
    max_value = forms.DecimalField(label=_("Nilai tertinggi"), max_digits=7, decimal_places=2, localize=True)
    higher_is_better = forms.BooleanField(label=_("Makin tinggi makin baik"), required=False, initial=True)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, BAND_SLOTS + 1):
            self.fields[f"b{n}_code"] = forms.CharField(label=_("Kode kategori"), required=False, max_length=40)
            self.fields[f"b{n}_label"] = forms.CharField(label=_("Nama kategori"), required=False, max_length=80)
            self.fields[f"b{n}_min"] = forms.CharField(label=_("Batas bawah"), required=False, max_length=20)

    @classmethod
    def initial_from(cls, obj) -> dict:
        initial = {
            name: getattr(obj, name)
            for name in ("code", "name", "issuer", "kind", "min_value", "max_value", "higher_is_better", "is_active")
        }
        initial["description"] = obj.description
        for n, band in enumerate(obj.bands or (), start=1):
            if n > BAND_SLOTS:
                break
            initial[f"b{n}_code"], initial[f"b{n}_label"] = band.get("code", ""), band.get("label", "")
            initial[f"b{n}_min"] = str(band.get("min", "")).replace(".", ",")
        return initial

    def band_rows(self):
        return [(n, [self[f"b{n}_{k}"] for k in ("code", "label", "min")]) for n in range(1, BAND_SLOTS + 1)]

    def main_fields(self):
        names = ("code", "name", "issuer", "kind", "min_value", "max_value", "higher_is_better", "is_active")
        return [self[k] for k in names]

    def bands(self) -> list[dict]:
        """Entered band rows (empty rows skipped); the service validates them."""
        out = []
        for n in range(1, BAND_SLOTS + 1):
            code = (self.cleaned_data.get(f"b{n}_code") or "").strip()
            label = (self.cleaned_data.get(f"b{n}_label") or "").strip()
            raw = (self.cleaned_data.get(f"b{n}_min") or "").strip()
            if not (code or label or raw):
                continue
            number = parse_number(raw)
            out.append({"code": code, "label": label, "min": number if number is not None else raw})
        return out
