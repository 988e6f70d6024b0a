import pytest
from django.core.exceptions import ValidationError

from sakip.core import services
from sakip.core.models import RoleAssignment, Unit


def test_deleting_a_unit_with_role_holders_is_refused_and_keeps_the_roles(operator_a, unit_a):
    with pytest.raises(ValidationError) as exc:
        services.unit_delete(unit=unit_a)
    assert "Cabut peran mereka dulu" in str(exc.value)
    assert Unit.objects.filter(pk=unit_a.pk).exists()
    assert RoleAssignment.objects.filter(user=operator_a, unit=unit_a).exists()


def test_a_unit_without_roles_or_children_can_be_deleted(unit_b):
    services.unit_delete(unit=unit_b)
    assert not Unit.objects.filter(pk=unit_b.pk).exists()
