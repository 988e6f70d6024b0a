# ruff: noqa: F811  (fixtures imported from realisation_factories)
"""Realisation API: scoping (404/403), writes through the services, workflow endpoints, capaian."""

from decimal import Decimal as D

from evaluations.models import PeriodReport, Realisation

from .realisation_factories import clock, indicators_of, march, pk_a, report_a  # noqa: F401


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_operator_writes_a_value_and_the_workflow_runs(report_a, pk_a, client_for, operator_a, kepala_a, admin):
    stunting, count, imun = indicators_of(pk_a)
    api = client_for(operator_a)
    for indicator, value in ((stunting, "16,5"), (count, 3), (imun, "91")):
        response = _post(
            api,
            "/api/v1/realisations/",
            {
                "unit": str(report_a.unit.uid),
                "year": 2025,
                "period": 3,
                "indicator": str(indicator.uid),
                "value": value,
            },
        )
        assert response.status_code == 200, response.content
    assert response.json()["value"] == "91.0000"
    detail = api.get(f"/api/v1/reports/{report_a.uid}/").json()
    row = next(r for r in detail["rows"] if r["name"] == "Prevalensi stunting")
    assert row["capaian"]["display"] == "102.94" and row["capaian"]["category"]["code"] == "sangat_tinggi"
    assert _post(api, f"/api/v1/reports/{report_a.uid}/submit/").json()["status"] == "submitted"
    assert _post(api, f"/api/v1/reports/{report_a.uid}/verify/").status_code == 403  # operator
    assert _post(client_for(kepala_a), f"/api/v1/reports/{report_a.uid}/verify/").json()["status"] == "verified"
    assert _post(client_for(admin), f"/api/v1/reports/{report_a.uid}/accept/").json()["status"] == "accepted"
    realisation = Realisation.objects.get(indicator=stunting)
    locked = api.patch(
        f"/api/v1/realisations/{realisation.uid}/", {"value": "1", "reason": "x"}, content_type="application/json"
    )
    assert locked.status_code == 400 and "terkunci" in locked.json()["non_field_errors"][0]
    history = api.get(f"/api/v1/realisations/{realisation.uid}/").json()["changes"]
    assert history[0]["new_value"] == "16.5000"


def test_bad_values_are_refused_in_indonesian_and_nothing_is_saved(report_a, pk_a, client_for, operator_a):
    realisation_url = "/api/v1/realisations/"
    base = {"unit": str(report_a.unit.uid), "year": 2025, "period": 3, "indicator": str(indicators_of(pk_a)[2].uid)}
    bad = _post(client_for(operator_a), realisation_url, {**base, "value": "sembilan puluh"})
    assert bad.status_code == 400 and "harus berupa angka" in bad.json()["value"][0]
    negative = _post(client_for(operator_a), realisation_url, {**base, "value": "-5"})
    assert negative.status_code == 400 and "tidak boleh negatif" in negative.json()["value"][0]
    assert not Realisation.objects.exists()


def test_scoping_other_unit_404_read_only_403(report_a, pk_a, client_for, operator_b, evaluator, other_admin):
    assert client_for(operator_b).get(f"/api/v1/reports/{report_a.uid}/").status_code == 404
    assert client_for(other_admin).get(f"/api/v1/reports/{report_a.uid}/").status_code == 404
    assert _post(client_for(operator_b), f"/api/v1/reports/{report_a.uid}/submit/").status_code == 404
    assert client_for(evaluator).get(f"/api/v1/reports/{report_a.uid}/").status_code == 200
    assert _post(client_for(evaluator), f"/api/v1/reports/{report_a.uid}/submit/").status_code == 403
    body = {"unit": str(report_a.unit.uid), "year": 2025, "period": 3, "indicator": str(indicators_of(pk_a)[0].uid)}
    assert _post(client_for(evaluator), "/api/v1/realisations/", {**body, "value": 1}).status_code == 403
    assert _post(client_for(operator_b), "/api/v1/realisations/", {**body, "value": 1}).status_code == 404
    assert client_for(operator_b).get(f"/api/v1/capaian/units/{report_a.unit.uid}/").status_code == 404
    assert client_for(operator_b).get("/api/v1/reports/").json()["count"] == 0


def test_return_and_unlock_need_their_text(report_a, pk_a, client_for, operator_a, kepala_a, admin):
    for indicator in indicators_of(pk_a):
        _post(
            client_for(operator_a),
            "/api/v1/realisations/",
            {
                "unit": str(report_a.unit.uid),
                "year": 2025,
                "period": 3,
                "indicator": str(indicator.uid),
                "value": "95",
                "kendala": "k",
                "upaya": "u",
            },
        )
    _post(client_for(operator_a), f"/api/v1/reports/{report_a.uid}/submit/")
    assert _post(client_for(kepala_a), f"/api/v1/reports/{report_a.uid}/return/").status_code == 400
    returned = _post(client_for(kepala_a), f"/api/v1/reports/{report_a.uid}/return/", {"note": "Lengkapi bukti"})
    assert returned.json()["status"] == "returned" and returned.json()["return_note"] == "Lengkapi bukti"
    not_locked = _post(client_for(admin), f"/api/v1/reports/{report_a.uid}/unlock/", {"reason": "uji"})
    assert not_locked.status_code == 400 and "tidak sedang terkunci" in not_locked.json()["non_field_errors"][0]
    assert _post(client_for(kepala_a), f"/api/v1/reports/{report_a.uid}/unlock/", {"reason": "x"}).status_code == 403


def test_capaian_endpoints(report_a, pk_a, client_for, operator_a, admin, pimpinan):
    stunting = indicators_of(pk_a)[0]
    _post(
        client_for(operator_a),
        "/api/v1/realisations/",
        {"unit": str(report_a.unit.uid), "year": 2025, "period": 3, "indicator": str(stunting.uid), "value": "17"},
    )
    unit = client_for(admin).get(f"/api/v1/capaian/units/{report_a.unit.uid}/?year=2025&period=3").json()
    assert unit["aggregate"]["assessed"] == 1 and unit["aggregate"]["skipped"] == 2
    assert D(unit["display"]) == D("100.00")
    one = client_for(operator_a).get(f"/api/v1/capaian/indicators/{stunting.uid}/?period=3").json()
    assert one["values"][2] == "17.0000" and D(one["capaian"]["display"]) == D("100.00")
    pemda = client_for(pimpinan).get("/api/v1/capaian/pemda/?year=2025&period=3").json()
    assert {d["code"]: d["count"] for d in pemda["distribution"]}["sangat_tinggi"] == 1
    assert client_for(operator_a).get("/api/v1/capaian/pemda/?year=2025").status_code == 403
    assert PeriodReport.objects.count() == 1
