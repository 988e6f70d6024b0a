"""Units and unit heads through the API: listing, filters, writes through the services, and bad
input refused with messages in Bahasa Indonesia."""

import datetime as dt

import pytest

from sakip.core.models import Unit, UnitHead
from tests.api.conftest import results
from tests.factories import UnitFactory


@pytest.fixture
def admin_api(api_for, admin):
    return api_for(admin)


def test_unit_list_shows_parent_category_and_current_head(admin_api, unit_a):
    puskesmas = UnitFactory(
        pemda=unit_a.pemda, type="uptd", parent=unit_a, name="Puskesmas Martapura", code="1.02.01.1"
    )
    rows = {r["code"]: r for r in results(admin_api.get("/api/v1/units/"))}
    assert rows["1.02.01"]["current_head"]["nip"] == "197001011998031001"
    assert rows["1.02.01.1"]["parent"] == {
        "uid": str(unit_a.uid),
        "code": "1.02.01",
        "name": "Dinas Kesehatan",
        "short_name": "Dinkes",
    }
    assert rows["1.02.01.1"]["ranking_category"]["code"] == "uptd"
    assert rows["1.02.01.1"]["type_display"] == "UPTD / Puskesmas"
    assert rows["1.02.01.1"]["current_head"] is None
    assert puskesmas.parent_id == unit_a.pk


def test_unit_list_search_filter_and_ordering(admin_api, unit_a, unit_b):
    UnitFactory(pemda=unit_a.pemda, type="kelurahan", parent=unit_b, name="Kelurahan Astambul Kota", code="7.01.02.1")
    UnitFactory(pemda=unit_a.pemda, name="Dinas Lama", code="1.99.01", is_active=False)

    def codes(query):
        response = admin_api.get("/api/v1/units/" + query)
        assert response.status_code == 200, response.content
        return [r["code"] for r in results(response)]

    assert codes("?search=astambul") == ["7.01.02", "7.01.02.1"]
    assert codes("?type=kecamatan") == ["7.01.02"]
    assert codes(f"?parent={unit_b.uid}") == ["7.01.02.1"]
    assert codes("?top=true&is_active=true") == ["1.02.01", "7.01.02"]
    assert codes("?is_active=false") == ["1.99.01"]
    assert codes(f"?ranking_category={unit_b.ranking_category.uid}") == ["7.01.02", "7.01.02.1"]
    assert codes("?ordering=-code")[0] == "7.01.02.1"


def test_unit_list_own_filter_gives_operator_their_units(api_for, operator_a, unit_a, unit_b):
    rows = results(api_for(operator_a).get("/api/v1/units/?own=true"))
    assert [r["uid"] for r in rows] == [str(unit_a.uid)]


def test_unit_list_pagination(admin_api, pemda):
    for n in range(7):
        UnitFactory(pemda=pemda, code=f"P{n:02d}")
    page = admin_api.get("/api/v1/units/?page_size=5&page=2").json()
    assert page["count"] == 7
    assert [r["code"] for r in page["results"]] == ["P05", "P06"]


def test_bad_filter_values_are_refused_in_indonesian(admin_api, unit_a):
    response = admin_api.get("/api/v1/units/?is_active=barangkali&parent=xyz")
    assert response.status_code == 400
    assert response.json() == {"is_active": ["Gunakan nilai true atau false."]}
    assert admin_api.get("/api/v1/units/?parent=xyz").json() == {"parent": ["Id tidak valid."]}


def test_admin_creates_unit_with_parent_and_default_category(admin_api, unit_b):
    response = admin_api.post(
        "/api/v1/units/",
        {"code": "7.01.02.5", "name": "Kelurahan Pasar", "type": "kelurahan", "parent": str(unit_b.uid)},
        format="json",
    )
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(uid=response.json()["uid"])
    assert unit.parent == unit_b
    assert unit.ranking_category.code == "kecamatan"
    assert unit.history.count() == 1  # the audit trail records API writes too


def test_duplicate_unit_code_is_refused_in_indonesian(admin_api, unit_a):
    response = admin_api.post("/api/v1/units/", {"code": "1.02.01", "name": "Dinas Kembar", "type": "dinas"})
    assert response.status_code == 400
    assert response.json() == {"code": ["Kode unit 1.02.01 sudah dipakai oleh Dinas Kesehatan."]}
    assert Unit.objects.filter(name="Dinas Kembar").count() == 0


