"""Monthly-report pages: the archive (filters, pagination, the generate form and the schedule), generating
a month (success, refused months), the progress fragment polled by htmx, a report's page (done, failed,
retry), downloads (another unit or Pemda: 404), the schedule settings, the meeting-pack form, the units'
one-pagers and the home-page panel."""

# ruff: noqa: F811  (fixtures imported from tests.evaluations.report_page_factories)

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from evaluations.report_models import Report, ReportSetting
from tests.evaluations.report_page_factories import FAKE_PDF, deliver, make_report, no_task  # noqa: F401

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")  # the test Pemda's time zone


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def rows(response) -> str:
    """The table body of a list page (the generate form also names months)."""
    page = text(response)
    return page.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in page else ""


def detail_url(report) -> str:
    return reverse("evaluations:monthly_detail", args=[report.uid])


# --- the archive ---------------------------------------------------------------------------------


def test_archive_lists_reports_with_status_hash_and_download(client_for, pimpinan, admin, pemda, year, unit_a):
    done = make_report(pemda, 2025, 10, units=[unit_a], by=admin)
    failed = make_report(pemda, 2025, 9, status=Report.Status.FAILED, error="Data realisasi tidak terbaca.")
    page = text(client_for(pimpinan).get(reverse("evaluations:report_list")))
    assert "Oktober 2025" in page and "September 2025" in page
    assert done.content_hash[:12] in page
    assert reverse("evaluations:report_download", args=[done.uid]) in page
    assert reverse("evaluations:report_download", args=[failed.uid]) not in page
    assert "Gagal" in page and "Data realisasi tidak terbaca." in page
    assert "Admin Sakip" in page  # requested by
    assert "Permintaan pengguna" in page  # the trigger


def test_archive_filters_by_kind_year_and_status(client_for, pimpinan, pemda, year):
    make_report(pemda, 2025, 10)
    make_report(pemda, 2024, 12, status=Report.Status.FAILED, error="x")
    make_report(pemda, 2025, 10, kind=Report.Kind.MEETING, meeting_date=dt.date(2025, 11, 3), sections=["ranking"])
    client = client_for(pimpinan)
    url = reverse("evaluations:report_list")
    assert "Desember 2024" not in rows(client.get(url, {"tahun": 2025}))
    only_failed = rows(client.get(url, {"status": "failed"}))
    assert "Desember 2024" in only_failed and "Oktober 2025" not in only_failed
    meetings = rows(client.get(url, {"jenis": "rakor"}))
    assert "Rapat 3 November 2025" in meetings and "Oktober 2025" not in meetings
    assert "Tidak ada laporan yang cocok" in text(client.get(url, {"tahun": 2025, "status": "running"}))


def test_archive_paginates_with_a_fixed_number_of_queries(
    client_for, admin, pemda, year, django_assert_max_num_queries
):
    for version in range(1, 26):
        make_report(pemda, 2025, 10, version=version, by=admin)
    client = client_for(admin)
    with django_assert_max_num_queries(20):
        first = text(client.get(reverse("evaluations:report_list")))
    assert "1–20 dari 25" in first
    second = text(client.get(reverse("evaluations:report_list"), {"page": 2}))
    assert "21–25 dari 25" in second


def test_generate_form_and_schedule_by_role(client_for, admin, pimpinan, evaluator, pemda, year):
    with time_machine.travel(dt.datetime(2025, 11, 20, 9, tzinfo=WITA), tick=False):
        admin_page = text(client_for(admin).get(reverse("evaluations:report_list")))
        pimpinan_page = text(client_for(pimpinan).get(reverse("evaluations:report_list")))
        evaluator_page = text(client_for(evaluator).get(reverse("evaluations:report_list")))
    for page in (admin_page, pimpinan_page):
        assert "Buat laporan" in page and "Kirim ke pimpinan dan kepala unit" in page
        assert '<option value="2025-11">November 2025</option>' in page  # the month so far
        assert '<option value="2025-10" selected>Oktober 2025</option>' in page  # the last finished month
        assert "2025-12" not in page  # not yet
        assert reverse("evaluations:meeting_pack_new") in page
    # the schedule: the Admin SAKIP only
    assert "Dibuat otomatis setiap tanggal 12 pukul 07.00 WITA; berikutnya: 12 Desember 2025 07.00 WITA" in admin_page
    assert reverse("evaluations:report_settings") in admin_page
    assert "Dibuat otomatis" not in pimpinan_page
    assert "Buat laporan" not in evaluator_page and reverse("evaluations:meeting_pack_new") not in evaluator_page


