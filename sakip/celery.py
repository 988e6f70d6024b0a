"""Celery application.

With ``REDIS_URL`` set, tasks go through Redis to a real worker and beat. Without it
(the embedded default) ``CELERY_TASK_ALWAYS_EAGER`` makes every task run in-process,
so a fresh install needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

app = Celery("sakip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
