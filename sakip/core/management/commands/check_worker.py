"""``manage.py check_worker``: does a Celery worker execute tasks sent through the broker?

Sends the ``heartbeat`` task through the real broker (``REDIS_URL``), waits for its result and
exits with status 1 and a clear message when the broker is unreachable or no worker answered in
time. In the embedded default (no broker, ``CELERY_TASK_ALWAYS_EAGER``) it says so and runs the
task in-process.
"""

from __future__ import annotations

import time

from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sakip.celery import app
from sakip.core.tasks import heartbeat


class Command(BaseCommand):
    help = _("Kirim tugas heartbeat lewat broker ke worker Celery dan tunggu jawabannya.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=60.0, help=_("Berapa detik menunggu jawaban worker (bawaan 60).")
        )

    def handle(self, *args, timeout: float, **options):
        if app.conf.task_always_eager:
            value = heartbeat.delay().get()
            self.stdout.write(
                _(
                    "Mode eager (tanpa broker): tugas Celery dijalankan di dalam proses ini, "
                    "tidak ada worker yang perlu diperiksa. Heartbeat: %(value)s"
                )
                % {"value": value}
            )
            return

        broker = app.conf.broker_url or settings.CELERY_BROKER_URL
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0.5, timeout=min(timeout, 10))
        except Exception as exc:
            raise CommandError(
                _("Broker %(broker)s tidak dapat dihubungi: %(error)s") % {"broker": _redact(broker), "error": exc}
            ) from exc

        started = time.monotonic()
        # ``expires``: a worker that starts later discards the message instead of running it late.
        result = heartbeat.apply_async(expires=max(timeout, 1))
        try:
            value = result.get(timeout=timeout, interval=0.2)
        except CeleryTimeout:
            result.forget()
            raise CommandError(
                _(
                    "Tidak ada worker Celery yang menjawab dalam %(timeout)s detik (broker %(broker)s). "
                    "Jalankan worker: celery -A sakip worker -l info"
                )
                % {"timeout": _seconds(timeout), "broker": _redact(broker)}
            ) from None
        except Exception as exc:
            raise CommandError(_("Tugas heartbeat gagal di worker: %(error)s") % {"error": exc}) from exc
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _("Worker %(host)s menjalankan heartbeat dalam %(ms)s ms (Pemda di basis data: %(count)s).")
                % {"host": value.get("host"), "ms": round(elapsed * 1000), "count": value.get("pemda_count")}
            )
        )


def _seconds(value: float) -> str:
    return f"{value:g}"


def _redact(url: str) -> str:
    """The broker URL without its password, for messages."""
    from kombu.utils.url import maybe_sanitize_url

    return maybe_sanitize_url(url)
