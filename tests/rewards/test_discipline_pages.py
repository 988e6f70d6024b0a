# ruff: noqa: F811 (fixtures imported from test_discipline_helpers)
"""The discipline pages and API: import page (upload → dry run → commit), ladder setting (edit,
validation messages, restore), home, evaluation on demand, API import and setting."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rewards import discipline
from rewards import services_discipline as svc
from rewards.models import DisciplineImport, DisciplineRecord, DisciplineSetting, Proposal
from tests.rewards.test_discipline_helpers import NIP_A1, NIP_A2, NIP_B1, clock, officials, workbook  # noqa: F401

pytestmark = pytest.mark.usefixtures("clock")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(data, name="absensi-mei.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


def test_upload_dry_run_then_commit(admin, officials, client_for):
    client = client_for(admin)
    data = workbook([(NIP_A1, "Budi", 11, 0, 0), (NIP_B1, "Ahmad", 0, 30, 0)])
    page = client.post(reverse("rewards:discipline_import"), {"year": 2026, "month": 5, "file": _upload(data)})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Budi Santoso, S.Kom." in html and "Ahmad Fauzi" in html and "Simpan semua" in html
    assert "2 baru, 0 mengganti impor sebelumnya, 0 tidak berubah." in html
    assert not DisciplineRecord.objects.exists()
    done = client.post(reverse("rewards:discipline_import_commit"))
    assert done.status_code == 302 and done["Location"].endswith("?tahun=2026")
    assert DisciplineRecord.objects.count() == 2 and DisciplineImport.objects.get().month == 5
    assert Proposal.objects.get().source_key == f"disiplin:2026:{NIP_A1}:tpp_25_6"
    home = client.get(done["Location"]).content.decode()
    assert "Rekap absensi Mei 2026 disimpan: 2 pegawai." in home
    assert "1 usulan sanksi disiplin baru menunggu keputusan pimpinan." in home
    assert "11–13 hari: pemotongan TPP 25% selama 6 bulan" in home
    assert client.post(reverse("rewards:discipline_import_commit")).status_code == 302  # nothing stashed any more
    assert DisciplineImport.objects.count() == 1


def test_a_bad_file_shows_every_error_and_offers_no_commit(admin, officials, client_for):
    client = client_for(admin)
    data = workbook([(NIP_A1, "Budi", 2, 0, 0), (NIP_A2, "Siti", 2, -10, 0), ("198501012010011009", "?", 0, 0, 0)])
    page = client.post(reverse("rewards:discipline_import"), {"year": 2026, "month": 5, "file": _upload(data)})
    assert page.status_code == 400
    html = page.content.decode()
    assert "2 kesalahan; tidak ada yang dapat disimpan." in html
    assert "Nilai tidak boleh negatif (-10)." in html
    assert "NIP 198501012010011009 tidak terdaftar sebagai pegawai Pemda ini." in html
    assert "Simpan semua" not in html
    assert client.post(reverse("rewards:discipline_import_commit")).status_code == 302
    assert not DisciplineRecord.objects.exists()


def test_a_future_month_and_a_wrong_file_type_are_refused_on_the_form(admin, officials, client_for):
    client = client_for(admin)
    data = workbook([(NIP_A1, "Budi", 2, 0, 0)])
    page = client.post(reverse("rewards:discipline_import"), {"year": 2026, "month": 8, "file": _upload(data)})
    assert page.status_code == 400 and "Agustus 2026 belum tiba" in page.content.decode()
    page = client.post(
        reverse("rewards:discipline_import"), {"year": 2026, "month": 5, "file": _upload(b"a;b", "absensi.csv")}
    )
    assert page.status_code == 400 and "unggah berkas Excel (.xlsx)" in page.content.decode()


def test_the_template_downloads(admin, officials, client_for):
    response = client_for(admin).get(reverse("rewards:discipline_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX


def _setting_post(steps, **extra):
    steps = [*steps, {"code": "", "min_days": "", "outcome": "", "percent": "", "months": "", "label": ""}]  # blank row
    data = {"step-TOTAL_FORMS": len(steps), "step-INITIAL_FORMS": len(steps) - 1, "step-MIN_NUM_FORMS": 0,
            "step-MAX_NUM_FORMS": 30, "minutes_per_day": extra.get("minutes_per_day", 450),
            "checkins_per_day": extra.get("checkins_per_day", ""), "is_active": "on"}  # fmt: skip
    for n, step in enumerate(steps):
        for key, value in step.items():
            data[f"step-{n}-{key}"] = "" if value is None else value
    return data


def test_the_ladder_page_edits_and_validates(admin, client_for, pemda):
    client = client_for(admin)
    page = client.get(reverse("rewards:discipline_setting"))
    assert page.status_code == 200 and "Pulihkan bawaan PP 94/2021" in page.content.decode()
    steps = [dict(row) for row in discipline.DEFAULT_LADDER_ROWS]
    steps[0]["min_days"] = 2
    saved = client.post(reverse("rewards:discipline_setting"), _setting_post(steps, minutes_per_day=420))
    assert saved.status_code == 302
    setting = DisciplineSetting.objects.get(pemda=pemda)
    assert setting.steps[0]["min_days"] == 2 and setting.minutes_per_day == 420
    bad = [dict(row) for row in discipline.DEFAULT_LADDER_ROWS]
    bad[4]["min_days"] = 5  # below the step before it
    bad[3]["percent"] = ""
    refused = client.post(reverse("rewards:discipline_setting"), _setting_post(bad))
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Langkah 4: persentase harus lebih dari 0 dan paling banyak 100." in html
    assert "Langkah tpp_25_9 (5 hari) harus lebih tinggi dari langkah tpp_25_6." in html
    assert DisciplineSetting.objects.get(pemda=pemda).steps[0]["min_days"] == 2  # unchanged
    restored = client.post(reverse("rewards:discipline_setting_restore"))
    assert restored.status_code == 302
    setting.refresh_from_db()
    assert setting.steps[0]["min_days"] == 3 and setting.minutes_per_day == 450 and setting.checkins_per_day is None


def test_pimpinan_cannot_change_the_ladder(pimpinan, client_for):
    assert client_for(pimpinan).post(reverse("rewards:discipline_setting_restore")).status_code == 403
    assert client_for(pimpinan).post(reverse("rewards:discipline_evaluate"), {"year": 2026}).status_code == 403


def test_evaluate_on_demand_says_when_nothing_is_new(admin, officials, client_for):
    svc.discipline_import(user=admin, pemda=admin.pemda, year=2026, month=1, data=workbook([(NIP_A1, "", 3, 0, 0)]),
                          file_name="a.xlsx")  # fmt: skip
    Proposal.objects.all().delete()
    client = client_for(admin)
    first = client.post(reverse("rewards:discipline_evaluate"), {"year": 2026}, follow=True)
    assert "1 usulan sanksi baru dibuat." in first.content.decode()
    again = client.post(reverse("rewards:discipline_evaluate"), {"year": 2026}, follow=True)
    assert "Tidak ada usulan baru" in again.content.decode()


def test_api_import_dry_run_and_commit(admin, officials, client_for):
    client = client_for(admin)
    data = workbook([(NIP_A1, "Budi", 3, 0, 0)])
    dry = client.post("/api/v1/discipline-imports/", {"file": _upload(data), "year": 2026, "month": 5})
    assert dry.status_code == 200 and dry.json()["dry_run"] is True and dry.json()["rows"][0]["status"] == "baru"
    assert not DisciplineRecord.objects.exists()
    bad = client.post("/api/v1/discipline-imports/", {"file": _upload(workbook([(NIP_A1, "", -1, 0, 0)])),
                                                      "year": 2026, "month": 5, "dry_run": "false"})  # fmt: skip
    assert bad.status_code == 400 and bad.json()["errors"][0]["column"] == "Hari tanpa keterangan"
    assert not DisciplineRecord.objects.exists()
    done = client.post("/api/v1/discipline-imports/", {"file": _upload(data), "year": 2026, "month": 5,
                                                       "dry_run": "false"})  # fmt: skip
    assert done.status_code == 201 and done.json()["batch"] and len(done.json()["proposals"]) == 1
    future = client.post("/api/v1/discipline-imports/", {"file": _upload(data), "year": 2026, "month": 9})
    assert future.status_code == 400 and "belum tiba" in str(future.json())


def test_api_setting_read_and_refused_write(admin, client_for):
    client = client_for(admin)
    got = client.get("/api/v1/discipline-setting/")
    assert got.status_code == 200 and got.json()["minutes_per_day"] == 450 and len(got.json()["steps"]) == 9
    body = got.json()
    body["steps"][1]["min_days"] = 2  # not above step 1 (3 days)
    refused = client.put("/api/v1/discipline-setting/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "Langkah teguran_tertulis (2 hari) harus lebih tinggi dari langkah teguran_lisan." in str(refused.json())
    body["steps"][1]["min_days"] = 5
    assert client.put("/api/v1/discipline-setting/", body, content_type="application/json").status_code == 200
