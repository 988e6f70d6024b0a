# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE admin API: templates (tree, export, import, versions), predicate tables, follow-up, Pemda results."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from evaluations import lke_followup_services as fs
from evaluations import lke_template_io as tio
from evaluations import lke_template_services as ts
from evaluations.lke_models import LkeTemplate, PemdaResult, PredicateTable, Recommendation
from tests.evaluations.lke_factories import lke_clock, lke_round, lke_team, lke_template  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BANDS = [
    {"letter": "AA", "lower": "90", "upper": "100", "label": "Sangat Memuaskan"},
    {"letter": "A", "lower": "80", "upper": "90", "label": "Memuaskan"},
    {"letter": "BB", "lower": "70", "upper": "80", "label": "Sangat Baik"},
    {"letter": "B", "lower": "60", "upper": "70", "label": "Baik"},
    {"letter": "CC", "lower": "50", "upper": "60", "label": "Cukup"},
    {"letter": "C", "lower": "30", "upper": "50", "label": "Kurang"},
    {"letter": "D", "lower": "0", "upper": "30", "label": "Sangat Kurang"},
]


def _json(client, method, url, data):
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.fixture
def t88(pemda, admin):
    ts.template_install_defaults(pemda=pemda, user=admin)
    return LkeTemplate.objects.get(pemda=pemda, family="88-2021")


# --- templates ----------------------------------------------------------------------------------


def test_admin_installs_the_default_templates_once(pemda, admin, evaluator, client_for):
    assert client_for(evaluator).post("/api/v1/lke-templates/install-defaults/").status_code == 403
    first = client_for(admin).post("/api/v1/lke-templates/install-defaults/")
    assert first.status_code == 200
    assert sorted(t["family"] for t in first.json()) == ["12-2015", "88-2021"]
    assert client_for(admin).post("/api/v1/lke-templates/install-defaults/").json() == []


def test_template_list_and_tree(t88, pemda, operator_a, client_for, django_assert_max_num_queries):
    api = client_for(operator_a)
    # session, user, roles, count, page, session save (3 queries): the same for any number of templates
    with django_assert_max_num_queries(8):
        listed = api.get("/api/v1/lke-templates/").json()["results"]
    assert [(t["family"], t["criteria_count"]) for t in listed] == [("12-2015", 61), ("88-2021", 80)]
    with django_assert_max_num_queries(10):  # + the tree in three queries
        detail = api.get(f"/api/v1/lke-templates/{t88.uid}/").json()
    assert detail["problems"] == [] and detail["method"] == "percent_grade"
    assert [len(s["criteria"]) for c in detail["components"] for s in c["subcomponents"]] == [
        6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5,
    ]  # fmt: skip
    assert detail["components"][2]["subcomponents"][1]["weight"] == "4.500"


