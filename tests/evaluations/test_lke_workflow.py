# ruff: noqa: F811  (fixtures imported from lke_factories)
"""The whole LKE workflow of one unit with a frozen clock: stage windows decide what is allowed."""

from decimal import Decimal

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
