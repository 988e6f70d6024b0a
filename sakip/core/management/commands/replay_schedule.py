"""``manage.py replay_schedule``: run the beat schedule over a simulated stretch of time.

Walks the simulated clock minute by minute from ``--start`` for ``--days`` days through the
entries of ``CELERY_BEAT_SCHEDULE`` (the schedule declared in ``sakip/core/schedule.py``), and sends
every entry that is due at a simulated minute, with that moment as its argument
(``SIMULATED_CLOCK``): through the real broker to the worker with ``--through-broker``, else
in-process. Each task is awaited before the clock moves on, so the order is the schedule's.
The heartbeat (every few minutes) is left out: ``check_worker`` proves it.

Afterwards it waits for the report jobs the replay queued and prints what the month produced: the
scheduled monthly reports per Pemda and month with their status, version and deliveries. With
``--check`` it fails unless every month that fell due has exactly one scheduled report, done, with
one delivery per recipient and channel (CI runs it twice over the same month: nothing is added).
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from celery.schedules import crontab
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from sakip.celery import app
from sakip.core.schedule import SIMULATED_CLOCK


def _due(schedule: crontab, moment: dt.datetime) -> bool:
    return (
        moment.minute in schedule.minute
        and moment.hour in schedule.hour
        and moment.day in schedule.day_of_month
        and moment.month in schedule.month_of_year
        and moment.isoweekday() % 7 in schedule.day_of_week
    )


class Command(BaseCommand):
    help = "Jalankan jadwal Celery beat atas rentang waktu simulasi (mis. satu bulan) dan ringkas hasilnya."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="Awal simulasi, ISO (mis. 2026-11-01T00:00).")
        parser.add_argument("--days", type=int, default=30, help="Lama simulasi dalam hari (bawaan 30).")
        parser.add_argument("--through-broker", action="store_true", help="Kirim tugas lewat broker ke worker.")
        parser.add_argument("--timeout", type=float, default=600, help="Batas tunggu per tugas dan laporan (detik).")
        parser.add_argument("--check", action="store_true", help="Gagal bila laporan terjadwal tidak tepat satu.")

    def handle(self, *args, start, days, through_broker, timeout, check, **options):
        tz = ZoneInfo(settings.CELERY_TIMEZONE)
        moment = dt.datetime.fromisoformat(start)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=tz)
        end = moment + dt.timedelta(days=days)
        if through_broker and app.conf.task_always_eager:
            raise CommandError("--through-broker perlu REDIS_URL (broker nyata); tanpa itu tugas berjalan eager.")
        entries = [
            (name, entry) for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if entry["task"] in SIMULATED_CLOCK
        ]
        started = time.monotonic()
        sent: dict[str, int] = {name: 0 for name, _entry in entries}
        while moment < end:
            for name, entry in entries:
                if _due(entry["schedule"], moment):
                    self._run(entry["task"], moment, through_broker, timeout)
                    sent[name] += 1
            moment += dt.timedelta(minutes=1)
        for name, count in sent.items():
            self.stdout.write(f"{name}: {count} tugas")
        self._wait_for_reports(timeout)
        self.stdout.write(f"selesai dalam {time.monotonic() - started:.1f} dtk")
        problems = self._summary()
        if check and problems:
            raise CommandError("; ".join(problems))

    def _run(self, task: str, moment: dt.datetime, through_broker: bool, timeout: float) -> None:
        keyword, form = SIMULATED_CLOCK[task]
        kwargs = {}
        if keyword:
            kwargs[keyword] = moment.isoformat() if form == "datetime" else moment.date().isoformat()
        if through_broker:
            result = app.send_task(task, kwargs=kwargs)
            value = result.get(timeout=timeout)
        else:
            value = app.tasks[task].apply(kwargs=kwargs).get()
        if task.endswith("monthly_reports_tick") and value.get("made"):
            self.stdout.write(f"{moment:%Y-%m-%d %H:%M %Z} {task}: {value}")

    def _wait_for_reports(self, timeout: float) -> None:
        from evaluations.report_models import Report

        deadline = time.monotonic() + timeout
        while Report.objects.filter(status__in=(Report.Status.PENDING, Report.Status.RUNNING)).exists():
            if time.monotonic() > deadline:
                raise CommandError("laporan masih diproses setelah batas tunggu")
            time.sleep(0.5)

    def _summary(self) -> list[str]:
        from evaluations.report_delivery import recipients
        from evaluations.report_models import Report, ReportDelivery

        problems = []
        scheduled = Report.objects.filter(trigger=Report.Trigger.SCHEDULE).select_related("pemda").order_by("pk")
        months = scheduled.values("pemda", "year", "month").annotate(n=Count("id"))
        for row in months:
            if row["n"] != 1:
                problems.append(f"{row['n']} laporan terjadwal untuk {row}")
        for report in scheduled:
            by_channel = dict(
                ReportDelivery.objects.filter(report=report).values_list("channel").annotate(n=Count("id"))
            )
            people = recipients(report)
            emails = sum(1 for user, _page in people if user.email)
            self.stdout.write(
                f"{report.pemda.name} {report.month:02d}/{report.year} v{report.version}: {report.status}, "
                f"{report.pages} halaman, {report.unit_count} unit, hash {report.content_hash[:16]}, "
                f"surel {by_channel.get('email', 0)}/{emails}, notifikasi {by_channel.get('notice', 0)}/{len(people)}"
            )
            if report.status != Report.Status.DONE:
                problems.append(f"laporan {report.pk} berstatus {report.status}: {report.error}")
            if by_channel.get("email", 0) != emails or by_channel.get("notice", 0) != len(people):
                problems.append(f"laporan {report.pk}: pengiriman tidak lengkap atau ganda")
        if not months:
            problems.append("tidak ada laporan terjadwal yang dibuat")
        return problems
