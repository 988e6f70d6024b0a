"""Monthly-report API: requesting a month or a meeting pack (202, 400 with field messages in Bahasa
Indonesia, 403), the archive with its filters, one report with its unit one-pagers, downloads (another
unit or Pemda: 404), retry, and the unit users' own one-pagers; pinned query counts on the lists."""

# ruff: noqa: F811  (fixtures imported from tests.evaluations.report_page_factories)

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from evaluations.report_models import Report
from tests.evaluations.report_page_factories import FAKE_PDF, make_report, no_task  # noqa: F401

pytestmark = pytest.mark.django_db
API = "/api/v1/monthly-reports/"


@pytest.fixture
def api():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def rows(response) -> list:
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def test_create_queues_a_version_and_answers_202(api, pimpinan, pemda, year, no_task):
    response = api(pimpinan).post(API, {"year": 2025, "month": 10, "deliver": True}, format="json")
    assert response.status_code == 202, response.content
    data = response.json()
    assert (data["kind"], data["year"], data["month"], data["version"]) == ("bulanan", 2025, 10, 1)
    assert (data["status"], data["progress"], data["trigger"], data["deliver"]) == ("pending", 0, "api", True)
    assert data["download_url"] is None and data["unit_reports"] == []
    again = api(pimpinan).post(API, {"year": 2025, "month": 10}, format="json").json()
    assert again["version"] == 2
    assert Report.objects.filter(pemda=pemda).count() == 2


def test_create_refuses_bad_requests_with_field_messages(api, admin, year, no_task):
    client = api(admin)
    future = client.post(API, {"year": 2099, "month": 1}, format="json")
    assert future.status_code == 400 and future.json()["month"] == ["Januari 2099 belum berjalan."]
    no_year = client.post(API, {"year": 2023, "month": 5}, format="json")
    assert no_year.status_code == 400 and no_year.json()["year"] == ["Tahun 2023 belum dibuat untuk Pemda ini."]
    out_of_range = client.post(API, {"year": 2025, "month": 13}, format="json")
    assert out_of_range.status_code == 400 and "month" in out_of_range.json()
    pack = client.post(API, {"kind": "rakor", "year": 2025, "month": 10, "meeting_date": "2025-11-03"}, format="json")
    assert pack.status_code == 400 and pack.json()["sections"] == ["Pilih sedikitnya satu bagian."]
    unknown = client.post(API, {"kind": "tahunan", "year": 2025, "month": 10}, format="json")
    assert unknown.status_code == 400 and unknown.json()["kind"] == ["Jenis laporan tidak dikenal."]
    assert not Report.objects.exists()


def test_create_meeting_pack(api, pimpinan, year, no_task):
    body = {"kind": "rakor", "year": 2025, "month": 10, "meeting_date": "2025-11-03", "sections": ["ranking"]}
    response = api(pimpinan).post(API, body, format="json")
    assert response.status_code == 202, response.content
    data = response.json()
    assert (data["kind"], data["meeting_date"], data["sections"]) == ("rakor", "2025-11-03", ["ranking"])


def test_evaluator_reads_but_may_not_request(api, evaluator, pemda, year, no_task):
    make_report(pemda)
    client = api(evaluator)
    assert client.get(API).status_code == 200
    assert client.post(API, {"year": 2025, "month": 10}, format="json").status_code == 403


def test_list_filters_and_query_count(api, admin, pemda, year, unit_a, django_assert_max_num_queries):
    for month in (7, 8, 9):
        make_report(pemda, 2025, month, units=[unit_a], by=admin)
    make_report(pemda, 2025, 10, status=Report.Status.FAILED, error="Gagal membaca data.")
    client = api(admin)
    with django_assert_max_num_queries(8):
        everything = rows(client.get(API))
    assert [r["month"] for r in everything] == [10, 9, 8, 7]
    assert everything[1]["download_url"].endswith(f"{everything[1]['uid']}/download/")
    assert everything[1]["requested_by"]["username"] == "admin_sakip"
    failed = rows(client.get(API, {"status": "failed"}))
    assert [(r["month"], r["error"], r["download_url"]) for r in failed] == [(10, "Gagal membaca data.", None)]
    assert [r["month"] for r in rows(client.get(API, {"year": 2025, "month": 8}))] == [8]
    assert rows(client.get(API, {"kind": "rakor"})) == []
    bad = client.get(API, {"status": "selesai"})
    assert bad.status_code == 400 and "status" in bad.json()


def test_retrieve_lists_unit_one_pagers_with_downloads(api, pimpinan, pemda, year, unit_a, unit_b):
    report = make_report(pemda, units=[unit_a, unit_b])
    data = api(pimpinan).get(f"{API}{report.uid}/").json()
    assert data["status"] == "done" and data["pages"] == 2 and data["content_hash"] == report.content_hash
    assert [u["unit"]["code"] for u in data["unit_reports"]] == [unit_a.code, unit_b.code]
    assert data["unit_reports"][0]["download_url"].endswith(f"{report.uid}/units/{unit_a.uid}/download/")


def test_download_pdf_and_404_until_done(api, evaluator, pemda, year):
    done = make_report(pemda, 2025, 10)
    response = api(evaluator).get(f"{API}{done.uid}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="laporan-bulanan-2025-10-v1.pdf"'
    assert b"".join(response.streaming_content) == FAKE_PDF
    running = make_report(pemda, 2025, 9, status=Report.Status.RUNNING)
    assert api(evaluator).get(f"{API}{running.uid}/download/").status_code == 404


def test_unit_downloads_for_the_unit_only(api, operator_a, operator_b, other_admin, pemda, year, unit_a):
    report = make_report(pemda, units=[unit_a])
    url = f"{API}{report.uid}/units/{unit_a.uid}/download/"
    assert api(operator_a).get(url).status_code == 200
    assert api(operator_b).get(url).status_code == 404
    assert api(other_admin).get(url).status_code == 404
    assert api(operator_a).get(f"{API}{report.uid}/").status_code == 403  # the Pemda report is not theirs


def test_unit_users_list_their_own_one_pagers(api, operator_a, admin, pemda, year, unit_a, unit_b):
    september = make_report(pemda, 2025, 9, units=[unit_a, unit_b])
    make_report(pemda, 2025, 10, units=[unit_a, unit_b])
    own = rows(api(operator_a).get("/api/v1/monthly-unit-reports/"))
    assert [(r["unit"]["code"], r["month"]) for r in own] == [(unit_a.code, 10), (unit_a.code, 9)]
    every = rows(api(admin).get("/api/v1/monthly-unit-reports/", {"report": str(september.uid)}))
    assert [r["unit"]["code"] for r in every] == [unit_a.code, unit_b.code]


def test_retry_a_failed_report(api, pimpinan, evaluator, pemda, year, no_task):
    failed = make_report(pemda, status=Report.Status.FAILED, error="x", deliver=True)
    assert api(evaluator).post(f"{API}{failed.uid}/retry/").status_code == 403
    response = api(pimpinan).post(f"{API}{failed.uid}/retry/")
    assert response.status_code == 202
    assert (response.json()["version"], response.json()["status"]) == (2, "pending")
    done = make_report(pemda, 2025, 9)
    refused = api(pimpinan).post(f"{API}{done.uid}/retry/")
    assert refused.status_code == 400 and refused.json() == {
        "non_field_errors": ["Hanya laporan yang gagal yang dapat diulang."]
    }
