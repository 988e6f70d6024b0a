"""``manage.py check --deploy`` is clean with production environment variables."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check_deploy(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "SAKIP_HTTPS",
            "SECURE_HSTS_PRELOAD",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        {
            "SAKIP_VAR_DIR": str(tmp_path),
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "sakip.example.go.id",
            "SAKIP_HTTPS": "1",
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    proc = _check_deploy(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues (0 silenced)." in proc.stdout


def test_check_deploy_catches_a_development_setting(tmp_path):
    """The test above can fail: without HTTPS the deploy checks complain."""
    proc = _check_deploy(tmp_path, SAKIP_HTTPS="0")
    assert proc.returncode != 0
    assert "security.W008" in proc.stderr + proc.stdout
