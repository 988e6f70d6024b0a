# ruff: noqa: F811  (fixtures imported from tests/rewards/test_obligation_fixtures.py)
"""Obligations API: submit, accept, return with a note, resubmit, compliance; bad input; access."""

from __future__ import annotations

from rest_framework.test import APIClient

from rewards.models import Obligation, ObligationSubmission
from tests.rewards.test_obligation_fixtures import clock, ob, pdf  # noqa: F401


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_submit_accept_return_resubmit(ob, kepala_a, operator_a):
    data = {"obligation": "inovasi-bulanan", "period_start": "2026-04-01", "official": str(ob["ani"].uid),
            "title": "Antrean", "description": "Uraian", "evidence": pdf()}  # fmt: skip
    response = api(ob["ani_user"]).post("/api/v1/obligation-submissions/", data, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "diajukan" and body["is_late"] is True and body["has_file"] is True
    again = api(operator_a).post("/api/v1/obligation-submissions/", {**data, "evidence": pdf()}, format="multipart")
    assert again.status_code == 400 and "sudah diajukan" in str(again.json())
    url = f"/api/v1/obligation-submissions/{body['uid']}/"
    refused = api(kepala_a).post(url + "return/", {"note": ""}, format="json")
    assert refused.status_code == 400 and "alasan pengembalian" in str(refused.json())
    assert api(kepala_a).post(url + "return/", {"note": "Foto?"}, format="json").json()["status"] == "dikembalikan"
    resubmitted = api(ob["ani_user"]).post(url + "resubmit/", {"title": "A2", "description": "B2"}, format="json")
    assert resubmitted.json()["status"] == "diajukan"
    assert api(operator_a).post(url + "accept/", {}, format="json").status_code == 403
    assert api(kepala_a).post(url + "accept/", {}, format="json").json()["status"] == "diterima"


def test_obligation_without_due_rule_refused(ob, admin):
    response = api(admin).post(
        "/api/v1/obligations/",
        {"code": "lapor", "name": "Lapor", "subject": "unit", "start_date": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "aturan batas waktu" in str(response.json())
    assert not Obligation.objects.filter(code="lapor").exists()


def test_access_and_lists(ob, operator_b, other_admin, evaluator, kepala_a):
    api(kepala_a).post(
        "/api/v1/obligation-submissions/",
        {"obligation": "inovasi-bulanan", "period_start": "2026-04-01", "official": str(ob["ani"].uid),
         "title": "T", "description": "D", "evidence_url": "https://a.id"},
        format="json",
    )  # fmt: skip
    uid = ObligationSubmission.objects.get().uid
    assert api(operator_b).get(f"/api/v1/obligation-submissions/{uid}/").status_code == 404
    assert api(other_admin).get(f"/api/v1/obligation-submissions/{uid}/").status_code == 404
    assert api(evaluator).get("/api/v1/obligation-submissions/").status_code == 403
    assert api(operator_b).get("/api/v1/obligation-submissions/").json()["count"] == 0
    officials = api(kepala_a).get("/api/v1/officials/").json()
    assert {o["name"] for o in officials["results"]} == {"Ani Lestari, S.E.", "dr. Kepala"}


def test_compliance_api(ob, admin, kepala_a):
    body = api(admin).get("/api/v1/obligation-compliance/", {"year": 2026}).json()
    ani = next(o for o in body["officials"] if o["official"] == str(ob["ani"].uid))
    assert (ani["due"], ani["missing"], ani["rate"]) == (4, 4, "0.00")  # January–April, nothing submitted
    assert len(api(kepala_a).get("/api/v1/obligation-compliance/").json()["units"]) == 1  # own unit only
    assert api(admin).get("/api/v1/obligation-compliance/", {"through_month": 13}).status_code == 400
