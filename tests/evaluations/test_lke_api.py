# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE workflow API: rounds, teams, worksheet answers and actions, visibility, history, query counts."""

import pytest
from rest_framework.test import APIClient

from evaluations import lke_services as s
from evaluations.lke_models import Evaluation, EvaluationRound, EvaluationTeam
from tests.evaluations.lke_factories import (  # noqa: F401
    WINDOWS,
    answer_all,
    at,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)
from tests.factories import UnitFactory

EV = "/api/v1/lke-evaluations/"


@pytest.fixture
def api(db):
    def make(user) -> APIClient:
        client = APIClient()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def _rows(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def _put(client, ev, code, **body):
    return client.put(f"{EV}{ev.uid}/answers/{code}/", body, format="json")


def test_journey_through_the_api(evaluation_a, api, operator_a, evaluator, evaluator_lead, lke_clock):
    def unit():
        return api(operator_a)  # a fresh session after each jump of the clock

    def member():
        return api(evaluator)

    def lead():
        return api(evaluator_lead)

    response = _put(unit(), evaluation_a, "1.a.1", side="self", answer="Y", note="Renstra ada")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["criterion"]["self_answer"] == "Y" and body["criterion"]["answer"] is None
    assert body["evaluation"]["self_score"] is not None and body["evaluation"]["score"] is None
    answer_all(evaluation_a, operator_a, "self", "Y")
    assert unit().post(f"{EV}{evaluation_a.uid}/submit-self/").json()["status"] == "evaluating"
    lke_clock.move_to(at("evaluation"))
    answer_all(evaluation_a, evaluator, "evaluator", "Y")
    response = _put(member(), evaluation_a, "1.a.1", side="evaluator", answer="T", recommendation="Agar memutakhirkan.")
    assert response.status_code == 200 and response.json()["criterion"]["answer"] == "T"
    assert (
        member()
        .put(f"{EV}{evaluation_a.uid}/qualifiers/1.b/", {"innovation": "extra_effort"}, format="json")
        .status_code
        == 200
    )
    assert member().put(f"{EV}{evaluation_a.uid}/notes/1/", {"note": "Cukup baik."}, format="json").status_code == 200
    assert member().post(f"{EV}{evaluation_a.uid}/submit-review/").json()["status"] == "review"
    lke_clock.move_to(at("review"))
    assert member().post(f"{EV}{evaluation_a.uid}/publish/", {}, format="json").status_code == 403
    response = lead().post(f"{EV}{evaluation_a.uid}/publish/", {"lhe_date": "2025-05-05"}, format="json")
    assert response.status_code == 200 and response.json()["lhe_number"] == "700/LHE-AKIP/001"
    sheet = unit().get(f"{EV}{evaluation_a.uid}/").json()
    assert sheet["show_evaluator"] and sheet["score"] == sheet["result"]["total"]
    assert sheet["components"][0]["note"] == "Cukup baik."
    assert sheet["published_result"]["total"] == sheet["score"]
    lke_clock.move_to(at("response"))
    response = unit().post(f"{EV}{evaluation_a.uid}/respond/", {"text": "Renstra sudah dimutakhirkan."}, format="json")
    assert response.json()["status"] == "responded"
    response = member().post(f"{EV}{evaluation_a.uid}/resolve/", {"outcome": "kept", "note": "Tetap."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "final"


def test_unit_sees_no_evaluator_data_before_publication(evaluation_a, api, operator_a, evaluator, lke_clock):
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    s.answer_evaluate(
        user=evaluator,
        evaluation=evaluation_a,
        criterion=evaluation_a.answers.get(criterion__code="1.a.1").criterion,
        answer="T",
        note="Rahasia evaluator",
        recommendation="Agar ...",
    )
    response = api(operator_a).get(f"{EV}{evaluation_a.uid}/")
    text = response.content.decode()
    sheet = response.json()
    assert sheet["score"] is None and sheet["result"] is None and sheet["predicate"] is None
    assert "Rahasia evaluator" not in text
    assert {c["answer"] for comp in sheet["components"] for sub in comp["subcomponents"] for c in sub["criteria"]} == {
        None
    }
    history = api(operator_a).get(f"{EV}{evaluation_a.uid}/history/").json()
    assert history and {h["side"] for h in history} == {"self"}
    listed = _rows(api(operator_a).get(EV))
    assert [r["score"] for r in listed] == [None]
    own = api(evaluator).get(f"{EV}{evaluation_a.uid}/").json()
    assert own["score"] is not None and "evaluator" in {
        h["side"] for h in api(evaluator).get(f"{EV}{evaluation_a.uid}/history/").json()
    }


def test_bad_answers_and_closed_stages_are_400_in_indonesian(evaluation_a, api, operator_a, lke_clock):
    response = _put(api(operator_a), evaluation_a, "1.a.1", side="self", answer="B")
    assert response.status_code == 400
    assert "di luar skala (Y/T)" in str(response.json())
    assert _put(api(operator_a), evaluation_a, "9.z.9", side="self", answer="Y").status_code == 404
    lke_clock.move_to(at("evaluation"))
    response = _put(api(operator_a), evaluation_a, "1.a.1", side="self", answer="Y")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Tahap penilaian mandiri sudah ditutup pada 31 Maret 2025."]}
    response = api(operator_a).post(f"{EV}{evaluation_a.uid}/submit-self/")
    assert response.status_code == 400


def test_writes_by_the_wrong_people(evaluation_a, api, operator_b, pimpinan, evaluator, other_admin, kepala_a):
    assert _put(api(operator_b), evaluation_a, "1.a.1", side="self", answer="Y").status_code == 404
    assert _put(api(other_admin), evaluation_a, "1.a.1", side="self", answer="Y").status_code == 404
    assert _put(api(pimpinan), evaluation_a, "1.a.1", side="self", answer="Y").status_code == 404  # not published
    assert _put(api(evaluator), evaluation_a, "1.a.1", side="self", answer="Y").status_code == 403
    assert _put(api(kepala_a), evaluation_a, "1.a.1", side="evaluator", answer="Y").status_code == 403
    assert APIClient().get(EV).status_code == 401


def test_rounds_and_teams_through_the_api(
    lke_clock, api, admin, pemda, year, lke_template, evaluator, evaluator_lead, operator_a, unit_a, unit_b
):
    body = {
        "year": 2025,
        "template": str(lke_template.uid),
        "name": "Evaluasi AKIP 2025",
        "windows": {k: {"start": a.isoformat(), "end": b.isoformat()} for k, (a, b) in WINDOWS.items()},
        "lhe_number_prefix": "700/",
    }
    assert api(operator_a).post("/api/v1/lke-rounds/", body, format="json").status_code == 403
    bad = {**body, "windows": {**body["windows"], "self": {"start": "2025-03-31", "end": "2025-03-01"}}}
    response = api(admin).post("/api/v1/lke-rounds/", bad, format="json")
    assert response.status_code == 400 and "tanggal mulai" in str(response.json())
    response = api(admin).post("/api/v1/lke-rounds/", body, format="json")
    assert response.status_code == 201, response.json()
    uid = response.json()["uid"]
    assert response.json()["windows"]["self"] == {"start": "2025-03-01", "end": "2025-03-31", "state": "open"}
    assert _rows(api(operator_a).get("/api/v1/lke-rounds/")) == []  # draft: managers only
    response = api(admin).patch(
        f"/api/v1/lke-rounds/{uid}/",
        {"windows": {"response": {"start": "2025-05-16", "end": "2025-06-15"}}},
        format="json",
    )
    assert response.status_code == 200 and response.json()["windows"]["response"]["end"] == "2025-06-15"
    response = api(evaluator_lead).post(f"/api/v1/lke-rounds/{uid}/open/", {}, format="json")
    assert response.json()["created"] == 2 and response.json()["round"]["status"] == "open"
    team_body = {"round": uid, "name": "Tim 1", "lead": str(evaluator_lead.uid), "members": [str(evaluator.uid)]}
    response = api(admin).post("/api/v1/lke-teams/", {**team_body, "members": [str(operator_a.uid)]}, format="json")
    assert response.status_code == 400 and "Bukan evaluator" in str(response.json())
    response = api(admin).post("/api/v1/lke-teams/", team_body, format="json")
    assert response.status_code == 201
    team_uid = response.json()["uid"]
    response = api(admin).post(f"/api/v1/lke-teams/{team_uid}/assign/", {"units": [str(unit_a.uid)]}, format="json")
    assert [u["code"] for u in response.json()["units"]] == [unit_a.code]
    assert [t["name"] for t in _rows(api(evaluator).get("/api/v1/lke-teams/"))] == ["Tim 1"]
    assert api(operator_a).get("/api/v1/lke-teams/").status_code == 403
    assert api(admin).delete(f"/api/v1/lke-teams/{team_uid}/").status_code == 204
    assert not EvaluationTeam.objects.exists()
    assert api(admin).post(f"/api/v1/lke-rounds/{uid}/close/").status_code == 400
    assert EvaluationRound.objects.get(uid=uid).status == "open"


def _many_units(pemda, admin, round, n=6):
    units = [UnitFactory(pemda=pemda, name=f"Dinas Tambahan {i}", code=f"8.0{i}.01") for i in range(n)]
    s.round_open(user=admin, round=round, units=units)
    return units


def test_list_query_counts_do_not_grow(
    lke_round, lke_team, api, admin, evaluator, operator_a, pemda, django_assert_max_num_queries
):
    def counts():
        for user, url in (
            (admin, EV),
            (evaluator, EV),
            (operator_a, EV),
            (admin, "/api/v1/lke-rounds/"),
            (admin, "/api/v1/lke-teams/"),
        ):
            client = api(user)
            with django_assert_max_num_queries(10):
                assert client.get(url).status_code == 200

    counts()
    units = _many_units(pemda, admin, lke_round)
    s.team_assign(user=admin, team=lke_team, units=units)
    s.team_save(user=admin, round=lke_round, name="Tim 2", lead=evaluator, members=[])
    assert Evaluation.objects.count() == 8
    counts()


def test_worksheet_endpoint_query_count(evaluation_a, api, evaluator, django_assert_max_num_queries):
    client = api(evaluator)
    with django_assert_max_num_queries(18):
        response = client.get(f"{EV}{evaluation_a.uid}/")
    assert response.status_code == 200
    assert sum(len(sub["criteria"]) for c in response.json()["components"] for sub in c["subcomponents"]) == 80


def test_evidence_through_the_api(evaluation_a, api, operator_a, operator_b, evaluator, pemda):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agreements.models import Agreement
    from evaluations.lke_models import AnswerEvidence

    url = f"{EV}{evaluation_a.uid}/answers/1.a.4/evidence/"
    pdf = SimpleUploadedFile("renja.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = api(operator_a).post(url, {"kind": "file", "file": pdf}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "renja.pdf" and response.json()["content_type"] == "application/pdf"
    pk = Agreement.objects.create(pemda=pemda, fiscal_year=evaluation_a.round.fiscal_year, unit=evaluation_a.unit)
    response = api(operator_a).post(url, {"kind": "agreement", "agreement": str(pk.uid)}, format="json")
    assert response.status_code == 201 and response.json()["kind"] == "agreement"
    response = api(operator_a).post(url, {"kind": "link", "url": "bukan tautan"}, format="json")
    assert response.status_code == 400
    assert api(evaluator).post(url, {"kind": "link", "url": "https://contoh.go.id"}, format="json").status_code == 403
    assert api(operator_b).post(url, {"kind": "link", "url": "https://contoh.go.id"}, format="json").status_code == 404
    sheet = api(operator_a).get(f"{EV}{evaluation_a.uid}/").json()
    row = next(c for sub in sheet["components"][0]["subcomponents"] for c in sub["criteria"] if c["code"] == "1.a.4")
    assert [e["kind"] for e in row["evidence"]] == ["file", "agreement"]
    first = AnswerEvidence.objects.order_by("id").first()
    assert api(evaluator).delete(f"{EV}{evaluation_a.uid}/evidence/{first.uid}/").status_code == 403
    assert api(operator_a).delete(f"{EV}{evaluation_a.uid}/evidence/{first.uid}/").status_code == 204
    assert AnswerEvidence.objects.count() == 1
    missing = f"{EV}{evaluation_a.uid}/evidence/00000000-0000-4000-8000-000000000000/"
    assert api(operator_a).delete(missing).status_code == 404
