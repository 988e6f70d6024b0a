"""Forms of the PK pages. They only parse what a person typed; every rule lives in the services.

Numbers are typed the Indonesian way ("61,76", "1.250.000") and parsed with the same helper the
services and the Excel import use (:func:`agreements.validation.to_decimal`). A range target is
typed in one box as "70–80" (lower–upper). Field names follow the error keys of
``agreements/validation.py`` (``target``, ``tw1`` … ``tw4``, ``bulan1`` … ``bulan12``) so that a
service ``ValidationError`` lands next to the right box.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import validation
from .models import Agreement, Indicator, Program

NUMBER_HELP = gettext_lazy("Angka, misalnya 75 atau 1.250,5.")
RANGE_RE = re.compile(r"^\s*(-?[\d.,]+)\s*(?:–|—|-|s\.?d\.?|sampai)\s*(-?[\d.,]+)\s*$", re.IGNORECASE)


def parse_number(text: str) -> Decimal | None:
    try:
        return validation.to_decimal(text)
    except validation.NotANumber:
        raise forms.ValidationError(_("Masukkan angka, misalnya 75 atau 1.250,5."), code="invalid") from None


def parse_target(text: str, *, is_range: bool):
    """``"80"`` → Decimal; for a range indicator ``"70–80"`` → (low, high). Empty → None."""
    text = (text or "").strip()
    if not text:
        return None
    if is_range:
        match = RANGE_RE.match(text)
        if not match:
            raise forms.ValidationError(
                _("Tulis rentang sebagai batas bawah–batas atas, misalnya 70–80."), code="invalid_range"
            )
        return parse_number(match.group(1)), parse_number(match.group(2))
    return parse_number(text)


def number_text(value) -> str:
    """A Decimal as the user types it back: decimal comma, no trailing zeros."""
    return validation.fmt(value) if value is not None else ""


class NumberField(forms.CharField):
    """A number typed in Indonesian notation; cleaned to ``Decimal | None``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        return number_text(value) if isinstance(value, Decimal) else value

    def clean(self, value):
        value = super().clean(value)
        return parse_number(value)


def _text(size: int | None = None, **attrs):
    if size:
        attrs["size"] = size
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


class SasaranForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Sasaran strategis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Nama sasaran wajib diisi.")},
    )
    supports = forms.ChoiceField(label=gettext_lazy("Mendukung sasaran Pemda"), required=False)

    def __init__(self, *args, pemda_sasaran=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pemda_sasaran = {str(s.uid): s for s in pemda_sasaran}
        choices = [("", _("— tidak dikaitkan —"))] + [(uid, s.name) for uid, s in self.pemda_sasaran.items()]
        self.fields["supports"].choices = choices
        if not self.pemda_sasaran:
            self.fields["supports"].widget = forms.HiddenInput()

    def clean_supports(self):
        return self.pemda_sasaran.get(self.cleaned_data.get("supports") or "")

    @classmethod
    def initial_for(cls, sasaran) -> dict:
        return {"name": sasaran.name, "supports": str(sasaran.supports.uid) if sasaran.supports_id else ""}


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Indikator kinerja"),
        max_length=300,
        widget=_text(),
        error_messages={"required": gettext_lazy("Nama indikator wajib diisi.")},
    )
    satuan = forms.CharField(
        label=gettext_lazy("Satuan"),
        max_length=40,
        widget=_text(8, placeholder="%"),
        error_messages={"required": gettext_lazy("Satuan wajib diisi, misalnya %, orang atau indeks.")},
    )
    polarity = forms.ChoiceField(label=gettext_lazy("Polaritas"), choices=Indicator.Polarity.choices)
    period_rule = forms.ChoiceField(label=gettext_lazy("Aturan periode"), choices=Indicator.PeriodRule.choices)
    is_iku = forms.BooleanField(label=gettext_lazy("IKU"), required=False)
    target = forms.CharField(
        label=gettext_lazy("Target tahunan"),
        required=False,
        widget=_text(8, inputmode="decimal"),
        help_text=gettext_lazy("Rentang: batas bawah–batas atas, misalnya 70–80."),
    )
    baseline = NumberField(label=gettext_lazy("Baseline"), widget=_text(8))
    weight = NumberField(label=gettext_lazy("Bobot"), widget=_text(6))
    allow_negative = forms.BooleanField(label=gettext_lazy("Nilai boleh negatif"), required=False)
    definition = forms.CharField(
        label=gettext_lazy("Definisi operasional"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    formula = forms.CharField(label=gettext_lazy("Formula"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    data_source = forms.CharField(label=gettext_lazy("Sumber data"), max_length=200, required=False, widget=_text())

    QUARTERS = [(n, validation.quarter_field(n), validation.quarter_label(n)) for n in range(1, 5)]
    MONTHS = [(n, validation.month_field(n), MONTH_NAMES[n]) for n in range(1, 13)]  # lazy: Januari / January
    TARGET_FIELDS = ("target", *(f for _n, f, _l in QUARTERS), *(f for _n, f, _l in MONTHS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _n, name, label in [*self.QUARTERS, *self.MONTHS]:
            self.fields[name] = forms.CharField(label=label, required=False, widget=_text(6, inputmode="decimal"))

    @property
    def quarter_fields(self):
        return [self[name] for _n, name, _l in self.QUARTERS]

    @property
    def month_fields(self):
        return [self[name] for _n, name, _l in self.MONTHS]

    @property
    def has_months(self) -> bool:
        return any(self[name].value() for _n, name, _l in self.MONTHS)

    @property
    def details_open(self) -> bool:
        """Open the "details and months" section when it holds an error or monthly targets."""
        hidden = {"definition", "formula", "data_source", "allow_negative", *(f for _n, f, _l in self.MONTHS)}
        return self.has_months or any(name in self.errors for name in hidden)

    def clean(self):
        data = super().clean()
        is_range = data.get("polarity") == Indicator.Polarity.RANGE
        for name in self.TARGET_FIELDS:
            try:
                data[name] = parse_target(self.data.get(self.add_prefix(name), ""), is_range=is_range)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        return data

    def service_kwargs(self) -> dict:
        """``data``, ``quarter_targets`` and ``month_targets`` in the shape the services take."""
        c = self.cleaned_data
        is_range = c["polarity"] == Indicator.Polarity.RANGE
        target = c.get("target")
        data = {
            "name": c["name"].strip(),
            "satuan": c["satuan"].strip(),
            "polarity": c["polarity"],
            "period_rule": c["period_rule"],
            "is_iku": c["is_iku"],
            "definition": c["definition"],
            "formula": c["formula"],
            "data_source": c["data_source"],
            "baseline": c["baseline"],
            "weight": c["weight"],
            "allow_negative": c["allow_negative"],
            "target": None if is_range else target,
            "target_low": target[0] if is_range and target else None,
            "target_high": target[1] if is_range and target else None,
        }
        quarters = [c.get(name) for _n, name, _l in self.QUARTERS]
        months = [c.get(name) for _n, name, _l in self.MONTHS]
        # An all-empty month list removes the monthly targets (the services take ``[]`` for that).
        return {
            "data": data,
            "quarter_targets": quarters,
            "month_targets": months if any(v is not None for v in months) else [],
        }

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict:
        def text(value=None, low=None, high=None):
            if low is not None or high is not None:
                return f"{number_text(low)}–{number_text(high)}"
            return number_text(value)

        initial = {
            name: getattr(indicator, name)
            for name in (
                "name",
                "satuan",
                "polarity",
                "period_rule",
                "is_iku",
                "definition",
                "formula",
                "data_source",
                "baseline",
                "weight",
                "allow_negative",
            )
        }
        initial["target"] = text(indicator.target, indicator.target_low, indicator.target_high)
        for t in indicator.targets.all():
            key = validation.quarter_field(t.number) if t.kind == "quarter" else validation.month_field(t.number)
            initial[key] = text(t.value, t.low, t.high)
        return initial


class ProgramForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=30,
        widget=_text(14, placeholder="1.02.02"),
        error_messages={"required": gettext_lazy("Kode program wajib diisi.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Nama program / kegiatan"),
        max_length=300,
        widget=_text(),
        error_messages={"required": gettext_lazy("Nama program wajib diisi.")},
    )
    level = forms.ChoiceField(label=gettext_lazy("Tingkat"), choices=Program.Level.choices)
    parent = forms.ChoiceField(label=gettext_lazy("Induk"), required=False)
    budget = NumberField(label=gettext_lazy("Anggaran (Rp)"), widget=_text(16))

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {str(p.uid): p for p in parents}
        self.fields["parent"].choices = [("", _("— program utama —"))] + [
            (uid, f"{p.code} {p.name}") for uid, p in self.parents.items()
        ]

    def clean_parent(self):
        return self.parents.get(self.cleaned_data.get("parent") or "")

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        return Decimal(0) if budget is None else budget

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        data = {"code": c["code"].strip(), "name": c["name"].strip(), "level": c["level"], "budget": c["budget"]}
        return {"data": data, "parent": c["parent"]}

    @classmethod
    def initial_for(cls, program: Program) -> dict:
        return {
            "code": program.code,
            "name": program.name,
            "level": program.level,
            "parent": str(program.parent.uid) if program.parent_id else "",
            "budget": program.budget,
        }


class CreateForm(forms.Form):
    """Start the PK of a unit (or of the Pemda: ``unit`` = "pemda") for a year."""

    year = forms.IntegerField(widget=forms.HiddenInput())
    unit = forms.CharField(widget=forms.HiddenInput())


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Catatan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Jelaskan apa yang harus diperbaiki."),
        error_messages={"required": gettext_lazy("Tuliskan catatan: apa yang harus diperbaiki.")},
    )


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("Tanggal penandatanganan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Tanggal penandatanganan wajib diisi."),
            "invalid": gettext_lazy("Tanggal tidak valid."),
        },
    )
    place = forms.CharField(label=gettext_lazy("Tempat"), max_length=80, required=False)

    def __init__(self, *args, agreement: Agreement | None = None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("signed_on", timezone.localdate())
        if agreement is not None:
            kwargs["initial"].setdefault("place", agreement.pemda.seat)
        super().__init__(*args, **kwargs)


class ReviseForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Alasan perubahan"),
        choices=[("", "—"), *Agreement.RevisionReason.choices],
        error_messages={"required": gettext_lazy("Pilih alasan perubahan.")},
    )
    note = forms.CharField(label=gettext_lazy("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    effective_date = forms.DateField(
        label=gettext_lazy("Berlaku mulai"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Tanggal berlaku wajib diisi."),
            "invalid": gettext_lazy("Tanggal tidak valid."),
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        help_text=gettext_lazy("Gunakan templat yang diunduh dari halaman ini."),
        error_messages={"required": gettext_lazy("Pilih berkas Excel yang akan diunggah.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Berkas harus berformat .xlsx (Excel)."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        return upload
