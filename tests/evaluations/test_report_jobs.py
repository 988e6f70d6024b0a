"""Monthly reports as background jobs (issue #7 items 2–4): the schedule with a frozen clock in the
Pemda's time zone, versions, the conditional claim, idempotent runs and deliveries, bounded retries
after a simulated failure, failures shown on the report, and the sweep of stuck jobs.

Rendering is replaced by a small fake here (its content is tested in test_report_pdf.py); everything
else — the database rows, the files, Celery tasks (eager), e-mails (locmem outbox), notices — is real.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404

from evaluations import report_delivery, report_selectors, report_services, tasks
from evaluations.report_documents import RenderedPdf
from evaluations.report_models import Report, ReportDelivery, ReportSetting, UnitReport
from sakip.core.models import Notification, Pemda
from tests.factories import make_year

WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


class FakeData:
    def __init__(self, units):
        self.units = [mock.Mock(unit=u) for u in units]


def fake_render(calls: list | None = None):
    """Patch the renderers: a Pemda PDF and one page per active unit, counting the renders."""

    def monthly_data(pemda, year, month, **kwargs):
        if calls is not None:
            calls.append((pemda.pk, year, month))
        return FakeData(list(pemda.units.filter(is_active=True).order_by("code")))

    def monthly_pdf(report, data):
        return RenderedPdf(b"%PDF-1.7 pemda " + str(report.version).encode(), 3, "a" * 64)

    def unit_pdfs(report, data, progress=None):
        for i, row in enumerate(data.units, 1):
            if progress:
                progress(i, len(data.units))
            yield row.unit, RenderedPdf(b"%PDF-1.7 unit " + row.unit.code.encode(), 1, "b" * 64)

    return [
        mock.patch("evaluations.report_data.monthly_data", side_effect=monthly_data, create=True),
        mock.patch("evaluations.report_documents.monthly_pdf", side_effect=monthly_pdf, create=True),
        mock.patch("evaluations.report_documents.unit_pdfs", side_effect=unit_pdfs, create=True),
    ]


@pytest.fixture
def rendering():
    calls: list = []
    patches = fake_render(calls)
    for p in patches:
        p.start()
    yield calls
    for p in patches:
        p.stop()


@pytest.fixture
def world(pemda, year, unit_a, unit_b, admin, pimpinan, kepala_a, operator_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return pemda


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a service as if its transaction committed (the test transaction never does), running the
    tasks it queues after the commit, and the tasks those queue, like the eager default does."""

    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


