"""``/healthz``: database, cache and broker state as JSON; 200 when all are up, 503 otherwise."""

import os
from unittest import mock

import pytest
from django.db import OperationalError

from sakip.core.tasks import HEARTBEAT_CACHE_KEY


@pytest.fixture
def redis_mode(settings):
    """Settings as with REDIS_URL set (a real broker), without needing Redis for the test."""
    settings.REDIS_URL = "redis://broker.invalid:6379/0"
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return settings


def test_healthz_ok_in_embedded_default(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True and body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["cache"]["ok"] is True
    assert body["broker"]["ok"] is True
    if not os.environ.get("REDIS_URL"):
        assert body["broker"]["mode"] == "eager"


def test_healthz_needs_no_login_and_only_answers_get(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_database_down_gives_503_json(client, db):
    with mock.patch("sakip.core.views.health.connection.cursor", side_effect=OperationalError("server closed")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == {"ok": False, "error": "OperationalError: server closed"}
    assert body["cache"]["ok"] is True


def test_cache_down_gives_503(client, db):
    with mock.patch("sakip.core.views.health.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"]["error"] == "RuntimeError: cache read-back failed"


def test_broker_checked_through_redis_when_configured(client, db, redis_mode):
    from django.core.cache import cache

    cache.set(HEARTBEAT_CACHE_KEY, {"at": "2025-03-01T10:00:00+00:00", "pemda_count": 1, "host": "w@h"})
    with mock.patch("redis.Redis.from_url") as from_url:
        response = client.get("/healthz")
    from_url.assert_called_once_with("redis://broker.invalid:6379/0", socket_connect_timeout=2, socket_timeout=2)
    from_url.return_value.ping.assert_called_once_with()
    assert response.status_code == 200
    assert response.json()["broker"] | {"ms": 0} == {
        "ok": True,
        "ms": 0,
        "mode": "redis",
        "last_heartbeat": "2025-03-01T10:00:00+00:00",
    }


def test_broker_down_gives_503_json(client, db, redis_mode):
    import redis

    with mock.patch("redis.Redis.from_url") as from_url:
        from_url.return_value.ping.side_effect = redis.ConnectionError("Error 111 connecting. Connection refused.")
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"] == {"ok": False, "error": "ConnectionError: Error 111 connecting. Connection refused."}
    assert body["database"]["ok"] is True


def test_unreachable_broker_for_real_gives_503(client, db, redis_mode):
    """No mock: a broker nobody listens on is reported, not raised."""
    redis_mode.REDIS_URL = redis_mode.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)")
def test_healthz_with_real_redis(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # conftest makes tasks eager; the broker is still Redis
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["broker"]["mode"] == "redis"
    assert response.json()["cache"]["backend"] == "RedisCache"
