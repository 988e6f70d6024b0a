"""Writes of periodic realisation reports. Every interface (pages, API, Excel import, demo seed,
admin, tasks) goes through these functions, so each rule and each access check is the same everywhere.

Conventions (as ``agreements.services``): keyword-only, typed, ``@transaction.atomic``; problems
raise Django ``ValidationError`` with messages in Bahasa Indonesia (keyed by field where a field is
at fault); a user who may not act raises ``PermissionDenied``. Numbers are ``Decimal``; text such as
``"61,76"`` is parsed with :func:`sakip.lib.numbers.parse_number`.

Workflow per unit and period (domain reference §7)::

    draft ──submit──▶ submitted ──verify──▶ verified ──accept──▶ accepted
      ▲                  │                     │
      └──── returned ◀───┴────── return ───────┘   (note required)

Who: entering values and submitting ``P.REAL_EDIT`` on the unit (operator, kepala); verifying
``P.REAL_VERIFY`` on the unit (kepala); returning: the kepala (submitted/verified) or the admin;
accepting ``P.REAL_ACCEPT`` (admin); unlocking ``P.PERIOD_UNLOCK`` (admin), with a reason, for
``CapaianSetting.unlock_hours`` (default 48) hours.

Locks (:func:`lock_state`, rules in :mod:`evaluations.periods`): accepted reports, and draft or
returned reports once the deadline plus the grace days has passed, refuse changes and submission
until an admin unlock (which expires). Every change of a value is kept (:class:`RealisationChange`);
a change after acceptance marks the report "berubah setelah diterima" until it is accepted again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Indicator
from sakip.core.models import FiscalYear, Notification, Period, RoleAssignment, Unit, User
from sakip.core.permissions import P, has_perm
from sakip.lib.dates import format_date
from sakip.lib.numbers import parse_number

from . import periods as rules
from .models import CapaianSetting, Evidence, PeriodReport, Realisation, RealisationChange

Status = PeriodReport.Status
Role = RoleAssignment.Role
LockState = rules.LockState

# Evidence: accepted content types (detected from the bytes, never from the name) → label.
ALLOWED_EVIDENCE = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    # XLSX and ODS are ZIP containers; ``filetype`` recognises them by their inner files.
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.ms-excel": "XLS",
    "text/csv": "CSV",
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (Compound File Binary)
DEFAULT_UNLOCK_HOURS = 48
DEFAULT_MAX_UPLOAD_MB = 10


# --- helpers --------------------------------------------------------------------------------


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _require(allowed: bool) -> None:
    if not allowed:
        raise _deny()


def _same_pemda(by: User, pemda_id: int) -> None:
    _require(getattr(by, "pemda_id", None) == pemda_id)


def _lock(report: PeriodReport) -> PeriodReport:
    """Re-read the report under a row lock (PostgreSQL) so concurrent transitions serialise."""
    return (
        PeriodReport.objects.select_for_update()
        .select_related("period__fiscal_year", "unit", "pemda")
        .get(pk=report.pk)
    )


def _refresh_into(target: PeriodReport, source: PeriodReport) -> None:
    for f in PeriodReport._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def local_now(report: PeriodReport, now: dt.datetime | None = None) -> dt.datetime:
    """``now`` (default: the current time) in the report's Pemda time zone."""
    return (now or timezone.now()).astimezone(report.pemda.tz)


def setting_for(fiscal_year: FiscalYear) -> CapaianSetting | None:
    return CapaianSetting.objects.filter(fiscal_year=fiscal_year).first()


def unlock_hours(fiscal_year: FiscalYear) -> int:
    setting = setting_for(fiscal_year)
    return setting.unlock_hours if setting else DEFAULT_UNLOCK_HOURS


def max_upload_mb(fiscal_year: FiscalYear) -> int:
    """The evidence size limit: the year's setting, never above the server's ``SAKIP_MAX_UPLOAD_MB``."""
    setting = setting_for(fiscal_year)
    limit = setting.max_upload_mb if setting else DEFAULT_MAX_UPLOAD_MB
    return min(limit, int(getattr(settings, "SAKIP_MAX_UPLOAD_MB", limit)))


