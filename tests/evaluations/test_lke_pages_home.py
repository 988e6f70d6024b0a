# ruff: noqa: F811  (fixtures imported from lke_factories)
"""Home-page tasks of the LKE evaluation: the unit's self-assessment and published result, the
evaluator's worksheets to score, the lead's reviews, results ready to be final; fixed query counts."""

import pytest
from django.urls import reverse

from evaluations import lke_services as s
from sakip.core.home import tasks_for
from tests.evaluations.lke_factories import (  # noqa: F401
    AFTER_ALL,
    answer_all,
    at,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)

pytestmark = pytest.mark.django_db


def titles(user) -> list[str]:
    return [t.title for t in tasks_for(user)]


def lke(user):
    return [t for t in tasks_for(user) if "LKE" in t.title or "evaluasi AKIP" in t.title]


def test_unit_sees_self_assessment_to_submit(operator_a, operator_b, evaluation_a):
    answer_all(evaluation_a, operator_a, "self", lambda c: "Y" if c.code.startswith("1.a") else "")
    [task] = lke(operator_a)
    assert task.title == "Penilaian mandiri LKE 2025 belum diajukan (batas 31 Maret 2025)"
    assert "6 dari 80 kriteria dijawab" in task.detail
    assert task.url == reverse("evaluations:lke_worksheet", args=[evaluation_a.uid])
    assert not [t for t in lke(operator_b) if "Dinkes" in t.detail]


def test_no_self_task_once_the_window_closed(operator_a, evaluation_a, lke_clock):
    lke_clock.move_to(at("evaluation"))
    assert not lke(operator_a)


def _to_review(ev, operator_a, evaluator, lke_clock):
    answer_all(ev, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    lke_clock.move_to(at("evaluation"))


def test_evaluator_and_lead_tasks_follow_the_workflow(
    operator_a, evaluator, evaluator_lead, evaluation_a, lke_clock, django_assert_max_num_queries
):
    ev = evaluation_a
    _to_review(ev, operator_a, evaluator, lke_clock)
    assert "1 lembar kerja LKE menunggu penilaian Anda" in titles(evaluator)
    with django_assert_max_num_queries(12):
        tasks_for(evaluator)
    answer_all(ev, evaluator, "evaluator", "Y")
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    lke_clock.move_to(at("review"))
    assert "1 lembar kerja LKE menunggu reviu Anda" in titles(evaluator_lead)
    assert not [t for t in titles(evaluator) if "LKE" in t]
    s.evaluation_publish(user=evaluator_lead, evaluation=ev)
    [task] = lke(operator_a)
    assert task.title.startswith("Hasil evaluasi AKIP 2025 diterbitkan: nilai 80,00 (BB)")
    assert "31 Mei 2025" in task.detail
    lke_clock.move_to(AFTER_ALL)
    assert "1 hasil LKE siap ditetapkan final" in titles(evaluator_lead)
    assert not lke(operator_a)


def test_pimpinan_and_other_pemda_get_no_lke_tasks(pimpinan, other_admin, evaluation_a):
    assert not lke(pimpinan) and not lke(other_admin)
