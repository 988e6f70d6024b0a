"""Monthly evaluation reports and meeting packs as background jobs (issue #7, design §6).

A :class:`Report` goes pending → running → done / failed:

* :func:`report_request` (a user, the API) and :func:`schedule_due` (Celery beat) create it with the
  next version of its month and enqueue ``evaluations.tasks.generate_report`` after the commit (the
  task runs in-process without a broker).
* :func:`report_execute` claims it with a conditional UPDATE (pending → running), so a task
  delivered twice does nothing the second time; it records progress while it renders, stores the
  files and the content hash in one transaction, and queues the delivery when the report asks for it.
  A transient database error puts the report back to pending (the task retries, at most
  ``MAX_ATTEMPTS`` attempts in all); any other error marks it failed with the message, shown in the
  archive.
* :func:`reports_sweep` resets reports stuck in ``running`` (a worker that died) and re-enqueues
  pending ones; the beat tick calls it every hour.
* The scheduled report of a month exists once per Pemda (a conditional unique constraint), so the
  tick may run as often as it likes. Deliveries are in :mod:`evaluations.report_delivery`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.report_models import Report, ReportSetting, UnitReport
from evaluations.report_selectors import can_configure, can_generate
from sakip.core.models import FiscalYear, Pemda
from sakip.lib.dates import month_name

logger = logging.getLogger(__name__)
Status = Report.Status
STUCK_AFTER = dt.timedelta(minutes=20)
MAX_ATTEMPTS = 3


# --- settings and the schedule -------------------------------------------------------------------


def setting_for(pemda: Pemda) -> ReportSetting:
    """The Pemda's report setting, created with the defaults (12th, 07:00) on first use."""
    setting, _created = ReportSetting.objects.get_or_create(pemda=pemda)
    return setting


SETTING_FIELDS = ("is_active", "day", "hour", "email_pimpinan", "email_unit_heads", "attach_pdf")


@transaction.atomic
def setting_update(*, user, pemda: Pemda, data: dict) -> ReportSetting:
    """Change when the monthly report is made and who gets it (the Pemda's admin)."""
    if pemda.pk != getattr(user, "pemda_id", None) or not can_configure(user):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    setting = setting_for(pemda)
    for name in SETTING_FIELDS:
        if name in data:
            setattr(setting, name, data[name])
    errors = {}
    if not isinstance(setting.day, int) or not 1 <= setting.day <= 28:
        errors["day"] = [_("Tanggal harus antara 1 dan 28.")]
    if not isinstance(setting.hour, int) or not 0 <= setting.hour <= 23:
        errors["hour"] = [_("Jam harus antara 0 dan 23.")]
    if errors:
        raise ValidationError(errors)
    setting.save()
    return setting


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _run_at(setting: ReportSetting, tz, year: int, month: int) -> dt.datetime:
    return dt.datetime(year, month, setting.day, setting.hour, tzinfo=tz)


def next_run(pemda: Pemda, now: dt.datetime | None = None) -> dt.datetime:
    """The next scheduled generation, in the Pemda's time zone (this month's if still ahead)."""
    setting = setting_for(pemda)
    local = (now or timezone.now()).astimezone(pemda.tz)
    at = _run_at(setting, pemda.tz, local.year, local.month)
    if at <= local:
        year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        at = _run_at(setting, pemda.tz, year, month)
    return at


def due_months(now: dt.datetime | None = None) -> list[tuple[Pemda, int, int]]:
    """(Pemda, year, month) whose scheduled report is due at ``now`` and not made yet: the previous
    month, once the Pemda's local time has passed this month's day and hour. A Pemda without a
    setting row uses the defaults; a setting switched off makes none."""
    now = now or timezone.now()
    settings = {s.pemda_id: s for s in ReportSetting.objects.all()}
    due = []
    for pemda in Pemda.objects.filter(is_active=True).order_by("pk"):
        setting = settings.get(pemda.pk) or ReportSetting(pemda=pemda)
        if not setting.is_active:
            continue
        local = now.astimezone(pemda.tz)
        if local < _run_at(setting, pemda.tz, local.year, local.month):
            continue
        year, month = previous_month(local.year, local.month)
        if not FiscalYear.objects.filter(pemda=pemda, year=year).exists():
            continue
        if Report.objects.filter(
            pemda=pemda, kind=Report.Kind.MONTHLY, year=year, month=month, trigger=Report.Trigger.SCHEDULE
        ).exists():
            continue
        due.append((pemda, year, month))
    return due


def schedule_due(now: dt.datetime | None = None) -> list[Report]:
    """Create (and enqueue) the scheduled monthly reports due at ``now``; never twice for a month."""
    made = []
    for pemda, year, month in due_months(now):
        try:
            with transaction.atomic():
                report = _create(
                    pemda=pemda, kind=Report.Kind.MONTHLY, year=year, month=month,
                    trigger=Report.Trigger.SCHEDULE, deliver=True,
                )  # fmt: skip
        except IntegrityError:  # another tick created it at the same moment
            continue
        made.append(report)
    return made


