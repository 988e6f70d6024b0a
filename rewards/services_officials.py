"""Writes of the officials roster (issue #9): add, edit, deactivate, link to a portal account.

Access: ``P.OBLIGATION_MANAGE`` (admin). Another Pemda's unit, official or user is 404. Every
service is atomic and refuses bad input with a ``ValidationError`` in Bahasa Indonesia.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from rewards.models import Official, PositionLevel
from rewards.services_rankings import deny, same_pemda
from sakip.core.models import Pemda, Unit, User
from sakip.core.permissions import P, has_perm

ROSTER_FIELDS = ("unit", "name", "nip", "position_level", "position", "user")


def _check(user, pemda: Pemda | None, unit: Unit, linked_user: User | None) -> Pemda:
    pemda = pemda or getattr(unit, "pemda", None)
    same_pemda(user, pemda, unit)
    if unit.pemda_id != pemda.pk:
        raise Http404
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    if linked_user is not None and linked_user.pemda_id != pemda.pk:
        raise ValidationError({"user": _("Akun portal harus milik Pemda yang sama.")})
    return pemda


def _validate(official: Official) -> None:
    if official.position_level not in PositionLevel.values:
        raise ValidationError({"position_level": _("Pilih jenjang jabatan yang tersedia.")})
    if official.is_active and not official.unit.is_active:
        raise ValidationError({"unit": _("Unit sudah tidak aktif.")})
    clash = Official.objects.filter(pemda_id=official.pemda_id, nip=official.nip).exclude(pk=official.pk).first()
    if clash is not None:
        raise ValidationError(
            {"nip": _("NIP %(nip)s sudah terdaftar atas nama %(name)s.") % {"nip": clash.nip, "name": clash.name}}
        )
    if official.user_id:
        other = Official.objects.filter(user_id=official.user_id, is_active=True).exclude(pk=official.pk).first()
        if other is not None and official.is_active:
            raise ValidationError(
                {"user": _("Akun ini sudah terhubung dengan pegawai %(name)s.") % {"name": other.name}}
            )
    official.full_clean(validate_unique=False)


@transaction.atomic
def official_create(
    *,
    user,
    pemda: Pemda | None = None,
    unit: Unit,
    name: str,
    nip: str,
    position_level: str,
    position: str = "",
    linked_user: User | None = None,
) -> Official:
    """Add an official to the roster (NIP unique in the Pemda; an account links to one active official)."""
    pemda = _check(user, pemda, unit, linked_user)
    official = Official(
        pemda=pemda,
        unit=unit,
        name=(name or "").strip(),
        nip=(nip or "").strip(),
        position_level=position_level,
        position=(position or "").strip(),
        user=linked_user,
    )
    _validate(official)
    official.save()
    return official


@transaction.atomic
def official_update(
    *,
    user,
    official: Official,
    unit: Unit,
    name: str,
    nip: str,
    position_level: str,
    position: str = "",
    linked_user: User | None = None,
) -> Official:
    """Edit an official (unit, name, NIP, level, position, portal account)."""
    same_pemda(user, official)
    _check(user, official.pemda, unit, linked_user)
    official.unit = unit
    official.name = (name or "").strip()
    official.nip = (nip or "").strip()
    official.position_level = position_level
    official.position = (position or "").strip()
    official.user = linked_user
    _validate(official)
    official.save()
    return official


@transaction.atomic
def official_set_active(*, user, official: Official, active: bool) -> Official:
    """Deactivate (or reactivate) an official; history stays, new obligations no longer apply."""
    same_pemda(user, official)
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    official.is_active = active
    if active:
        _validate(official)
    official.save(update_fields=["is_active", "updated_at"])
    return official


# --- Excel import of the roster ------------------------------------------------------------------

IMPORT_COLUMNS = ["nip", "nama", "kode_unit", "jenjang", "jabatan", "username"]
IMPORT_REQUIRED = ["nip", "nama", "kode_unit", "jenjang"]


@dataclass
class ImportIssue:
    row: int
    column: str
    message: str


@dataclass
class OfficialImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


class _Rollback(Exception):
    pass


def _level(raw: str) -> str | None:
    text = raw.strip().lower()
    for value, label in PositionLevel.choices:
        if text in (value, str(label).lower()) or (value == "jpt" and text.startswith("jabatan pimpinan")):
            return value
    return None


BAD_LEVEL = _("Jenjang tidak dikenal; pilih JPT, Administrator, Pengawas, Fungsional atau Pelaksana.")
FIELD_COLUMNS = {"name": "nama", "position_level": "jenjang", "user": "username", "unit": "kode_unit"}


def _import_row(number: int, values: dict, lookups: dict, seen: dict) -> tuple[dict | None, list[ImportIssue]]:
    """The service fields of one row, or its issues."""
    from sakip.core.resources import as_text

    issues: list[ImportIssue] = []
    raw_nip = values.get("nip")
    nip = as_text(raw_nip).replace(" ", "")
    if isinstance(raw_nip, float):
        issues.append(ImportIssue(number, "nip", _("NIP terbaca sebagai angka; format kolom nip sebagai Teks.")))
    elif nip in seen:
        message = _("NIP %(nip)s sudah ada di baris %(row)s.") % {"nip": nip, "row": seen[nip]}
        issues.append(ImportIssue(number, "nip", message))
    seen.setdefault(nip, number)
    code = as_text(values.get("kode_unit"))
    unit = lookups["units"].get(code)
    if unit is None:
        issues.append(ImportIssue(number, "kode_unit", _("Kode unit %(code)s tidak dikenal.") % {"code": code}))
    level = _level(as_text(values.get("jenjang")))
    if level is None:
        issues.append(ImportIssue(number, "jenjang", str(BAD_LEVEL)))
    username = as_text(values.get("username")).lower()
    linked = lookups["users"].get(username) if username else None
    if username and linked is None:
        message = _("Akun %(u)s tidak ditemukan di Pemda ini.") % {"u": username}
        issues.append(ImportIssue(number, "username", message))
    if issues:
        return None, issues
    fields = {"unit": unit, "name": as_text(values.get("nama")), "nip": nip, "position_level": level,
              "position": as_text(values.get("jabatan")), "linked_user": linked}  # fmt: skip
    return fields, []


def officials_import(*, user, pemda: Pemda, data: bytes, commit: bool) -> OfficialImportReport:
    """Import the roster from an .xlsx (columns :data:`IMPORT_COLUMNS`): a known NIP is updated, a new
    one added. Every row is checked and written inside one transaction that is rolled back for a dry
    run (``commit=False``) or when any row has an error, so nothing is saved halfway. Raises
    :class:`sakip.core.resources.ImportFileError` for a file that cannot be read."""
    from sakip.core.resources import read_spreadsheet

    same_pemda(user, pemda)
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    dataset, numbers = read_spreadsheet(data, columns=IMPORT_COLUMNS, required=IMPORT_REQUIRED)
    report = OfficialImportReport(total=len(numbers))
    lookups = {
        "units": {u.code: u for u in Unit.objects.filter(pemda=pemda)},
        "users": {u.username.lower(): u for u in User.objects.filter(pemda=pemda)},
    }
    existing = {o.nip: o for o in Official.objects.filter(pemda=pemda)}
    seen: dict[str, int] = {}
    try:
        with transaction.atomic():
            for number, values in zip(numbers, dataset.dict, strict=True):
                fields, issues = _import_row(number, values, lookups, seen)
                report.issues.extend(issues)
                if fields is None:
                    continue
                try:
                    with transaction.atomic():
                        if fields["nip"] in existing:
                            official_update(user=user, official=existing[fields["nip"]], **fields)
                            report.updated += 1
                        else:
                            existing[fields["nip"]] = official_create(user=user, pemda=pemda, **fields)
                            report.created += 1
                except ValidationError as error:
                    for column, messages in error.message_dict.items():
                        name = FIELD_COLUMNS.get(column, column)
                        report.issues.extend(ImportIssue(number, name, m) for m in messages)
            if report.issues or not commit:
                raise _Rollback
    except _Rollback:
        pass  # a dry run, or a file with errors: nothing is saved
    if report.issues:
        report.created = report.updated = 0
    return report
