"""Home-page PK tasks per role, with a frozen clock for the deadline."""

import datetime as dt

import pytest
import time_machine

from agreements import home_tasks, services

pytestmark = pytest.mark.django_db


def titles(tasks):
    return [t.title for t in tasks]


@time_machine.travel(dt.datetime(2025, 1, 20, 9, 0, tzinfo=dt.UTC))
def test_operator_is_told_pk_is_missing_then_draft_then_returned(year, unit_a, operator_a, kepala_a):
    [task] = home_tasks.unit_pk_tasks(operator_a)
    assert task.title == "PK 2025 Dinkes belum dibuat" and task.url == "/pk/?tahun=2025"
    pk = services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)
    operator_a._sakip_roles = None
    del operator_a._sakip_roles
    [task] = home_tasks.unit_pk_tasks(operator_a)
    assert task.title == "PK 2025 Dinkes masih draf" and task.url == f"/pk/{pk.uid}/ubah/"
    assert "11 hari lagi" in task.detail and task.level == "urgent"
    pk.status, pk.return_note = "draft", "Lengkapi definisi"
    pk.save()
    [task] = home_tasks.unit_pk_tasks(operator_a)
    assert task.title == "PK 2025 Dinkes dikembalikan dengan catatan" and "Lengkapi definisi" in task.detail


def test_kepala_sees_pk_waiting_for_approval(submitted_a, kepala_a, operator_a):
    assert titles(home_tasks.unit_pk_tasks(kepala_a)) == ["PK 2025 Dinkes menunggu persetujuan Anda"]
    assert home_tasks.unit_pk_tasks(operator_a) == []


def test_signers_see_pks_waiting_for_signing(approved_a, admin, pimpinan, evaluator):
    assert "1 PK menunggu penandatanganan" in titles(home_tasks.signing_tasks(pimpinan))
    assert "1 PK menunggu penandatanganan" in titles(home_tasks.signing_tasks(admin))
    assert home_tasks.signing_tasks(evaluator) == []


@time_machine.travel(dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC))
def test_admin_sees_late_pks_and_missing_pemda_pk(draft_a, admin):
    got = titles(home_tasks.signing_tasks(admin))
    assert "1 PK 2025 belum ditandatangani melewati batas" in got
    assert "PK Pemda 2025 belum dibuat" in got


def test_tasks_render_on_home_page(submitted_a, kepala_a, client_for):
    response = client_for(kepala_a).get("/")
    assert response.status_code == 200
    assert "menunggu persetujuan Anda" in response.content.decode()
