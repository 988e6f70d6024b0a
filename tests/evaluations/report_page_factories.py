"""Monthly-report rows for page and API tests, written directly with a small fake PDF (no rendering),
and a fixture that keeps the generation task from running so a requested report stays pending."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from evaluations.report_models import Report, ReportDelivery, UnitReport

FAKE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_report(pemda, year=2025, month=10, *, version=1, status=Report.Status.DONE, kind=Report.Kind.MONTHLY,
                units=(), by=None, **fields) -> Report:  # fmt: skip
    """A report row; a done one gets a file, 1 page, a content hash and a one-pager per unit."""
    done = status == Report.Status.DONE
    report = Report(
        pemda=pemda, kind=kind, year=year, month=month, version=version, status=status,
        progress=100 if done else fields.pop("progress", 0), requested_by=by,
        pages=2 if done else 0, size=len(FAKE_PDF) if done else 0,
        content_hash=("%064x" % (year * 100 + month * 10 + version)) if done else "", unit_count=len(units),
        **fields,
    )  # fmt: skip
    if done:
        report.file.save(f"laporan-{year}-{month}-v{version}.pdf", ContentFile(FAKE_PDF), save=False)
    report.save()
    if done:
        for unit in units:
            unit_report = UnitReport(report=report, unit=unit, pages=1, size=len(FAKE_PDF))
            unit_report.file.save(f"unit-{unit.pk}.pdf", ContentFile(FAKE_PDF), save=False)
            unit_report.save()
    return report


def deliver(report: Report, user, channel=ReportDelivery.Channel.EMAIL) -> ReportDelivery:
    return ReportDelivery.objects.create(report=report, user=user, channel=channel, address=user.email or "")


@pytest.fixture
def no_task(monkeypatch):
    """Requested reports stay pending: the Celery task is recorded instead of run."""
    queued: list[int] = []
    from evaluations import tasks

    monkeypatch.setattr(tasks.generate_report, "delay", lambda report_id: queued.append(report_id))
    return queued
