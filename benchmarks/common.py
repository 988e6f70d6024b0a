"""Plumbing shared by the benchmark scenarios: a throwaway database, timing with query counts,
machine details and the Markdown + JSON result files.

Figures are compared as **ratios against a baseline measured in the same run** (a noisy or slower
machine moves both), so every scenario reports its baseline beside its own timings.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

# --- the environment and the throwaway database ------------------------------------------------


@dataclass
class Environment:
    tmp: Path
    database: str  # "sqlite" or "postgresql"
    database_name: str
    created_test_db: bool = False


def setup(prefix: str = "sakip-bench-") -> Environment:
    """Point Django at a temp dir (SQLite file and media there) and migrate a fresh database.

    Without ``DATABASE_URL``: an SQLite file in a new temp ``SAKIP_VAR_DIR``. With it: a new database
    ``<name>_bench`` next to the configured one (created and migrated here, dropped by
    :func:`teardown`), so the configured database is never touched. Tasks run eagerly (no broker).
    Call before importing any model.
    """
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["SAKIP_VAR_DIR"] = str(tmp)
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    os.environ["REDIS_URL"] = ""  # the report job and its delivery run in-process
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import logging

    import django

    django.setup()
    logging.getLogger("celery").setLevel(logging.WARNING)  # no "Task … succeeded" line per eager task
    logging.getLogger("kombu").setLevel(logging.ERROR)  # the in-memory broker's "No hostname" notice
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        return Environment(tmp, "sqlite", str(settings.DATABASES["default"]["NAME"]))
    base = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{base}_bench"
    # creates <name>_bench (dropping a leftover one) and runs migrate into it
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return Environment(tmp, connection.vendor, name, created_test_db=True)


def teardown(env: Environment, *, keep: bool = False) -> None:
    """Drop the PostgreSQL bench database and the temp dir (unless ``keep``)."""
    import shutil

    from django.conf import settings
    from django.db import connection

    if env.created_test_db and not keep:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)
    if not keep:
        shutil.rmtree(env.tmp, ignore_errors=True)


# --- timing ------------------------------------------------------------------------------------


@dataclass
class Timing:
    """``repeat`` runs: wall clock (seconds, ``time.perf_counter``), CPU time of this process
    (``time.process_time``: what the step itself costs, less sensitive to other load on the
    machine; a database server's own time is not in it) and the queries of each run."""

    name: str
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def to_json(self) -> dict:
        return {"name": self.name, "median_s": round(self.median, 4), "max_s": round(self.max, 4),
                "min_s": round(self.min, 4), "runs_s": [round(r, 4) for r in self.runs],
                "cpu_median_s": round(self.cpu_median, 4), "cpu_runs_s": [round(r, 4) for r in self.cpu],
                "queries": max(self.queries) if self.queries else 0}  # fmt: skip


def measure(name: str, func: Callable[[], object], repeat: int, *, setup: Callable[[], object] | None = None):
    """Run ``func`` ``repeat`` times (``setup()`` before each run, untimed, its result passed in when
    it returns something); returns (:class:`Timing`, result of the last run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timing, result = Timing(name), None
    for _run in range(repeat):
        arg = setup() if setup else None
        with CaptureQueriesContext(connection) as queries:
            start, cpu = time.perf_counter(), time.process_time()
            result = func(arg) if setup else func()
            timing.runs.append(time.perf_counter() - start)
            timing.cpu.append(time.process_time() - cpu)
        timing.queries.append(len(queries.captured_queries))
    return timing, result


# --- machine details ---------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine() -> dict:
    """CPU, cores, RAM, OS, Python, Django, WeasyPrint and the database in use."""
    import django
    import weasyprint
    from django.db import connection

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count()
    with connection.cursor():
        db_version = ".".join(map(str, connection.Database.sqlite_version_info)) if connection.vendor == "sqlite" else (
            f"{connection.pg_version // 10000}.{connection.pg_version % 10000}" if connection.vendor == "postgresql"
            else "")  # fmt: skip
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "weasyprint": weasyprint.__version__,
        "database": connection.vendor,
        "database_version": db_version,
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


# --- output ------------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table (numbers right-aligned)."""

    def align(values) -> str:
        return "---:" if values and all(isinstance(v, int | float) for v in values) else "---"

    columns = list(zip(*rows, strict=True)) if rows else [[] for _h in headers]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align([v for v in c if v != ""]) for c in columns) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def _cell(value) -> str:
    return str(value)


def write_results(out_dir: str | Path, stem: str, data: dict, markdown: str) -> tuple[Path, Path]:
    """``<out_dir>/<stem>-<UTC timestamp>.json`` and ``.md``; returns both paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    json_path, md_path = out / f"{stem}-{stamp}.json", out / f"{stem}-{stamp}.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown.rstrip() + "\n")
    return json_path, md_path


def as_dict(obj) -> dict:
    return asdict(obj)
