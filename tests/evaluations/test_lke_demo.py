"""Demo LKE: two closed rounds with every unit final, one round under way with units at every
stage, spread predicates, recommendations; deterministic and idempotent."""

import datetime as dt
from collections import Counter

import pytest
import time_machine

from evaluations import lke_selectors as sel
from evaluations.lke_models import AnswerEvidence, Evaluation, EvaluationRound, Recommendation
from sakip.core.demo import run_demo
from sakip.core.models import Pemda, User

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_lke_rounds_are_complete_spread_and_idempotent():
    with time_machine.travel(dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC), tick=False):
        run_demo()
        pemda = Pemda.objects.get(name="Kabupaten Banjar")
        rounds = {
            r.fiscal_year.year: r for r in EvaluationRound.objects.filter(pemda=pemda).select_related("fiscal_year")
        }
        assert set(rounds) == {2024, 2025, 2026}
        assert rounds[2024].status == rounds[2025].status == "closed" and rounds[2026].status == "open"
        assert rounds[2025].self_start == dt.date(2026, 2, 3)
        for year in (2024, 2025):
            evaluations = list(Evaluation.objects.filter(round=rounds[year]))
            assert len(evaluations) >= 20 and {e.status for e in evaluations} == {"final"}
            assert all(e.lhe_number and e.result.get("components") for e in evaluations)
            assert len({e.lhe_number for e in evaluations}) == len(evaluations)
            assert f"/001/LHE-AKIP/ITDA/{year + 1}" in {e.lhe_number[7:] for e in evaluations}
            assert all(e.self_score is not None for e in evaluations)
            predicates = Counter(e.predicate for e in evaluations)
            assert {"A", "BB", "B", "CC", "C"} <= set(predicates), predicates
            assert {e.response_outcome for e in evaluations} >= {"revised", "kept"}
        assert "A" in {e.predicate for e in Evaluation.objects.filter(round__in=[rounds[2024], rounds[2025]])}
        assert all(e.published_at.date() < dt.date(2026, 5, 1) for e in Evaluation.objects.filter(round=rounds[2025]))
        current = Counter(Evaluation.objects.filter(round=rounds[2026]).values_list("status", flat=True))
        assert {"self", "evaluating", "review", "published", "responded"} <= set(current), current
        assert Recommendation.objects.filter(evaluation__round=rounds[2024]).count() >= 20
        assert AnswerEvidence.objects.filter(answer__evaluation__round=rounds[2025], kind="agreement").exists()
        dinkes_2026 = AnswerEvidence.objects.filter(answer__evaluation__round=rounds[2026], kind="realisation")
        assert dinkes_2026.get().realisation_evidence.original_name == "rekap-oktober.pdf"
        scores_2025 = sel.published_scores(pemda, 2025)
        assert scores_2025[0].score > scores_2025[-1].score
        evaluator = User.objects.get(username="evaluator")
        mine = sel.evaluations_for(evaluator, round=rounds[2026])
        assert 0 < mine.count() < Evaluation.objects.filter(round=rounds[2026]).count()
        dinkes = Evaluation.objects.get(round=rounds[2026], unit__short_name="Dinkes")
        assert dinkes.status == "published"
        count = Evaluation.objects.count()
        again = run_demo()
    assert again.created["putaran evaluasi"] == 0 and Evaluation.objects.count() == count
