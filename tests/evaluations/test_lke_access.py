# ruff: noqa: F811  (fixtures imported from lke_factories)
"""Who sees which LKE worksheet and what of it: selectors, access questions and query counts."""

import pytest
from django.http import Http404

from evaluations import lke_selectors as sel
from evaluations import lke_services as s
from evaluations.lke_models import Evaluation
from tests.evaluations.lke_factories import (  # noqa: F401
    WINDOWS,
    answer_all,
    at,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)
from tests.factories import make_year


@pytest.fixture
def evaluation_b(lke_round, unit_b):
    return fresh(Evaluation.objects.get(round=lke_round, unit=unit_b))


def _publish(ev, operator, evaluator, lead, clock):
    answer_all(ev, operator, "self", "Y")
    s.evaluation_self_submit(user=operator, evaluation=ev)
    clock.move_to(at("evaluation"))
    answer_all(ev, evaluator, "evaluator", lambda c: "T" if c.code.endswith(".1") else "Y")
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    s.evaluation_publish(user=lead, evaluation=ev)
    return fresh(ev)


def _uids(user, **kwargs):
    return {e.uid for e in sel.evaluations_for(user, **kwargs)}


def test_evaluator_sees_only_the_units_of_their_team(evaluation_a, evaluation_b, evaluator, evaluator_lead, pemda):
    assert _uids(evaluator) == {evaluation_a.uid}
    assert sel.evaluation_for(evaluator, evaluation_a.uid) == evaluation_a
    with pytest.raises(Http404):
        sel.evaluation_for(evaluator, evaluation_b.uid)
    # the ketua tim (EVAL_MANAGE) sees every unit, whatever team
    assert _uids(evaluator_lead) == {evaluation_a.uid, evaluation_b.uid}


def test_an_evaluator_outside_the_team_gets_404(evaluation_a, pemda):
    from tests.conftest import _user
    from tests.factories import Role

    outsider = _user(pemda, "evaluator_lain", Role.EVALUATOR)
    assert _uids(outsider) == set()
    with pytest.raises(Http404):
        sel.evaluation_for(outsider, evaluation_a.uid)
    assert not sel.can_view(outsider, evaluation_a)


def test_unit_users_see_only_their_own_unit(evaluation_a, evaluation_b, operator_a, kepala_a, operator_b):
    assert _uids(operator_a) == _uids(kepala_a) == {evaluation_a.uid}
    assert _uids(operator_b) == {evaluation_b.uid}
    with pytest.raises(Http404):
        sel.evaluation_for(operator_b, evaluation_a.uid)


def test_other_pemda_sees_nothing(evaluation_a, other_admin):
    assert _uids(other_admin) == set()
    with pytest.raises(Http404):
        sel.evaluation_for(other_admin, evaluation_a.uid)
    with pytest.raises(Http404):
        sel.evaluation_for(other_admin, "bukan-uid")


def test_unit_sees_the_evaluators_side_only_after_publication(
    evaluation_a, operator_a, evaluator, evaluator_lead, pimpinan, lke_clock
):
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    answer_all(evaluation_a, evaluator, "evaluator", "T")
    ev = fresh(evaluation_a)
    assert not sel.can_see_result(operator_a, ev)
    sheet = sel.worksheet(ev, operator_a)
    assert sheet.result is None and not sheet.show_evaluator
    assert {row.evaluator_answer for row in sheet.rows} == {None}
    assert {row.self_answer for row in sheet.rows} == {"Y"}
    assert all(sub.qualifier is None and sub.score is None for c in sheet.components for sub in c.subcomponents)
    assert sel.can_see_result(evaluator, ev) and sel.worksheet(ev, evaluator).result.total == 0
    assert _uids(pimpinan) == set()  # pimpinan: published results only
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    s.evaluation_publish(user=evaluator_lead, evaluation=ev)
    ev = fresh(ev)
    assert sel.can_see_result(operator_a, ev)
    sheet = sel.worksheet(ev, operator_a)
    assert {row.evaluator_answer for row in sheet.rows} == {"T"} and sheet.result.total == ev.score
    assert _uids(pimpinan) == {ev.uid} and sel.can_see_result(pimpinan, ev)


