"""``/me/``, the Pemda, fiscal years and users with their roles through the API."""

import pytest

from sakip.core.models import FiscalYear, Pemda, RoleAssignment, User
from tests.api.conftest import results


@pytest.fixture
def admin_api(api_for, admin):
    return api_for(admin)


# --- /me/ -------------------------------------------------------------------------------------


def test_me_lists_roles_with_units_and_permission_names(api_for, operator_a, unit_a):
    body = api_for(operator_a).get("/api/v1/me/").json()
    assert body["username"] == "operator_a"
    assert body["pemda"]["name"] == "Kabupaten Banjar Uji"
    assert body["pemda"]["zone"] == "WITA"
    assert [(r["role"], r["role_display"], r["unit"]["uid"]) for r in body["roles"]] == [
        ("operator", "Operator OPD", str(unit_a.uid))
    ]
    assert "pk.edit" in body["permissions"]
    assert "unit.manage" not in body["permissions"]
    assert body["permissions"] == sorted(body["permissions"])


def test_me_for_admin_has_manage_permissions(api_for, admin):
    body = api_for(admin).get("/api/v1/me/").json()
    assert {"unit.manage", "user.manage", "year.manage", "pemda.manage"} <= set(body["permissions"])
    assert body["roles"][0]["unit"] is None


# --- Pemda ------------------------------------------------------------------------------------


