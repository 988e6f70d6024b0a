"""User and role pages: creation, roles, reset e-mail, isolation, permissions, query counts."""

import pytest
from django.core import mail

from sakip.core import services
from sakip.core.models import RoleAssignment, User
from tests.factories import UserFactory, make_user

pytestmark = pytest.mark.django_db


def test_user_list_filters_users_without_roles(admin, operator_a, pemda, client_for):
    UserFactory(pemda=pemda, full_name="Tanpa Peran Sama Sekali")
    html = client_for(admin).get("/pengguna/?peran=tanpa").content.decode()
    assert "Tanpa Peran Sama Sekali" in html and "Operator A" not in html


def test_user_list_filters_by_role_unit_and_search(admin, operator_a, operator_b, unit_a, client_for):
    c = client_for(admin)
    html = c.get(f"/pengguna/?unit={unit_a.uid}").content.decode()
    assert "Operator A" in html and "Operator B" not in html
    html = c.get("/pengguna/?peran=admin").content.decode()
    assert "Admin Sakip" in html and "Operator A" not in html
    html = c.get("/pengguna/?q=operator_b").content.decode()
    assert "Operator B" in html and "Operator A" not in html


def test_user_list_never_shows_other_pemda_users(admin, other_admin, client_for):
    assert "Admin Lain" not in client_for(admin).get("/pengguna/").content.decode()


def test_user_list_query_count_does_not_grow_with_rows(admin, pemda, unit_a, client_for, django_assert_max_num_queries):
    c = client_for(admin)
    for _ in range(3):
        make_user(pemda, RoleAssignment.Role.OPERATOR, unit_a)
    c.get("/pengguna/")
    with django_assert_max_num_queries(12):
        assert c.get("/pengguna/").status_code == 200
    for _ in range(20):
        make_user(pemda, RoleAssignment.Role.OPERATOR, unit_a)
    with django_assert_max_num_queries(12):
        assert c.get("/pengguna/").status_code == 200


def test_admin_creates_user_without_password_and_sends_reset_link(admin, client_for):
    data = {"username": "op.baru", "full_name": "Operator Baru", "email": "op@contoh.go.id", "send_reset": "on"}
    response = client_for(admin).post("/pengguna/baru/", data)
    user = User.objects.get(username="op.baru")
    assert response.status_code == 302 and response["Location"] == f"/pengguna/{user.uid}/"
    assert not user.has_usable_password()
    assert user.pemda_id == admin.pemda_id
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["op@contoh.go.id"]
    assert "/reset/" in mail.outbox[0].body


def test_create_user_refuses_malformed_nip_and_duplicate_username(admin, operator_a, client_for):
    c = client_for(admin)
    response = c.post("/pengguna/baru/", {"username": "x1", "full_name": "X", "nip": "19700101"})
    assert "NIP harus terdiri dari tepat 18 angka tanpa spasi." in response.context["form"].errors["nip"]
    response = c.post("/pengguna/baru/", {"username": "OPERATOR_A", "full_name": "X"})
    assert "Nama pengguna OPERATOR_A sudah dipakai." in response.context["form"].errors["username"]
    assert not User.objects.filter(username="x1").exists()


def test_create_user_with_weak_password_is_refused(admin, client_for):
    response = client_for(admin).post("/pengguna/baru/", {"username": "lemah", "full_name": "L", "password": "123"})
    assert response.status_code == 200 and response.context["form"].errors["password"]
    assert not User.objects.filter(username="lemah").exists()


def test_send_reset_link_button_emails_the_user(admin, operator_a, client_for):
    response = client_for(admin).post(f"/pengguna/{operator_a.uid}/atur-ulang-sandi/")
    assert response.status_code == 302
    assert mail.outbox[0].to == [operator_a.email]