def test_missing_fields_and_bad_choices_are_refused_in_indonesian(admin_api, pemda):
    response = admin_api.post("/api/v1/units/", {"name": "Tanpa Kode", "type": "desa"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == ["Bidang ini harus diisi."]
    assert body["type"] == ['"desa" tidak ada dalam daftar pilihan.']


def test_parent_from_other_pemda_is_not_found(admin_api, other_unit):
    response = admin_api.post(
        "/api/v1/units/",
        {"code": "1.02.01.9", "name": "Puskesmas X", "type": "uptd", "parent": str(other_unit.uid)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"parent": [f"Data dengan id {other_unit.uid} tidak ditemukan di Pemda Anda."]}


def test_wrong_parent_type_is_refused_by_the_model_rules(admin_api, unit_a):
    response = admin_api.post(
        "/api/v1/units/",
        {"code": "K.1", "name": "Kelurahan Salah", "type": "kelurahan", "parent": str(unit_a.uid)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"parent": ["Kelurahan harus berada di bawah unit berjenis Kecamatan."]}


def test_invalid_unit_code_format(admin_api, pemda):
    response = admin_api.post("/api/v1/units/", {"code": "1 02", "name": "Spasi", "type": "dinas"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"code": ["Kode hanya boleh berisi huruf, angka, titik dan tanda hubung."]}


def test_admin_updates_unit_partially_and_fully(admin_api, unit_a):
    response = admin_api.patch(f"/api/v1/units/{unit_a.uid}/", {"short_name": "Diskes"}, format="json")
    assert response.status_code == 200
    assert response.json()["short_name"] == "Diskes"
    response = admin_api.put(
        f"/api/v1/units/{unit_a.uid}/", {"code": "1.02.02", "name": "Dinas Kesehatan Daerah", "type": "dinas"}
    )
    assert response.status_code == 200
    unit_a.refresh_from_db()
    assert (unit_a.code, unit_a.name, unit_a.short_name) == ("1.02.02", "Dinas Kesehatan Daerah", "Diskes")


def test_deactivating_a_parent_with_active_children_is_refused(admin_api, unit_b):
    UnitFactory(pemda=unit_b.pemda, type="kelurahan", parent=unit_b, code="7.01.02.1")
    response = admin_api.patch(f"/api/v1/units/{unit_b.uid}/", {"is_active": False}, format="json")
    assert response.status_code == 400
    assert response.json() == {"is_active": ["Nonaktifkan dulu unit-unit di bawahnya."]}


def test_delete_unit_with_children_is_refused(admin_api, unit_b):
    UnitFactory(pemda=unit_b.pemda, type="kelurahan", parent=unit_b, code="7.01.02.1")
    response = admin_api.delete(f"/api/v1/units/{unit_b.uid}/")
    assert response.status_code == 400
    assert "masih memiliki unit di bawahnya" in response.json()["non_field_errors"][0]
    assert Unit.objects.filter(pk=unit_b.pk).exists()


# --- Heads ------------------------------------------------------------------------------------


def test_new_head_ends_the_previous_assignment(admin_api, unit_a):
    old = unit_a.heads.get()
    response = admin_api.post(
        "/api/v1/unit-heads/",
        {
            "unit": str(unit_a.uid),
            "name": "dr. Kepala Baru, M.P.H.",
            "nip": "198001012005012001",
            "rank": "Pembina (IV/a)",
            "title": "Kepala Dinas Kesehatan",
            "start_date": "2025-03-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["unit"]["uid"] == str(unit_a.uid)
    old.refresh_from_db()
    assert old.end_date == dt.date(2025, 2, 28)


def test_acting_head_with_portal_account(admin_api, unit_a, kepala_a):
    response = admin_api.post(
        "/api/v1/unit-heads/",
        {
            "unit": str(unit_a.uid),
            "name": "Plt Kepala",
            "nip": "198001012005012002",
            "title": "Kepala Dinas Kesehatan",
            "acting": "Plt.",
            "start_date": "2025-03-01",
            "user": str(kepala_a.uid),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_title"] == "Plt. Kepala Dinas Kesehatan"
    assert body["user"]["username"] == "kepala_a"


def test_malformed_nip_is_refused_in_indonesian(admin_api, unit_a):
    payload = {"unit": str(unit_a.uid), "name": "X", "title": "Kepala", "start_date": "2025-03-01"}
    for nip in ("1970 0101 1998", "19700101199803100X"):
        response = admin_api.post("/api/v1/unit-heads/", {**payload, "nip": nip}, format="json")
        assert response.status_code == 400
        assert response.json() == {"nip": ["NIP harus terdiri dari tepat 18 angka tanpa spasi."]}
    assert UnitHead.objects.filter(name="X").count() == 0


def test_head_end_before_start_is_refused(admin_api, unit_a):
    head = unit_a.heads.get()
    response = admin_api.patch(f"/api/v1/unit-heads/{head.uid}/", {"end_date": "2020-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"end_date": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]}


def test_head_list_filters_by_unit_and_current(admin_api, unit_a, unit_b):
    old = unit_a.heads.get()
    old.end_date = dt.date(2024, 12, 31)
    old.save()
    rows = results(admin_api.get(f"/api/v1/unit-heads/?unit={unit_a.uid}"))
    assert [r["uid"] for r in rows] == [str(old.uid)]
    rows = results(admin_api.get("/api/v1/unit-heads/?current=true"))
    assert [r["unit"]["code"] for r in rows] == ["7.01.02"]