def test_action_flags_follow_role_status_and_window(
    evaluation_a, operator_a, operator_b, evaluator, evaluator_lead, pimpinan, lke_clock
):
    ev = evaluation_a
    assert sel.can_self_assess(operator_a, ev) and not sel.can_self_assess(operator_b, ev)
    assert not sel.can_self_assess(pimpinan, ev) and not sel.can_score(evaluator, ev)
    lke_clock.move_to(at("evaluation"))
    assert not sel.can_self_assess(operator_a, ev)  # window closed
    s.evaluation_self_submit(user=evaluator_lead, evaluation=ev)  # ketua tim moves it on
    ev = fresh(ev)
    assert sel.can_score(evaluator, ev) and sel.can_score(evaluator_lead, ev) and not sel.can_score(operator_a, ev)
    assert not sel.can_review(evaluator_lead, ev)
    answer_all(ev, evaluator, "evaluator", "Y")
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    ev = fresh(ev)
    assert sel.can_review(evaluator_lead, ev) and not sel.can_review(evaluator, ev)
    assert sel.allowed_actions(evaluator_lead, ev)["publish"] and not sel.allowed_actions(evaluator, ev)["publish"]
    s.evaluation_publish(user=evaluator_lead, evaluation=ev)
    ev = fresh(ev)
    assert not sel.can_respond(operator_a, ev)
    lke_clock.move_to(at("response"))
    assert sel.can_respond(operator_a, ev) and not sel.can_respond(operator_b, ev) and not sel.can_respond(pimpinan, ev)


def test_manage_flags(admin, evaluator_lead, evaluator, operator_a, pimpinan, db):
    assert sel.can_manage(admin) and sel.can_manage(evaluator_lead)
    assert not any(sel.can_manage(u) for u in (evaluator, operator_a, pimpinan))


def test_rounds_for_hides_drafts_from_readers(lke_clock, pemda, lke_template, admin, operator_a, pimpinan, lke_round):
    draft_year = make_year(pemda, 2026, current=False)
    draft = s.round_create(user=admin, fiscal_year=draft_year, template=lke_template, name="Draf", windows=WINDOWS)
    assert set(sel.rounds_for(admin)) == {lke_round, draft}
    assert list(sel.rounds_for(operator_a)) == list(sel.rounds_for(pimpinan)) == [lke_round]


def test_worksheet_query_count_is_fixed(evaluation_a, operator_a, evaluator, django_assert_max_num_queries):
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evidence_add(user=operator_a, answer=evaluation_a.answers.first(), kind="link", url="https://contoh.go.id/a")
    for user in (operator_a, evaluator):
        ev = sel.evaluation_for(user, evaluation_a.uid)
        with django_assert_max_num_queries(12):
            sheet = sel.worksheet(ev, user)
            assert len(sheet.rows) == 80
            assert sum(len(r.evidence) for r in sheet.rows) == 1


def test_evaluation_list_query_count(evaluation_a, evaluator_lead, operator_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = list(sel.evaluations_for(evaluator_lead))
        assert [r.unit.label for r in rows] and all(r.round.fiscal_year.year == 2025 for r in rows)


def test_published_scores_and_history(
    evaluation_a, evaluation_b, operator_a, evaluator, evaluator_lead, pemda, lke_clock
):
    ev = _publish(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock)
    scores = sel.published_scores(pemda, 2025)
    assert [(p.unit, p.score, p.predicate) for p in scores] == [(ev.unit, ev.score, ev.predicate)]
    assert [c["code"] for c in scores[0].components] == ["1", "2", "3", "4"]
    assert sel.published_scores(pemda, 2024) == []
    history = list(sel.score_history(ev))
    assert history[0].changed_by is not None
    assert {h.side for h in history} == {"self", "evaluator"}


def test_linkable_evidence_is_the_units_own_of_the_year(evaluation_a, pemda, unit_b):
    from agreements.models import Agreement

    mine = Agreement.objects.create(pemda=pemda, fiscal_year=evaluation_a.round.fiscal_year, unit=evaluation_a.unit)
    Agreement.objects.create(pemda=pemda, fiscal_year=evaluation_a.round.fiscal_year, unit=unit_b)
    agreements, evidence = sel.linkable_evidence(evaluation_a)
    assert list(agreements) == [mine] and list(evidence) == []


def test_result_visibility_for_lists(
    evaluation_a, evaluation_b, operator_a, evaluator, admin, django_assert_max_num_queries
):
    rows = list(sel.evaluations_for(admin))
    sel.can_manage(evaluator)  # loads the roles
    with django_assert_max_num_queries(1):  # roles already loaded: at most the team lookup
        visible = sel.result_visibility(evaluator)
        assert [visible(ev) for ev in rows] == [ev.pk == evaluation_a.pk for ev in rows]
    assert all(map(sel.result_visibility(admin), rows))
    assert not any(map(sel.result_visibility(operator_a), rows))
