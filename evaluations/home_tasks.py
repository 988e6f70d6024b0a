"""Home-page tasks of realisation reporting (registered in ``EvaluationsConfig.ready``).

* operator / kepala OPD: the latest ended period of each own unit not yet submitted ("Realisasi
  Oktober 2026 belum diajukan (batas 10 November 2026)"), reports returned with their note, and
  running unlocks that end within a day;
* kepala OPD: "N laporan menunggu verifikasi";
* admin: "N laporan menunggu diterima", reports changed after acceptance.

Each provider runs a fixed number of queries whatever the number of units or reports.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.core import permissions
from sakip.core.home import Task, register
from sakip.core.models import FiscalYear, Period
from sakip.core.permissions import P
from sakip.lib.dates import format_date, format_datetime

from . import periods
from .models import PeriodReport

Status = PeriodReport.Status
SOON = dt.timedelta(hours=24)


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _current_year(user) -> FiscalYear | None:
    return FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first()


def _latest_ended(fiscal_year: FiscalYear, today: dt.date) -> Period | None:
    kind = Period.Kind.MONTH if fiscal_year.frequency == FiscalYear.Frequency.MONTHLY else Period.Kind.QUARTER
    return fiscal_year.periods.filter(kind=kind, end_date__lt=today).order_by("-number").first()


@register
def unit_realisation_tasks(user) -> list[Task]:
    """Operator and kepala OPD: the latest period to report, returned reports, expiring unlocks."""
    unit_ids = permissions.unit_ids_with(user, P.REAL_EDIT)
    if not unit_ids:
        return []
    units = {a.unit_id: a.unit for a in permissions.assignments(user) if a.unit_id in unit_ids}
    tasks: list[Task] = []
    fiscal_year = _current_year(user)
    today = timezone.localdate()
    if fiscal_year is not None:
        from .capaian import agreements_for_period

        period = _latest_ended(fiscal_year, today)
        if period is not None:
            in_force = agreements_for_period(fiscal_year, period.end_date)
            reports = {r.unit_id: r for r in PeriodReport.objects.filter(period=period, unit_id__in=unit_ids)}
            deadline = periods.deadline_for(period.end_date, fiscal_year.deadline_day)
            for unit_id, unit in sorted(units.items(), key=lambda x: x[1].code):
                report = reports.get(unit_id)
                if unit_id not in in_force or (report and report.status not in (Status.DRAFT, Status.RETURNED)):
                    continue
                if report and report.status == Status.RETURNED:
                    continue  # shown below with its note
                title = _("Realisasi %(p)s belum diajukan (batas %(d)s)") % {
                    "p": period.label,
                    "d": format_date(report.deadline if report else deadline),
                }
                late = today > (report.deadline if report else deadline)
                detail = unit.name + (" · " + _("sudah lewat batas lapor") if late else "")
                url = _url("evaluations:report_open", unit=unit.uid, year=fiscal_year.year, number=period.number)
                tasks.append(Task(title, detail, url, _("Isi realisasi"), "urgent" if late else "todo", 30))
    returned = PeriodReport.objects.filter(unit_id__in=unit_ids, status=Status.RETURNED).select_related(
        "unit", "period"
    )
    for report in returned.order_by("-returned_at")[:10]:
        tasks.append(
            Task(
                _("Realisasi %(p)s dikembalikan") % {"p": report.period.label},
                f"{report.unit.label}: {report.return_note}",
                _url("evaluations:report_detail", uid=report.uid),
                _("Perbaiki"),
                "urgent",
                25,
            )
        )
    now = timezone.now()
    expiring = PeriodReport.objects.filter(
        unit_id__in=unit_ids, unlocked_until__gt=now, unlocked_until__lte=now + SOON
    ).select_related("unit", "period", "pemda")
    for report in expiring[:10]:
        until = report.unlocked_until.astimezone(report.pemda.tz)
        tasks.append(
            Task(
                _("Buka kunci realisasi %(p)s berakhir %(t)s")
                % {"p": report.period.label, "t": format_datetime(until)},
                report.unit.label,
                _url("evaluations:report_detail", uid=report.uid),
                _("Selesaikan"),
                "urgent",
                26,
            )
        )
    if permissions.has_perm(user, P.REAL_VERIFY):
        verify_ids = permissions.unit_ids_with(user, P.REAL_VERIFY) or set()
        waiting = PeriodReport.objects.filter(unit_id__in=verify_ids, status=Status.SUBMITTED).count()
        if waiting:
            tasks.append(
                Task(
                    ngettext("%(n)d laporan menunggu verifikasi", "%(n)d laporan menunggu verifikasi", waiting)
                    % {"n": waiting},
                    _("Periksa realisasi yang diajukan operator, lalu verifikasi atau kembalikan dengan catatan."),
                    _url("evaluations:realisation_home"),
                    _("Verifikasi"),
                    "todo",
                    28,
                )
            )
    return tasks


@register
def admin_realisation_tasks(user) -> list[Task]:
    """Admin SAKIP: reports waiting for acceptance and reports changed after acceptance."""
    if not permissions.has_perm(user, P.REAL_ACCEPT):
        return []
    counts = PeriodReport.objects.filter(pemda_id=user.pemda_id).aggregate(
        waiting=_count(Q(status=Status.VERIFIED)),
        changed=_count(Q(status=Status.ACCEPTED, changed_after_acceptance=True)),
    )
    tasks = []
    if counts["waiting"]:
        tasks.append(
            Task(
                ngettext("%(n)d laporan menunggu diterima", "%(n)d laporan menunggu diterima", counts["waiting"])
                % {"n": counts["waiting"]},
                _("Laporan realisasi yang sudah diverifikasi kepala unit."),
                _url("evaluations:monitoring_matrix"),
                _("Periksa"),
                "todo",
                30,
            )
        )
    if counts["changed"]:
        tasks.append(
            Task(
                ngettext(
                    "%(n)d laporan berubah setelah diterima",
                    "%(n)d laporan berubah setelah diterima",
                    counts["changed"],
                )
                % {"n": counts["changed"]},
                _("Nilai diubah selama kunci dibuka; terima kembali setelah diperiksa."),
                _url("evaluations:monitoring_matrix"),
                _("Periksa"),
                "urgent",
                29,
            )
        )
    return tasks


def _count(condition: Q):
    from django.db.models import Count

    return Count("id", filter=condition)
