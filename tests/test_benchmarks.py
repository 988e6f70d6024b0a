"""Smoke test of the benchmark suite (no timing assertions): the seeded generator at a tiny scale
makes data the real selectors and the report accept, the same seed makes the same data, and the
scenario's analysis and output functions give the documented verdicts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from benchmarks import common, report_bench
from benchmarks.fingerprint import fingerprint
from benchmarks.generate import generate_pemda
from evaluations import capaian, monitoring
from evaluations.models import PeriodReport
from evaluations.report_models import Report, UnitReport
from evaluations.report_services import report_execute

ALL_CATEGORIES = {"sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah"}


@pytest.fixture
def clock():
    # 20 November 2026: October 2026 (the generated report month) is past its deadline
    with time_machine.travel(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=True) as traveller:
        yield traveller


@pytest.fixture
def small(db, clock):
    return generate_pemda("Kabupaten Bench Uji", units=6, indicators=12, years=(2026,), months=10, seed=11)


def test_generated_data_is_what_the_selectors_read(small):
    fy = small.fiscal_years[-1]
    period = fy.periods.get(kind="month", number=10)
    assert small.counts["units"] == 6 and small.counts["indicators"] == 72

    result = capaian.pemda_capaian(small.pemda, fy, period)
    assert len(result.units) == 6
    assert all(u.agreement is not None for u in result.units)
    codes = {band.code for band, count in result.distribution if band and count}
    assert codes == ALL_CATEGORIES  # every capaian category occurs
    reds = [i for u in result.units for i in u.indicators if i.capaian.category_code == "sangat_rendah"]
    assert reds

    grid = monitoring.matrix(fy)
    assert len(grid.rows) == 6 and len(grid.periods) == 12
    states = {cell.state for row in grid.rows for cell in row.cells[:10]}
    assert "accepted" in states and "missing" in states | {"overdue"}  # most accepted, some never submitted
    assert PeriodReport.objects.filter(pemda=small.pemda, is_late=True).exists()


def test_generated_pemda_renders_its_monthly_report(small):
    from evaluations import report_data

    data = report_data.monthly_data(small.pemda, small.year, small.month)
    assert len(data.units) == 6 and data.period.number == 10
    assert data.red_list and all(ind.kendala and ind.upaya for _u, ind in data.red_list if ind.value is not None)
    assert data.followups and data.decisions

    report = Report.objects.create(pemda=small.pemda, year=small.year, month=small.month)
    done = report_execute(report.pk)
    assert done.status == Report.Status.DONE, done.error
    assert done.unit_count == 6 and UnitReport.objects.filter(report=done).count() == 6
    text = "".join(page.extract_text() for page in PdfReader(done.file.open("rb")).pages)
    assert "Oktober 2026" in text
    assert data.units[0].unit.name in text.replace("\n", " ")


def test_same_seed_same_data_other_seed_other_data(db, clock):
    one = generate_pemda("Kabupaten Satu", units=3, indicators=4, months=2, seed=5)
    two = generate_pemda("Kabupaten Dua", units=3, indicators=4, months=2, seed=5)
    three = generate_pemda("Kabupaten Tiga", units=3, indicators=4, months=2, seed=6)
    assert one.counts == two.counts
    assert fingerprint(one.pemda) == fingerprint(two.pemda)
    assert fingerprint(one.pemda) != fingerprint(three.pemda)


def test_baseline_table_has_the_asked_rows():
    assert report_bench.baseline_html(17).count("<tr>") == 18  # header + rows
    pdf = report_bench.render_baseline(3)
    assert "Tabel dasar" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def _size(units: int, seconds: float) -> dict:
    step = {"median_s": seconds, "max_s": seconds, "cpu_median_s": seconds, "queries": 10}
    timings = {key: step for key, _label in report_bench.STEPS}
    return {
        "units": units,
        "generate_s": 1.0,
        "counts": {"units": units},
        "report": {"year": 2026, "month": 10, "pages": 3, "unit_files": units, "unit_pages": units,
                   "red_rows": 2, "units_in_table": units, "job_pages": 3, "job_unit_files": units},
        "baseline_rows": units + 2,
        "timings": timings,
        "pemda_report_s": {"median": seconds, "max": seconds, "cpu_median": seconds},
    }  # fmt: skip


def test_linearity_verdicts_and_target():
    linear = report_bench.linearity([_size(15, 1.0), _size(60, 4.4)])
    assert linear["steps"]["pemda_report"]["verdict"] == "linear"
    assert linear["steps"]["pemda_report"]["ratio"] == 4.4
    assert report_bench.linearity([_size(15, 1.0), _size(60, 6.0)])["steps"]["pemda_report"]["verdict"] == "superlinear"
    assert report_bench.linearity([_size(15, 1.0), _size(60, 2.0)])["steps"]["pemda_report"]["verdict"] == "sublinear"
    assert report_bench.target_check([_size(15, 1.0), _size(60, 9.9)])["result"] == "PASS"
    assert report_bench.target_check([_size(15, 1.0), _size(60, 10.1)])["result"] == "FAIL"


def test_markdown_and_json_output(tmp_path, db):
    sizes = [_size(15, 1.0), _size(60, 4.0)]
    result = {"started_at": "x", "command": "python -m benchmarks.report_bench", "seed": 7, "repeat": 3,
              "machine": common.machine(), "sizes": sizes, "linearity": report_bench.linearity(sizes),
              "target": report_bench.target_check(sizes)}  # fmt: skip
    text = report_bench.markdown(result)
    assert "PASS" in text and "| (a) monthly_data |" in text and "## Linearity (15 → 60 units" in text
    json_path, md_path = common.write_results(tmp_path, "report", result, text)
    assert json_path.suffix == ".json" and md_path.read_text().startswith("# Monthly report benchmark")
    assert {"cpu", "cores", "ram_gb", "python", "django", "weasyprint", "database"} <= set(result["machine"])
