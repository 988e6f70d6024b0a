"""``/healthz``: database, cache and broker state as JSON (200 when all are up, 503 otherwise)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check(fn):
    start = time.monotonic()
    try:
        detail = fn()
        return {"ok": True, "ms": round((time.monotonic() - start) * 1000, 1), **(detail or {})}
    except Exception as exc:  # report any failure as data, never as a 500
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache read-back failed")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.REDIS_URL:
        return {"mode": "eager"}
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return {"mode": "redis", "last_heartbeat": _last_heartbeat_at()}


def _last_heartbeat_at() -> str | None:
    """When a worker last ran the beat heartbeat (informative: a stale value does not fail the check)."""
    from sakip.core.tasks import last_heartbeat

    try:
        return (last_heartbeat() or {}).get("at")
    except Exception:
        return None


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
