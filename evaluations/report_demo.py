"""Demo monthly reports (step 600): the archive of Kabupaten Banjar is not empty on first sight.

After the realisation, LKE and rewards steps: the report settings of every demo Pemda (defaults: the
12th at 07:00); for Kabupaten Banjar, the monthly evaluation reports of the last two ended months of
the demo year (asked for by the Admin SAKIP; the latest once more by the Bupati, so the archive shows
versions) and a coordination-meeting pack for a meeting a few days ahead with every section. Nothing
is e-mailed. Every write goes through :mod:`evaluations.report_services`. Idempotent: nothing happens
when the Pemda already has reports.
"""

from __future__ import annotations

import datetime as dt

from evaluations import report_services
from evaluations.monitoring import today_for
from evaluations.report_models import Report
from sakip.core.demo import CURRENT_YEAR, DemoContext, demo_step

PEMDA_KEY = "banjar"


def _last_ended_months(today: dt.date, count: int) -> list[tuple[int, int]]:
    year, month = report_services.previous_month(today.year, today.month)
    if year > CURRENT_YEAR:
        year, month = CURRENT_YEAR, 12
    months = []
    for _i in range(count):
        months.append((year, month))
        year, month = report_services.previous_month(year, month)
    return sorted(months)


@demo_step(order=600, name="Laporan bulanan")
def demo_reports(ctx: DemoContext) -> None:
    for pemda in ctx.pemdas.values():
        report_services.setting_for(pemda)
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin, bupati = ctx.users.get("admin.banjar"), ctx.users.get("bupati")
    if pemda is None or admin is None or bupati is None or Report.objects.filter(pemda=pemda).exists():
        return
    today = today_for(pemda)
    months = _last_ended_months(today, 2)
    for year, month in months:
        report_services.report_request(user=admin, year=year, month=month)
    year, month = months[-1]
    report_services.report_request(user=bupati, year=year, month=month)
    report_services.report_request(
        user=bupati, kind=Report.Kind.MEETING, year=year, month=month,
        meeting_date=today + dt.timedelta(days=3), sections=list(Report.Section.values),
    )  # fmt: skip
    ctx.created["laporan bulanan & bahan rakor"] += Report.objects.filter(pemda=pemda).count()
