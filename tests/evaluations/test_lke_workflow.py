# ruff: noqa: F811  (fixtures imported from lke_factories)
"""The whole LKE workflow of one unit with a frozen clock: stage windows decide what is allowed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations import lke_services as s
from evaluations.lke_models import Evaluation, Recommendation, ScoreChange
from sakip.core.models import Notification
from tests.evaluations.lke_factories import (  # noqa: F401
    AFTER_ALL,
    answer_all,
    answers_of,
    at,
    criterion,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)

Status = Evaluation.Status


def _to_review(ev, operator_a, evaluator, lke_clock, answer="Y"):
    answer_all(ev, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    lke_clock.move_to(at("evaluation"))
    answer_all(ev, evaluator, "evaluator", answer)
    s.evaluation_submit_review(user=evaluator, evaluation=ev)


def test_full_journey_to_final(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock):
    ev = evaluation_a
    answer_all(ev, operator_a, "self", "Y")
    ev = fresh(ev)
    assert ev.self_score == Decimal("80.00") and ev.self_predicate == "BB"
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    assert ev.status == Status.EVALUATING
    lke_clock.move_to(at("evaluation"))
    answer_all(ev, evaluator, "evaluator", lambda c: "T" if c.code.startswith("1.a") else "Y")
    s.answer_evaluate(
        user=evaluator,
        evaluation=ev,
        criterion=criterion(ev, "1.a.1"),
        answer="T",
        recommendation="Agar menyusun Renstra.",
    )
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    lke_clock.move_to(at("review"))
    s.evaluation_publish(user=evaluator_lead, evaluation=ev)
    ev = fresh(ev)
    assert ev.status == Status.PUBLISHED
    assert ev.lhe_number == "700/LHE-AKIP/001"
    assert ev.result["total"] == str(ev.score)
    assert [c["code"] for c in ev.result["components"]] == ["1", "2", "3", "4"]
    rec = Recommendation.objects.get(evaluation=ev)
    assert rec.owner_id == ev.unit_id and rec.component_code == "1"
    assert (rec.due_date - ev.lhe_date).days == 90
    assert Notification.objects.filter(user=operator_a, title__contains="diterbitkan").exists()
    lke_clock.move_to(at("response"))
    s.evaluation_respond(user=operator_a, evaluation=ev, text="Renstra sudah ada, mohon dinilai ulang.")
    s.answer_evaluate(user=evaluator, evaluation=ev, criterion=criterion(ev, "1.a.1"), answer="Y")
    assert fresh(ev).score == ev.score  # still the published score until resolved
    s.evaluation_resolve_response(user=evaluator, evaluation=ev, outcome="revised", note="Bukti diterima.")
    ev = fresh(ev)
    assert ev.status == Status.FINAL
    assert ScoreChange.objects.filter(evaluation=ev, criterion=None, side="evaluator").exists()


# --- stage windows ---------------------------------------------------------------------------


def test_stage_state_in_the_pemda_time_zone(lke_round, lke_clock):
    assert s.STAGES == ("self", "evaluation", "review", "response")
    assert s.stage_window(lke_round, "review") == (dt.date(2025, 5, 1), dt.date(2025, 5, 15))
    assert s.stage_state(lke_round, "self") == "open"
    assert s.stage_state(lke_round, "evaluation") == "upcoming"
    assert s.stage_state(lke_round, "self", today=dt.date(2025, 4, 1)) == "closed"
    # 31 March 2025 23:30 WITA is 15:30 UTC: still the self stage in Banjar
    lke_clock.move_to(dt.datetime(2025, 3, 31, 15, 30, tzinfo=dt.UTC))
    assert s.stage_open(lke_round, "self")
    # 1 April 00:30 WITA (31 March 16:30 UTC): closed although it is still 31 March in UTC
    lke_clock.move_to(dt.datetime(2025, 3, 31, 16, 30, tzinfo=dt.UTC))
    assert not s.stage_open(lke_round, "self")
    assert s.stage_open(lke_round, "evaluation")


def test_self_answer_after_the_stage_closed_is_refused(evaluation_a, operator_a, lke_clock):
    lke_clock.move_to(at("evaluation"))
    with pytest.raises(ValidationError) as exc:
        s.answer_self(user=operator_a, evaluation=evaluation_a, criterion=criterion(evaluation_a, "1.a.1"), answer="Y")
    assert exc.value.messages == ["Tahap penilaian mandiri sudah ditutup pada 31 Maret 2025."]
    assert answers_of(evaluation_a)["1.a.1"].self_answer == ""


def test_evaluator_cannot_start_before_the_evaluation_stage(evaluation_a, operator_a, evaluator, lke_clock):
    c = criterion(evaluation_a, "1.a.1")
    with pytest.raises(ValidationError, match="belum mengirim"):
        s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=c, answer="Y")
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    with pytest.raises(ValidationError) as exc:
        s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=c, answer="Y")
    assert exc.value.messages == ["Tahap evaluasi baru dibuka pada 1 April 2025."]
    lke_clock.move_to(at("review"))
    with pytest.raises(ValidationError, match="sudah ditutup pada 30 April 2025"):
        s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=c, answer="Y")


def test_self_submit_lists_the_unanswered_criteria(evaluation_a, operator_a):
    answer_all(evaluation_a, operator_a, "self", lambda c: "" if c.code in ("2.b.3", "4.c.5") else "T")
    with pytest.raises(ValidationError) as exc:
        s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    assert exc.value.messages[0].endswith("belum dijawab: 2.b.3, 4.c.5.")
    assert fresh(evaluation_a).status == Status.SELF


def test_manager_moves_an_incomplete_self_assessment_on_after_the_stage(evaluation_a, admin, operator_a, lke_clock):
    with pytest.raises(ValidationError, match="belum lengkap"):
        s.evaluation_self_submit(user=admin, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    with pytest.raises(ValidationError, match="sudah ditutup"):
        s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    s.evaluation_self_submit(user=admin, evaluation=evaluation_a)
    assert fresh(evaluation_a).status == Status.EVALUATING


def test_submit_review_needs_every_evaluator_answer(evaluation_a, operator_a, evaluator, lke_clock):
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    answer_all(evaluation_a, evaluator, "evaluator", lambda c: "" if c.code == "3.c.7" else "Y")
    with pytest.raises(ValidationError, match="3.c.7"):
        s.evaluation_submit_review(user=evaluator, evaluation=evaluation_a)


def test_only_the_lead_reviews_returns_and_publishes(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock):
    _to_review(evaluation_a, operator_a, evaluator, lke_clock)
    c = criterion(evaluation_a, "1.a.1")
    with pytest.raises(ValidationError, match="hanya ketua tim"):
        s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=c, answer="T")
    for action in (
        lambda u: s.evaluation_return(user=u, evaluation=evaluation_a, note="Perbaiki 1.a"),
        lambda u: s.evaluation_publish(user=u, evaluation=evaluation_a),
    ):
        with pytest.raises(PermissionDenied):
            action(evaluator)
        with pytest.raises(PermissionDenied):
            action(operator_a)
    with pytest.raises(ValidationError, match="catatan reviu"):
        s.evaluation_return(user=evaluator_lead, evaluation=evaluation_a, note=" ")
    lke_clock.move_to(at("review"))
    s.evaluation_return(user=evaluator_lead, evaluation=evaluation_a, note="Periksa lagi bukti 1.a.1.")
    assert fresh(evaluation_a).status == Status.EVALUATING
    # returned after the evaluation window: the team may still fix it during the review window
    s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=c, answer="T", note="Bukti tidak sah.")
    s.evaluation_submit_review(user=evaluator, evaluation=evaluation_a)
    s.answer_evaluate(user=evaluator_lead, evaluation=evaluation_a, criterion=c, answer="Y")  # lead may adjust
    s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a, lhe_date=dt.date(2025, 5, 5))
    ev = fresh(evaluation_a)
    assert ev.status == Status.PUBLISHED and ev.lhe_date == dt.date(2025, 5, 5)
    assert ev.score == Decimal("80.00") and ev.predicate == "BB"


def test_publish_after_the_review_window_is_refused(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock):
    _to_review(evaluation_a, operator_a, evaluator, lke_clock)
    lke_clock.move_to(at("response"))
    with pytest.raises(ValidationError, match="reviu ketua tim sudah ditutup pada 15 Mei 2025"):
        s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a)


def test_lhe_numbers_follow_each_other(
    lke_round, lke_team, admin, operator_a, operator_b, evaluator, evaluator_lead, unit_b, lke_clock
):
    ev_a = fresh(Evaluation.objects.get(round=lke_round, unit__code="1.02.01"))
    ev_b = fresh(Evaluation.objects.get(round=lke_round, unit=unit_b))
    s.team_assign(user=admin, team=lke_team, units=[unit_b])
    ev_b = fresh(ev_b)
    answer_all(ev_a, operator_a, "self", "Y")
    answer_all(ev_b, operator_b, "self", "T")
    s.evaluation_self_submit(user=operator_a, evaluation=ev_a)
    s.evaluation_self_submit(user=operator_b, evaluation=ev_b)
    lke_clock.move_to(at("evaluation"))
    answer_all(ev_a, evaluator, "evaluator", "Y")
    answer_all(ev_b, evaluator, "evaluator", "T")
    s.evaluation_submit_review(user=evaluator, evaluation=ev_a)
    s.evaluation_submit_review(user=evaluator, evaluation=ev_b)
    s.round_update(user=admin, round=lke_round, lhe_number_prefix="700.1.2/{no}/LHE-AKIP/ITDA/2025")
    s.evaluation_publish(user=evaluator_lead, evaluation=ev_b)
    s.evaluation_publish(user=admin, evaluation=ev_a)
    assert (fresh(ev_b).lhe_number, fresh(ev_a).lhe_number) == (
        "700.1.2/001/LHE-AKIP/ITDA/2025",
        "700.1.2/002/LHE-AKIP/ITDA/2025",
    )
    assert fresh(ev_b).predicate == "D" and fresh(ev_b).score == Decimal("0.00")


def test_response_only_within_its_window_and_finalize_rules(
    evaluation_a, operator_a, evaluator, evaluator_lead, admin, lke_team, lke_clock
):
    _to_review(evaluation_a, operator_a, evaluator, lke_clock)
    s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a)
    with pytest.raises(ValidationError, match="tanggapan unit baru dibuka pada 16 Mei 2025"):
        s.evaluation_respond(user=operator_a, evaluation=evaluation_a, text="Keberatan")
    with pytest.raises(PermissionDenied):  # a member, not the lead
        s.evaluation_finalize(user=evaluator, evaluation=evaluation_a)
    # a lead without EVAL_MANAGE waits for the response window to close
    s.team_save(user=admin, round=lke_team.round, name=lke_team.name, lead=evaluator, members=[], team=lke_team)
    ev = fresh(evaluation_a)
    with pytest.raises(ValidationError, match="setelah masa tanggapan berakhir pada 31 Mei 2025"):
        s.evaluation_finalize(user=evaluator, evaluation=ev)
    lke_clock.move_to(AFTER_ALL)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        s.evaluation_respond(user=operator_a, evaluation=ev, text="Keberatan")
    s.evaluation_finalize(user=evaluator, evaluation=ev)
    assert fresh(evaluation_a).status == Status.FINAL


def test_manager_may_finalize_at_any_time(evaluation_a, operator_a, evaluator, evaluator_lead, admin, lke_clock):
    _to_review(evaluation_a, operator_a, evaluator, lke_clock)
    s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a)
    s.evaluation_finalize(user=admin, evaluation=evaluation_a)
    assert fresh(evaluation_a).status == Status.FINAL


def test_resolve_kept_leaves_the_published_result(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock):
    _to_review(evaluation_a, operator_a, evaluator, lke_clock)
    s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a)
    frozen = fresh(evaluation_a).result
    lke_clock.move_to(at("response"))
    s.evaluation_respond(user=operator_a, evaluation=evaluation_a, text="Mohon ditinjau.")
    s.answer_evaluate(user=evaluator, evaluation=evaluation_a, criterion=criterion(evaluation_a, "2.a.1"), answer="T")
    with pytest.raises(ValidationError):
        s.evaluation_resolve_response(user=evaluator, evaluation=evaluation_a, outcome="maybe", note="x")
    s.evaluation_resolve_response(user=evaluator, evaluation=evaluation_a, outcome="kept", note="Nilai tetap.")
    ev = fresh(evaluation_a)
    assert ev.status == Status.FINAL and ev.result == frozen and ev.score == Decimal("80.00")