def report_url(report: PeriodReport) -> str:
    """The report's page (empty while the pages are not routed)."""
    for name in ("evaluations:report", "evaluations:report_detail", "evaluations:entry"):
        try:
            return reverse(name, kwargs={"uid": report.uid})
        except NoReverseMatch:
            continue
    return ""


# --- permissions in Python (used by pages to show or hide buttons) ---------------------------


def can_view(user: User, report: PeriodReport) -> bool:
    return getattr(user, "pemda_id", None) == report.pemda_id and has_perm(user, P.REAL_VIEW, unit_id=report.unit_id)


def can_edit(user: User, report: PeriodReport) -> bool:
    return getattr(user, "pemda_id", None) == report.pemda_id and has_perm(user, P.REAL_EDIT, unit_id=report.unit_id)


def can_verify(user: User, report: PeriodReport) -> bool:
    return getattr(user, "pemda_id", None) == report.pemda_id and has_perm(user, P.REAL_VERIFY, unit_id=report.unit_id)


def can_accept(user: User, report: PeriodReport) -> bool:
    return getattr(user, "pemda_id", None) == report.pemda_id and has_perm(user, P.REAL_ACCEPT)


def can_return(user: User, report: PeriodReport) -> bool:
    return can_verify(user, report) or can_accept(user, report)


def can_unlock(user: User, report: PeriodReport) -> bool:
    return getattr(user, "pemda_id", None) == report.pemda_id and has_perm(user, P.PERIOD_UNLOCK)


def allowed_actions(user: User, report: PeriodReport, *, now: dt.datetime | None = None) -> dict[str, bool]:
    """Which workflow buttons ``user`` gets on ``report`` now (the services check again)."""
    locked = lock_state(report, now=now).locked
    s = report.status
    return {
        "edit": can_edit(user, report) and not locked,
        "submit": can_edit(user, report) and not locked and s in (Status.DRAFT, Status.RETURNED),
        "verify": can_verify(user, report) and s == Status.SUBMITTED,
        "accept": can_accept(user, report)
        and (s == Status.VERIFIED or (s == Status.ACCEPTED and report.changed_after_acceptance)),
        "return": (can_verify(user, report) and s in (Status.SUBMITTED, Status.VERIFIED))
        or (can_accept(user, report) and s in (Status.SUBMITTED, Status.VERIFIED, Status.ACCEPTED)),
        "unlock": can_unlock(user, report) and locked,
    }


# --- locks ----------------------------------------------------------------------------------


def lock_state(report: PeriodReport, *, now: dt.datetime | None = None) -> LockState:
    """Whether the report's values may be changed at ``now`` (default: the current time), and if not
    why and who can unlock (rules: :func:`evaluations.periods.compute_lock`; Pemda-local dates)."""
    local = local_now(report, now)
    tz = report.pemda.tz
    return rules.compute_lock(
        status=report.status,
        deadline=report.deadline,
        grace_days=report.period.fiscal_year.grace_days,
        now=local,
        today=local.date(),
        unlocked_until=report.unlocked_until.astimezone(tz) if report.unlocked_until else None,
        returned_on=report.returned_at.astimezone(tz).date() if report.returned_at else None,
    )


def _ensure_unlocked(report: PeriodReport) -> None:
    state = lock_state(report)
    if state.locked:
        raise ValidationError(f"{state.reason} {state.unlock_hint}".strip())


# --- notifications --------------------------------------------------------------------------


def unit_users(unit_id: int, *roles: str) -> list[User]:
    """Active users holding one of ``roles`` on the unit. One query."""
    return list(
        User.objects.filter(is_active=True, roles__unit_id=unit_id, roles__role__in=roles).distinct().order_by("id")
    )


def pemda_users(pemda_id: int, *roles: str) -> list[User]:
    return list(
        User.objects.filter(is_active=True, pemda_id=pemda_id, roles__role__in=roles, roles__pemda_id=pemda_id)
        .distinct()
        .order_by("id")
    )


