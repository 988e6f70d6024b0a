"""Officials roster services: add, edit, deactivate, link an account; access and bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from rewards.models import Official, PositionLevel
from rewards.services_officials import official_create, official_set_active, official_update

NIP1 = "198001012005011001"
NIP2 = "198502022010012002"


def test_create_and_edit(admin, unit_a, unit_b, kepala_a):
    official = official_create(
        user=admin, unit=unit_a, name=" dr. Ani ", nip=NIP1, position_level=PositionLevel.JPT, linked_user=kepala_a
    )
    assert official.pemda_id == unit_a.pemda_id and official.name == "dr. Ani" and official.user == kepala_a
    official_update(
        user=admin, official=official, unit=unit_b, name="dr. Ani", nip=NIP1, position_level="administrator"
    )
    official.refresh_from_db()
    assert official.unit == unit_b and official.user is None and official.position_level == "administrator"
    official_set_active(user=admin, official=official, active=False)
    assert Official.objects.get(pk=official.pk).is_active is False


def test_duplicate_nip_and_bad_nip_refused(admin, unit_a):
    official_create(user=admin, unit=unit_a, name="A", nip=NIP1, position_level="jpt")
    with pytest.raises(ValidationError) as err:
        official_create(user=admin, unit=unit_a, name="B", nip=NIP1, position_level="jpt")
    assert "sudah terdaftar" in str(err.value)
    with pytest.raises(ValidationError) as err:
        official_create(user=admin, unit=unit_a, name="B", nip="123", position_level="jpt")
    assert "18 angka" in str(err.value)
    with pytest.raises(ValidationError):
        official_create(user=admin, unit=unit_a, name="B", nip=NIP2, position_level="menteri")
    assert Official.objects.count() == 1


def test_account_links_one_active_official(admin, unit_a, operator_a):
    official_create(user=admin, unit=unit_a, name="A", nip=NIP1, position_level="jpt", linked_user=operator_a)
    with pytest.raises(ValidationError) as err:
        official_create(user=admin, unit=unit_a, name="B", nip=NIP2, position_level="jpt", linked_user=operator_a)
    assert "sudah terhubung" in str(err.value)


def test_access(admin, operator_a, unit_a, other_unit, other_admin):
    with pytest.raises(PermissionDenied):
        official_create(user=operator_a, unit=unit_a, name="A", nip=NIP1, position_level="jpt")
    with pytest.raises(Http404):
        official_create(user=admin, unit=other_unit, name="A", nip=NIP1, position_level="jpt")
    with pytest.raises(ValidationError):
        official_create(user=admin, unit=unit_a, name="A", nip=NIP1, position_level="jpt", linked_user=other_admin)
    assert not Official.objects.exists()
