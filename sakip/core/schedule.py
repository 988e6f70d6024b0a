"""The Celery beat schedule, declared in code and tuned by settings/environment.

Each capability adds its entries here (reminders, monthly reports, rule evaluation) with the
environment variables that tune them.
"""

import os

from celery.schedules import crontab

# Tasks that take the moment they run for as an argument (ISO text), so ``manage.py replay_schedule``
# can run the schedule over a simulated month; the value names the keyword and its form.
SIMULATED_CLOCK: dict[str, tuple[str, str]] = {
    "evaluations.tasks.monthly_reports_tick": ("now", "datetime"),
    "evaluations.tasks.send_realisation_reminders": ("today", "date"),
    "rewards.tasks.evaluate_rules_on_latest_snapshots": ("", ""),  # takes no time; replayed as is
}


def beat_schedule() -> dict:
    schedule: dict = {}
    # A heartbeat proves beat -> broker -> worker works end to end (see `manage.py check_worker`).
    schedule["core-heartbeat"] = {
        "task": "sakip.core.tasks.heartbeat",
        "schedule": crontab(minute=f"*/{int(os.environ.get('SAKIP_HEARTBEAT_MINUTES', '5'))}"),
    }
    # Realisation reminders (evaluations.tasks): daily at SAKIP_REMINDER_HOUR (default 07:00); the
    # days before the deadline come from SAKIP_REMINDER_DAYS_BEFORE (default 3).
    schedule["realisation-reminders"] = {
        "task": "evaluations.tasks.send_realisation_reminders",
        "schedule": crontab(minute=0, hour=int(os.environ.get("SAKIP_REMINDER_HOUR", "7"))),
    }
    # Reward/punishment rules (rewards.tasks): sweep stuck rule runs and evaluate each Pemda's latest
    # ranking snapshot once; daily at SAKIP_RULES_HOUR (default 02:00).
    schedule["rewards-evaluate-rules"] = {
        "task": "rewards.tasks.evaluate_rules_on_latest_snapshots",
        "schedule": crontab(minute=15, hour=int(os.environ.get("SAKIP_RULES_HOUR", "2"))),
    }
    # Monthly evaluation reports (evaluations.tasks): every hour at SAKIP_REPORT_TICK_MINUTE (default 5)
    # sweep stuck report jobs and make each Pemda's report of the previous month once its own day and
    # hour (ReportSetting, default the 12th at 07:00 in the Pemda's time zone) has come.
    schedule["monthly-reports"] = {
        "task": "evaluations.tasks.monthly_reports_tick",
        "schedule": crontab(minute=int(os.environ.get("SAKIP_REPORT_TICK_MINUTE", "5"))),
    }
    return schedule
