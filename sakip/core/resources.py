"""Excel import of units and users (django-import-export), all-or-nothing, through the services.

The flow used by the import pages (:mod:`sakip.core.views.imports`):

1. :func:`read_spreadsheet` checks that the upload *is* an .xlsx workbook (by content) and has
   the required columns, and turns the first sheet into a ``tablib.Dataset`` remembering the
   spreadsheet row number of every data row;
2. :func:`run_import` runs the resource in a transaction: a dry run always rolls back; a commit
   rolls back as soon as one row fails. Rows are saved through :mod:`sakip.core.services`, so
   an import obeys the same rules as the pages and the API;
3. the :class:`ImportReport` lists every problem as "Baris 4, kolom kode: ...".
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from . import services
from .models import Pemda, RankingCategory, RoleAssignment, Unit, User

MAX_ROWS = 2000


class ImportFileError(Exception):
    """The upload cannot be imported at all (not a spreadsheet, missing columns, empty)."""


# --- Reading the file -----------------------------------------------------------------------


def _header(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def read_spreadsheet(data: bytes, *, columns: list[str], required: list[str]) -> tuple[tablib.Dataset, list[int]]:
    """The first sheet of an .xlsx workbook as a Dataset with ``columns`` (extra columns ignored),
    plus the spreadsheet row number of each data row (blank rows are skipped)."""
    import openpyxl

    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("Berkas ini bukan spreadsheet Excel (.xlsx). Simpan sebagai Excel Workbook (.xlsx) lalu unggah lagi.")
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ImportFileError(_("Berkas ini bukan spreadsheet Excel (.xlsx)."))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as exc:  # corrupt zip or workbook: openpyxl raises many kinds
        raise ImportFileError(_("Berkas Excel tidak dapat dibaca (rusak atau terkunci sandi).")) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_header(h) for h in next(rows, ())]
        missing = [c for c in required if c not in header]
        if missing:
            raise ImportFileError(
                _("Kolom wajib tidak ditemukan di baris pertama: %(missing)s. Gunakan templat yang disediakan.")
                % {"missing": ", ".join(missing)}
            )
        dataset, numbers = tablib.Dataset(headers=[c for c in columns if c in header]), []
        for number, row in enumerate(rows, start=2):
            values = dict(zip(header, row, strict=False))
            if all(values.get(c) in (None, "") or str(values.get(c)).strip() == "" for c in dataset.headers):
                continue
            if len(numbers) >= MAX_ROWS:
                raise ImportFileError(_("Paling banyak %(n)s baris per impor.") % {"n": MAX_ROWS})
            dataset.append([values.get(c) for c in dataset.headers])
            numbers.append(number)
    finally:
        workbook.close()
    if not numbers:
        raise ImportFileError(_("Berkas tidak berisi data di bawah baris judul kolom."))
    return dataset, numbers


# --- Widgets: Indonesian values and messages ------------------------------------------------


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return as_text(value)


class NipWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float):
            raise ValueError(
                _("NIP terbaca sebagai angka sehingga digit terakhirnya hilang. Format kolom nip sebagai Teks.")
            )
        return as_text(value).replace(" ", "")


class BooleanWidget(widgets.Widget):
    TRUE = {"ya", "y", "1", "true", "aktif", "benar"}
    FALSE = {"tidak", "t", "0", "false", "nonaktif", "tidak aktif", "salah"}

    def clean(self, value, row=None, **kwargs):
        text = as_text(value).lower()
        if text == "" or text in self.TRUE or value is True:
            return True
        if text in self.FALSE or value is False:
            return False
        raise ValueError(_("Isi dengan ya atau tidak (bukan %(v)s).") % {"v": as_text(value)})


class ChoiceWidget(widgets.Widget):
    """A choice given by its code or its label (case-insensitive), e.g. ``dinas`` or ``Dinas``."""

    def __init__(self, choices, *, what: str, aliases: dict[str, str] | None = None, required: bool = True):
        super().__init__()
        self.lookup = {str(code).lower(): code for code, _label in choices if code}
        self.lookup.update({str(label).lower(): code for code, label in choices if code})
        self.lookup.update(aliases or {})
        self.labels = [str(label) for code, label in choices if code]
        self.what, self.required = what, required

    def clean(self, value, row=None, **kwargs):
        text = as_text(value)
        if not text:
            if self.required:
                raise ValueError(_("%(what)s wajib diisi.") % {"what": self.what})
            return ""
        try:
            return self.lookup[text.lower()]
        except KeyError:
            raise ValueError(
                _("%(what)s %(value)s tidak dikenal. Pilihan: %(choices)s.")
                % {"what": self.what, "value": text, "choices": ", ".join(self.labels)}
            ) from None


class UnitCodeWidget(widgets.Widget):
    """A unit of the importing Pemda given by its code (units created earlier in the file count)."""

    def __init__(self, pemda: Pemda, *, hint: str = ""):
        super().__init__()
        self.pemda, self.hint = pemda, hint

    def clean(self, value, row=None, **kwargs):
        code = as_text(value)
        if not code:
            return None
        unit = Unit.objects.filter(pemda=self.pemda, code__iexact=code).first()
        if unit is None:
            raise ValueError(_("Unit dengan kode %(code)s tidak ditemukan di Pemda ini.") % {"code": code} + self.hint)
        return unit


class CategoryWidget(widgets.Widget):
    def __init__(self, pemda: Pemda):
        super().__init__()
        self.categories = {c.code.lower(): c for c in RankingCategory.objects.filter(pemda=pemda)}
        self.categories.update({c.name.lower(): c for c in self.categories.copy().values()})

    def clean(self, value, row=None, **kwargs):
        text = as_text(value)
        if not text:
            return None
        try:
            return self.categories[text.lower()]
        except KeyError:
            names = sorted({c.name for c in self.categories.values()})
            raise ValueError(
                _("Kategori %(value)s tidak ada. Pilihan: %(choices)s.") % {"value": text, "choices": ", ".join(names)}
            ) from None


# --- Resources ------------------------------------------------------------------------------


class ServiceResource(resources.ModelResource):
    """Create-only resource whose rows are saved by a service instead of ``instance.save()``."""

    #: extra error keys (service field names) -> column names
    error_columns: dict[str, str] = {}

    def __init__(self, *, pemda: Pemda):
        super().__init__()
        self.pemda = pemda

    def save_row(self, instance) -> None:
        raise NotImplementedError

    def do_instance_save(self, instance, is_create):
        self.save_row(instance)

    def column_for(self, key: str) -> str | None:
        if key == NON_FIELD_ERRORS:
            return None
        for f in self.fields.values():
            if f.attribute == key:
                return f.column_name
        return self.error_columns.get(key)


TYPE_ALIASES = {"puskesmas": Unit.Type.UPTD, "uptd": Unit.Type.UPTD, "setda": Unit.Type.SETDA, "dprd": Unit.Type.SETWAN}


class UnitResource(ServiceResource):
    code = fields.Field(attribute="code", column_name="kode", widget=TextWidget())
    name = fields.Field(attribute="name", column_name="nama", widget=TextWidget())
    short_name = fields.Field(attribute="short_name", column_name="singkatan", widget=TextWidget())
    type = fields.Field(attribute="type", column_name="jenis")
    parent = fields.Field(attribute="parent", column_name="kode_induk")
    ranking_category = fields.Field(attribute="ranking_category", column_name="kategori")
    is_active = fields.Field(attribute="is_active", column_name="aktif", widget=BooleanWidget())

    COLUMNS = ["kode", "nama", "singkatan", "jenis", "kode_induk", "kategori", "aktif"]
    REQUIRED = ["kode", "nama", "jenis"]

    class Meta:
        model = Unit
        fields = ("code", "name", "short_name", "type", "parent", "ranking_category", "is_active")
        force_init_instance = True
        skip_diff = True
        clean_model_instances = False

    def __init__(self, *, pemda: Pemda):
        super().__init__(pemda=pemda)
        self.fields["type"].widget = ChoiceWidget(Unit.Type.choices, what=_("Jenis"), aliases=TYPE_ALIASES)
        hint = " " + _("Unit induk harus sudah ada atau berada di baris yang lebih atas.")
        self.fields["parent"].widget = UnitCodeWidget(pemda, hint=hint)
        self.fields["ranking_category"].widget = CategoryWidget(pemda)

    def save_row(self, instance) -> None:
        data = {name: getattr(instance, name) for name in services.UNIT_FIELDS}
        if not data["code"]:
            raise ValidationError({"code": _("Kode unit wajib diisi.")})
        if not data["name"]:
            raise ValidationError({"name": _("Nama unit wajib diisi.")})
        instance.pk = services.unit_create(pemda=self.pemda, data=data).pk


class UserResource(ServiceResource):
    username = fields.Field(attribute="username", column_name="username", widget=TextWidget())
    full_name = fields.Field(attribute="full_name", column_name="nama_lengkap", widget=TextWidget())
    email = fields.Field(attribute="email", column_name="email", widget=TextWidget())
    nip = fields.Field(attribute="nip", column_name="nip", widget=NipWidget())
    role = fields.Field(attribute="import_role", column_name="peran")
    unit = fields.Field(attribute="import_unit", column_name="kode_unit")

    COLUMNS = ["username", "nama_lengkap", "email", "nip", "peran", "kode_unit"]
    REQUIRED = ["username", "nama_lengkap"]
    error_columns = {"role": "peran", "unit": "kode_unit", "is_team_lead": "peran", "position": "peran"}

    class Meta:
        model = User
        fields = ("username", "full_name", "email", "nip", "role", "unit")
        force_init_instance = True
        skip_diff = True
        clean_model_instances = False

    def __init__(self, *, pemda: Pemda):
        super().__init__(pemda=pemda)
        aliases = {"admin": RoleAssignment.Role.ADMIN, "operator": RoleAssignment.Role.OPERATOR}
        aliases["evaluator"] = RoleAssignment.Role.EVALUATOR
        self.fields["role"].widget = ChoiceWidget(
            RoleAssignment.Role.choices, what=_("Peran"), aliases=aliases, required=False
        )
        self.fields["unit"].widget = UnitCodeWidget(pemda)

    def save_row(self, instance) -> None:
        data = {name: getattr(instance, name) or "" for name in ("username", "full_name", "email", "nip")}
        if not data["username"]:
            raise ValidationError({"username": _("Username wajib diisi.")})
        if not data["full_name"]:
            raise ValidationError({"full_name": _("Nama lengkap wajib diisi.")})
        role, unit = getattr(instance, "import_role", ""), getattr(instance, "import_unit", None)
        if unit is not None and not role:
            raise ValidationError({"role": _("Isi peran untuk pengguna yang diberi kode unit.")})
        user = services.user_create(pemda=self.pemda, data=data)
        if role:
            services.role_assign(user=user, role=role, unit=unit)
        instance.pk = user.pk


# --- Running and reporting ------------------------------------------------------------------


@dataclass
class RowIssue:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Baris %(row)s, kolom %(col)s: %(msg)s") % {
                "row": self.row,
                "col": self.column,
                "msg": self.message,
            }
        return _("Baris %(row)s: %(msg)s") % {"row": self.row, "msg": self.message}


@dataclass
class ImportReport:
    total: int
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def bad_rows(self) -> int:
        return len({i.row for i in self.issues})


def run_import(resource: ServiceResource, dataset: tablib.Dataset, numbers: list[int], *, commit: bool) -> ImportReport:
    """Import ``dataset``; nothing is kept unless ``commit`` and every row succeeded."""
    result = resource.import_data(
        dataset,
        dry_run=not commit,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )
    report = ImportReport(total=len(dataset), headers=list(dataset.headers))
    report.rows = [(numbers[i], [as_text(v) for v in row]) for i, row in enumerate(dataset)]
    for invalid in result.invalid_rows:
        row = numbers[invalid.number - 1]
        for key, messages in invalid.error_dict.items():
            for message in messages:
                report.issues.append(RowIssue(row, resource.column_for(key), message))
    for error_row in result.error_rows:
        for error in error_row.errors:
            message = _("Kesalahan tak terduga: %(err)s") % {"err": error.error}
            report.issues.append(RowIssue(numbers[error_row.number - 1], None, message))
    for error in result.base_errors:
        report.issues.append(RowIssue(1, None, str(error.error)))
    report.issues.sort(key=lambda i: i.row)
    return report