def at(tz, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


# --- the schedule ------------------------------------------------------------------------------


def test_due_only_after_the_pemdas_local_day_and_hour(world):
    assert world.tz == WITA
    # 12 November 2025 06:59 WITA: not yet; 07:00 WITA: October 2025 is due
    assert report_services.due_months(at(WITA, 2025, 11, 12, 6, 59)) == []
    assert report_services.due_months(at(WITA, 2025, 11, 12, 7, 0)) == [(world, 2025, 10)]
    # 07:00 WIB is 08:00 WITA: due; the same instant seen from Jayapura (WIT) is 09:00
    assert report_services.due_months(at(ZoneInfo("Asia/Jakarta"), 2025, 11, 12, 6, 0)) == [(world, 2025, 10)]


def test_each_pemda_follows_its_own_time_zone_and_setting(world, other_pemda):
    other_pemda.timezone = Pemda.Zone.WIT
    other_pemda.save()
    make_year(other_pemda, 2025)
    ReportSetting.objects.create(pemda=world, day=15, hour=9)
    moment = at(WIT, 2025, 11, 12, 7, 30)  # 06:30 WITA
    assert report_services.due_months(moment) == [(other_pemda, 2025, 10)]
    assert report_services.due_months(at(WITA, 2025, 11, 15, 9, 0)) == [(world, 2025, 10), (other_pemda, 2025, 10)]
    ReportSetting.objects.filter(pemda=world).update(is_active=False)
    assert report_services.due_months(at(WITA, 2025, 11, 20)) == [(other_pemda, 2025, 10)]


def test_january_makes_december_of_the_year_before_and_needs_that_fiscal_year(world):
    assert report_services.due_months(at(WITA, 2026, 1, 12, 7)) == [(world, 2025, 12)]
    assert report_services.due_months(at(WITA, 2025, 1, 12, 7)) == []  # no fiscal year 2024


def test_next_run_is_this_months_when_ahead_else_next_months(world):
    assert report_services.next_run(world, at(WITA, 2025, 11, 3, 10)) == at(WITA, 2025, 11, 12, 7)
    assert report_services.next_run(world, at(WITA, 2025, 11, 12, 7)) == at(WITA, 2025, 12, 12, 7)
    assert report_services.next_run(world, at(WITA, 2025, 12, 20)) == at(WITA, 2026, 1, 12, 7)


def test_the_tick_twice_makes_one_version_and_one_email_per_recipient(
    world, rendering, pimpinan, kepala_a, unit_a, committed
):
    moment = at(WITA, 2025, 11, 12, 7, 5).isoformat()
    first = committed(tasks.monthly_reports_tick, now=moment)
    second = committed(tasks.monthly_reports_tick, now=moment)
    later = committed(tasks.monthly_reports_tick, now=at(WITA, 2025, 11, 13, 7, 5).isoformat())

    report = Report.objects.get()
    assert first["made"] == [report.pk] and second["made"] == [] and later["made"] == []
    assert (report.year, report.month, report.version, report.trigger) == (2025, 10, 1, "schedule")
    assert report.status == "done" and report.progress == 100 and report.delivered_at is not None
    assert rendering == [(world.pk, 2025, 10)]  # rendered once
    assert report.unit_reports.count() == 2
    # pimpinan: the Pemda report; kepala of unit A: unit A's page; one e-mail each, with the PDF
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pimpinan.email, kepala_a.email])
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to[pimpinan.email].attachments[0][1].startswith(b"%PDF-1.7 pemda")
    assert by_to[kepala_a.email].attachments[0][1] == b"%PDF-1.7 unit " + unit_a.code.encode()
    assert "Oktober 2025" in by_to[pimpinan.email].subject
    assert Notification.objects.filter(key=f"laporan:{report.pk}").count() == 2

    # the delivery task delivered again (a worker restarted): nothing more is sent
    result = committed(tasks.deliver_report, report.pk)
    assert result["emails"] == 0 and result["skipped"] == 4
    assert len(mail.outbox) == 2
    assert ReportDelivery.objects.count() == 4


def test_a_task_delivered_twice_renders_once(world, rendering, admin, committed):
    with mock.patch("evaluations.tasks.generate_report.delay"):  # queue it without running it
        report = committed(report_services.report_request, user=admin, year=2025, month=10)
    assert report.status == "pending"
    assert committed(tasks.generate_report, report.pk)["status"] == "done"
    assert committed(tasks.generate_report, report.pk)["status"] == "skipped"
    assert len(rendering) == 1


# --- on demand, versions ---------------------------------------------------------------------


