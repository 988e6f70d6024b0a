"""Forms of the realisation and monitoring pages. They only parse what a person typed; every rule
(locks, negative values, kendala below the threshold, file types and sizes) lives in the services.

Numbers are typed the Indonesian way ("61,76", "1.250") and parsed with the helper the PK pages
and the Excel imports use.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.forms import NumberField


class ValueForm(forms.Form):
    """One indicator row of the entry grid (autosaved). ``value`` empty = not reported ("–")."""

    value = NumberField(label=gettext_lazy("Realisasi"))
    kendala = forms.CharField(label=gettext_lazy("Kendala"), required=False, max_length=4000)
    upaya = forms.CharField(label=gettext_lazy("Upaya"), required=False, max_length=4000)
    reason = forms.CharField(label=gettext_lazy("Alasan perubahan"), required=False, max_length=1000)


class PreviewForm(forms.Form):
    value = NumberField(label=gettext_lazy("Realisasi"))


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas bukti"),
        help_text=gettext_lazy("PDF, gambar (JPG/PNG) atau lembar kerja (XLSX/CSV)."),
        error_messages={"required": gettext_lazy("Pilih berkas bukti yang akan diunggah.")},
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Catatan untuk unit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Tuliskan catatan: apa yang harus diperbaiki unit.")},
    )


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan membuka kunci"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Tuliskan alasan membuka kunci.")},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        help_text=gettext_lazy("Gunakan templat periode ini yang diunduh dari halaman ini."),
        error_messages={"required": gettext_lazy("Pilih berkas Excel yang akan diunggah.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Berkas harus berformat .xlsx (Excel)."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 5 MB)."))
        return upload


def first_errors(form: forms.Form) -> dict[str, str]:
    """The first error of each field (non-field errors under ``"__all__"``), for inline display."""
    return {name: str(errors[0]) for name, errors in form.errors.items() if errors}
