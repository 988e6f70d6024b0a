"""The Celery beat schedule, declared in code and tuned by settings/environment.

Later capabilities add their entries here (reminders, monthly reports, rule evaluation).
"""

import os

from celery.schedules import crontab


def beat_schedule() -> dict:
    return {
        "core-sweep-stuck-jobs": {
            "task": "sakip.core.tasks.sweep_stuck_jobs",
            "schedule": crontab(minute=f"*/{int(os.environ.get('SAKIP_SWEEP_MINUTES', '10'))}"),
        },
    }