# --- requests ----------------------------------------------------------------------------------


def _next_version(pemda: Pemda, kind: str, year: int, month: int) -> int:
    top = Report.objects.filter(pemda=pemda, kind=kind, year=year, month=month).aggregate(v=Max("version"))["v"]
    return (top or 0) + 1


def _create(*, pemda: Pemda, kind: str, year: int, month: int, trigger: str, **fields) -> Report:
    """A new pending version of the month (retrying the version number when two requests race)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    pemda=pemda, kind=kind, year=year, month=month, trigger=trigger,
                    version=_next_version(pemda, kind, year, month), **fields,
                )  # fmt: skip
        except IntegrityError:
            if (
                trigger == Report.Trigger.SCHEDULE
                and Report.objects.filter(pemda=pemda, kind=kind, year=year, month=month, trigger=trigger).exists()
            ):
                raise
            continue
        _enqueue(report)
        return report
    raise IntegrityError("no free report version")


def _enqueue(report: Report) -> None:
    from evaluations.tasks import generate_report

    transaction.on_commit(lambda: generate_report.delay(report.pk))


def _validate_request(pemda: Pemda, kind: str, year: int, month: int, meeting_date, sections) -> list:
    from evaluations.monitoring import today_for

    errors: dict[str, list[str]] = {}
    today = today_for(pemda)
    if kind not in Report.Kind.values:
        errors["kind"] = [_("Jenis laporan tidak dikenal.")]
    if not isinstance(month, int) or not 1 <= month <= 12:
        errors["month"] = [_("Bulan harus antara 1 dan 12.")]
    elif (year, month) > (today.year, today.month):
        errors["month"] = [_("%(m)s belum berjalan.") % {"m": f"{month_name(month)} {year}"}]
    elif not FiscalYear.objects.filter(pemda=pemda, year=year).exists():
        errors["year"] = [_("Tahun %(y)s belum dibuat untuk Pemda ini.") % {"y": year}]
    clean_sections: list[str] = []
    if kind == Report.Kind.MEETING:
        if meeting_date is None:
            errors["meeting_date"] = [_("Tanggal rapat wajib diisi.")]
        unknown = [s for s in sections or () if s not in Report.Section.values]
        if unknown:
            errors["sections"] = [_("Bagian tidak dikenal: %(s)s.") % {"s": ", ".join(map(str, unknown))}]
        elif not sections:
            errors["sections"] = [_("Pilih sedikitnya satu bagian.")]
        clean_sections = [s for s in Report.Section.values if s in set(sections or ())]
    if errors:
        raise ValidationError(errors)
    return clean_sections


def report_request(
    *,
    user,
    kind: str = Report.Kind.MONTHLY,
    year: int,
    month: int,
    meeting_date: dt.date | None = None,
    sections=(),
    deliver: bool = False,
    trigger: str = Report.Trigger.MANUAL,
) -> Report:
    """Queue a new version of a month's report or a meeting pack (admin or pimpinan).

    The task runs after the commit; without a broker it runs before this returns.
    """
    if not can_generate(user):
        raise PermissionDenied(_("Anda tidak berwenang membuat laporan."))
    pemda = Pemda.objects.get(pk=user.pemda_id)
    clean_sections = _validate_request(pemda, kind, year, month, meeting_date, sections)
    with transaction.atomic():
        return _create(
            pemda=pemda, kind=kind, year=year, month=month, trigger=trigger, requested_by=user,
            deliver=bool(deliver) and kind == Report.Kind.MONTHLY,
            meeting_date=meeting_date if kind == Report.Kind.MEETING else None, sections=clean_sections,
        )  # fmt: skip


def report_retry(*, user, report: Report) -> Report:
    """A failed report again, as a new version with the same parameters."""
    if report.pemda_id != getattr(user, "pemda_id", None) or not can_generate(user):
        raise PermissionDenied(_("Anda tidak berwenang membuat laporan."))
    if report.status != Status.FAILED:
        raise ValidationError(_("Hanya laporan yang gagal yang dapat diulang."))
    return report_request(
        user=user, kind=report.kind, year=report.year, month=report.month, meeting_date=report.meeting_date,
        sections=report.sections, deliver=report.deliver,
    )  # fmt: skip


# --- execution ---------------------------------------------------------------------------------


def claim(report_id: int) -> bool:
    """Pending → running with one conditional UPDATE; False when another worker got it (or it is over)."""
    return (
        Report.objects.filter(pk=report_id, status=Status.PENDING).update(
            status=Status.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
            progress=0,
            step=_("Dimulai"),
        )  # fmt: skip
        == 1
    )


def set_progress(report_id: int, percent: int, step: str) -> None:
    """Record how far the job is (its own UPDATE, visible to the progress page at once)."""
    Report.objects.filter(pk=report_id, status=Status.RUNNING).update(
        progress=max(0, min(99, int(percent))), step=step[:120]
    )


def _filename(report: Report, suffix: str = "") -> str:
    kind = "rakor" if report.kind == Report.Kind.MEETING else "laporan-bulanan"
    return f"{kind}-{report.pemda_id}-{report.year}-{report.month:02d}-v{report.version}{suffix}.pdf"


def _render_monthly(report: Report, progress: Callable[[int, str], None]):
    from evaluations import report_data, report_documents

    progress(5, _("Mengumpulkan data"))
    data = report_data.monthly_data(report.pemda, report.year, report.month)
    progress(20, _("Menyusun laporan Pemda"))
    main = report_documents.monthly_pdf(report, data)
    units = []
    total = max(1, len(data.units))

    shown = {"percent": -1}

    def unit_progress(i: int, n: int) -> None:  # one UPDATE per step of 5 %, not one per unit
        percent = 35 + int(60 * i / max(1, n))
        if percent - shown["percent"] >= 5 or i == n:
            shown["percent"] = percent
            progress(percent, _("Halaman unit %(i)s dari %(n)s") % {"i": i, "n": n})

    progress(35, _("Menyusun halaman unit"))
    for unit, pdf in report_documents.unit_pdfs(report, data, progress=unit_progress):
        units.append((unit, pdf))
    return main, units, total


def _render_meeting(report: Report, progress: Callable[[int, str], None]):
    from evaluations import report_meeting

    progress(5, _("Menyusun bahan rapat"))
    return report_meeting.meeting_pack_pdf(report, progress=progress), [], 0


def _store(report: Report, main, units) -> None:
    """Files and figures of a finished render, in one transaction (a retry replaces them)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        for old in UnitReport.objects.filter(report=locked):
            old.file.delete(save=False)
            old.delete()
        if locked.file:
            locked.file.delete(save=False)
        locked.file.save(_filename(locked), ContentFile(main.data), save=False)
        rows = []
        for unit, pdf in units:
            row = UnitReport(
                report=locked, unit=unit, pages=pdf.pages, size=len(pdf.data), content_hash=pdf.content_hash
            )
            row.file.save(_filename(locked, f"-{unit.code or unit.pk}"), ContentFile(pdf.data), save=False)
            rows.append(row)
        UnitReport.objects.bulk_create(rows)
        locked.pages = main.pages
        locked.size = len(main.data)
        locked.content_hash = main.content_hash
        locked.unit_count = len(units)
        locked.status = Status.DONE
        locked.progress = 100
        locked.step = _("Selesai")
        locked.finished_at = timezone.now()
        locked.error = ""
        locked.save()
        from evaluations.tasks import deliver_report  # notices (and e-mails when ``deliver``), idempotent

        transaction.on_commit(lambda: deliver_report.delay(locked.pk))