def test_unit_users_do_not_get_the_archive(client_for, operator_a, kepala_a):
    for user in (operator_a, kepala_a):
        assert client_for(user).get(reverse("evaluations:report_list")).status_code == 403


# --- generating ----------------------------------------------------------------------------------


def test_generate_month_creates_a_version_and_shows_its_progress(
    client_for, pimpinan, pemda, year, no_task, django_capture_on_commit_callbacks
):
    client = client_for(pimpinan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluations:report_generate"), {"bulan": "2025-10", "kirim": "on"}, follow=True)
    report = Report.objects.get(pemda=pemda)
    assert response.redirect_chain[-1][0] == detail_url(report)
    page = text(response)
    assert "Laporan Oktober 2025 versi 1 sedang dibuat." in page
    assert (report.year, report.month, report.version, report.trigger) == (2025, 10, 1, "manual")
    assert report.deliver and report.requested_by == pimpinan and report.status == "pending"
    assert queued_once(no_task, report)
    assert 'hx-trigger="every 1s"' in page  # the progress panel polls while pending
    # the same month again: a new version, never a duplicate
    client.post(reverse("evaluations:report_generate"), {"bulan": "2025-10"})
    assert list(Report.objects.filter(pemda=pemda).values_list("version", "deliver")) == [(2, False), (1, True)]


def queued_once(queued, report) -> bool:
    return queued == [report.pk]


def test_generate_refuses_a_future_month_with_the_service_message(client_for, admin, pemda, year, no_task):
    response = client_for(admin).post(reverse("evaluations:report_generate"), {"bulan": "2099-01"})
    assert response.status_code == 400
    assert "Januari 2099 belum berjalan." in text(response)
    assert "Buat laporan" in text(response)  # the archive again, with the form
    assert not Report.objects.exists() and no_task == []


def test_generate_refuses_a_month_without_fiscal_year(client_for, admin, pemda, year, no_task):
    response = client_for(admin).post(reverse("evaluations:report_generate"), {"bulan": "2023-05"})
    assert response.status_code == 400
    assert "Tahun 2023 belum dibuat untuk Pemda ini." in text(response)


def test_evaluator_may_not_generate(client_for, evaluator, year, no_task):
    response = client_for(evaluator).post(reverse("evaluations:report_generate"), {"bulan": "2025-10"})
    assert response.status_code == 403
    assert not Report.objects.exists()


# --- progress and the report's page -------------------------------------------------------------


def test_progress_fragment_polls_until_done_then_offers_the_download(client_for, pimpinan, pemda, year):
    report = make_report(pemda, status=Report.Status.RUNNING, progress=40, step="Menyusun tabel per unit")
    client = client_for(pimpinan)
    url = reverse("evaluations:report_progress", args=[report.uid])
    running = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert 'hx-trigger="every 1s"' in running and f'hx-get="{url}"' in running
    assert "Menyusun tabel per unit" in running and 'aria-valuenow="40"' in running
    assert reverse("evaluations:report_download", args=[report.uid]) not in running
    Report.objects.filter(pk=report.pk).update(status="done", progress=100, file="reports/x.pdf", pages=12, size=2048)
    done = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in done  # polling stops
    assert "Laporan siap diunduh." in done and reverse("evaluations:report_download", args=[report.uid]) in done
    assert "2,0 KB" in done or "2.0 KB" in done
    # the status in the page header follows the panel (an out-of-band swap)
    assert '<span id="report-header-status" hx-swap-oob="true">' in done and "Selesai" in done
    assert "hx-swap-oob" not in text(client.get(detail_url(report)))


def test_done_report_page_lists_unit_one_pagers_and_deliveries(
    client_for, admin, pimpinan, pemda, year, unit_a, unit_b
):
    report = make_report(pemda, units=[unit_a, unit_b], deliver=True)
    deliver(report, pimpinan)
    deliver(report, pimpinan, "notice")
    deliver(report, admin, "notice")
    page = text(client_for(admin).get(detail_url(report)))
    assert "Laporan evaluasi bulanan — Oktober 2025" in page
    assert report.content_hash in page
    for unit in (unit_a, unit_b):
        assert reverse("evaluations:monthly_unit_download", args=[report.uid, unit.uid]) in page
    assert "Surel: <strong>1</strong>" in page and "Notifikasi portal: <strong>2</strong>" in page
    assert "Coba lagi" not in page


def test_failed_report_shows_error_and_retry_for_who_may_generate(
    client_for, pimpinan, evaluator, pemda, year, no_task
):
    report = make_report(pemda, status=Report.Status.FAILED, error="Kolom capaian kosong.", deliver=True, by=pimpinan)
    page = text(client_for(pimpinan).get(detail_url(report)))
    assert "Laporan gagal dibuat." in page and "Kolom capaian kosong." in page
    assert reverse("evaluations:report_retry", args=[report.uid]) in page and "data-confirm" in page
    assert "Coba lagi" not in text(client_for(evaluator).get(detail_url(report)))
    assert client_for(evaluator).post(reverse("evaluations:report_retry", args=[report.uid])).status_code == 403
    response = client_for(pimpinan).post(reverse("evaluations:report_retry", args=[report.uid]))
    retried = Report.objects.get(version=2)
    assert response.url == detail_url(retried)
    assert (retried.year, retried.month, retried.deliver, retried.status) == (2025, 10, True, "pending")


def test_retrying_a_done_report_is_refused_with_a_message(client_for, pimpinan, pemda, year, no_task):
    report = make_report(pemda)
    response = client_for(pimpinan).post(reverse("evaluations:report_retry", args=[report.uid]), follow=True)
    assert "Hanya laporan yang gagal yang dapat diulang." in text(response)
    assert Report.objects.count() == 1


# --- downloads -----------------------------------------------------------------------------------


def test_download_gives_the_pdf_as_attachment(client_for, evaluator, pemda, year):
    report = make_report(pemda, 2025, 10, version=2)
    response = client_for(evaluator).get(reverse("evaluations:report_download", args=[report.uid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="laporan-bulanan-2025-10-v2.pdf"'
    assert b"".join(response.streaming_content) == FAKE_PDF


def test_download_of_an_unfinished_report_is_404(client_for, admin, pemda, year):
    report = make_report(pemda, status=Report.Status.RUNNING)
    assert client_for(admin).get(reverse("evaluations:report_download", args=[report.uid])).status_code == 404


def test_unit_one_pager_for_its_unit_only(client_for, operator_a, kepala_a, operator_b, other_admin, pemda, year,
                                          unit_a, unit_b):  # fmt: skip
    report = make_report(pemda, units=[unit_a, unit_b])
    url_a = reverse("evaluations:monthly_unit_download", args=[report.uid, unit_a.uid])
    response = client_for(kepala_a).get(url_a)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="laporan-bulanan-2025-10-v1-1-02-01.pdf"'
    assert client_for(operator_a).get(url_a).status_code == 200
    assert client_for(operator_b).get(url_a).status_code == 404  # another unit
    assert client_for(other_admin).get(url_a).status_code == 404  # another Pemda
    url_b = reverse("evaluations:monthly_unit_download", args=[report.uid, unit_b.uid])
    assert client_for(operator_a).get(url_b).status_code == 404


def test_another_pemdas_report_is_404(client_for, other_admin, pemda, year):
    report = make_report(pemda)
    client = client_for(other_admin)
    for name in ("monthly_detail", "report_progress", "report_download"):
        assert client.get(reverse(f"evaluations:{name}", args=[report.uid])).status_code == 404


# --- the schedule --------------------------------------------------------------------------------


def test_settings_validate_day_and_hour(client_for, admin, pemda):
    url = reverse("evaluations:report_settings")
    client = client_for(admin)
    data = {"is_active": "on", "day": 30, "hour": 24, "email_pimpinan": "on"}
    response = client.post(url, data)
    assert response.status_code == 400
    page = text(response)
    assert "Tanggal harus antara 1 dan 28." in page and "Jam harus antara 0 dan 23." in page
    assert not ReportSetting.objects.filter(pemda=pemda, day=30).exists()
    response = client.post(url, {**data, "day": 15, "hour": 6}, follow=True)
    assert "Jadwal laporan bulanan disimpan." in text(response)
    setting = ReportSetting.objects.get(pemda=pemda)
    assert (setting.day, setting.hour, setting.is_active, setting.email_pimpinan) == (15, 6, True, True)
    assert (setting.email_unit_heads, setting.attach_pdf) == (False, False)


def test_settings_show_the_next_run_and_are_the_admins(client_for, admin, pimpinan, pemda):
    with time_machine.travel(dt.datetime(2025, 11, 12, 8, tzinfo=WITA), tick=False):
        page = text(client_for(admin).get(reverse("evaluations:report_settings")))
    assert "berikutnya: 12 Desember 2025 07.00 WITA" in page  # today's run has passed
    assert client_for(pimpinan).get(reverse("evaluations:report_settings")).status_code == 403
    assert client_for(pimpinan).post(reverse("evaluations:report_settings"), {"day": 3, "hour": 3}).status_code == 403


# --- meeting packs -------------------------------------------------------------------------------


def test_meeting_form_defaults_to_the_next_working_day_with_every_section(client_for, pimpinan, year):
    friday = dt.datetime(2025, 11, 14, 10, tzinfo=WITA)
    with time_machine.travel(friday, tick=False):
        page = text(client_for(pimpinan).get(reverse("evaluations:meeting_pack_new")))
    assert 'value="2025-11-17"' in page  # Monday
    assert "Bulan dasar: <strong>Oktober 2025</strong>" in page
    for value, label in Report.Section.choices:
        assert re.search(rf'value="{value}"[^>]*checked', page), value
        assert str(label) in page


def test_meeting_form_basis_month_follows_the_picked_date(client_for, pimpinan, year):
    page = text(client_for(pimpinan).get(reverse("evaluations:meeting_pack_new"), {"meeting_date": "2026-01-05"}))
    assert 'hx-trigger="change"' in page
    assert (
        '<p class="small" id="meeting-basis" aria-live="polite">Bulan dasar: <strong>Desember 2025</strong>.</p>'
        in page
    )


def test_meeting_pack_needs_a_section(client_for, pimpinan, year, no_task):
    response = client_for(pimpinan).post(reverse("evaluations:meeting_pack_new"), {"meeting_date": "2025-11-03"})
    assert response.status_code == 400
    assert "Pilih sedikitnya satu bagian." in text(response)
    assert not Report.objects.exists()


def test_meeting_pack_request_reports_on_the_month_before(client_for, pimpinan, pemda, year, no_task):
    data = {"meeting_date": "2025-11-03", "sections": ["ranking", "decisions"]}
    response = client_for(pimpinan).post(reverse("evaluations:meeting_pack_new"), data, follow=True)
    pack = Report.objects.get(pemda=pemda)
    assert response.redirect_chain[-1][0] == detail_url(pack)
    assert (pack.kind, pack.year, pack.month, pack.meeting_date) == ("rakor", 2025, 10, dt.date(2025, 11, 3))
    assert pack.sections == ["ranking", "decisions"]
    page = text(response)
    assert "Bahan rapat koordinasi 3 November 2025 sedang dibuat." in page
    assert "Bahan rapat koordinasi — Rapat 3 November 2025" in page
    assert "Peringkat kinerja, Keputusan penghargaan dan sanksi" in page  # the chosen sections


def test_evaluator_may_not_open_the_meeting_form(client_for, evaluator):
    assert client_for(evaluator).get(reverse("evaluations:meeting_pack_new")).status_code == 403


# --- the units' one-pagers and the home page -----------------------------------------------------


def test_unit_list_shows_own_units_for_unit_users_and_all_with_filter_for_viewers(
    client_for, operator_a, admin, pemda, year, unit_a, unit_b, django_assert_max_num_queries
):
    make_report(pemda, 2025, 9, units=[unit_a, unit_b])
    make_report(pemda, 2025, 10, units=[unit_a, unit_b])
    make_report(pemda, 2025, 11, status=Report.Status.RUNNING)
    url = reverse("evaluations:report_unit_list")
    own = text(client_for(operator_a).get(url))
    assert own.count("Unduh PDF") == 2 and "Kec. Astambul" not in own
    assert own.index("Oktober 2025") < own.index("September 2025")  # newest first
    assert 'name="unit"' not in own  # one unit: no filter
    client = client_for(admin)
    with django_assert_max_num_queries(15):
        every = text(client.get(url))
    assert every.count("Unduh PDF") == 4 and 'name="unit"' in every
    only_b = text(client.get(url, {"unit": str(unit_b.uid)}))
    assert only_b.count("Unduh PDF") == 2 and "Dinkes" not in only_b.split("<tbody>")[1]


def test_home_panel_offers_the_latest_one_pager_of_the_unit(client_for, kepala_a, admin, pemda, year, unit_a):
    make_report(pemda, 2025, 9, units=[unit_a])
    latest = make_report(pemda, 2025, 10, units=[unit_a])
    page = text(client_for(kepala_a).get(reverse("home")))
    assert "Laporan bulanan unit" in page and "Dinkes</strong> · Oktober 2025" in page
    assert reverse("evaluations:monthly_unit_download", args=[latest.uid, unit_a.uid]) in page
    assert "September 2025" not in page
    assert "Laporan bulanan unit" not in text(client_for(admin).get(reverse("home")))