def test_export_import_and_new_version(t88, pemda, admin, pimpinan, client_for):
    api = client_for(admin)
    exported = api.get(f"/api/v1/lke-templates/{t88.uid}/export/")
    assert exported.status_code == 200 and exported["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="templat-lke-88-2021-v1.xlsx"' in exported["Content-Disposition"]
    content = exported.content

    def upload(**extra):
        return {"file": SimpleUploadedFile("templat.xlsx", content), **extra}

    dry = api.post("/api/v1/lke-templates/import/", upload(family="lokal"))
    assert dry.status_code == 200 and dry.json()["ok"] and dry.json()["template"] is None
    assert dry.json()["counts"] == {"components": 4, "subcomponents": 12, "criteria": 80}
    assert not LkeTemplate.objects.filter(family="lokal").exists()
    assert client_for(pimpinan).post("/api/v1/lke-templates/import/", upload()).status_code == 403
    done = api.post("/api/v1/lke-templates/import/", upload(dry_run="false"))
    assert done.status_code == 201 and done.json()["template"]["version"] == 2
    assert done.json()["template"]["previous"] == str(t88.uid)
    copy = api.post(f"/api/v1/lke-templates/{t88.uid}/new-version/")
    assert copy.status_code == 201 and copy.json()["version"] == 3


def test_import_refuses_non_xlsx_and_bad_weights_with_messages(t88, admin, client_for):
    api = client_for(admin)
    text = api.post("/api/v1/lke-templates/import/", {"file": SimpleUploadedFile("t.csv", b"a;b\n1;2\n")})
    assert text.status_code == 400
    assert text.json()["errors"][0]["message"] == "Berkas harus berupa lembar kerja Excel (.xlsx)."
    wb = load_workbook(io.BytesIO(tio.template_export(t88)))
    wb["Kriteria"]["C2"] = 31
    buffer = io.BytesIO()
    wb.save(buffer)
    bad = api.post(
        "/api/v1/lke-templates/import/",
        {"file": SimpleUploadedFile("t.xlsx", buffer.getvalue()), "dry_run": "false"},
    )
    assert bad.status_code == 400 and bad.json()["template"] is None
    messages = [e["message"] for e in bad.json()["errors"]]
    assert any("Nama atau bobot komponen 1 berbeda dengan baris 2." in m for m in messages)
    assert LkeTemplate.objects.filter(family="88-2021").count() == 1


# --- predicate tables ---------------------------------------------------------------------------


def test_predicate_table_read_and_saved_by_managers(pemda, admin, pimpinan, client_for):
    default = client_for(pimpinan).get("/api/v1/lke-predicate-tables/2026/").json()
    assert default["stored"] is False and default["bands"][2] == {
        "letter": "BB", "lower": "70", "upper": "80", "label": "Sangat Baik",
    }  # fmt: skip
    assert _json(client_for(pimpinan), "put", "/api/v1/lke-predicate-tables/2026/", {"bands": BANDS}).status_code == 403
    bands = [dict(b) for b in BANDS]
    bands[3]["lower"] = "61"
    gap = _json(client_for(admin), "put", "/api/v1/lke-predicate-tables/2026/", {"bands": bands})
    assert gap.status_code == 400
    assert "Ada celah antara predikat CC (sampai 60,00) dan B (di atas 61,00)." in gap.json()["bands"]
    assert not PredicateTable.objects.exists()
    bands[3]["lower"], bands[4]["upper"] = "61", "61"
    saved = _json(client_for(admin), "put", "/api/v1/lke-predicate-tables/2026/", {"bands": bands})
    assert saved.status_code == 200 and saved.json()["stored"] is True


# --- recommendations ----------------------------------------------------------------------------


@pytest.fixture
def result(pemda, admin):
    return fs.pemda_result_save(
        user=admin, pemda=pemda, year=2024, score=Decimal("61.76"), target_predicate="BB", scores=[]
    )


@pytest.fixture
def recs(result, admin, unit_a, unit_b):
    return [
        fs.recommendation_add(
            user=admin, owner=unit, text=f"Agar {n}", due_date=dt.date(2025, 1, 31 - n), pemda_result=result
        )  # fmt: skip
        for n, unit in enumerate([unit_a, unit_a, unit_b, unit_a, unit_b, unit_a])
    ]


def test_recommendation_list_is_scoped_filtered_and_pinned(recs, unit_b, admin, operator_a, client_for,
                                                           django_assert_max_num_queries):  # fmt: skip
    api = client_for(admin)
    with django_assert_max_num_queries(8):  # session, user, roles, count, page (evidence counted), session save
        rows = api.get("/api/v1/lke-recommendations/?overdue=true").json()["results"]
    assert len(rows) == 6 and rows[0]["overdue"] is True and rows[0]["source"]["kind"] == "pemda_result"
    assert len(client_for(operator_a).get("/api/v1/lke-recommendations/").json()["results"]) == 4
    only_b = client_for(admin).get(f"/api/v1/lke-recommendations/?unit={unit_b.uid}&status=belum").json()
    assert {r["owner"]["uid"] for r in only_b["results"]} == {str(unit_b.uid)}


def test_unit_follows_up_through_the_api(recs, operator_a, operator_b, pimpinan, client_for):
    rec = recs[0]
    url = f"/api/v1/lke-recommendations/{rec.uid}/"
    body = {"action_plan": "Menyusun manual IKU", "due_date": "2025-01-31", "status": "selesai", "progress_note": ""}
    assert _json(client_for(pimpinan), "post", url + "follow-up/", body).status_code == 403
    assert _json(client_for(operator_b), "post", url + "follow-up/", body).status_code == 404
    refused = _json(client_for(operator_a), "post", url + "follow-up/", body)
    assert refused.status_code == 400 and "bukti" in refused.json()["status"][0]
    upload = client_for(operator_a).post(
        url + "evidence/", {"title": "Manual IKU", "file": SimpleUploadedFile("manual.pdf", PDF)}
    )
    assert upload.status_code == 201 and upload.json()["evidence"][0]["content_type"] == "application/pdf"
    done = _json(client_for(operator_a), "post", url + "follow-up/", body)
    assert done.status_code == 200 and done.json()["status"] == "selesai" and done.json()["completed_at"]
    link = _json(client_for(operator_a), "post", url + "evidence/", {"url": "https://contoh.go.id/sk"})
    assert link.status_code == 201 and len(link.json()["evidence"]) == 2


# --- the Pemda's own results --------------------------------------------------------------------

SCORES = [
    {"level": "component", "code": "1", "name": "Perencanaan Kinerja", "weight": "30", "score": "19,50"},
    {"level": "subcomponent", "code": "1.a", "name": "Keberadaan", "weight": "6", "score": "4,80"},
    {"level": "subcomponent", "code": "1.b", "name": "Kualitas", "weight": "9", "score": "6,30"},
    {"level": "subcomponent", "code": "1.c", "name": "Pemanfaatan", "weight": "15", "score": "8,40"},
    {"level": "component", "code": "2", "name": "Pengukuran Kinerja", "weight": "30", "score": "18,00"},
    {"level": "component", "code": "3", "name": "Pelaporan Kinerja", "weight": "15", "score": "9,76"},
    {"level": "component", "code": "4", "name": "Evaluasi Internal", "weight": "25", "score": "14,50"},
]


def test_results_recorded_with_gap_and_trend(pemda, admin, operator_a, unit_a, client_for,
                                             django_assert_max_num_queries):  # fmt: skip
    api = client_for(admin)
    body = {"year": 2023, "score": "61,76", "target_predicate": "BB", "scores": SCORES}
    assert _json(client_for(operator_a), "post", "/api/v1/pemda-results/", body).status_code == 403
    created = _json(api, "post", "/api/v1/pemda-results/", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["score"], data["predicate"], len(data["scores"])) == ("61.76", "B", 7)
    again = _json(api, "post", "/api/v1/pemda-results/", body)
    assert again.status_code == 400 and "sudah dicatat" in again.json()["year"][0]
    bad = _json(api, "post", "/api/v1/pemda-results/", {**body, "year": 2022, "scores": [{**SCORES[0], "score": "31"}]})
    assert bad.status_code == 400 and "melebihi bobotnya" in bad.json()["scores"][0]
    uid = data["uid"]
    gap = api.get(f"/api/v1/pemda-results/{uid}/gap/").json()
    assert (gap["target"]["letter"], gap["minimum"], gap["points_needed"]) == ("BB", "70.01", "8.25")
    assert gap["opportunities"][0] == {
        "code": "2", "name": "Pengukuran Kinerja", "weight": "30.000", "score": "18.00", "available": "12.00",
    }  # fmt: skip
    assert api.get(f"/api/v1/pemda-results/{uid}/gap/?target=Z").status_code == 400
    for year, score in ((2024, "63,45"), (2025, "65,10")):
        assert _json(api, "post", "/api/v1/pemda-results/", {"year": year, "score": score}).status_code == 201
    trend = client_for(operator_a).get("/api/v1/pemda-results/trend/").json()
    assert trend["sentence"] == "Predikat B tiga tahun berturut-turut (2023–2025)"
    assert [r["year"] for r in trend["results"]] == [2023, 2024, 2025]
    rec = _json(api, "post", f"/api/v1/pemda-results/{uid}/recommendations/",
                {"owner": str(unit_a.uid), "text": "Agar IKU ditetapkan", "due_date": "2025-12-31"})  # fmt: skip
    assert rec.status_code == 201 and rec.json()["owner"]["uid"] == str(unit_a.uid)
    with django_assert_max_num_queries(10):  # + scores and recommendations prefetched once
        listed = api.get("/api/v1/pemda-results/").json()["results"]
    assert [r["year"] for r in listed] == [2025, 2024, 2023] and len(listed[2]["recommendations"]) == 1


def test_result_corrected_and_deleted(result, admin, client_for):
    api = client_for(admin)
    url = f"/api/v1/pemda-results/{result.uid}/"
    fixed = _json(api, "put", url, {"year": 2024, "score": "70,01", "notes": "Koreksi surat"})
    assert fixed.status_code == 200 and fixed.json()["predicate"] == "BB"
    assert api.delete(url).status_code == 204
    assert not PemdaResult.objects.exists() and not Recommendation.objects.exists()


def test_evaluator_reads_the_recommendations_of_their_teams_units_only(
    lke_team, recs, evaluator, other_admin, client_for
):
    api = client_for(evaluator)
    mine, other = recs[0], recs[2]  # unit A (assigned to the team), unit B
    assert api.get(f"/api/v1/lke-recommendations/{mine.uid}/").status_code == 200
    assert api.get(f"/api/v1/lke-recommendations/{other.uid}/").status_code == 404
    body = {"action_plan": "x", "status": "proses"}
    assert _json(api, "post", f"/api/v1/lke-recommendations/{mine.uid}/follow-up/", body).status_code == 403
    stranger = client_for(other_admin)
    assert _json(stranger, "post", f"/api/v1/lke-recommendations/{mine.uid}/follow-up/", body).status_code == 404
    assert stranger.delete(f"/api/v1/pemda-results/{mine.pemda_result.uid}/").status_code == 404
    assert Recommendation.objects.filter(status="belum").count() == 6


def test_routes_are_in_the_openapi_schema(admin, client_for):
    response = client_for(admin).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    for path in (
        "/api/v1/lke-templates/",
        "/api/v1/lke-templates/{uid}/export/",
        "/api/v1/lke-templates/import/",
        "/api/v1/lke-predicate-tables/{year}/",
        "/api/v1/lke-recommendations/{uid}/follow-up/",
        "/api/v1/lke-recommendations/{uid}/evidence/",
        "/api/v1/pemda-results/{uid}/gap/",
        "/api/v1/pemda-results/trend/",
    ):
        assert path in paths, path
    assert "multipart/form-data" in paths["/api/v1/lke-templates/import/"]["post"]["requestBody"]["content"]