def report_execute(report_id: int) -> Report | None:
    """Claim and render one report; ``None`` when it was not pending (already claimed or finished)."""
    if not claim(report_id):
        return None
    report = Report.objects.select_related("pemda", "requested_by").get(pk=report_id)

    def progress(percent: int, step: str) -> None:
        set_progress(report_id, percent, step)

    try:
        render = _render_meeting if report.kind == Report.Kind.MEETING else _render_monthly
        main, units, _total = render(report, progress)
        _store(report, main, units)
    except OperationalError as error:
        back = Status.PENDING if report.attempts < MAX_ATTEMPTS else Status.FAILED
        Report.objects.filter(pk=report_id).update(
            status=back, error=str(error)[:2000], finished_at=timezone.now() if back == Status.FAILED else None
        )
        raise
    except Exception as error:  # a data or template problem: record it instead of leaving the job running
        message = "; ".join(getattr(error, "messages", [])) or str(error) or error.__class__.__name__
        logger.exception("report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(
            status=Status.FAILED, finished_at=timezone.now(),
            error=(_("Gagal membuat laporan: %(e)s") % {"e": message})[:2000],
        )  # fmt: skip
    report.refresh_from_db()
    return report


def reports_sweep(now: dt.datetime | None = None) -> list[int]:
    """Reports ``running`` for longer than 20 minutes go back to pending (failed after the last
    attempt); returns the ids now pending, for the caller to enqueue."""
    now = now or timezone.now()
    stuck = Report.objects.filter(status=Status.RUNNING, started_at__lt=now - STUCK_AFTER)
    stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, finished_at=now, error=_("Pembuatan laporan terhenti terlalu lama dan dihentikan.")
    )
    stuck.filter(attempts__lt=MAX_ATTEMPTS).update(status=Status.PENDING, step=_("Diulang setelah terhenti"))
    # pending for a while: the enqueue was lost (a broker outage at commit time) or the reset above
    return list(
        Report.objects.filter(status=Status.PENDING, created_at__lt=now - dt.timedelta(minutes=2))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
