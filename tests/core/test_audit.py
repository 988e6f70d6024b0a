"""The reusable audit trail: who, when, action and before -> after per field, admin only."""

import pytest

from sakip.core import audit, services
from sakip.core.models import UnitHead
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_history_lists_changes_with_labels_newest_first(admin, pemda, unit_a, unit_b):
    child = UnitFactory(pemda=pemda, type="kelurahan", parent=unit_b, name="Kelurahan Awal")
    services.unit_update(unit=child, data={"name": "Kelurahan Baru", "is_active": False})
    entries = audit.history_for(admin, child)
    assert [e.action for e in entries] == ["Diubah", "Dibuat"]
    changed = {c.field: (c.old, c.new) for c in entries[0].changes}
    assert changed == {"Nama": ("Kelurahan Awal", "Kelurahan Baru"), "Aktif": ("Ya", "Tidak")}
    created = {c.field: c.new for c in entries[1].changes}
    assert created["Induk"] == "Kec. Astambul"  # foreign keys shown by label, not id
    assert created["Jenis"] == "Kelurahan"  # choices shown by label


def test_history_is_hidden_from_users_without_audit_permission(operator_a, pimpinan, unit_a):
    assert audit.history_for(operator_a, unit_a) is None
    assert audit.history_for(pimpinan, unit_a) is None


def test_history_merges_related_sources(admin, unit_a):
    entries = audit.history_for(admin, unit_a, UnitHead.history.filter(unit_id=unit_a.pk))
    assert {e.subject.split(":")[0] for e in entries} == {"Perangkat daerah", "Kepala unit"}


def test_history_query_count_does_not_grow_with_entries(admin, unit_a, django_assert_max_num_queries):
    for i in range(30):
        services.unit_update(unit=unit_a, data={"short_name": f"D{i}"})
    with django_assert_max_num_queries(6):
        entries = audit.history_for(admin, unit_a, UnitHead.history.filter(unit_id=unit_a.pk), limit=20)
    assert len(entries) == 20
    assert entries[0].changes[0].old == "D28" and entries[0].changes[0].new == "D29"


def test_pemda_page_shows_history_to_admin(admin, pemda, client_for):
    services.pemda_update(pemda=pemda, data={"seat": "Banjarbaru"})
    html = client_for(admin).get("/pemda/").content.decode()
    assert "Riwayat perubahan" in html and "Banjarbaru" in html


def test_django_admin_is_for_superusers_only(admin, client_for):
    from tests.factories import UserFactory

    admin.is_staff = True
    admin.save()
    assert client_for(admin).get("/admin/core/unit/").status_code == 403
    root = UserFactory(pemda=None, is_staff=True, is_superuser=True)
    assert client_for(root).get("/admin/core/unit/").status_code == 200
    assert client_for(root).get("/admin/core/user/").status_code == 200
