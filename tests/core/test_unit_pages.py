"""Unit pages and services: validation messages, isolation, permissions, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sakip.core import services
from sakip.core.models import Unit, UnitHead
from tests.factories import UnitFactory, UnitHeadFactory

pytestmark = pytest.mark.django_db


def unit_post(**overrides):
    data = {"code": "2.01.01", "name": "Dinas Pendidikan", "short_name": "Disdik", "type": "dinas", "is_active": "on"}
    data.update(overrides)
    return data


# --- services --------------------------------------------------------------------------------


def test_duplicate_unit_code_is_refused_with_indonesian_message(pemda, unit_a):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(pemda=pemda, data={"code": "1.02.01", "name": "Lain", "type": "dinas"})
    assert "Kode unit 1.02.01 sudah dipakai" in exc.value.message_dict["code"][0]
    assert Unit.objects.filter(pemda=pemda, code="1.02.01").count() == 1


def test_same_code_is_allowed_in_another_pemda(pemda, unit_a, other_pemda):
    unit = services.unit_create(pemda=other_pemda, data={"code": "1.02.01", "name": "Dinkes Kota", "type": "dinas"})
    assert unit.pemda == other_pemda


def test_parent_from_another_pemda_is_refused(pemda, other_unit):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(
            pemda=pemda, data={"code": "9.9", "name": "UPTD Lain", "type": "uptd", "parent": other_unit}
        )
    assert "Pemda yang sama" in exc.value.message_dict["parent"][0]
    assert not Unit.objects.filter(code="9.9").exists()


def test_kelurahan_must_sit_under_a_kecamatan(pemda, unit_a, unit_b):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(pemda=pemda, data={"code": "7.1", "name": "Kel. X", "type": "kelurahan", "parent": unit_a})
    assert "Kelurahan harus berada di bawah unit berjenis Kecamatan" in exc.value.message_dict["parent"][0]
    ok = services.unit_create(
        pemda=pemda, data={"code": "7.1", "name": "Kel. X", "type": "kelurahan", "parent": unit_b}
    )
    assert ok.ranking_category.code == "kecamatan"


def test_malformed_nip_of_head_is_refused(unit_a):
    data = {"name": "Baru", "nip": "1970 0101", "title": "Kepala", "start_date": dt.date(2025, 1, 1)}
    with pytest.raises(ValidationError) as exc:
        services.unit_head_assign(unit=unit_a, data=data)
    assert "18 angka" in exc.value.message_dict["nip"][0]


def test_new_head_ends_the_previous_definitive_head(unit_a):
    old = unit_a.heads.get()
    services.unit_head_assign(
        unit=unit_a,
        data={"name": "Kepala Baru", "nip": "198001012005011001", "title": "Kepala", "start_date": dt.date(2025, 3, 1)},
    )
    old.refresh_from_db()
    assert old.end_date == dt.date(2025, 2, 28)


# --- list page -------------------------------------------------------------------------------


def test_unit_list_searches_by_name_and_code(admin, unit_a, unit_b, client_for):
    c = client_for(admin)
    html = c.get("/unit/", {"q": "astambul"}).content.decode()
    assert "Kecamatan Astambul" in html and "Dinas Kesehatan" not in html
    html = c.get("/unit/", {"q": "1.02.01"}).content.decode()
    assert "Dinas Kesehatan" in html and "Kecamatan Astambul" not in html


def test_unit_list_filters_units_without_current_head(admin, unit_a, pemda, client_for):
    UnitFactory(pemda=pemda, name="Badan Tanpa Kepala", type="badan")
    html = client_for(admin).get("/unit/?kepala=kosong").content.decode()
    assert "Badan Tanpa Kepala" in html and "Dinas Kesehatan" not in html


def test_unit_list_filters_by_type_and_status(admin, unit_a, unit_b, client_for):
    services.unit_update(unit=unit_b, data={"is_active": False})
    c = client_for(admin)
    assert "Kecamatan Astambul" not in c.get("/unit/?jenis=dinas").content.decode()
    html = c.get("/unit/?status=nonaktif").content.decode()
    assert "Kecamatan Astambul" in html and "Dinas Kesehatan" not in html


def test_unit_list_never_shows_other_pemda_units(admin, unit_a, other_unit, client_for):
    assert "Dinas Kesehatan Kota Lain" not in client_for(admin).get("/unit/").content.decode()


def test_unit_list_query_count_does_not_grow_with_rows(admin, pemda, client_for, django_assert_max_num_queries):
    c = client_for(admin)
    parent = UnitFactory(pemda=pemda, type="kecamatan")
    for _ in range(3):
        unit = UnitFactory(pemda=pemda, type="kelurahan", parent=parent)
        UnitHeadFactory(unit=unit)
    c.get("/unit/")  # warm the session
    with django_assert_max_num_queries(12):
        assert c.get("/unit/").status_code == 200
    for _ in range(20):
        unit = UnitFactory(pemda=pemda, type="kelurahan", parent=parent)
        UnitHeadFactory(unit=unit)
    with django_assert_max_num_queries(12):
        assert c.get("/unit/").status_code == 200


# --- detail and isolation --------------------------------------------------------------------


def test_unit_detail_shows_current_and_past_heads_children_and_roles(admin, operator_a, unit_a, pemda, client_for):
    services.unit_head_assign(
        unit=unit_a,
        data={"name": "Kepala Baru", "nip": "198001012005011001", "title": "Kepala", "start_date": dt.date(2025, 3, 1)},
    )
    UnitFactory(pemda=pemda, name="Puskesmas Martapura", type="uptd", parent=unit_a)
    html = client_for(admin).get(f"/unit/{unit_a.uid}/").content.decode()
    assert "Kepala Baru" in html
    assert "dr. Kepala Dinkes, M.Kes." in html  # past head
    assert "Puskesmas Martapura" in html
    assert "Operator A" in html


def test_other_pemda_unit_is_404(admin, other_unit, client_for):
    c = client_for(admin)
    assert c.get(f"/unit/{other_unit.uid}/").status_code == 404
    assert c.post(f"/unit/{other_unit.uid}/ubah/", unit_post()).status_code == 404
    assert c.post(f"/unit/{other_unit.uid}/hapus/").status_code == 404


def test_operator_may_view_units_but_not_change_them(operator_a, unit_a, client_for):
    c = client_for(operator_a)
    assert c.get(f"/unit/{unit_a.uid}/").status_code == 200
    assert c.get("/unit/baru/").status_code == 403
    assert c.post("/unit/baru/", unit_post()).status_code == 403
    assert c.post(f"/unit/{unit_a.uid}/ubah/", unit_post()).status_code == 403
    assert c.post(f"/unit/{unit_a.uid}/aktif/").status_code == 403
    assert c.post(f"/unit/{unit_a.uid}/hapus/").status_code == 403
    assert c.get(f"/unit/{unit_a.uid}/kepala/baru/").status_code == 403
    unit_a.refresh_from_db()
    assert unit_a.is_active


def test_history_is_shown_to_admin_only(admin, operator_a, unit_a, client_for):
    services.unit_update(unit=unit_a, data={"name": "Dinas Kesehatan Baru"})
    html = client_for(admin).get(f"/unit/{unit_a.uid}/").content.decode()
    assert "Riwayat perubahan" in html
    assert "Dinas Kesehatan Baru" in html and "diff-old" in html
    assert "Riwayat perubahan" not in client_for(operator_a).get(f"/unit/{unit_a.uid}/").content.decode()


# --- create / edit / delete ------------------------------------------------------------------


def test_admin_creates_unit_and_is_recorded_as_author(admin, client_for):
    response = client_for(admin).post("/unit/baru/", unit_post())
    unit = Unit.objects.get(code="2.01.01")
    assert response.status_code == 302 and response["Location"] == f"/unit/{unit.uid}/"
    assert unit.ranking_category.code == "pd"
    assert unit.history.first().history_user == admin


def test_create_form_shows_duplicate_code_on_the_code_field(admin, unit_a, client_for):
    response = client_for(admin).post("/unit/baru/", unit_post(code="1.02.01"))
    assert response.status_code == 200
    assert "Kode unit 1.02.01 sudah dipakai oleh Dinas Kesehatan." in response.context["form"].errors["code"][0]
    assert Unit.objects.filter(code="1.02.01").count() == 1


def test_create_form_refuses_parent_of_another_pemda(admin, other_unit, client_for):
    response = client_for(admin).post("/unit/baru/", unit_post(type="uptd", parent=str(other_unit.uid)))
    assert "Unit induk tidak ditemukan di Pemda Anda." in response.context["form"].errors["parent"]
    assert not Unit.objects.filter(code="2.01.01").exists()


def test_edit_unit_through_page(admin, unit_a, client_for):
    response = client_for(admin).post(f"/unit/{unit_a.uid}/ubah/", unit_post(code="1.02.01", name="Dinkes Baru"))
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.name == "Dinkes Baru"


def test_deactivating_unit_with_active_children_is_refused(admin, unit_a, pemda, client_for):
    UnitFactory(pemda=pemda, type="uptd", parent=unit_a)
    response = client_for(admin).post(f"/unit/{unit_a.uid}/aktif/", follow=True)
    assert "Nonaktifkan dulu unit-unit di bawahnya." in response.content.decode()
    unit_a.refresh_from_db()
    assert unit_a.is_active


def test_delete_unit_without_references(admin, pemda, client_for):
    unit = UnitFactory(pemda=pemda)
    assert client_for(admin).post(f"/unit/{unit.uid}/hapus/").status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_delete_unit_with_children_is_refused(admin, unit_a, pemda, client_for):
    UnitFactory(pemda=pemda, type="uptd", parent=unit_a)
    response = client_for(admin).post(f"/unit/{unit_a.uid}/hapus/", follow=True)
    assert "masih memiliki unit di bawahnya" in response.content.decode()
    assert Unit.objects.filter(pk=unit_a.pk).exists()


def test_head_form_refuses_malformed_nip(admin, unit_a, client_for):
    data = {"name": "X", "nip": "12345", "title": "Kepala", "start_date": "2025-04-01", "acting": "Plt."}
    response = client_for(admin).post(f"/unit/{unit_a.uid}/kepala/baru/", data)
    assert response.status_code == 200
    assert "NIP harus terdiri dari tepat 18 angka tanpa spasi." in response.context["form"].errors["nip"]
    assert unit_a.heads.count() == 1


def test_head_form_records_acting_head_with_portal_account(admin, kepala_a, unit_a, client_for):
    data = {
        "name": "Plt Kepala",
        "nip": "198101012006041002",
        "rank": "Pembina (IV/a)",
        "title": "Kepala Dinas Kesehatan",
        "acting": "Plt.",
        "start_date": "2025-04-01",
        "user": str(kepala_a.uid),
    }
    assert client_for(admin).post(f"/unit/{unit_a.uid}/kepala/baru/", data).status_code == 302
    head = UnitHead.objects.get(name="Plt Kepala")
    assert head.user == kepala_a and head.display_title == "Plt. Kepala Dinas Kesehatan"


def test_head_of_other_pemda_cannot_be_edited(admin, other_unit, client_for):
    head = UnitHeadFactory(unit=other_unit)
    assert client_for(admin).get(f"/unit/kepala/{head.uid}/ubah/").status_code == 404


def test_operator_of_another_unit_may_read_unit_as_reference_data(operator_b, unit_a, client_for):
    html = client_for(operator_b).get(f"/unit/{unit_a.uid}/").content.decode()
    assert "Dinas Kesehatan" in html and "Riwayat perubahan" not in html and "Catat kepala" not in html
