"""Celery tasks of realisation reporting: reminders to units that have not submitted.

``send_realisation_reminders`` runs daily (beat entry in ``sakip/core/schedule.py``, hour from
``SAKIP_REMINDER_HOUR``, default 7). For each reporting period of every active Pemda it reminds the
operators and kepala of the units that have a PK in force and have not submitted:

* ``before``: ``SAKIP_REMINDER_DAYS_BEFORE`` days (default 3) before the deadline;
* ``after``: on the day after the deadline.

Each reminder is an e-mail (Django mail, to users with an address) and an in-portal notification.
:class:`~evaluations.models.ReminderLog` (unique per unit, period and kind) is claimed by inserting
it inside the same transaction before anything is sent, so running the task twice, or two workers
at once, sends nothing twice; a failure while sending rolls the claim back so the next run retries.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sakip.core.models import FiscalYear, Pemda, RoleAssignment, Unit, User
from sakip.lib.dates import format_date

from . import capaian, periods
from .models import PeriodReport, ReminderLog

logger = logging.getLogger(__name__)
Role = RoleAssignment.Role
NOT_SUBMITTED = (PeriodReport.Status.DRAFT, PeriodReport.Status.RETURNED)


def days_before() -> int:
    return int(getattr(settings, "SAKIP_REMINDER_DAYS_BEFORE", os.environ.get("SAKIP_REMINDER_DAYS_BEFORE", "3")))


@dataclass
class ReminderRun:
    """What one run did: reminders claimed (unit × period × kind), e-mails and notifications sent."""

    reminders: int = 0
    emails: int = 0
    notifications: int = 0
    skipped: int = 0  # already sent by an earlier run
    details: list[str] = field(default_factory=list)


def _due(fiscal_year: FiscalYear, today: dt.date, before: int) -> list[tuple[object, str, dt.date]]:
    """(period, kind, deadline) of the year's reporting periods whose reminder falls on ``today``."""
    out = []
    for period in capaian.reporting_periods(fiscal_year):
        deadline = periods.deadline_for(period.end_date, fiscal_year.deadline_day)
        if deadline - dt.timedelta(days=before) == today:
            out.append((period, ReminderLog.Kind.BEFORE, deadline))
        elif deadline + dt.timedelta(days=1) == today:
            out.append((period, ReminderLog.Kind.AFTER, deadline))
    return out