def test_role_assignment_requires_unit_for_operator(admin, pemda, client_for):
    user = make_user(pemda)
    response = client_for(admin).post(f"/pengguna/{user.uid}/peran/", {"role": "operator"})
    assert response.status_code == 400
    assert "Peran ini wajib dikaitkan dengan satu unit." in response.content.decode()
    assert not user.roles.exists()


def test_admin_adds_and_removes_roles(admin, pemda, unit_a, client_for):
    user = make_user(pemda)
    c = client_for(admin)
    assert c.post(f"/pengguna/{user.uid}/peran/", {"role": "operator", "unit": str(unit_a.uid)}).status_code == 302
    assert c.post(f"/pengguna/{user.uid}/peran/", {"role": "evaluator", "is_team_lead": "on"}).status_code == 302
    assignment = user.roles.get(role="operator")
    assert assignment.unit == unit_a and user.roles.get(role="evaluator").is_team_lead
    assert c.post(f"/pengguna/peran/{assignment.uid}/lepas/").status_code == 302
    assert set(user.roles.values_list("role", flat=True)) == {"evaluator"}


def test_role_unit_of_other_pemda_is_refused(admin, pemda, other_unit, client_for):
    user = make_user(pemda)
    response = client_for(admin).post(f"/pengguna/{user.uid}/peran/", {"role": "operator", "unit": str(other_unit.uid)})
    assert "Unit tidak ditemukan di Pemda Anda." in response.content.decode()
    assert not user.roles.exists()


def test_last_admin_cannot_remove_own_admin_role(admin, client_for):
    assignment = admin.roles.get()
    response = client_for(admin).post(f"/pengguna/peran/{assignment.uid}/lepas/", follow=True)
    assert "satu-satunya Admin SAKIP" in response.content.decode()
    assert admin.roles.exists()


def test_admin_cannot_deactivate_self_but_can_deactivate_others(admin, operator_a, client_for):
    c = client_for(admin)
    c.post(f"/pengguna/{admin.uid}/aktif/")
    admin.refresh_from_db()
    assert admin.is_active
    c.post(f"/pengguna/{operator_a.uid}/aktif/")
    operator_a.refresh_from_db()
    assert not operator_a.is_active


def test_other_pemda_user_is_404(admin, other_admin, client_for):
    c = client_for(admin)
    assert c.get(f"/pengguna/{other_admin.uid}/").status_code == 404
    assert c.post(f"/pengguna/{other_admin.uid}/aktif/").status_code == 404
    assert c.post(f"/pengguna/{other_admin.uid}/peran/", {"role": "admin"}).status_code == 404
    assert c.post(f"/pengguna/peran/{other_admin.roles.get().uid}/lepas/").status_code == 404
    assert other_admin.roles.exists()


def test_operator_cannot_manage_users(operator_a, admin, client_for):
    c = client_for(operator_a)
    assert c.get("/pengguna/").status_code == 403
    assert c.post("/pengguna/baru/", {"username": "z", "full_name": "Z"}).status_code == 403
    assert c.post(f"/pengguna/{admin.uid}/aktif/").status_code == 403
    assert c.post(f"/pengguna/{operator_a.uid}/peran/", {"role": "admin"}).status_code == 403
    assert not User.objects.filter(username="z").exists()


def test_pimpinan_may_view_users_but_not_change_them(pimpinan, operator_a, client_for):
    c = client_for(pimpinan)
    assert c.get("/pengguna/").status_code == 200
    assert c.get(f"/pengguna/{operator_a.uid}/").status_code == 200
    assert c.get(f"/pengguna/{operator_a.uid}/ubah/").status_code == 403


def test_user_page_history_shows_role_changes(admin, pemda, unit_a, client_for):
    user = make_user(pemda, full_name="Riwayat Uji")
    services.role_assign(user=user, role="kepala", unit=unit_a)
    services.user_update(user=user, data={"phone": "0812"})
    html = client_for(admin).get(f"/pengguna/{user.uid}/").content.decode()
    assert "Riwayat perubahan" in html and "Kepala OPD" in html and "0812" in html
