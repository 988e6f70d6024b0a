"""The menu per role, and the entries an official with a portal account gets without a role."""

from __future__ import annotations

from django.test import RequestFactory

from rewards.models import Official
from sakip.core.navigation import nav_for
from tests.factories import UserFactory


def labels(user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [str(item["label"]) for item in nav_for(request)]


def test_an_official_without_a_role_gets_obligations_and_own_discipline(pemda, unit_a, admin, pimpinan, operator_a):
    account = UserFactory(pemda=pemda, username="pegawai")
    assert "Kewajiban" not in labels(account) and "Disiplin saya" not in labels(account)
    Official.objects.create(
        pemda=pemda, unit=unit_a, name="Budi", nip="198501012010011001", position_level="pelaksana", user=account
    )
    account = type(account).objects.get(pk=account.pk)  # a new request: nothing cached
    assert {"Kewajiban", "Disiplin saya"} <= set(labels(account))
    assert "Disiplin pegawai" not in labels(account)
    # admin and pimpinan use the full discipline pages; a unit operator has obligations, no discipline
    assert "Disiplin pegawai" in labels(admin) and "Disiplin saya" not in labels(admin)
    assert "Disiplin pegawai" in labels(pimpinan) and "Laporan bulanan" in labels(pimpinan)
    assert "Kewajiban" in labels(operator_a) and not {"Disiplin pegawai", "Disiplin saya"} & set(labels(operator_a))
