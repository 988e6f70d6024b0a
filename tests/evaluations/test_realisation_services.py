# ruff: noqa: F811  (fixtures imported from realisation_factories)
"""Realisation services: values, history, workflow, locks and unlocks, evidence (frozen clock)."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from evaluations import periods, services
from evaluations.models import CapaianSetting, Evidence, PeriodReport, Realisation, RealisationChange
from sakip.core.models import Notification

from .realisation_factories import clock, indicators_of, march, pk_a, report_a  # noqa: F401

Status = PeriodReport.Status


def _fill(report, pk, by, **extra):
    stunting, count, imun = indicators_of(pk)
    services.realisation_save(report=report, indicator=stunting, value="16,5", by=by, **extra)
    services.realisation_save(report=report, indicator=count, value=3, by=by, **extra)
    services.realisation_save(report=report, indicator=imun, value=D("91"), by=by, **extra)


def _accepted(report, pk, operator, kepala, admin):
    _fill(report, pk, operator)
    services.report_submit(report=report, by=operator)
    services.report_verify(report=report, by=kepala)
    services.report_accept(report=report, by=admin)
    return report


# --- pure calendar rules ---------------------------------------------------------------------


def test_deadline_is_day_n_of_the_next_month():
    assert periods.deadline_for(dt.date(2025, 10, 31), 10) == dt.date(2025, 11, 10)
    assert periods.deadline_for(dt.date(2025, 12, 31), 10) == dt.date(2026, 1, 10)
    assert periods.deadline_for(dt.date(2025, 3, 31), 28) == dt.date(2025, 4, 28)


def test_lock_starts_the_day_after_deadline_plus_grace():
    assert periods.lock_at(dt.date(2025, 11, 10), 5) == dt.date(2025, 11, 16)
    assert periods.lock_at(dt.date(2025, 11, 10), 0) == dt.date(2025, 11, 11)


def test_submission_on_the_deadline_day_is_on_time():
    assert not periods.is_late(dt.date(2025, 4, 10), dt.date(2025, 4, 10))
    assert periods.is_late(dt.date(2025, 4, 11), dt.date(2025, 4, 10))


# --- reports and values ----------------------------------------------------------------------


def test_report_gets_the_calendar_deadline(report_a):
    assert report_a.status == Status.DRAFT
    assert report_a.deadline == dt.date(2025, 4, 10)


def test_report_refuses_a_quarter_in_a_monthly_year(clock, pk_a, unit_a, year, operator_a):
    quarter = year.periods.get(kind="quarter", number=1)
    with pytest.raises(ValidationError, match="bukan periode pelaporan"):
        services.report_get_or_create(unit=unit_a, period=quarter, by=operator_a)


def test_operator_of_another_unit_cannot_open_or_write(report_a, pk_a, operator_b, unit_a, march):
    with pytest.raises(PermissionDenied):
        services.report_get_or_create(unit=unit_a, period=march, by=operator_b)
    with pytest.raises(PermissionDenied):
        services.realisation_save(report=report_a, indicator=indicators_of(pk_a)[0], value="1", by=operator_b)


def test_value_in_indonesian_notation_is_saved_as_decimal(report_a, pk_a, operator_a):
    saved = services.realisation_save(report=report_a, indicator=indicators_of(pk_a)[0], value="16,75", by=operator_a)
    assert saved.value == D("16.75")
    change = RealisationChange.objects.get(realisation=saved)
    assert (change.old_value, change.new_value, change.by) == (None, D("16.75"), operator_a)


@pytest.mark.parametrize("bad", ["enam belas", "12a", "1,2,3", "NaN", "Infinity"])
def test_non_numeric_value_is_refused_in_indonesian(report_a, pk_a, operator_a, bad):
    with pytest.raises(ValidationError) as exc:
        services.realisation_save(report=report_a, indicator=indicators_of(pk_a)[0], value=bad, by=operator_a)
    assert "harus berupa angka" in str(exc.value)
    assert not Realisation.objects.exists()


def test_negative_value_refused_unless_indicator_allows_it(report_a, pk_a, operator_a):
    indicator = indicators_of(pk_a)[2]
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        services.realisation_save(report=report_a, indicator=indicator, value="-1", by=operator_a)
    assert not Realisation.objects.exists()
    indicator.allow_negative = True
    indicator.save()
    assert services.realisation_save(report=report_a, indicator=indicator, value="-1", by=operator_a).value == -1


def test_history_keeps_old_and_new_value_with_reason(report_a, pk_a, operator_a, kepala_a):
    stunting = indicators_of(pk_a)[0]
    _fill(report_a, pk_a, operator_a)
    services.realisation_save(report=report_a, indicator=stunting, value="16", by=operator_a)  # draft: no reason
    services.report_submit(report=report_a, by=operator_a)
    with pytest.raises(ValidationError, match="alasan perubahan"):
        services.realisation_save(report=report_a, indicator=stunting, value="15,9", by=kepala_a)
    services.realisation_save(report=report_a, indicator=stunting, value="15,9", reason="Data BPS final", by=kepala_a)
    changes = list(RealisationChange.objects.filter(realisation__indicator=stunting).order_by("created_at", "id"))
    assert [(c.old_value, c.new_value) for c in changes] == [
        (None, D("16.5")),
        (D("16.5"), D("16")),
        (D("16"), D("15.9")),
    ]
    assert changes[-1].reason == "Data BPS final" and changes[-1].by == kepala_a


def test_kendala_upaya_not_needed_on_autosave_but_on_submit(report_a, pk_a, operator_a):
    stunting, count, imun = indicators_of(pk_a)
    services.realisation_save(report=report_a, indicator=stunting, value="16,5", by=operator_a)
    services.realisation_save(report=report_a, indicator=count, value=1, by=operator_a)
    services.realisation_save(report=report_a, indicator=imun, value="50", by=operator_a)  # 50 of 90: 55,56 % < 76
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=report_a, by=operator_a)
    assert "kendala dan upaya wajib diisi" in str(exc.value)
    assert "Cakupan imunisasi" in str(exc.value) and "55,56" in str(exc.value)
    assert "Jumlah puskesmas" not in str(exc.value)
    report_a.refresh_from_db()
    assert report_a.status == Status.DRAFT
    services.realisation_save(
        report=report_a, indicator=imun, value=50, kendala="Vaksin terlambat", upaya="Sweeping imunisasi", by=operator_a
    )
    services.report_submit(report=report_a, by=operator_a)
    assert report_a.status == Status.SUBMITTED and not report_a.is_late


# --- workflow ---------------------------------------------------------------------------------


def test_full_workflow_notifies_the_people_concerned(report_a, pk_a, operator_a, kepala_a, admin):
    _fill(report_a, pk_a, operator_a)
    services.report_submit(report=report_a, by=operator_a)
    assert Notification.objects.filter(user=kepala_a, title__contains="menunggu verifikasi").count() == 1
    services.report_verify(report=report_a, by=kepala_a)
    assert Notification.objects.filter(user=admin, title__contains="menunggu diterima").count() == 1
    services.report_accept(report=report_a, by=admin)
    report_a.refresh_from_db()
    assert report_a.status == Status.ACCEPTED and report_a.accepted_by == admin
    assert services.lock_state(report_a).locked


def test_illegal_transitions_are_refused(report_a, pk_a, operator_a, kepala_a, admin, operator_b):
    with pytest.raises(ValidationError):
        services.report_verify(report=report_a, by=kepala_a)  # still a draft
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report_a, by=kepala_a)  # kepala cannot accept
    _fill(report_a, pk_a, operator_a)
    services.report_submit(report=report_a, by=operator_a)
    with pytest.raises(ValidationError, match="tidak dapat diajukan"):
        services.report_submit(report=report_a, by=operator_a)
    with pytest.raises(PermissionDenied):
        services.report_verify(report=report_a, by=operator_a)  # operator cannot verify
    with pytest.raises(ValidationError, match="diverifikasi"):
        services.report_accept(report=report_a, by=admin)  # admin accepts only after verification
    with pytest.raises(PermissionDenied):
        services.report_return(report=report_a, by=operator_b, note="x")
    with pytest.raises(PermissionDenied):
        services.report_unlock(report=report_a, by=kepala_a, reason="x")


def test_return_needs_a_note_and_reaches_the_operator(report_a, pk_a, operator_a, kepala_a):
    _fill(report_a, pk_a, operator_a)
    services.report_submit(report=report_a, by=operator_a)
    with pytest.raises(ValidationError, match="catatan"):
        services.report_return(report=report_a, by=kepala_a, note="  ")
    services.report_return(report=report_a, by=kepala_a, note="Data imunisasi belum sesuai laporan puskesmas.")
    report_a.refresh_from_db()
    assert report_a.status == Status.RETURNED
    notice = Notification.objects.get(user=operator_a, title__contains="dikembalikan")
    assert notice.body == "Data imunisasi belum sesuai laporan puskesmas."
    services.report_submit(report=report_a, by=operator_a)  # fixed and submitted again
    assert report_a.status == Status.SUBMITTED


def test_late_submission_is_flagged(pk_a, unit_a, march, operator_a):
    with time_machine.travel(dt.datetime(2025, 4, 12, 3, 0, tzinfo=dt.UTC), tick=False):
        report = services.report_get_or_create(unit=unit_a, period=march, by=operator_a)
        _fill(report, pk_a, operator_a)
        services.report_submit(report=report, by=operator_a)
    assert report.is_late


# --- locks ------------------------------------------------------------------------------------


def test_accepted_report_is_locked_with_reason_and_who_unlocks(report_a, pk_a, operator_a, kepala_a, admin):
    _accepted(report_a, pk_a, operator_a, kepala_a, admin)
    with pytest.raises(ValidationError) as exc:
        services.realisation_save(report=report_a, indicator=indicators_of(pk_a)[0], value="1", by=operator_a)
    text = str(exc.value)
    assert "sudah diterima" in text and "Admin SAKIP" in text and "membuka kunci" in text


def test_overdue_draft_locks_after_grace_days_and_refuses_submission(pk_a, unit_a, march, operator_a):
    with time_machine.travel(dt.datetime(2025, 4, 15, 15, 0, tzinfo=dt.UTC), tick=False):  # 15 Apr 23.00 WITA
        report = services.report_get_or_create(unit=unit_a, period=march, by=operator_a)
        _fill(report, pk_a, operator_a)
        assert not services.lock_state(report).locked
    with time_machine.travel(dt.datetime(2025, 4, 15, 16, 1, tzinfo=dt.UTC), tick=False):  # 16 Apr 00.01 WITA
        state = services.lock_state(report)
        assert state.locked and "masa tenggang" in state.reason
        with pytest.raises(ValidationError, match="terkunci"):
            services.report_submit(report=report, by=operator_a)
        with pytest.raises(ValidationError, match="terkunci"):
            services.realisation_save(report=report, indicator=indicators_of(pk_a)[0], value="2", by=operator_a)
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert Realisation.objects.get(indicator=indicators_of(pk_a)[0]).value == D("16.5")


def test_unlock_needs_admin_and_reason_and_expires(pk_a, unit_a, year, march, operator_a, admin):
    CapaianSetting.objects.create(pemda=year.pemda, fiscal_year=year, unlock_hours=24)
    with time_machine.travel(dt.datetime(2025, 4, 20, 1, 0, tzinfo=dt.UTC), tick=False) as traveller:
        report = services.report_get_or_create(unit=unit_a, period=march, by=operator_a)
        assert services.lock_state(report).locked
        with pytest.raises(ValidationError, match="Alasan"):
            services.report_unlock(report=report, by=admin, reason="")
        services.report_unlock(report=report, by=admin, reason="Operator sakit, data menyusul")
        assert report.unlock_reason == "Operator sakit, data menyusul"
        assert report.unlocked_until == dt.datetime(2025, 4, 21, 1, 0, tzinfo=dt.UTC)
        assert Notification.objects.filter(user=operator_a, title__contains="dibuka").exists()
        _fill(report, pk_a, operator_a)
        traveller.move_to(dt.datetime(2025, 4, 21, 1, 1, tzinfo=dt.UTC))
        assert services.lock_state(report).locked  # the unlock expired
        with pytest.raises(ValidationError, match="terkunci"):
            services.report_submit(report=report, by=operator_a)


def test_change_after_acceptance_is_marked_until_accepted_again(report_a, pk_a, operator_a, kepala_a, admin):
    _accepted(report_a, pk_a, operator_a, kepala_a, admin)
    services.report_unlock(report=report_a, by=admin, reason="Koreksi data Dinkes")
    stunting = indicators_of(pk_a)[0]
    with pytest.raises(ValidationError, match="alasan"):
        services.realisation_save(report=report_a, indicator=stunting, value="16", by=operator_a)
    services.realisation_save(report=report_a, indicator=stunting, value="16", reason="Revisi BPS", by=operator_a)
    report_a.refresh_from_db()
    assert report_a.changed_after_acceptance
    assert RealisationChange.objects.filter(after_acceptance=True, new_value=D("16")).count() == 1
    services.report_accept(report=report_a, by=admin)
    report_a.refresh_from_db()
    assert not report_a.changed_after_acceptance and report_a.unlocked_until is None
    assert services.lock_state(report_a).locked


# --- evidence ----------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#0a5").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def realisation_a(report_a, pk_a, operator_a):
    return services.realisation_save(report=report_a, indicator=indicators_of(pk_a)[0], value="16", by=operator_a)


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [("laporan.pdf", PDF, "application/pdf"), ("foto.png", None, "image/png"), ("data.csv", b"a;b\n1;2\n", "text/csv")],
)
def test_real_files_are_accepted_with_their_hash(realisation_a, operator_a, name, content, mime):
    import hashlib

    content = content or _png()
    evidence = services.evidence_add(
        realisation=realisation_a, uploaded_file=SimpleUploadedFile(name, content), by=operator_a
    )
    assert evidence.content_type == mime and evidence.size == len(content)
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert name not in evidence.file.name  # stored under a random name
    assert evidence.file.read() == content


def test_text_file_renamed_pdf_is_refused(realisation_a, operator_a):
    fake = SimpleUploadedFile("laporan.pdf", b"Ini bukan PDF, hanya teks biasa.\n" * 20)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(realisation=realisation_a, uploaded_file=fake, by=operator_a)
    assert "bukan PDF" in str(exc.value) and "isinya" in str(exc.value)
    assert not Evidence.objects.exists()


def test_fifty_megabyte_upload_is_refused(realisation_a, operator_a):
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError, match="terlalu besar; batasnya 10 MB"):
        services.evidence_add(realisation=realisation_a, uploaded_file=big, by=operator_a)
    assert not Evidence.objects.exists()


def test_evidence_refused_on_locked_report_and_deleted_when_open(realisation_a, operator_a, tmp_path):
    evidence = services.evidence_add(
        realisation=realisation_a, uploaded_file=SimpleUploadedFile("a.pdf", PDF), by=operator_a
    )
    services.evidence_delete(evidence=evidence, by=operator_a)
    assert not Evidence.objects.exists()
    report = realisation_a.report
    PeriodReport.objects.filter(pk=report.pk).update(status=Status.ACCEPTED)
    report.refresh_from_db()
    realisation_a.report = report
    with pytest.raises(ValidationError, match="terkunci"):
        services.evidence_add(realisation=realisation_a, uploaded_file=SimpleUploadedFile("a.pdf", PDF), by=operator_a)