def test_on_demand_makes_new_versions_and_only_notifies_the_requester(world, rendering, admin, pimpinan, committed):
    one = committed(report_services.report_request, user=pimpinan, year=2025, month=10)
    two = committed(report_services.report_request, user=pimpinan, year=2025, month=10)
    assert (one.version, two.version) == (1, 2)
    assert Report.objects.filter(status="done").count() == 2
    assert mail.outbox == []  # not asked to deliver
    assert Notification.objects.filter(user=pimpinan, key__startswith="laporan:").count() == 2
    three = committed(report_services.report_request, user=admin, year=2025, month=10, deliver=True)
    three.refresh_from_db()
    assert three.version == 3 and len(mail.outbox) == 2  # pimpinan and kepala A
    # the scheduled report of the month is still made once, as the next version
    committed(report_services.schedule_due, at(WITA, 2025, 11, 12, 8))
    assert Report.objects.get(trigger="schedule").version == 4


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2027, "month": 1}, "month"),
        ({"year": 2024, "month": 5}, "year"),
        ({"year": 2025, "month": 13}, "month"),
        ({"year": 2025, "month": 10, "kind": "rakor", "meeting_date": dt.date(2025, 11, 3)}, "sections"),
        ({"year": 2025, "month": 10, "kind": "rakor", "sections": ["ranking"]}, "meeting_date"),
        (
            {"year": 2025, "month": 10, "kind": "rakor", "meeting_date": dt.date(2025, 11, 3), "sections": ["x"]},
            "sections",
        ),
    ],
)
def test_bad_requests_are_refused_with_the_field(world, admin, kwargs, field, committed):
    with pytest.raises(ValidationError) as error:
        committed(report_services.report_request, user=admin, **kwargs)
    assert field in error.value.message_dict
    assert not Report.objects.exists()


def test_only_admin_and_pimpinan_generate(world, evaluator, operator_a, committed):
    for user in (evaluator, operator_a):
        with pytest.raises(PermissionDenied):
            committed(report_services.report_request, user=user, year=2025, month=10)


# --- failures, retries, the sweep ------------------------------------------------------------


def test_a_transient_failure_goes_back_to_pending_and_the_retry_finishes(world, rendering, admin, committed):
    real = report_services._render_monthly
    calls = {"n": 0}

    def flaky(report, progress):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("could not serialize access")
        return real(report, progress)

    with mock.patch("evaluations.report_services._render_monthly", side_effect=flaky):
        report = committed(
            report_services.report_request, user=admin, year=2025, month=10
        )  # eager: not retried in-process
        report.refresh_from_db()
        assert (report.status, report.attempts) == ("pending", 1)
        assert "could not serialize" in report.error
        # the worker's retry (or the sweep's re-enqueue) runs it again
        assert committed(tasks.generate_report, report.pk)["status"] == "done"
    report.refresh_from_db()
    assert (report.status, report.attempts, report.error) == ("done", 2, "")


def test_the_last_transient_failure_marks_it_failed(world, rendering, admin, committed):
    with mock.patch("evaluations.report_services._render_monthly", side_effect=OperationalError("db gone")):
        report = committed(report_services.report_request, user=admin, year=2025, month=10)
        for _attempt in range(2):  # the worker's retries (apply: as the worker runs it, retries not raised)
            assert tasks.generate_report.apply(args=(report.pk,)).get()["status"] == "retry-later"
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("failed", 3)
    assert committed(tasks.generate_report, report.pk)["status"] == "skipped"


def test_a_data_error_fails_the_report_with_its_message_and_retry_makes_a_new_version(
    world, rendering, admin, committed
):
    with mock.patch("evaluations.report_services._render_monthly", side_effect=ValueError("tabel rusak")):
        report = committed(report_services.report_request, user=admin, year=2025, month=10)
    report.refresh_from_db()
    assert report.status == "failed" and "tabel rusak" in report.error and report.finished_at
    assert not report.file and not UnitReport.objects.exists()
    again = committed(report_services.report_retry, user=admin, report=report)
    again.refresh_from_db()
    assert (again.version, again.status) == (2, "done")
    with pytest.raises(ValidationError):
        committed(report_services.report_retry, user=admin, report=again)