def test_admin_updates_pemda(admin_api, pemda):
    response = admin_api.patch(
        "/api/v1/pemda/", {"letterhead": "PEMERINTAH KABUPATEN BANJAR\nJl. A. Yani", "timezone": "Asia/Makassar"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["letterhead_lines"] == ["PEMERINTAH KABUPATEN BANJAR", "Jl. A. Yani"]
    pemda.refresh_from_db()
    assert pemda.letterhead.startswith("PEMERINTAH KABUPATEN BANJAR")


def test_pemda_name_taken_by_another_pemda_is_refused(admin_api, other_pemda):
    response = admin_api.patch("/api/v1/pemda/", {"name": "Kota Lain Uji"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert response.json()["name"] == ["Pemda dengan Nama telah ada."]
    assert Pemda.objects.filter(name="Kota Lain Uji").count() == 1


def test_pemda_bad_timezone_choice(admin_api, pemda):
    response = admin_api.patch("/api/v1/pemda/", {"timezone": "Europe/Paris"}, format="json")
    assert response.status_code == 400
    assert response.json()["timezone"] == ['"Europe/Paris" tidak ada dalam daftar pilihan.']


# --- Fiscal years -----------------------------------------------------------------------------


def test_year_lists_months_and_quarters(api_for, operator_a, year):
    row = results(api_for(operator_a).get("/api/v1/fiscal-years/"))[0]
    assert row["year"] == 2025 and row["is_current"] is True
    labels = [p["label"] for p in row["periods"]]
    assert len(labels) == 16
    assert "Februari 2025" in labels and "Triwulan IV 2025" in labels


def test_admin_creates_year_and_sets_it_current(admin_api, year):
    response = admin_api.post("/api/v1/fiscal-years/", {"year": 2026, "frequency": "quarterly"}, format="json")
    assert response.status_code == 201, response.content
    new_uid = response.json()["uid"]
    assert len(response.json()["periods"]) == 16
    response = admin_api.post(f"/api/v1/fiscal-years/{new_uid}/set-current/")
    assert response.status_code == 200
    assert response.json()["is_current"] is True
    assert list(FiscalYear.objects.filter(is_current=True).values_list("year", flat=True)) == [2026]


def test_duplicate_year_is_refused_in_indonesian(admin_api, year):
    response = admin_api.post("/api/v1/fiscal-years/", {"year": 2025}, format="json")
    assert response.status_code == 400
    assert response.json() == {"year": ["Tahun 2025 sudah ada."]}


def test_year_calendar_bounds(admin_api, year):
    response = admin_api.patch(f"/api/v1/fiscal-years/{year.uid}/", {"deadline_day": 31}, format="json")
    assert response.status_code == 400
    assert "28" in response.json()["deadline_day"][0]
    response = admin_api.post("/api/v1/fiscal-years/", {"year": 1999}, format="json")
    assert response.status_code == 400
    assert response.json()["year"] == ["Isi bidang ini harus lebih atau sama dengan 2015."]


# --- Users and roles --------------------------------------------------------------------------


def test_user_list_includes_roles_and_filters(admin_api, personas, unit_a):
    rows = results(admin_api.get("/api/v1/users/"))
    names = {r["username"] for r in rows}
    assert names == {"admin_sakip", "operator_a", "kepala_a", "operator_b", "evaluator", "bupati"}
    rows = results(admin_api.get(f"/api/v1/users/?unit={unit_a.uid}"))
    assert {r["username"] for r in rows} == {"operator_a", "kepala_a"}
    rows = results(admin_api.get("/api/v1/users/?role=pimpinan"))
    assert [r["roles"][0]["position"] for r in rows] == ["kepala_daerah"]
    rows = results(admin_api.get("/api/v1/users/?search=operator"))
    assert {r["username"] for r in rows} == {"operator_a", "operator_b"}


def test_admin_creates_user_with_password_who_can_use_a_token(admin_api, api_for):
    response = admin_api.post(
        "/api/v1/users/",
        {
            "username": "operator_baru",
            "full_name": "Operator Baru",
            "email": "baru@contoh.go.id",
            "nip": "199001012015011001",
            "password": "Kinerja-Banjar-2025",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    user = User.objects.get(username="operator_baru")
    assert user.check_password("Kinerja-Banjar-2025")
    assert "password" not in response.json()


def test_user_without_password_gets_unusable_password(admin_api, pemda):
    response = admin_api.post("/api/v1/users/", {"username": "tanpa_sandi"}, format="json")
    assert response.status_code == 201
    assert not User.objects.get(username="tanpa_sandi").has_usable_password()


def test_user_bad_input_is_refused_in_indonesian(admin_api, operator_a, other_admin):
    response = admin_api.post("/api/v1/users/", {"username": "Operator_A"}, format="json")
    assert response.json() == {"username": ["Nama pengguna Operator_A sudah dipakai."]}
    # usernames are unique across all Pemda
    response = admin_api.post("/api/v1/users/", {"username": "admin_lain"}, format="json")
    assert response.status_code == 400
    response = admin_api.post("/api/v1/users/", {"username": "baru", "nip": "12345"}, format="json")
    assert response.json() == {"nip": ["NIP harus terdiri dari tepat 18 angka tanpa spasi."]}
    response = admin_api.post("/api/v1/users/", {"username": "baru", "password": "12345678"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.filter(username="baru").exists()


def test_admin_deactivates_user(admin_api, operator_b):
    response = admin_api.patch(f"/api/v1/users/{operator_b.uid}/", {"is_active": False}, format="json")
    assert response.status_code == 200
    operator_b.refresh_from_db()
    assert operator_b.is_active is False


def test_add_unit_role_needs_a_unit(admin_api, evaluator):
    response = admin_api.post(f"/api/v1/users/{evaluator.uid}/roles/", {"role": "operator"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"unit": ["Peran ini wajib dikaitkan dengan satu unit."]}


def test_add_role_with_unit_then_duplicate(admin_api, evaluator, unit_b):
    payload = {"role": "kepala", "unit": str(unit_b.uid)}
    response = admin_api.post(f"/api/v1/users/{evaluator.uid}/roles/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["unit"]["code"] == "7.01.02"
    response = admin_api.post(f"/api/v1/users/{evaluator.uid}/roles/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Pengguna ini sudah memiliki peran tersebut."]}


def test_role_with_unit_of_other_pemda_is_refused(admin_api, evaluator, other_unit):
    response = admin_api.post(
        f"/api/v1/users/{evaluator.uid}/roles/", {"role": "operator", "unit": str(other_unit.uid)}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["unit"]
    assert not RoleAssignment.objects.filter(unit=other_unit).exists()


def test_team_lead_only_for_evaluator(admin_api, operator_b):
    response = admin_api.post(
        f"/api/v1/users/{operator_b.uid}/roles/", {"role": "pimpinan", "is_team_lead": True}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"is_team_lead": ["Ketua tim hanya berlaku untuk evaluator."]}


def test_remove_role(admin_api, operator_b):
    role = operator_b.roles.get()
    response = admin_api.delete(f"/api/v1/users/{operator_b.uid}/roles/{role.uid}/")
    assert response.status_code == 204
    assert not operator_b.roles.exists()
    # a role of another user, or an unknown id, is 404
    response = admin_api.delete(f"/api/v1/users/{operator_b.uid}/roles/{role.uid}/")
    assert response.status_code == 404


def test_role_uid_of_another_user_is_404(admin_api, operator_a, operator_b):
    role_of_a = operator_a.roles.get()
    assert admin_api.delete(f"/api/v1/users/{operator_b.uid}/roles/{role_of_a.uid}/").status_code == 404
    assert operator_a.roles.exists()


def test_last_admin_cannot_remove_own_admin_role(admin_api, admin):
    role = admin.roles.get()
    response = admin_api.delete(f"/api/v1/users/{admin.uid}/roles/{role.uid}/")
    assert response.status_code == 400
    assert "satu-satunya Admin SAKIP" in response.json()["non_field_errors"][0]
    assert admin.roles.exists()


def test_admin_cannot_touch_user_of_other_pemda(admin_api, other_admin):
    assert admin_api.patch(f"/api/v1/users/{other_admin.uid}/", {"phone": "1"}, format="json").status_code == 404
    response = admin_api.post(f"/api/v1/users/{other_admin.uid}/roles/", {"role": "evaluator"}, format="json")
    assert response.status_code == 404
    assert other_admin.roles.count() == 1
