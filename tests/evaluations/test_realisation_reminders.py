# ruff: noqa: F811  (fixtures imported from realisation_factories)
"""Reminders: N days before the deadline and the day after it, to units that have not submitted;
running twice sends nothing twice."""

import datetime as dt

from django.core import mail

from evaluations import services, tasks
from evaluations.models import ReminderLog
from sakip.core.models import Notification

from .realisation_factories import indicators_of, pk_a, signed_pk  # noqa: F401


def _emails(users):
    for user in users:
        user.email = f"{user.username}@contoh.go.id"
        user.save()


def test_reminder_three_days_before_goes_to_operator_and_kepala_once(pk_a, operator_a, kepala_a, operator_b, unit_b):
    _emails([operator_a, kepala_a, operator_b])
    # deadline of March 2025 is 10 April; unit B has no PK in force and is not expected to report
    first = tasks.send_reminders(today=dt.date(2025, 4, 7))
    assert first.reminders == 1 and first.emails == 2 and first.notifications == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kepala_a@contoh.go.id", "operator_a@contoh.go.id"]
    assert "Maret 2025" in mail.outbox[0].subject and "10 April 2025" in mail.outbox[0].subject
    second = tasks.send_reminders(today=dt.date(2025, 4, 7))
    assert second.reminders == 0 and second.skipped == 1
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=operator_a).count() == 1
    assert ReminderLog.objects.get().kind == ReminderLog.Kind.BEFORE


def test_the_day_after_the_deadline_only_units_that_have_not_submitted(pk_a, year, unit_a, operator_a, kepala_a):
    _emails([operator_a, kepala_a])
    assert tasks.send_reminders(today=dt.date(2025, 4, 11)).reminders == 1
    assert "Terlambat" in mail.outbox[0].subject
    assert tasks.send_reminders(today=dt.date(2025, 4, 9)).reminders == 0  # nothing due that day


def test_submitted_units_get_no_reminder(pk_a, year, unit_a, operator_a):
    import time_machine

    _emails([operator_a])
    march = year.periods.get(kind="month", number=3)
    with time_machine.travel(dt.datetime(2025, 4, 2, 3, 0, tzinfo=dt.UTC), tick=False):
        report = services.report_get_or_create(unit=unit_a, period=march, by=operator_a)
        for indicator in indicators_of(pk_a):
            services.realisation_save(
                report=report, indicator=indicator, value="17", kendala="k", upaya="u", by=operator_a
            )
        services.report_submit(report=report, by=operator_a)
    assert tasks.send_reminders(today=dt.date(2025, 4, 7)).reminders == 0
    assert mail.outbox == []


def test_celery_task_runs_eagerly_with_an_iso_date(pk_a, operator_a):
    _emails([operator_a])
    result = tasks.send_realisation_reminders.delay("2025-04-07").get()
    assert result["reminders"] == 1 and result["emails"] == 1
    assert tasks.send_realisation_reminders.delay("2025-04-07").get()["emails"] == 0


def test_beat_schedule_has_the_daily_reminder():
    from sakip.core.schedule import beat_schedule

    entry = beat_schedule()["realisation-reminders"]
    assert entry["task"] == "evaluations.tasks.send_realisation_reminders"
