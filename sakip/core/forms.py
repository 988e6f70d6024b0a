"""Input forms of the core pages. Forms only check the format of what is typed; the services in
:mod:`sakip.core.services` hold the rules and save (so the API and the Excel import behave the same).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from .models import FiscalYear, Pemda, RankingCategory, RoleAssignment, Unit, UnitHead, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Periksa kembali dan coba lagi."),
        "inactive": _("Akun ini tidak aktif. Hubungi Admin SAKIP."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: per field where the form has it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


class ServiceModelForm(forms.ModelForm):
    """A ModelForm used for input only: it never validates the model nor saves.

    ``cleaned_data`` goes to a service, which runs ``full_clean()`` and the business rules.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # choices are keyed by uid: give the related objects, not their ids
            for name, field in self.fields.items():
                if isinstance(field, UidChoiceField):
                    self.initial[name] = getattr(self.instance, name)

    def _post_clean(self):
        pass

    def save(self, commit=True):  # pragma: no cover - guard against misuse
        raise NotImplementedError("Simpan lewat services, bukan form.save().")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UidChoiceField(forms.ModelChoiceField):
    """Choices identified by ``uid`` (never the integer id), labelled by ``label_fn``."""

    def __init__(self, queryset, *, label_fn=str, **kwargs):
        kwargs.setdefault("to_field_name", "uid")
        super().__init__(queryset, **kwargs)
        self.label_fn = label_fn

    def label_from_instance(self, obj):
        return self.label_fn(obj)


# --- Units ----------------------------------------------------------------------------------


class UnitForm(ServiceModelForm):
    parent = UidChoiceField(
        Unit.objects.none(),
        required=False,
        label=_("Unit induk"),
        empty_label=_("(tanpa induk)"),
        label_fn=lambda u: f"{u.code} – {u.name}",
        error_messages={"invalid_choice": _("Unit induk tidak ditemukan di Pemda Anda.")},
        help_text=_("Kelurahan di bawah kecamatan; UPTD/Puskesmas di bawah dinas; Bagian di bawah Setda."),
    )
    ranking_category = UidChoiceField(
        RankingCategory.objects.none(),
        required=False,
        label=_("Kategori peringkat"),
        empty_label=_("(bawaan sesuai jenis unit)"),
        error_messages={"invalid_choice": _("Kategori peringkat tidak ditemukan di Pemda Anda.")},
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "type", "parent", "ranking_category", "is_active"]
        help_texts = {"code": _("Kode unik dalam Pemda, misalnya 1.02.01.")}

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(pemda=pemda).order_by("code")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["ranking_category"].queryset = RankingCategory.objects.filter(pemda=pemda)


class UnitHeadForm(ServiceModelForm):
    user = UidChoiceField(
        User.objects.none(),
        required=False,
        label=_("Akun portal (opsional)"),
        empty_label=_("(tidak dihubungkan)"),
        label_fn=lambda u: f"{u.display_name} ({u.username})",
        error_messages={"invalid_choice": _("Akun tidak ditemukan di Pemda Anda.")},
        help_text=_("Hubungkan bila kepala unit juga masuk ke portal."),
    )

    class Meta:
        model = UnitHead
        fields = ["name", "nip", "rank", "title", "acting", "start_date", "end_date", "user"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 18, "pattern": r"\d{18}"}),
        }
        help_texts = {"nip": _("18 angka tanpa spasi."), "end_date": _("Kosongkan bila masih menjabat.")}

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(pemda=pemda, is_active=True)
        self.fields["nip"].error_messages["max_length"] = _("NIP harus terdiri dari tepat 18 angka tanpa spasi.")


# --- Pemda ----------------------------------------------------------------------------------


class PemdaForm(ServiceModelForm):
    class Meta:
        model = Pemda
        fields = ["name", "kind", "province", "head_title", "seat", "letterhead", "logo", "timezone"]
        widgets = {"letterhead": forms.Textarea(attrs={"rows": 4})}

    LOGO_MAX_BYTES = 2 * 1024 * 1024

    def clean_logo(self):
        # ImageField already opened the file with Pillow: a renamed non-image is refused here.
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > self.LOGO_MAX_BYTES:
            raise ValidationError(_("Ukuran logo paling besar 2 MB."))
        return logo


