# ruff: noqa: F811  (fixtures imported from tests/rewards/test_obligation_fixtures.py)
"""Obligation services: defining, submitting, accepting, returning, resubmitting; access; bad input."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from rewards.models import Obligation, ObligationSubmission
from rewards.services_obligations import (
    obligation_save,
    obligation_set_active,
    obligations_install_defaults,
    submission_accept,
    submission_resubmit,
    submission_return,
    submission_submit,
)
from sakip.core.models import Notification
from tests.rewards.test_obligation_fixtures import APRIL, MAY, NOW, clock, ob, pdf  # noqa: F401

FIELDS = {
    "code": "laporan", "name": "Laporan triwulan", "subject": "unit", "frequency": "triwulanan",
    "due_offset_days": 10, "start_date": dt.date(2026, 1, 1),
}  # fmt: skip


def innovation(user, ob, official=None, period=APRIL, **kw):
    return submission_submit(
        user=user, obligation=ob["innovation"], official=official or ob["ani"], period_start=period,
        title=kw.pop("title", "Antrean daring puskesmas"), description="Pendaftaran pasien lewat WhatsApp.",
        url=kw.pop("url", "https://contoh.go.id/inovasi"), **kw,
    )  # fmt: skip


# --- obligations ---------------------------------------------------------------------------------


def test_defaults_installed_once(ob, admin, pemda):
    assert ob["innovation"].position_levels == ["jpt", "administrator"] and ob["innovation"].due_offset_days == 0
    assert (ob["weekly"].subject, ob["weekly"].frequency, ob["weekly"].due_offset_days) == ("unit", "mingguan", 1)
    assert obligations_install_defaults(user=admin, pemda=pemda, start_date=dt.date(2026, 1, 1)) == []
    assert Obligation.objects.filter(pemda=pemda).count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"frequency": ""}, "frequency", "aturan batas waktu"),
        ({"due_offset_days": None}, "due_offset_days", "aturan batas waktu"),
        ({"due_offset_days": 90}, "due_offset_days", "antara 0 dan 60"),
        ({"position_levels": ["jpt"]}, "position_levels", "tidak memakai jenjang"),
        ({"subject": "pegawai", "position_levels": ["raja"]}, "position_levels", "jenjang jabatan"),
        ({"end_date": dt.date(2025, 12, 31)}, "end_date", "sebelum tanggal mulai"),
        ({"code": "inovasi-bulanan"}, "code", "sudah dipakai"),
    ],
)
def test_obligation_without_due_rule_or_bad_input_refused(ob, admin, pemda, changes, field, message):
    with pytest.raises(ValidationError) as err:
        obligation_save(user=admin, pemda=pemda, **{**FIELDS, **changes})
    assert message in " ".join(err.value.message_dict[field])
    assert Obligation.objects.filter(pemda=pemda).count() == 2


def test_obligation_edit_and_access(ob, admin, operator_a, pemda, unit_a, other_admin):
    created = obligation_save(user=admin, pemda=pemda, units=[unit_a], **FIELDS)
    assert list(created.units.all()) == [unit_a]
    obligation_save(user=admin, pemda=pemda, obligation=created, **{**FIELDS, "name": "Laporan TW"})
    assert Obligation.objects.get(pk=created.pk).name == "Laporan TW"
    with pytest.raises(PermissionDenied):
        obligation_save(user=operator_a, pemda=pemda, **{**FIELDS, "code": "x"})
    with pytest.raises(Http404):
        obligation_set_active(user=other_admin, obligation=created, active=False)


def test_frequency_locked_once_submitted(ob, admin, pemda):
    innovation(ob["ani_user"], ob)
    with pytest.raises(ValidationError) as err:
        obligation_save(user=admin, pemda=pemda, obligation=ob["innovation"], frequency="mingguan")
    assert "tidak dapat diubah" in str(err.value)
    assert Obligation.objects.get(pk=ob["innovation"].pk).frequency == "bulanan"


# --- submissions ---------------------------------------------------------------------------------


def test_official_submits_and_head_accepts(ob, kepala_a):
    submission = innovation(ob["ani_user"], ob, file=pdf())  # the official, without any role
    assert (submission.status, submission.is_late, submission.unit_id) == ("diajukan", True, ob["ani"].unit_id)
    assert (submission.period_end, submission.due_date) == (dt.date(2026, 4, 30), dt.date(2026, 4, 30))
    assert submission.evidence.name.endswith(".pdf")
    assert Notification.objects.filter(user=kepala_a, title__contains="menunggu penilaian").exists()
    submission_accept(user=kepala_a, submission=submission)
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("diterima", kepala_a)
    assert Notification.objects.filter(user=ob["ani_user"], title__contains="diterima").exists()


def test_on_time_within_the_period(ob, kepala_a):
    assert innovation(ob["ani_user"], ob, period=MAY).is_late is False


def test_return_needs_note_then_resubmit(ob, kepala_a, operator_a, clock):
    submission = innovation(operator_a, ob, period=MAY)  # the unit's operator for an official of the unit
    with pytest.raises(ValidationError) as err:
        submission_return(user=kepala_a, submission=submission, note="  ")
    assert "alasan pengembalian" in str(err.value)
    submission_return(user=kepala_a, submission=submission, note="Lampirkan foto kegiatan.")
    assert ObligationSubmission.objects.get(pk=submission.pk).status == "dikembalikan"
    with pytest.raises(ValidationError):
        submission_accept(user=kepala_a, submission=submission)
    clock.move_to(dt.datetime(2026, 6, 2, 3, 0, tzinfo=dt.UTC))
    submission_resubmit(
        user=ob["ani_user"], submission=submission, title="Antrean daring v2", description="Dengan foto."
    )
    submission.refresh_from_db()
    assert (submission.status, submission.title, submission.is_late) == ("diajukan", "Antrean daring v2", True)
    submission_accept(user=kepala_a, submission=submission, note="Baik.")
    with pytest.raises(ValidationError):
        submission_resubmit(user=operator_a, submission=submission, title="x", description="y")


def test_unit_obligation_weekly(ob, operator_a, admin, unit_a):
    monday = dt.date(2026, 5, 4)
    submission = submission_submit(
        user=operator_a, obligation=ob["weekly"], unit=unit_a, period_start=monday, title="Minggu 19",
        description="Capaian diperbarui.", url="https://contoh.go.id/m19",
    )  # fmt: skip
    assert (submission.period_end, submission.due_date, submission.official) == (
        dt.date(2026, 5, 10),
        dt.date(2026, 5, 11),
        None,
    )
    submission_accept(user=admin, submission=submission)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": dt.date(2026, 6, 1)}, "belum berjalan"),
        ({"period": dt.date(2026, 4, 2)}, "bukan awal periode"),
        ({"period": dt.date(2025, 12, 1)}, "di luar masa berlaku"),
        ({"title": " "}, "Isi judul"),
        ({"url": ""}, "Unggah berkas bukti"),
        ({"url": "bukan tautan"}, "URL"),
        ({"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")}, "bukan PDF"),
        ({"file": SimpleUploadedFile("x.pdf", b"")}, "kosong"),
    ],
)
def test_bad_submission_refused(ob, kwargs, message, settings):
    with pytest.raises(ValidationError) as err:
        innovation(ob["ani_user"], ob, **kwargs)
    assert message in str(err.value) or message.lower() in str(err.value).lower()
    assert not ObligationSubmission.objects.exists()


def test_duplicate_refused(ob, operator_a):
    innovation(ob["ani_user"], ob)
    with pytest.raises(ValidationError) as err:
        innovation(operator_a, ob)
    assert "sudah diajukan" in str(err.value)
    assert ObligationSubmission.objects.count() == 1


def test_not_concerned_official_refused(ob, admin, unit_a, operator_a):
    from rewards.services_officials import official_create

    clerk = official_create(user=admin, unit=unit_a, name="Staf", nip="199901012020011001", position_level="pelaksana")
    with pytest.raises(ValidationError) as err:
        innovation(operator_a, ob, official=clerk)
    assert "tidak berlaku" in str(err.value)


def test_access(ob, operator_b, kepala_a, other_admin, admin, operator_a):
    with pytest.raises(PermissionDenied):  # another unit's operator
        innovation(operator_b, ob)
    with pytest.raises(PermissionDenied):  # another official's account
        innovation(ob["ani_user"], ob, official=ob["kepala"])
    with pytest.raises(Http404):  # another Pemda
        innovation(other_admin, ob)
    submission = innovation(operator_a, ob)
    with pytest.raises(PermissionDenied):
        submission_accept(user=operator_a, submission=submission)  # operators do not review
    with pytest.raises(PermissionDenied):
        submission_accept(user=ob["ani_user"], submission=submission)
    with pytest.raises(Http404):
        submission_accept(user=other_admin, submission=submission)
    own = innovation(kepala_a, ob, official=ob["kepala"])
    with pytest.raises(ValidationError) as err:  # the head does not accept their own innovation
        submission_accept(user=kepala_a, submission=own)
    assert "sendiri" in str(err.value)
    submission_accept(user=admin, submission=own)
    assert ObligationSubmission.objects.get(pk=own.pk).status == "diterima"


def test_late_uses_pemda_time_zone(ob, kepala_a):
    # the due date is 30 April in the Pemda's time zone (WITA, UTC+8), not in UTC
    with time_machine.travel(dt.datetime(2026, 4, 30, 15, 30, tzinfo=dt.UTC), tick=False):  # 23.30 WITA
        assert innovation(ob["ani_user"], ob).is_late is False
    with time_machine.travel(dt.datetime(2026, 4, 30, 16, 30, tzinfo=dt.UTC), tick=False):  # 00.30 WITA, 1 May
        assert innovation(kepala_a, ob, official=ob["kepala"]).is_late is True
    assert NOW.year == 2026