def notify(users, *, report: PeriodReport, title: str, body: str = "", key: str = "") -> int:
    """In-portal notices (idempotent per user and ``key``). Returns how many were created."""
    url = report_url(report)
    rows = [
        Notification(pemda_id=report.pemda_id, user=u, title=title[:200], body=body, url=url[:300], key=key[:120])
        for u in users
    ]
    if not rows:
        return 0
    if not key:
        Notification.objects.bulk_create(rows)
        return len(rows)
    existing = set(
        Notification.objects.filter(key=key[:120], user__in=[u.pk for u in users]).values_list("user_id", flat=True)
    )
    fresh = [r for r in rows if r.user.pk not in existing]
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def _event_key(action: str, report: PeriodReport) -> str:
    return f"realisasi:{action}:{report.uid}:{int(timezone.now().timestamp() * 1000)}"


def _label(report: PeriodReport) -> str:
    return f"{report.unit.label} – {report.period.label}"


# --- reports --------------------------------------------------------------------------------


def _check_period(unit: Unit, period: Period) -> FiscalYear:
    fiscal_year = period.fiscal_year
    if unit.pemda_id != fiscal_year.pemda_id:
        raise ValidationError({"unit": _("Unit harus berasal dari Pemda yang sama dengan tahun anggaran.")})
    if period.kind != (
        Period.Kind.MONTH if fiscal_year.frequency == FiscalYear.Frequency.MONTHLY else Period.Kind.QUARTER
    ):
        raise ValidationError(
            {
                "period": _("%(p)s bukan periode pelaporan tahun %(y)s (pelaporan %(f)s).")
                % {"p": period.label, "y": fiscal_year.year, "f": fiscal_year.get_frequency_display().lower()}
            }
        )
    return fiscal_year


def report_for(*, unit: Unit, period: Period) -> PeriodReport | None:
    """The existing report of ``unit`` for ``period`` (no access check, no creation)."""
    return (
        PeriodReport.objects.filter(unit=unit, period=period)
        .select_related("period__fiscal_year", "unit", "pemda")
        .first()
    )


