"""Builders for obligation tests: the two default obligations, officials, a clock in May 2026."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from rewards.services_obligations import INNOVATION_CODE, WEEKLY_UPDATE_CODE, obligations_install_defaults
from rewards.services_officials import official_create

NOW = dt.datetime(2026, 5, 10, 3, 0, tzinfo=dt.UTC)  # Sunday 10 May 2026, 11.00 WITA
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APRIL = dt.date(2026, 4, 1)
MAY = dt.date(2026, 5, 1)


def pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def ob(admin, pemda, unit_a, unit_b, kepala_a, clock):
    """The defaults (innovation monthly for JPT/administrator, weekly unit update) and three officials.

    ``ani`` (JPT of unit A) has the portal account ``ani_user`` without any role; ``kepala`` is the
    official of kepala_a; ``cici`` is an administrator of unit B.
    """
    from tests.conftest import _user

    obligations = {
        o.code: o for o in obligations_install_defaults(user=admin, pemda=pemda, start_date=dt.date(2026, 1, 1))
    }
    ani_user = _user(pemda, "ani_pegawai")
    ani = official_create(
        user=admin, unit=unit_a, name="Ani Lestari, S.E.", nip="198001012005012001", position_level="jpt",
        linked_user=ani_user,
    )  # fmt: skip
    kepala = official_create(
        user=admin, unit=unit_a, name="dr. Kepala", nip="197001011998031001", position_level="jpt", linked_user=kepala_a
    )
    cici = official_create(
        user=admin, unit=unit_b, name="Cici", nip="198101012006042001", position_level="administrator"
    )
    return {
        "innovation": obligations[INNOVATION_CODE], "weekly": obligations[WEEKLY_UPDATE_CODE], "ani": ani,
        "ani_user": ani_user, "kepala": kepala, "cici": cici,
    }  # fmt: skip
