"""External assessment pages and API (issue #9): list filters and pagination, entry with refused input,
types with bands, the unit page panel, access (another Pemda 404, unit users read-only, their own
units only) and pinned query counts."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rewards import services_assessments as svc
from rewards.models import Assessment, AssessmentType
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def kinds(pemda):
    svc.ensure_default_types(pemda)
    return {t.code: t for t in AssessmentType.objects.filter(pemda=pemda)}


@pytest.fixture
def results(kinds, admin, unit_a, unit_b):
    rows = []
    for year, value in ((2024, "70"), (2025, "80.5")):
        rows.append(svc.assessment_save(user=admin, unit=unit_a, assessment_type=kinds["ikm"], year=year, value=value))
    rows.append(svc.assessment_save(user=admin, unit=unit_b, assessment_type=kinds["ombudsman"], year=2025, value="55"))
    rows.append(svc.assessment_save(user=admin, unit=unit_a, assessment_type=kinds["spip"], year=2025, value="3"))
    return rows


def test_list_filters_and_band_labels(results, client_for, admin, kinds, unit_a):
    client = client_for(admin)
    page = text(client.get(reverse("rewards:assessment_list")))
    assert "badge-band-merah" in page and "B (Baik)" in page and "Terdefinisi" in page and "80,50" in page
    only = text(client.get(reverse("rewards:assessment_list"), {"jenis": str(kinds["ikm"].uid), "tahun": 2025}))
    assert "80,50" in only and "70,00" not in only and "badge-band-merah" not in only
    by_band = text(client.get(reverse("rewards:assessment_list"), {"kategori": "merah"}))
    assert "badge-band-merah" in by_band and "80,50" not in by_band
    by_unit = text(client.get(reverse("rewards:assessment_list"), {"unit": str(unit_a.uid)}))
    assert "badge-band-merah" not in by_unit and "badge-band-terdefinisi" in by_unit


def test_list_paginates_and_queries_are_pinned(kinds, admin, client_for, pemda, django_assert_max_num_queries):
    client = client_for(admin)
    units = [UnitFactory(pemda=pemda, code=f"3.{n:02d}.01") for n in range(30)]

    def count() -> int:
        with django_assert_max_num_queries(16) as ctx:
            assert client.get(reverse("rewards:assessment_list")).status_code == 200
        return len(ctx.captured_queries)

    svc.assessment_save(user=admin, unit=units[0], assessment_type=kinds["ikm"], year=2025, value="90")
    few = count()
    for unit in units[1:]:
        svc.assessment_save(user=admin, unit=unit, assessment_type=kinds["ikm"], year=2025, value="90")
    assert count() == few
    second = text(client.get(reverse("rewards:assessment_list"), {"page": 2}))
    assert "26–30 dari 30" in second


def test_entry_form_saves_and_refuses_with_messages(kinds, admin, client_for, unit_a):
    client = client_for(admin)
    url = reverse("rewards:assessment_create")
    assert client.get(url).status_code == 200
    base = {"unit": str(unit_a.uid), "type": str(kinds["ikm"].uid), "year": 2025}
    refused = client.post(url, base | {"value": "101"})
    assert refused.status_code == 400 and "harus di antara 0 dan 100" in text(refused)
    refused = client.post(url, base | {"value": "80", "band": "z"})
    assert refused.status_code == 400 and "Kategori “z” tidak dikenal" in text(refused)
    assert not Assessment.objects.exists()
    done = client.post(url, base | {"value": "88,31"})
    assert done.status_code == 302
    saved = Assessment.objects.get()
    assert saved.value == D("88.31") and saved.band == "a"
    duplicate = client.post(url, base | {"value": "70"})
    assert duplicate.status_code == 400 and "sudah memiliki penilaian" in text(duplicate)
    edit = client.post(reverse("rewards:assessment_edit", kwargs={"uid": saved.uid}), base | {"value": "70"})
    assert edit.status_code == 302
    saved.refresh_from_db()
    assert saved.band == "c"
    assert client.post(reverse("rewards:assessment_delete", kwargs={"uid": saved.uid})).status_code == 302
    assert not Assessment.objects.exists()


def test_type_form_validates_bands(kinds, admin, client_for):
    client = client_for(admin)
    url = reverse("rewards:assessment_type_create")
    data = {"code": "zi", "name": "Zona Integritas", "kind": "nilai", "min_value": "0", "max_value": "100"}
    data |= {"higher_is_better": "on", "is_active": "on"}
    bad = client.post(url, data | {"b1_code": "a", "b1_label": "A", "b1_min": "50", "b2_code": "b", "b2_label": "B"})
    assert bad.status_code == 400 and "harus berupa angka" in text(bad)
    bad = client.post(
        url, data | {"b1_code": "a", "b1_label": "A", "b1_min": "10", "b2_code": "b", "b2_label": "B", "b2_min": "20"}
    )
    assert bad.status_code == 400 and "urut" in text(bad)
    ok = client.post(
        url,
        data
        | {
            "b1_code": "wbbm",
            "b1_label": "WBBM",
            "b1_min": "85,5",
            "b2_code": "lain",
            "b2_label": "Lain",
            "b2_min": "0",
        },
    )
    assert ok.status_code == 302
    saved = AssessmentType.objects.get(code="zi")
    assert saved.bands[0] == {"code": "wbbm", "label": "WBBM", "min": "85.5"}
    listing = text(client.get(reverse("rewards:assessment_type_list")))
    assert "penilaian_zi" in listing and "WBBM (≥ 85,5)" in listing
    edit = client.get(reverse("rewards:assessment_type_edit", kwargs={"uid": saved.uid}))
    assert edit.status_code == 200 and 'value="85,5"' in edit.content.decode()


def test_unit_users_read_their_own_units_only(results, client_for, operator_a, operator_b, kepala_a, unit_a, unit_b):
    page = text(client_for(operator_a).get(reverse("rewards:assessment_list")))
    assert "80,50" in page and "badge-band-merah" not in page and "Catat penilaian" not in page
    other = next(r for r in results if r.unit_id == unit_b.pk)
    assert (
        client_for(operator_a).get(reverse("rewards:assessment_evidence", kwargs={"uid": other.uid})).status_code == 404
    )
    own = next(r for r in results if r.unit_id == unit_a.pk)
    assert client_for(kepala_a).get(reverse("rewards:assessment_edit", kwargs={"uid": own.uid})).status_code == 403
    assert client_for(kepala_a).post(reverse("rewards:assessment_delete", kwargs={"uid": own.uid})).status_code == 403
    assert Assessment.objects.filter(pk=own.pk).exists()


def test_another_pemda_gets_404(results, client_for, other_admin, kinds):
    client = client_for(other_admin)
    one = results[0]
    assert client.get(reverse("rewards:assessment_edit", kwargs={"uid": one.uid})).status_code == 404
    assert client.post(reverse("rewards:assessment_delete", kwargs={"uid": one.uid})).status_code == 404
    assert client.get(reverse("rewards:assessment_type_edit", kwargs={"uid": kinds["ikm"].uid})).status_code == 404
    assert "80,50" not in text(client.get(reverse("rewards:assessment_list")))


def test_unit_page_panel_latest_and_trend(results, client_for, pimpinan, unit_a):
    page = text(client_for(pimpinan).get(reverse("core:unit_detail", kwargs={"uid": unit_a.uid})))
    assert "Penilaian eksternal" in page
    assert "2024: 70,00 → 2025: 80,50" in page and "▲ 10,5" in page
    assert "Terdefinisi" in page


# --- API -----------------------------------------------------------------------------------------


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_lists_filters_and_writes(results, admin, operator_a, other_admin, kinds, unit_a):
    client = api_for(admin)
    types = client.get("/api/v1/reward-assessment-types/").json()
    assert {t["metric"] for t in types} == {"penilaian_ikm", "penilaian_ombudsman", "penilaian_spip"}
    listed = client.get("/api/v1/reward-assessments/", {"year": 2025, "band": "merah"}).json()
    assert [r["value"] for r in listed["results"]] == ["55.00"]
    body = {"unit": str(unit_a.uid), "type": str(kinds["ombudsman"].uid), "year": 2025, "value": "120"}
    refused = client.post("/api/v1/reward-assessments/", body, format="json")
    assert refused.status_code == 400 and "harus di antara" in refused.json()["value"][0]
    created = client.post("/api/v1/reward-assessments/", body | {"value": "79"}, format="json")
    assert created.status_code == 201 and created.json()["band"] == "hijau"
    assert api_for(operator_a).post("/api/v1/reward-assessments/", body, format="json").status_code == 403
    uid = created.json()["uid"]
    assert api_for(other_admin).get(f"/api/v1/reward-assessments/{uid}/").status_code == 404
    assert client.delete(f"/api/v1/reward-assessments/{uid}/").status_code == 204


def test_api_list_queries_are_pinned(kinds, admin, pemda, django_assert_max_num_queries):
    client = api_for(admin)
    for n in range(12):
        unit = UnitFactory(pemda=pemda, code=f"4.{n:02d}.01")
        svc.assessment_save(user=admin, unit=unit, assessment_type=kinds["ikm"], year=2025, value="90")
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/reward-assessments/").json()["results"]) == 12
