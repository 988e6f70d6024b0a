"""The heartbeat task, the beat schedule and ``manage.py check_worker``."""

from io import StringIO
from unittest import mock

import pytest
from celery.exceptions import TimeoutError as CeleryTimeout
from django.core.cache import cache
from django.core.management import CommandError, call_command
from kombu.exceptions import OperationalError

from sakip.celery import app
from sakip.core.tasks import heartbeat, last_heartbeat


def test_heartbeat_reads_the_database_and_records_its_time(pemda, other_pemda):
    cache.delete("sakip:heartbeat")
    result = heartbeat.delay().get()
    assert result["pemda_count"] == 2
    assert result["host"]
    assert last_heartbeat() == result


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    assert schedule["core-heartbeat"]["task"] == "sakip.core.tasks.heartbeat"
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, name


def test_check_worker_in_eager_mode_says_tasks_run_in_process(db):
    out = StringIO()
    call_command("check_worker", stdout=out)
    assert "Mode eager (tanpa broker): tugas Celery dijalankan di dalam proses ini" in out.getvalue()


@pytest.fixture
def broker_mode(monkeypatch, settings):
    """As with REDIS_URL set: tasks go to the broker; the broker connection is mocked."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert app.conf.task_always_eager is False
    connection = mock.MagicMock()
    monkeypatch.setattr(app, "connection_for_write", mock.Mock(return_value=connection))
    return connection.__enter__.return_value


def test_check_worker_reports_the_worker_that_answered(db, broker_mode):
    result = mock.Mock()
    result.get.return_value = {"at": "2025-03-01T10:00:00+00:00", "pemda_count": 2, "host": "celery@web1"}
    out = StringIO()
    with mock.patch.object(heartbeat, "apply_async", return_value=result) as apply_async:
        call_command("check_worker", "--timeout", "7", stdout=out)
    apply_async.assert_called_once_with(expires=7.0)
    result.get.assert_called_once_with(timeout=7.0, interval=0.2)
    assert "Worker celery@web1 menjalankan heartbeat" in out.getvalue()
    assert "Pemda di basis data: 2" in out.getvalue()


def test_check_worker_fails_clearly_when_no_worker_answers(db, broker_mode):
    result = mock.Mock()
    result.get.side_effect = CeleryTimeout("timed out")
    with (
        mock.patch.object(heartbeat, "apply_async", return_value=result),
        pytest.raises(CommandError, match="Tidak ada worker Celery yang menjawab dalam 2 detik"),
    ):
        call_command("check_worker", "--timeout", "2")


def test_check_worker_fails_clearly_when_broker_is_down(db, broker_mode):
    broker_mode.ensure_connection.side_effect = OperationalError("Error 111 connecting. Connection refused.")
    with (
        mock.patch.object(heartbeat, "apply_async") as apply_async,
        pytest.raises(CommandError, match="tidak dapat dihubungi: Error 111"),
    ):
        call_command("check_worker", "--timeout", "2")
    apply_async.assert_not_called()


def test_check_worker_reports_a_failing_task(db, broker_mode):
    result = mock.Mock()
    result.get.side_effect = RuntimeError("database is locked")
    with (
        mock.patch.object(heartbeat, "apply_async", return_value=result),
        pytest.raises(CommandError, match="Tugas heartbeat gagal di worker: database is locked"),
    ):
        call_command("check_worker")


def test_check_worker_exits_non_zero_from_the_shell(tmp_path):
    """Run as a process against a broker nobody listens on: exit status 1 and a message, no traceback."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "SAKIP_VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    proc = subprocess.run(
        [sys.executable, "manage.py", "check_worker", "--timeout", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "tidak dapat dihubungi" in proc.stderr
    assert "Traceback" not in proc.stderr
