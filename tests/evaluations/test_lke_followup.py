# ruff: noqa: F811  (fixtures imported from lke_factories)
"""Follow-up of recommendations: who may act, the belum → proses → selesai rules, evidence, lists by role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations import lke_admin_selectors as sel
from evaluations import lke_followup_services as fs
from evaluations.lke_models import FollowUpEvidence, Recommendation
from sakip.core import services as core_services
from tests.evaluations.lke_factories import (  # noqa: F401
    evaluation_a,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)
from tests.factories import Role, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = dt.date(2025, 3, 10)


def _pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def result(pemda, admin):
    return fs.pemda_result_save(user=admin, pemda=pemda, year=2024, score=Decimal("61.76"), scores=[])


@pytest.fixture
def rec_a(result, admin, unit_a):
    return fs.recommendation_add(
        user=admin, owner=unit_a, text="Agar indikator kinerja dilengkapi definisi operasional.",
        due_date=dt.date(2025, 3, 1), pemda_result=result, component_code="1",
    )  # fmt: skip


@pytest.fixture
def rec_b(result, admin, unit_b):
    return fs.recommendation_add(
        user=admin, owner=unit_b, text="Agar laporan kinerja dipublikasikan tepat waktu.",
        due_date=dt.date(2025, 6, 30), pemda_result=result, component_code="3",
    )  # fmt: skip


# --- adding -------------------------------------------------------------------------------------


def test_recommendation_needs_exactly_one_source_and_an_owner_of_the_pemda(result, admin, unit_a, other_unit):
    with pytest.raises(ValidationError):
        fs.recommendation_add(user=admin, owner=unit_a, text="Agar …", due_date=None)
    with pytest.raises(ValidationError) as exc:
        fs.recommendation_add(user=admin, owner=other_unit, text="Agar …", due_date=None, pemda_result=result)
    assert "owner" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        fs.recommendation_add(user=admin, owner=unit_a, text="  ", due_date=None, pemda_result=result)
    assert exc.value.message_dict["text"] == ["Isi rekomendasi wajib diisi."]
    assert not Recommendation.objects.exists()


def test_unit_and_pimpinan_cannot_add_recommendations(result, unit_a, operator_a, pimpinan):
    for user in (operator_a, pimpinan):
        with pytest.raises(PermissionDenied):
            fs.recommendation_add(user=user, owner=unit_a, text="Agar …", due_date=None, pemda_result=result)


def test_the_team_adds_recommendations_to_its_evaluation_only(evaluation_a, evaluator, unit_a, pemda):
    rec = fs.recommendation_add(user=evaluator, owner=unit_a, text="Agar rencana aksi dipantau.", due_date=None,
                                evaluation=evaluation_a)  # fmt: skip
    assert rec.evaluation == evaluation_a and rec.status == "belum"
    stranger = UserFactory(pemda=pemda, username="evaluator_lain")
    core_services.role_assign(user=stranger, role=Role.EVALUATOR)
    with pytest.raises(PermissionDenied):
        fs.recommendation_add(user=stranger, owner=unit_a, text="Agar …", due_date=None, evaluation=evaluation_a)


# --- follow-up ----------------------------------------------------------------------------------


def test_unit_follows_up_to_selesai_with_evidence(rec_a, operator_a):
    fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="Menyusun manual IKU",
                       due_date=rec_a.due_date, status="proses", progress_note="Draf disusun")  # fmt: skip
    assert rec_a.status == "proses" and rec_a.updated_by == operator_a
    with pytest.raises(ValidationError) as exc:
        fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="Menyusun manual IKU",
                           due_date=rec_a.due_date, status="selesai", progress_note="")  # fmt: skip
    assert "bukti" in exc.value.message_dict["status"][0]
    evidence = fs.followup_evidence_add(user=operator_a, recommendation=rec_a, title="Manual IKU", file=_pdf())
    assert (evidence.content_type, evidence.size) == ("application/pdf", len(PDF))
    fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="Menyusun manual IKU",
                       due_date=rec_a.due_date, status="selesai", progress_note="Ditetapkan")  # fmt: skip
    rec_a.refresh_from_db()
    assert rec_a.status == "selesai" and rec_a.completed_at is not None
    with pytest.raises(ValidationError):  # the last evidence of a finished recommendation stays
        fs.followup_evidence_delete(user=operator_a, evidence=evidence)
    fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="Menyusun manual IKU",
                       due_date=rec_a.due_date, status="proses", progress_note="Direvisi")  # fmt: skip
    rec_a.refresh_from_db()
    assert rec_a.status == "proses" and rec_a.completed_at is None
    fs.followup_evidence_delete(user=operator_a, evidence=evidence)
    assert not FollowUpEvidence.objects.exists()


def test_only_the_owner_unit_or_a_manager_follows_up(rec_a, operator_b, pimpinan, evaluator, other_admin, admin):
    for user in (operator_b, pimpinan, evaluator, other_admin):
        with pytest.raises(PermissionDenied):
            fs.followup_update(user=user, recommendation=rec_a, action_plan="x", due_date=rec_a.due_date,
                               status="proses", progress_note="")  # fmt: skip
        with pytest.raises(PermissionDenied):
            fs.followup_evidence_add(user=user, recommendation=rec_a, url="https://contoh.go.id/x")
    fs.followup_update(user=admin, recommendation=rec_a, action_plan="x", due_date=dt.date(2025, 7, 1),
                       status="proses", progress_note="")  # fmt: skip
    assert rec_a.due_date == dt.date(2025, 7, 1)


def test_unit_cannot_move_a_due_date_already_set(rec_a, operator_a, admin, result, unit_a):
    with pytest.raises(ValidationError) as exc:
        fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="Rencana",
                           due_date=dt.date(2025, 12, 31), status="proses", progress_note="")  # fmt: skip
    assert "due_date" in exc.value.message_dict
    open_ended = fs.recommendation_add(user=admin, owner=unit_a, text="Agar …", due_date=None, pemda_result=result)
    fs.followup_update(user=operator_a, recommendation=open_ended, action_plan="Rencana",
                       due_date=dt.date(2025, 12, 31), status="proses", progress_note="")  # fmt: skip
    assert open_ended.due_date == dt.date(2025, 12, 31)


def test_started_follow_up_needs_an_action_plan_and_a_known_status(rec_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        fs.followup_update(user=operator_a, recommendation=rec_a, action_plan=" ", due_date=rec_a.due_date,
                           status="proses", progress_note="")  # fmt: skip
    assert "action_plan" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        fs.followup_update(user=operator_a, recommendation=rec_a, action_plan="x", due_date=rec_a.due_date,
                           status="tuntas", progress_note="")  # fmt: skip
    assert "status" in exc.value.message_dict


def test_evidence_type_is_read_from_the_content(rec_a, operator_a):
    fake = SimpleUploadedFile("bukti.pdf", b"ini hanya teks biasa", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        fs.followup_evidence_add(user=operator_a, recommendation=rec_a, title="Palsu", file=fake)
    assert "bukan PDF" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        fs.followup_evidence_add(user=operator_a, recommendation=rec_a, title="Kosong")
    link = fs.followup_evidence_add(user=operator_a, recommendation=rec_a, url="https://contoh.go.id/sk.pdf")
    assert link.title == "https://contoh.go.id/sk.pdf"
    assert FollowUpEvidence.objects.count() == 1


# --- lists --------------------------------------------------------------------------------------


def test_each_role_sees_its_recommendations(rec_a, rec_b, admin, pimpinan, operator_a, operator_b, other_admin):
    assert set(sel.recommendations_for(admin)) == {rec_a, rec_b}
    assert set(sel.recommendations_for(pimpinan)) == {rec_a, rec_b}
    assert list(sel.recommendations_for(operator_a)) == [rec_a]
    assert list(sel.recommendations_for(operator_b)) == [rec_b]
    assert list(sel.recommendations_for(other_admin)) == []


def test_evaluator_sees_the_units_of_their_teams(rec_a, rec_b, evaluator, evaluator_lead, lke_team):
    assert list(sel.recommendations_for(evaluator)) == [rec_a]
    assert list(sel.recommendations_for(evaluator_lead)) == [rec_a, rec_b]  # ketua tim manages the evaluation


def test_overdue_means_past_due_and_not_selesai(rec_a, rec_b, admin, result, unit_a):
    assert list(sel.overdue_for(admin, today=TODAY)) == [rec_a]
    assert list(sel.overdue_for(admin, today=dt.date(2025, 3, 1))) == []  # due today is not late
    fs.followup_evidence_add(user=admin, recommendation=rec_a, url="https://contoh.go.id/a")
    fs.followup_update(user=admin, recommendation=rec_a, action_plan="x", due_date=rec_a.due_date,
                       status="selesai", progress_note="")  # fmt: skip
    assert list(sel.overdue_for(admin, today=TODAY)) == []
    assert list(sel.recommendations_for(admin, overdue=False, today=TODAY)) == [rec_a, rec_b]


def test_filters(rec_a, rec_b, admin, unit_b):
    assert list(sel.recommendations_for(admin, status="belum", unit=unit_b)) == [rec_b]
    assert list(sel.recommendations_for(admin, unit=str(unit_b.uid))) == [rec_b]
    assert list(sel.recommendations_for(admin, unit="bukan-uid")) == []
    assert list(sel.recommendations_for(admin, q="publikasi dipublikasikan")) == [rec_b]
    assert sel.status_counts(admin) == {"belum": 2, "proses": 0, "selesai": 0}


def test_list_query_count_is_pinned(result, admin, unit_a, django_assert_max_num_queries):
    for n in range(12):
        rec = fs.recommendation_add(user=admin, owner=unit_a, text=f"Agar {n}", due_date=None, pemda_result=result)
        fs.followup_evidence_add(user=admin, recommendation=rec, url=f"https://contoh.go.id/{n}")
    admin = type(admin).objects.get(pk=admin.pk)
    with django_assert_max_num_queries(2):  # role assignments + the list
        rows = [(r.owner.name, r.pemda_result.year, r.evidence_count) for r in sel.recommendations_for(admin)]
    assert len(rows) == 12 and rows[0][2] == 1


def test_unit_sees_an_evaluations_recommendations_only_after_publication(
    evaluation_a, evaluator, admin, operator_a, pimpinan, unit_a
):
    rec = fs.recommendation_add(user=evaluator, owner=unit_a, text="Agar IKU ditetapkan.", due_date=None,
                                evaluation=evaluation_a)  # fmt: skip
    assert list(sel.recommendations_for(evaluator)) == [rec]
    assert list(sel.recommendations_for(admin)) == [rec]
    assert list(sel.recommendations_for(operator_a)) == []
    assert list(sel.recommendations_for(pimpinan)) == []
    with pytest.raises(PermissionDenied):
        fs.followup_update(user=operator_a, recommendation=rec, action_plan="x", due_date=None,
                           status="proses", progress_note="")  # fmt: skip
    type(evaluation_a).objects.filter(pk=evaluation_a.pk).update(status="published")
    assert list(sel.recommendations_for(operator_a)) == [rec]
    assert list(sel.recommendations_for(pimpinan)) == [rec]
    fs.followup_update(user=operator_a, recommendation=rec, action_plan="Menetapkan IKU", due_date=None,
                       status="proses", progress_note="")  # fmt: skip
    assert rec.status == "proses"