@transaction.atomic
def report_get_or_create(*, unit: Unit, period: Period, by: User) -> PeriodReport:
    """The report of ``unit`` for the reporting ``period``, created as a draft with the deadline of
    the year's calendar (day ``deadline_day`` of the next month) when missing. Needs ``P.REAL_VIEW``
    on the unit (opening the entry grid creates the report)."""
    _same_pemda(by, unit.pemda_id)
    _require(has_perm(by, P.REAL_VIEW, unit_id=unit.pk))
    fiscal_year = _check_period(unit, period)
    found = report_for(unit=unit, period=period)
    if found is not None:
        return found
    if not unit.is_active:
        raise ValidationError({"unit": _("Unit ini tidak aktif.")})
    report = PeriodReport(
        pemda_id=unit.pemda_id,
        unit=unit,
        period=period,
        deadline=rules.deadline_for(period.end_date, fiscal_year.deadline_day),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # created by a concurrent request
        pass
    return report_for(unit=unit, period=period)


# --- values ---------------------------------------------------------------------------------


def parse_value(value: Decimal | int | str | None, indicator: Indicator) -> Decimal | None:
    """A realised value from a number or text (``"61,76"``); ``None``/empty clears it.

    Raises ``ValidationError`` (field ``value``) for text that is not a number, for a negative value
    of an indicator that cannot be negative, and for numbers with more than 4 decimals or too large.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError({"value": _("Realisasi harus berupa angka.")})
    if isinstance(value, Decimal | int | float):
        number = Decimal(str(value))
    else:
        number = parse_number(str(value))
        if number is None:
            raise ValidationError(
                {"value": _("Realisasi harus berupa angka (misalnya 61,76), bukan “%(v)s”.") % {"v": str(value)[:40]}}
            )
    if not number.is_finite():
        raise ValidationError({"value": _("Realisasi harus berupa angka.")})
    if number < 0 and not indicator.allow_negative:
        raise ValidationError({"value": _("Realisasi indikator “%(i)s” tidak boleh negatif.") % {"i": indicator.name}})
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError({"value": _("Realisasi paling banyak 4 angka di belakang koma.")})
    if abs(number) >= Decimal(10) ** 16:
        raise ValidationError({"value": _("Realisasi terlalu besar.")})
    return number


def _indicator_in_force(report: PeriodReport, indicator: Indicator) -> None:
    from .capaian import agreement_for_period

    agreement = agreement_for_period(report.unit, report.period.fiscal_year, report.period.end_date)
    if agreement is None:
        raise ValidationError(
            _("%(u)s belum memiliki PK yang ditandatangani untuk tahun %(y)s; realisasi belum dapat diisi.")
            % {"u": report.unit.name, "y": report.period.fiscal_year.year}
        )
    if not Indicator.objects.filter(pk=indicator.pk, sasaran__agreement=agreement).exists():
        same_lineage = Indicator.objects.filter(lineage=indicator.lineage, sasaran__agreement=agreement).exists()
        if not same_lineage:
            raise ValidationError(
                {
                    "indicator": _("Indikator ini tidak termasuk PK yang berlaku untuk %(p)s.")
                    % {"p": report.period.label}
                }
            )


@transaction.atomic
def realisation_save(
    *,
    report: PeriodReport,
    indicator: Indicator,
    value: Decimal | int | str | None,
    kendala: str | None = "",
    upaya: str | None = "",
    reason: str = "",
    by: User,
    now: dt.datetime | None = None,
) -> Realisation:
    """Save the realised value (and kendala/upaya) of ``indicator`` in ``report`` (autosave: kendala
    and upaya are only required on submit).

    ``kendala`` / ``upaya`` ``None`` keep the stored text. Refused when the report is locked (the
    message says why and who can unlock), for text that is not a number, and for negatives of an
    indicator that cannot be negative. A changed value is recorded in :class:`RealisationChange`
    (who, when, old → new, reason); once the report is submitted, verified or accepted the change
    needs a reason, and a change on an accepted report marks it "berubah setelah diterima".
    """
    _same_pemda(by, report.pemda_id)
    _require(has_perm(by, P.REAL_EDIT, unit_id=report.unit_id))
    locked = _lock(report)
    state = lock_state(locked, now=now)
    if state.locked:
        raise ValidationError(f"{state.reason} {state.unlock_hint}".strip())
    if indicator.pemda_id != locked.pemda_id:
        raise ValidationError({"indicator": _("Indikator tidak ditemukan.")})
    number = parse_value(value, indicator)
    if locked.period.start_date > local_now(locked, now).date():
        raise ValidationError(
            _("Periode %(p)s belum dimulai; realisasi belum dapat diisi.") % {"p": locked.period.label}
        )
    _indicator_in_force(locked, indicator)
    realisation = Realisation.objects.filter(report=locked, indicator_lineage=indicator.lineage).first()
    old = realisation.value if realisation else None
    changed = realisation is None and number is not None or (realisation is not None and old != number)
    reviewed = locked.status in (Status.SUBMITTED, Status.VERIFIED, Status.ACCEPTED)
    after_acceptance = locked.status == Status.ACCEPTED or locked.accepted_at is not None
    reason = (reason or "").strip()
    if changed and reviewed and not reason:
        raise ValidationError(
            {
                "reason": _("Laporan sudah %(s)s; tuliskan alasan perubahan nilai.")
                % {"s": locked.get_status_display().lower()}
            }
        )
    if realisation is None:
        realisation = Realisation(
            pemda_id=locked.pemda_id, report=locked, indicator_lineage=indicator.lineage, indicator=indicator
        )
    realisation.indicator = indicator
    realisation.value = number
    if kendala is not None:
        realisation.kendala = kendala.strip()
    if upaya is not None:
        realisation.upaya = upaya.strip()
    realisation.updated_by = by
    realisation.full_clean(validate_unique=False, validate_constraints=False)
    realisation.save()
    if changed:
        RealisationChange.objects.create(
            pemda_id=locked.pemda_id,
            realisation=realisation,
            old_value=old,
            new_value=number,
            reason=reason,
            by=by,
            after_acceptance=after_acceptance,
        )
        if after_acceptance and not locked.changed_after_acceptance:
            locked.changed_after_acceptance = True
            locked.save(update_fields=["changed_after_acceptance", "updated_at"])
    _refresh_into(report, locked)
    return realisation


# --- evidence -------------------------------------------------------------------------------


def detect_type(head: bytes, name: str = "") -> str | None:
    """The content type of a file from its first bytes (``None`` when not an accepted type).

    PDF, PNG, JPEG, XLSX and ODS by their signatures (``filetype``); legacy XLS by the OLE2 header;
    CSV only when the name ends in ``.csv`` and the bytes are UTF-8 (or Latin-1) text without NUL.
    """
    kind = filetype.guess(head)
    if kind is not None and kind.mime in ALLOWED_EVIDENCE:
        return kind.mime
    if head.startswith(OLE2_MAGIC) and name.lower().endswith(".xls"):
        return "application/vnd.ms-excel"
    if kind is None and name.lower().endswith(".csv") and head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("latin-1")
            except UnicodeDecodeError:  # pragma: no cover
                return None
        return "text/csv"
    return None


def check_evidence(file, *, field: str = "evidence", max_mb: int = 10) -> tuple[str, str, int]:
    """Name, content type and size of an uploaded evidence file (follow-up, obligation, assessment).

    ``ValidationError`` on ``field`` when the file is empty, larger than ``SAKIP_MAX_UPLOAD_MB`` (at
    most ``max_mb``), or not a PDF, image or spreadsheet by its content (:func:`detect_type`).
    """
    name = (getattr(file, "name", "") or "bukti").rsplit("/", 1)[-1][:200]
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError({field: _("Berkas %(n)s kosong.") % {"n": name}})
    limit = min(max_mb, int(getattr(settings, "SAKIP_MAX_UPLOAD_MB", max_mb)))
    if size > limit * 1024 * 1024:
        raise ValidationError({field: _("Berkas %(n)s terlalu besar; batasnya %(m)s MB.") % {"n": name, "m": limit}})
    file.seek(0)
    content_type = detect_type(file.read(8192), name)
    file.seek(0)
    if content_type not in ALLOWED_EVIDENCE:
        raise ValidationError(
            {field: _("Isi berkas %(n)s bukan PDF, gambar (PNG/JPEG) atau lembar kerja.") % {"n": name}}
        )
    return name, content_type, size


@transaction.atomic
def evidence_add(*, realisation: Realisation, uploaded_file, by: User) -> Evidence:
    """Attach a file (PDF, PNG/JPEG, XLSX/XLS/ODS/CSV) to a realisation.

    The type is decided by the content (a text file renamed ``.pdf`` is refused); the size limit is
    the year's ``CapaianSetting.max_upload_mb`` (default 10) and never above
    ``settings.SAKIP_MAX_UPLOAD_MB``; the SHA-256 is stored; the file goes through Django's storage
    under a random name. Refused when the report is locked.
    """
    report = realisation.report
    _same_pemda(by, report.pemda_id)
    _require(has_perm(by, P.REAL_EDIT, unit_id=report.unit_id))
    locked = _lock(report)
    _ensure_unlocked(locked)
    name = (getattr(uploaded_file, "name", "") or "bukti").rsplit("/", 1)[-1][:200]
    limit = max_upload_mb(locked.period.fiscal_year)
    size = getattr(uploaded_file, "size", None)
    if size is None or size > limit * 1024 * 1024:
        raise ValidationError({"file": _("Berkas %(n)s terlalu besar; batasnya %(m)s MB.") % {"n": name, "m": limit}})
    if size == 0:
        raise ValidationError({"file": _("Berkas %(n)s kosong.") % {"n": name}})
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    content_type = detect_type(head, name)
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "Isi berkas %(n)s bukan PDF, gambar (PNG/JPEG) atau lembar kerja (XLSX/XLS/ODS/CSV). "
                    "Jenis berkas diperiksa dari isinya, bukan dari namanya."
                )
                % {"n": name}
            }
        )
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]:
        digest.update(chunk)
    uploaded_file.seek(0)
    evidence = Evidence(
        pemda_id=locked.pemda_id,
        realisation=realisation,
        original_name=name,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    content = uploaded_file if hasattr(uploaded_file, "chunks") else ContentFile(uploaded_file.read(), name=name)
    evidence.file.save(name, content, save=False)
    stored = evidence.file.name
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by: User) -> None:
    """Remove an evidence file (refused when the report is locked); the stored file is deleted after commit."""
    report = evidence.realisation.report
    _same_pemda(by, report.pemda_id)
    _require(has_perm(by, P.REAL_EDIT, unit_id=report.unit_id))
    _ensure_unlocked(_lock(report))
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(path) if path else None)


# --- workflow -------------------------------------------------------------------------------


def submit_problems(report: PeriodReport) -> list[str]:
    """Why ``report`` cannot be submitted as it stands (empty list when it can): no value at all, or
    kendala/upaya missing for indicators whose capaian is below the threshold (default 76)."""
    from .capaian import grid_rows, rules_for

    capaian_rules = rules_for(report.period.fiscal_year)
    threshold = str(capaian_rules.kendala_threshold).replace(".", ",")
    rows = grid_rows(report, rules=capaian_rules)
    problems: list[str] = []
    if not rows:
        problems.append(_("Unit ini belum memiliki PK yang ditandatangani untuk periode ini."))
        return problems
    if not any(r.value is not None for r in rows):
        problems.append(_("Isi realisasi minimal satu indikator sebelum mengajukan laporan."))
    for row in rows:
        if row.missing_explanation:
            problems.append(
                _("Indikator “%(i)s”: capaian %(c)s%% di bawah %(t)s%%; kendala dan upaya wajib diisi.")
                % {
                    "i": row.indicator.name,
                    "c": str(row.capaian.display).replace(".", ","),
                    "t": threshold,
                }
            )
    return problems


@transaction.atomic
def report_submit(*, report: PeriodReport, by: User, now: dt.datetime | None = None) -> PeriodReport:
    """Draft or returned → submitted (operator or kepala of the unit). Refused when locked, and
    when kendala/upaya are missing where required; flagged late after the deadline (local date).
    Notifies the unit's kepala."""
    _same_pemda(by, report.pemda_id)
    _require(can_edit(by, report))
    locked = _lock(report)
    if locked.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(
            _("Laporan berstatus %(s)s tidak dapat diajukan.") % {"s": locked.get_status_display().lower()}
        )
    state = lock_state(locked, now=now)
    if state.locked:
        raise ValidationError(f"{state.reason} {state.unlock_hint}".strip())
    local = local_now(locked, now)
    if local.date() < locked.period.start_date:
        raise ValidationError(_("Periode %(p)s belum dimulai.") % {"p": locked.period.label})
    problems = submit_problems(locked)
    if problems:
        raise ValidationError(problems)
    locked.status = Status.SUBMITTED
    locked.submitted_at, locked.submitted_by = now or timezone.now(), by
    locked.is_late = rules.is_late(local.date(), locked.deadline)
    locked.save()
    late = _(" (terlambat)") if locked.is_late else ""
    notify(
        unit_users(locked.unit_id, Role.KEPALA),
        report=locked,
        title=_("Realisasi %(r)s diajukan%(late)s, menunggu verifikasi") % {"r": _label(locked), "late": late},
        body=_("Diajukan oleh %(u)s.") % {"u": by.display_name},
        key=_event_key("submit", locked),
    )
    _refresh_into(report, locked)
    return report


@transaction.atomic
def report_verify(*, report: PeriodReport, by: User) -> PeriodReport:
    """Submitted → verified by the kepala of the unit. Notifies the Admin SAKIP."""
    _same_pemda(by, report.pemda_id)
    _require(can_verify(by, report))
    locked = _lock(report)
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            _("Hanya laporan yang diajukan yang dapat diverifikasi (status sekarang: %(s)s).")
            % {"s": locked.get_status_display().lower()}
        )
    locked.status = Status.VERIFIED
    locked.verified_at, locked.verified_by = timezone.now(), by
    locked.save()
    notify(
        pemda_users(locked.pemda_id, Role.ADMIN),
        report=locked,
        title=_("Realisasi %(r)s diverifikasi kepala, menunggu diterima") % {"r": _label(locked)},
        key=_event_key("verify", locked),
    )
    _refresh_into(report, locked)
    return report


