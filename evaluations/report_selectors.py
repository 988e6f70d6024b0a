"""Who sees which monthly reports, unit one-pagers and meeting packs (issue #7).

* The Pemda reports and meeting packs: users with ``P.REPORT_VIEW`` (admin, evaluator, pimpinan)
  of the same Pemda; anything of another Pemda is 404.
* A unit one-pager: ``P.REPORT_VIEW`` holders of the Pemda, and the operator/kepala of that unit
  (only finished reports); another unit's page is 404.
* Generating: ``P.REPORT_GENERATE`` (admin, pimpinan). Configuring the schedule: ``P.PEMDA_MANAGE``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from evaluations.report_models import Report, UnitReport
from sakip.core.models import FiscalYear, Pemda
from sakip.core.permissions import P, get_object_or_404_for, get_or_404, has_perm, own_unit_ids


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def can_view(user) -> bool:
    return has_perm(user, P.REPORT_VIEW)


def can_generate(user) -> bool:
    return has_perm(user, P.REPORT_GENERATE)


def can_configure(user) -> bool:
    return has_perm(user, P.PEMDA_MANAGE)


def reports_for(user, *, kind=None, year=None, month=None, status=None) -> QuerySet[Report]:
    """The Pemda's reports and packs, newest first (403 without ``P.REPORT_VIEW``)."""
    if not can_view(user):
        raise _deny()
    qs = Report.objects.filter(pemda_id=user.pemda_id).select_related("requested_by")
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    if month:
        qs = qs.filter(month=month)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "-month", "kind", "-version", "-id")


def report_for(user, uid) -> Report:
    """One report of the user's Pemda (404 otherwise; 403 without ``P.REPORT_VIEW``)."""
    report = get_object_or_404_for(Report.objects.select_related("pemda", "requested_by"), user, uid=uid)
    if not can_view(user):
        raise _deny()
    return report


def unit_reports_for(user, *, report: Report | None = None, unit=None) -> QuerySet[UnitReport]:
    """Unit one-pagers the user may download: all of the Pemda with ``P.REPORT_VIEW``, else only
    those of the user's own units, of finished reports; newest first."""
    pemda_id = getattr(user, "pemda_id", None)
    if pemda_id is None:
        return UnitReport.objects.none()
    qs = UnitReport.objects.filter(report__pemda_id=pemda_id, report__status=Report.Status.DONE).select_related(
        "report", "unit"
    )
    if not can_view(user):
        units = own_unit_ids(user)
        if not units:
            return UnitReport.objects.none()
        qs = qs.filter(unit_id__in=units)
    if report is not None:
        qs = qs.filter(report=report)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("-report__year", "-report__month", "-report__version", "unit__code")


def unit_report_for(user, report_uid, unit_uid) -> UnitReport:
    """One unit one-pager the user may download; 404 for another unit, another Pemda or a bad id."""
    return get_or_404(unit_reports_for(user), report__uid=report_uid, unit__uid=unit_uid)


def month_choices(pemda: Pemda, today: dt.date | None = None) -> list[tuple[int, int]]:
    """(year, month) that may be generated, newest first: every month of the Pemda's fiscal years up
    to the current month (the current month shows the figures so far)."""
    from evaluations.monitoring import today_for

    today = today or today_for(pemda)
    years = sorted(FiscalYear.objects.filter(pemda=pemda).values_list("year", flat=True), reverse=True)
    out = []
    for year in years:
        for month in range(12, 0, -1):
            if (year, month) <= (today.year, today.month):
                out.append((year, month))
    return out