class RankingCategoryForm(ServiceModelForm):
    class Meta:
        model = RankingCategory
        fields = ["name", "order"]


# --- Years ----------------------------------------------------------------------------------


class FiscalYearCalendarForm(ServiceModelForm):
    class Meta:
        model = FiscalYear
        fields = ["frequency", "deadline_day", "grace_days", "pk_deadline"]
        widgets = {"pk_deadline": DateInput()}


class FiscalYearCreateForm(FiscalYearCalendarForm):
    set_current = forms.BooleanField(label=_("Jadikan tahun berjalan"), required=False)

    class Meta(FiscalYearCalendarForm.Meta):
        fields = ["year", "frequency", "deadline_day", "grace_days", "pk_deadline"]


# --- Users and roles ------------------------------------------------------------------------


class UserForm(ServiceModelForm):
    class Meta:
        model = User
        fields = ["username", "full_name", "email", "nip", "phone"]
        widgets = {"nip": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 18})}
        help_texts = {
            "username": _("Huruf, angka dan . _ - saja; dipakai untuk masuk."),
            "nip": _("18 angka tanpa spasi (opsional)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].help_text = _("Dipakai untuk mengirim tautan atur ulang kata sandi.")


class UserCreateForm(UserForm):
    password = forms.CharField(
        label=_("Kata sandi awal (opsional)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Kosongkan untuk mengirim tautan atur ulang kata sandi ke e-mail pengguna."),
    )
    send_reset = forms.BooleanField(label=_("Kirim tautan atur ulang kata sandi sekarang"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("password") and data.get("send_reset") and not data.get("email"):
            self.add_error("email", _("Isi e-mail agar tautan atur ulang kata sandi dapat dikirim."))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=RoleAssignment.Role.choices)
    unit = UidChoiceField(
        Unit.objects.none(),
        required=False,
        label=_("Unit"),
        empty_label=_("(tanpa unit)"),
        label_fn=lambda u: f"{u.code} – {u.name}",
        error_messages={"invalid_choice": _("Unit tidak ditemukan di Pemda Anda.")},
        help_text=_("Wajib untuk Operator OPD dan Kepala OPD."),
    )
    is_team_lead = forms.BooleanField(label=_("Ketua tim (khusus evaluator)"), required=False)
    position = forms.ChoiceField(label=_("Jabatan pimpinan"), choices=RoleAssignment.Position.choices, required=False)

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pemda=pemda, is_active=True).order_by("code")


class UserPasswordResetForm(PasswordResetForm):
    """Django's reset form for one known user, also when the account has no usable password yet
    (accounts created without a password get their first password through this e-mail)."""

    def __init__(self, *args, target: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def get_users(self, email):
        if self.target.is_active and self.target.email and self.target.email.lower() == email.lower():
            yield self.target


# --- Filters and import ---------------------------------------------------------------------


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau kode"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Unit.Type.choices])
    kategori = forms.ChoiceField(label=_("Kategori"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), ("aktif", _("Aktif")), ("nonaktif", _("Nonaktif"))],
    )
    kepala = forms.ChoiceField(
        label=_("Kepala"), required=False, choices=[("", _("Semua")), ("kosong", _("Belum ada kepala"))]
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", _("Semua kategori"))] + [(c.code, c.name) for c in categories]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, username, e-mail, NIP"), required=False)
    peran = forms.ChoiceField(label=_("Peran"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), ("aktif", _("Aktif")), ("nonaktif", _("Nonaktif"))],
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peran"].choices = [
            ("", _("Semua peran")),
            *RoleAssignment.Role.choices,
            ("tanpa", _("Belum punya peran")),
        ]
        self.fields["unit"].choices = [("", _("Semua unit"))] + [(str(u.uid), f"{u.code} – {u.label}") for u in units]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Gunakan templat di atas. Baris pertama berisi nama kolom."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SAKIP_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.SAKIP_MAX_UPLOAD_MB}
            )
        return upload