@transaction.atomic
def report_accept(*, report: PeriodReport, by: User) -> PeriodReport:
    """Verified → accepted by the Admin SAKIP (or accepted again after a change made during an
    unlock). Clears "berubah setelah diterima" and ends a running unlock: the report locks."""
    _same_pemda(by, report.pemda_id)
    _require(can_accept(by, report))
    locked = _lock(report)
    again = locked.status == Status.ACCEPTED and locked.changed_after_acceptance
    if locked.status != Status.VERIFIED and not again:
        raise ValidationError(
            _("Hanya laporan yang sudah diverifikasi kepala unit yang dapat diterima (status sekarang: %(s)s).")
            % {"s": locked.get_status_display().lower()}
        )
    locked.status = Status.ACCEPTED
    locked.accepted_at, locked.accepted_by = timezone.now(), by
    locked.changed_after_acceptance = False
    locked.unlocked_until = None
    locked.save()
    notify(
        unit_users(locked.unit_id, Role.OPERATOR, Role.KEPALA),
        report=locked,
        title=_("Realisasi %(r)s diterima Admin SAKIP") % {"r": _label(locked)},
        key=_event_key("accept", locked),
    )
    _refresh_into(report, locked)
    return report


@transaction.atomic
def report_return(*, report: PeriodReport, by: User, note: str) -> PeriodReport:
    """Submitted or verified → returned with a note (kepala of the unit, or the Admin SAKIP; the
    admin may also return an accepted report, whose later changes are then marked "berubah setelah
    diterima"). Notifies the unit's operators."""
    _same_pemda(by, report.pemda_id)
    _require(can_return(by, report))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan pengembalian agar unit tahu apa yang harus diperbaiki.")})
    locked = _lock(report)
    returnable = (
        (Status.SUBMITTED, Status.VERIFIED, Status.ACCEPTED)
        if can_accept(by, locked)
        else (
            Status.SUBMITTED,
            Status.VERIFIED,
        )
    )
    if locked.status not in returnable:
        raise ValidationError(
            _("Laporan berstatus %(s)s tidak dapat dikembalikan.") % {"s": locked.get_status_display().lower()}
        )
    locked.status = Status.RETURNED
    locked.return_note, locked.returned_at, locked.returned_by = note, timezone.now(), by
    locked.save()
    notify(
        unit_users(locked.unit_id, Role.OPERATOR),
        report=locked,
        title=_("Realisasi %(r)s dikembalikan") % {"r": _label(locked)},
        body=note,
        key=_event_key("return", locked),
    )
    _refresh_into(report, locked)
    return report