def _recipients(unit_ids: list[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    rows = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, role__in=(Role.OPERATOR, Role.KEPALA), user__is_active=True
    ).select_related("user")
    for ra in rows:
        users = found.setdefault(ra.unit_id, [])
        if all(u.pk != ra.user_id for u in users):
            users.append(ra.user)
    return found


def _message(unit: Unit, period, kind: str, deadline: dt.date) -> tuple[str, str]:
    if kind == ReminderLog.Kind.BEFORE:
        title = _("Pengingat: realisasi %(p)s %(u)s jatuh tempo %(d)s") % {
            "p": period.label,
            "u": unit.label,
            "d": format_date(deadline),
        }
        body = _(
            "Realisasi kinerja %(u)s untuk %(p)s belum diajukan. Batas lapor %(d)s. "
            "Isi realisasi, kendala dan upaya, lalu ajukan laporan di Portal SAKIP."
        ) % {"u": unit.name, "p": period.label, "d": format_date(deadline)}
    else:
        title = _("Terlambat: realisasi %(p)s %(u)s belum diajukan") % {"p": period.label, "u": unit.label}
        body = _(
            "Batas lapor realisasi %(p)s (%(d)s) sudah lewat dan laporan %(u)s belum diajukan. "
            "Segera ajukan sebelum masa tenggang berakhir; setelah itu periode terkunci dan hanya "
            "Admin SAKIP yang dapat membukanya."
        ) % {"u": unit.name, "p": period.label, "d": format_date(deadline)}
    return title, body


def send_reminders(*, today: dt.date | None = None) -> ReminderRun:
    """Send the reminders due on ``today`` (default: the local date; a parameter for tests)."""
    from . import services  # notify / report_url

    today = today or timezone.localdate()
    before = days_before()
    run = ReminderRun()
    years = FiscalYear.objects.filter(pemda__is_active=True, year__in=(today.year - 1, today.year)).select_related(
        "pemda"
    )
    for fiscal_year in years:
        for period, kind, deadline in _due(fiscal_year, today, before):
            in_force = capaian.agreements_for_period(fiscal_year, period.end_date)
            units = list(Unit.objects.filter(pk__in=in_force.keys(), is_active=True).order_by("code"))
            done = set(
                PeriodReport.objects.filter(period=period, unit__in=units)
                .exclude(status__in=NOT_SUBMITTED)
                .values_list("unit_id", flat=True)
            )
            pending = [u for u in units if u.pk not in done]
            recipients = _recipients([u.pk for u in pending])
            for unit in pending:
                users = recipients.get(unit.pk, [])
                _remind(run, fiscal_year.pemda, unit, period, kind, deadline, users, services)
    return run


def _remind(run: ReminderRun, pemda: Pemda, unit: Unit, period, kind: str, deadline, users, services) -> None:
    try:
        with transaction.atomic():
            log, created = ReminderLog.objects.get_or_create(
                unit=unit, period=period, kind=kind, defaults={"pemda": pemda, "recipients": len(users)}
            )
            if not created:
                run.skipped += 1
                return
            with override(settings.LANGUAGE_CODE):
                title, body = _message(unit, period, kind, deadline)
            report = PeriodReport.objects.filter(unit=unit, period=period).first()
            url = services.report_url(report) if report else ""
            messages = [(title, f"{body}\n\n{url}".strip(), None, [u.email]) for u in users if u.email]
            if messages:
                run.emails += send_mass_mail(messages, fail_silently=False)
            from sakip.core.models import Notification

            key = f"pengingat-realisasi:{kind}:{unit.pk}:{period.pk}"
            rows = [
                Notification(pemda=pemda, user=u, title=title[:200], body=body, url=url[:300], key=key) for u in users
            ]
            existing = set(Notification.objects.filter(key=key).values_list("user_id", flat=True))
            fresh = [n for n in rows if n.user_id not in existing]
            Notification.objects.bulk_create(fresh, ignore_conflicts=True)
            run.notifications += len(fresh)
            run.reminders += 1
            run.details.append(f"{unit.label} {period.label} {kind}")
    except IntegrityError:  # another worker claimed it first
        run.skipped += 1
    except OSError:  # mail server unreachable: the claim was rolled back, the next run retries
        logger.exception("realisation reminder e-mail failed for unit %s period %s", unit.pk, period.pk)


@shared_task(name="evaluations.tasks.send_realisation_reminders")
def send_realisation_reminders(today: str | None = None) -> dict:
    """Beat task: :func:`send_reminders` for ``today`` (ISO date; default the local date)."""
    day = dt.date.fromisoformat(today) if today else None
    run = send_reminders(today=day)
    return {
        "reminders": run.reminders,
        "emails": run.emails,
        "notifications": run.notifications,
        "skipped": run.skipped,
    }


# --- monthly evaluation reports (issue #7) ------------------------------------------------------

REPORT_MAX_ATTEMPTS = 3


@shared_task(bind=True, name="evaluations.tasks.generate_report", max_retries=REPORT_MAX_ATTEMPTS - 1)
def generate_report(self, report_id: int) -> dict:
    """Render one report (:func:`evaluations.report_services.report_execute`); a transient database
    error is retried with a growing delay, at most three attempts in all."""
    from django.db import OperationalError

    from .report_services import report_execute

    try:
        report = report_execute(report_id)
    except OperationalError as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.warning("report %s: transient error, not retried: %s", report_id, error)
            return {"report": report_id, "status": "retry-later"}
        raise self.retry(exc=error, countdown=30 * (self.request.retries + 1)) from error
    if report is None:
        return {"report": report_id, "status": "skipped"}
    return {"report": report_id, "status": report.status, "pages": report.pages}


@shared_task(bind=True, name="evaluations.tasks.deliver_report", max_retries=REPORT_MAX_ATTEMPTS - 1)
def deliver_report(self, report_id: int) -> dict:
    """E-mail and notify the recipients of a finished report; sends that failed are retried (bounded),
    those already made are never repeated."""
    from .report_delivery import DeliveryIncomplete, deliver

    try:
        done = deliver(report_id)
    except DeliveryIncomplete as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.warning("report %s: delivery incomplete, giving up: %s", report_id, error)
            return {"report": report_id, "status": "incomplete"}
        raise self.retry(exc=error, countdown=300 * (self.request.retries + 1)) from error
    return {"report": report_id, "emails": done.emails, "notices": done.notices, "skipped": done.skipped}


@shared_task(name="evaluations.tasks.monthly_reports_tick")
def monthly_reports_tick(now: str | None = None) -> dict:
    """Beat task (hourly): sweep stuck report jobs, re-enqueue pending ones and create the scheduled
    monthly reports that are due at ``now`` (ISO datetime; default the current time)."""
    from .report_services import reports_sweep, schedule_due

    moment = dt.datetime.fromisoformat(now) if now else timezone.now()
    pending = reports_sweep(moment)
    made = schedule_due(moment)
    for report_id in pending:
        generate_report.delay(report_id)
    return {"made": [r.pk for r in made], "requeued": pending}