def test_the_sweep_resets_stuck_jobs_and_gives_up_after_the_last_attempt(world, admin, committed):
    with mock.patch("evaluations.tasks.generate_report.delay"):
        stuck = committed(report_services.report_request, user=admin, year=2025, month=9)
        dead = committed(report_services.report_request, user=admin, year=2025, month=8)
    long_ago = at(WITA, 2025, 11, 1, 8)
    Report.objects.filter(pk=stuck.pk).update(status="running", started_at=long_ago, attempts=1)
    Report.objects.filter(pk=dead.pk).update(status="running", started_at=long_ago, attempts=3)
    Report.objects.update(created_at=long_ago)
    pending = report_services.reports_sweep(at(WITA, 2025, 11, 1, 9))
    stuck.refresh_from_db()
    dead.refresh_from_db()
    assert stuck.status == "pending" and pending == [stuck.pk]
    assert dead.status == "failed" and "terhenti" in dead.error
    # a job running for ten minutes is left alone
    Report.objects.filter(pk=stuck.pk).update(status="running", started_at=at(WITA, 2025, 11, 1, 8, 55))
    assert report_services.reports_sweep(at(WITA, 2025, 11, 1, 9)) == []


def test_a_failed_email_is_retried_without_repeating_the_others(world, rendering, admin, pimpinan, kepala_a, committed):
    real_send = mail.EmailMessage.send

    def send(self, fail_silently=False):
        if self.to == [kepala_a.email]:
            raise ConnectionRefusedError("SMTP down")
        return real_send(self, fail_silently)

    with mock.patch.object(mail.EmailMessage, "send", send):
        report = committed(report_services.report_request, user=admin, year=2025, month=10, deliver=True)
    report.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[pimpinan.email]]
    assert report.delivered_at is None  # incomplete
    assert not ReportDelivery.objects.filter(user=kepala_a, channel="email").exists()
    assert committed(tasks.deliver_report, report.pk)["emails"] == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pimpinan.email, kepala_a.email])
    report.refresh_from_db()
    assert report.delivered_at is not None


def test_recipients_follow_the_setting(world, rendering, admin, pimpinan, kepala_a, committed):
    ReportSetting.objects.create(pemda=world, email_unit_heads=False, attach_pdf=False)
    report = committed(report_services.report_request, user=admin, year=2025, month=10, deliver=True)
    assert [m.to for m in mail.outbox] == [[pimpinan.email]]
    assert mail.outbox[0].attachments == []
    assert str(report.uid) in mail.outbox[0].body or "http" in mail.outbox[0].body
    assert [u for u, _page in report_delivery.recipients(report)] == [pimpinan]


# --- settings and access ---------------------------------------------------------------------


def test_settings_are_validated_and_only_the_admin_changes_them(world, admin, pimpinan):
    with pytest.raises(ValidationError) as error:
        report_services.setting_update(user=admin, pemda=world, data={"day": 31, "hour": 24})
    assert set(error.value.message_dict) == {"day", "hour"}
    setting = report_services.setting_update(user=admin, pemda=world, data={"day": 10, "hour": 6})
    assert (setting.day, setting.hour) == (10, 6)
    with pytest.raises(PermissionDenied):
        report_services.setting_update(user=pimpinan, pemda=world, data={"day": 11})


def test_downloads_are_scoped_to_the_pemda_and_the_unit(
    world, rendering, admin, operator_a, operator_b, unit_a, unit_b, other_admin, committed
):
    report = committed(report_services.report_request, user=admin, year=2025, month=10)
    assert report_selectors.unit_report_for(operator_a, report.uid, unit_a.uid).unit == unit_a
    for user, unit in ((operator_a, unit_b), (operator_b, unit_a), (other_admin, unit_a)):
        with pytest.raises(Http404):
            report_selectors.unit_report_for(user, report.uid, unit.uid)
    with pytest.raises(Http404):
        report_selectors.report_for(other_admin, report.uid)
    with pytest.raises(PermissionDenied):
        report_selectors.report_for(operator_a, report.uid)
    assert list(report_selectors.unit_reports_for(operator_a).values_list("unit", flat=True)) == [unit_a.pk]
    assert report_selectors.unit_reports_for(admin).count() == 2
    assert not report_selectors.reports_for(other_admin).exists()
