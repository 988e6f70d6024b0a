"""The Celery beat schedule, declared in code and tuned by settings/environment.

Each capability adds its entries here (reminders, monthly reports, rule evaluation) with the
environment variables that tune them.
"""

import os

from celery.schedules import crontab


def beat_schedule() -> dict:
    schedule: dict = {}
    # A heartbeat proves beat -> broker -> worker works end to end (see `manage.py check_worker`).
    schedule["core-heartbeat"] = {
        "task": "sakip.core.tasks.heartbeat",
        "schedule": crontab(minute=f"*/{int(os.environ.get('SAKIP_HEARTBEAT_MINUTES', '5'))}"),
    }
    return schedule