@transaction.atomic
def report_unlock(*, report: PeriodReport, by: User, reason: str, now: dt.datetime | None = None) -> PeriodReport:
    """Open a locked report for ``CapaianSetting.unlock_hours`` (default 48) hours: Admin SAKIP only,
    with a reason. Values changed meanwhile are recorded; on an accepted report they mark it
    "berubah setelah diterima" until accepted again. Notifies the unit's operators and kepala."""
    _same_pemda(by, report.pemda_id)
    _require(can_unlock(by, report))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan membuka kunci wajib diisi.")})
    locked = _lock(report)
    if not lock_state(locked, now=now).locked:
        raise ValidationError(_("Laporan ini tidak sedang terkunci."))
    current = now or timezone.now()
    hours = unlock_hours(locked.period.fiscal_year)
    locked.unlocked_until = current + dt.timedelta(hours=hours)
    locked.unlock_reason, locked.unlocked_by = reason, by
    locked.save()
    until = locked.unlocked_until.astimezone(locked.pemda.tz)
    notify(
        unit_users(locked.unit_id, Role.OPERATOR, Role.KEPALA),
        report=locked,
        title=_("Realisasi %(r)s dibuka sampai %(t)s")
        % {"r": _label(locked), "t": f"{format_date(until)} {until:%H.%M}"},
        body=reason,
        key=_event_key("unlock", locked),
    )
    _refresh_into(report, locked)
    return report
