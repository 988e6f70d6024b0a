"""Celery tasks of the core app."""

from __future__ import annotations

import socket

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from .models import Pemda

HEARTBEAT_CACHE_KEY = "sakip:heartbeat"


@shared_task(bind=True, name="sakip.core.tasks.heartbeat", ignore_result=False)
def heartbeat(self) -> dict:
    """Prove that beat -> broker -> worker -> database -> cache works end to end.

    Records the time of this heartbeat in the cache (read by ``/healthz`` and
    ``manage.py check_worker``) and returns it with the number of Pemda read from the database
    and the name of the worker that ran it.
    """
    now = timezone.now()
    result = {
        "at": now.isoformat(),
        "pemda_count": Pemda.objects.count(),
        "host": self.request.hostname or socket.gethostname(),
    }
    cache.set(HEARTBEAT_CACHE_KEY, result, timeout=None)
    return result


def last_heartbeat() -> dict | None:
    """The result of the last heartbeat any worker ran (``None`` if none was recorded)."""
    return cache.get(HEARTBEAT_CACHE_KEY)
