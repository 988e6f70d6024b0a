# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE services: rounds, teams, answers on the scale, qualifiers, notes, evidence and history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations import lke_services as s
from evaluations.lke_models import (
    AnswerEvidence,
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    LkeSubComponent,
    ScoreChange,
)
from sakip.core.models import Unit
from tests.evaluations.lke_factories import (  # noqa: F401
    WINDOWS,
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
    make_template,
)
from tests.factories import UnitFactory, make_year

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _messages(exc) -> str:
    return " ".join(exc.value.messages)


# --- rounds ----------------------------------------------------------------------------------


def test_round_open_creates_worksheets_for_units_but_not_the_inspektorat(
    lke_clock, pemda, year, lke_template, admin, unit_a, unit_b
):
    UnitFactory(pemda=pemda, name="Inspektorat", code="6.01.01", type=Unit.Type.INSPEKTORAT)
    round = s.round_create(user=admin, fiscal_year=year, template=lke_template, name="Evaluasi 2025", windows=WINDOWS)
    assert round.status == EvaluationRound.Status.DRAFT
    assert s.round_open(user=admin, round=round) == 2
    assert s.round_open(user=admin, round=round) == 0  # idempotent
    assert set(Evaluation.objects.filter(round=round).values_list("unit_id", flat=True)) == {unit_a.pk, unit_b.pk}
    assert CriterionAnswer.objects.filter(evaluation__round=round).count() == 2 * 80
    lke_template.refresh_from_db()
    assert lke_template.is_frozen
    round.refresh_from_db()
    assert round.status == EvaluationRound.Status.OPEN and round.opened_by == admin


def test_round_create_refuses_bad_windows_second_round_and_non_managers(
    lke_clock, year, lke_template, admin, evaluator, operator_a
):
    bad = {**WINDOWS, "evaluation": (dt.date(2025, 4, 30), dt.date(2025, 4, 1))}
    with pytest.raises(ValidationError) as exc:
        s.round_create(user=admin, fiscal_year=year, template=lke_template, name="X", windows=bad)
    assert "tanggal mulai" in _messages(exc)
    early = {**WINDOWS, "review": (dt.date(2025, 2, 1), dt.date(2025, 5, 15))}
    with pytest.raises(ValidationError) as exc:
        s.round_create(user=admin, fiscal_year=year, template=lke_template, name="X", windows=early)
    assert "tidak lebih awal" in _messages(exc)
    missing = {k: v for k, v in WINDOWS.items() if k != "response"}
    with pytest.raises(ValidationError, match="belum diisi"):
        s.round_create(user=admin, fiscal_year=year, template=lke_template, name="X", windows=missing)
    for user in (evaluator, operator_a):
        with pytest.raises(PermissionDenied):
            s.round_create(user=user, fiscal_year=year, template=lke_template, name="X", windows=WINDOWS)
    s.round_create(user=admin, fiscal_year=year, template=lke_template, name="X", windows=WINDOWS)
    with pytest.raises(ValidationError, match="sudah ada"):
        s.round_create(user=admin, fiscal_year=year, template=lke_template, name="Y", windows=WINDOWS)
    assert EvaluationRound.objects.count() == 1


def test_round_create_refuses_inactive_or_broken_template(lke_clock, pemda, year, admin):
    inactive = make_template(pemda, family="lama")
    inactive.is_active = False
    inactive.save()
    with pytest.raises(ValidationError, match="tidak aktif"):
        s.round_create(user=admin, fiscal_year=year, template=inactive, name="X", windows=WINDOWS)
    broken = make_template(pemda, family="rusak")
    LkeSubComponent.objects.filter(component__template=broken, code="1.a").update(weight=Decimal(7))
    with pytest.raises(ValidationError, match="bobot"):
        s.round_create(user=admin, fiscal_year=year, template=broken, name="X", windows=WINDOWS)


def test_ketua_tim_may_run_a_round(lke_clock, year, lke_template, evaluator_lead):
    round = s.round_create(
        user=evaluator_lead, fiscal_year=year, template=lke_template, name="Evaluasi 2025", windows=WINDOWS
    )
    assert round.pk


def test_round_update_windows_and_template_only_while_draft(lke_round, pemda, admin):
    new_windows = {"response": (dt.date(2025, 5, 16), dt.date(2025, 6, 30))}
    s.round_update(user=admin, round=lke_round, windows=new_windows, name="Evaluasi AKIP 2025 (revisi)")
    lke_round.refresh_from_db()
    assert lke_round.response_end == dt.date(2025, 6, 30) and lke_round.name.endswith("(revisi)")
    other = make_template(pemda, family="lain")
    with pytest.raises(ValidationError, match="sebelum putaran dibuka"):
        s.round_update(user=admin, round=lke_round, template=other)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        s.round_update(user=admin, round=lke_round, status="closed")


def test_round_close_refuses_while_a_worksheet_is_not_final(lke_round, admin):
    with pytest.raises(ValidationError) as exc:
        s.round_close(user=admin, round=lke_round)
    assert "Dinkes" in _messages(exc)
    Evaluation.objects.filter(round=lke_round).update(status=Evaluation.Status.FINAL)
    s.round_close(user=admin, round=lke_round)
    lke_round.refresh_from_db()
    assert lke_round.status == EvaluationRound.Status.CLOSED


# --- teams -----------------------------------------------------------------------------------


def test_team_members_must_be_evaluators(lke_round, admin, evaluator_lead, operator_a, evaluator):
    with pytest.raises(ValidationError, match="Bukan evaluator"):
        s.team_save(user=admin, round=lke_round, name="Tim A", lead=evaluator_lead, members=[operator_a])
    team = s.team_save(user=admin, round=lke_round, name="Tim A", lead=evaluator_lead, members=[evaluator])
    with pytest.raises(ValidationError, match="sudah dipakai"):
        s.team_save(user=admin, round=lke_round, name="tim a", lead=evaluator, members=[])
    with pytest.raises(PermissionDenied):
        s.team_save(user=evaluator, round=lke_round, name="Tim B", lead=evaluator, members=[])
    team = s.team_save(user=admin, round=lke_round, name="Tim A1", lead=evaluator_lead, members=[evaluator], team=team)
    assert team.name == "Tim A1" and list(team.members.all()) == [evaluator]


def test_team_assign_and_delete(lke_round, admin, evaluator_lead, evaluator, unit_a, unit_b, pemda):
    team = s.team_save(user=admin, round=lke_round, name="Tim A", lead=evaluator_lead, members=[evaluator])
    assert s.team_assign(user=admin, team=team, units=[unit_a, unit_b]) == 2
    stranger = UnitFactory(pemda=pemda, name="Dinas Baru", code="9.99.99")
    with pytest.raises(ValidationError, match="tidak termasuk"):
        s.team_assign(user=admin, team=team, units=[stranger])
    s.team_delete(user=admin, team=team)
    assert not Evaluation.objects.filter(round=lke_round, team__isnull=False).exists()


# --- answers ---------------------------------------------------------------------------------


def test_self_answer_rescores_and_logs_history(evaluation_a, operator_a):
    c = criterion(evaluation_a, "1.a.1")
    s.answer_self(user=operator_a, evaluation=evaluation_a, criterion=c, answer="y", note="Renstra 2021–2026")
    row = answers_of(evaluation_a)["1.a.1"]
    assert row.self_answer == "Y" and row.self_note == "Renstra 2021–2026" and row.self_answered_by == operator_a
    ev = fresh(evaluation_a)
    assert ev.self_score is not None and ev.score is None
    changes = list(ScoreChange.objects.filter(evaluation=ev).order_by("id"))
    assert [(c.criterion_id is not None, c.side, c.old_value, c.new_value) for c in changes][0] == (
        True,
        "self",
        "",
        "Y",
    )
    assert changes[1].criterion is None and changes[1].new_value == str(ev.self_score)
    s.answer_self(user=operator_a, evaluation=evaluation_a, criterion=c, answer="")
    assert answers_of(evaluation_a)["1.a.1"].self_answer == ""


def test_answer_outside_the_scale_is_refused_and_nothing_saved(evaluation_a, operator_a):
    c = criterion(evaluation_a, "1.a.1")
    with pytest.raises(ValidationError) as exc:
        s.answer_self(user=operator_a, evaluation=evaluation_a, criterion=c, answer="B")
    assert "di luar skala (Y/T)" in _messages(exc)
    assert answers_of(evaluation_a)["1.a.1"].self_answer == ""
    assert not ScoreChange.objects.exists()


def test_answer_to_a_criterion_of_another_template_is_refused(evaluation_a, operator_a, pemda):
    other = make_template(pemda, family="lain")
    foreign = other.components.first().subcomponents.first().criteria.first()
    with pytest.raises(ValidationError, match="tidak ada di templat"):
        s.answer_self(user=operator_a, evaluation=evaluation_a, criterion=foreign, answer="Y")


def test_only_the_units_own_users_self_assess(evaluation_a, operator_b, evaluator, pimpinan, admin):
    c = criterion(evaluation_a, "1.a.1")
    for user in (operator_b, evaluator, pimpinan, admin):
        with pytest.raises(PermissionDenied):
            s.answer_self(user=user, evaluation=evaluation_a, criterion=c, answer="Y")


def test_qualifier_lifts_a_fully_met_subcomponent(evaluation_a, operator_a, evaluator, lke_clock):
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    answer_all(evaluation_a, evaluator, "evaluator", "Y")
    assert fresh(evaluation_a).score == Decimal("80.00")
    sub = LkeSubComponent.objects.get(component__template=evaluation_a.round.template, code="1.a")
    s.qualifier_set(user=evaluator, evaluation=evaluation_a, subcomponent=sub, years_kept=5)
    # 1.a (weight 6) goes from BB (80 %) to AA (100 %): +1.2 points
    assert fresh(evaluation_a).score == Decimal("81.20")
    result = s.evaluation_result(evaluation_a)
    assert result.components[0].subcomponents[0].grade == "AA"
    with pytest.raises(ValidationError):
        s.qualifier_set(user=evaluator, evaluation=evaluation_a, subcomponent=sub, innovation="juara")
    s.qualifier_set(user=evaluator, evaluation=evaluation_a, subcomponent=sub)
    assert fresh(evaluation_a).score == Decimal("80.00")
    comp = evaluation_a.round.template.components.get(code="1")
    note = s.component_note_set(user=evaluator, evaluation=evaluation_a, component=comp, note="Renstra lengkap.")
    assert note.note == "Renstra lengkap."
    assert s.component_note_set(user=evaluator, evaluation=evaluation_a, component=comp, note="") is None


def test_evaluation_result_self_side_ignores_qualifiers(evaluation_a, operator_a):
    answer_all(evaluation_a, operator_a, "self", lambda c: "Y" if c.code.startswith("1.") else "T")
    result = s.evaluation_result(evaluation_a, side="self")
    assert result.unanswered == 0
    assert result.components[0].display == Decimal("24.00")  # 30 × 80 %
    assert s.evaluation_result(evaluation_a).unanswered == 80


# --- evidence --------------------------------------------------------------------------------


def test_evidence_upload_link_and_delete(evaluation_a, operator_a, operator_b):
    answer = answers_of(evaluation_a)["1.a.1"]
    upload = SimpleUploadedFile("renstra.pdf", PDF, content_type="application/pdf")
    row = s.evidence_add(user=operator_a, answer=answer, kind="file", file=upload)
    assert row.title == "renstra.pdf" and row.content_type == "application/pdf" and row.size == len(PDF)
    fake = SimpleUploadedFile("palsu.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    with pytest.raises(ValidationError, match="bukan PDF"):
        s.evidence_add(user=operator_a, answer=answer, kind="file", file=fake)
    link = s.evidence_add(user=operator_a, answer=answer, kind="link", url="https://contoh.go.id/renstra")
    with pytest.raises(ValidationError):
        s.evidence_add(user=operator_a, answer=answer, kind="link", url="bukan tautan")
    with pytest.raises(PermissionDenied):
        s.evidence_add(user=operator_b, answer=answer, kind="link", url="https://contoh.go.id/x")
    s.evidence_delete(user=operator_a, evidence=link)
    assert list(AnswerEvidence.objects.values_list("pk", flat=True)) == [row.pk]


def test_evidence_must_be_the_units_own_agreement(evaluation_a, operator_a, pemda, unit_b):
    from agreements.models import Agreement

    answer = answers_of(evaluation_a)["1.a.1"]
    theirs = Agreement.objects.create(pemda=pemda, fiscal_year=evaluation_a.round.fiscal_year, unit=unit_b)
    with pytest.raises(ValidationError, match="Perjanjian Kinerja unit ini"):
        s.evidence_add(user=operator_a, answer=answer, kind="agreement", agreement=theirs)
    ours = Agreement.objects.create(pemda=pemda, fiscal_year=evaluation_a.round.fiscal_year, unit=evaluation_a.unit)
    row = s.evidence_add(user=operator_a, answer=answer, kind="agreement", agreement=ours)
    assert row.agreement == ours and "2025" in row.title
    old_year = make_year(pemda, 2024, current=False)
    old = Agreement.objects.create(pemda=pemda, fiscal_year=old_year, unit=evaluation_a.unit)
    with pytest.raises(ValidationError):
        s.evidence_add(user=operator_a, answer=answer, kind="agreement", agreement=old)


def test_answers_save_checks_everything_first_then_writes_once(evaluation_a, operator_a, evaluator, lke_clock):
    with pytest.raises(ValidationError) as exc:
        s.answers_save(user=operator_a, evaluation=evaluation_a, side="self", answers={"1.a.1": "Y", "1.a.2": "Q"})
    assert "1.a.2" in _messages(exc)
    with pytest.raises(ValidationError, match="9.9.9"):
        s.answers_save(user=operator_a, evaluation=evaluation_a, side="self", answers={"9.9.9": "Y"})
    assert not ScoreChange.objects.exists()
    codes = list(answers_of(evaluation_a))
    changed = s.answers_save(
        user=operator_a, evaluation=evaluation_a, side="self", answers=dict.fromkeys(codes, "Y"), notes={"1.a.1": "Ada"}
    )
    assert changed == 80
    ev = fresh(evaluation_a)
    assert ev.self_score == Decimal("80.00")
    assert ScoreChange.objects.filter(evaluation=ev, side="self", criterion__isnull=False).count() == 80
    assert answers_of(ev)["1.a.1"].self_note == "Ada"
    assert answers_of(ev)["1.a.1"].history.first().self_answer == "Y"  # history kept for bulk writes too
    with pytest.raises(PermissionDenied):
        s.answers_save(user=evaluator, evaluation=ev, side="self", answers={"1.a.1": "T"})
    with pytest.raises(ValidationError, match="belum mengirim"):
        s.answers_save(user=evaluator, evaluation=ev, side="evaluator", answers={"1.a.1": "T"})
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    lke_clock.move_to(at("evaluation"))
    s.answers_save(
        user=evaluator,
        evaluation=ev,
        side="evaluator",
        answers=dict.fromkeys(codes, "T"),
        recommendations={"1.a.1": "Agar menyusun Renstra."},
    )
    ev = fresh(ev)
    assert ev.score == Decimal("0.00") and answers_of(ev)["1.a.1"].recommendation == "Agar menyusun Renstra."


def test_evidence_links_a_realisation_file_of_the_unit_and_year(evaluation_a, operator_a, operator_b, unit_b, year):
    from evaluations import services as realisation
    from tests.evaluations.realisation_factories import indicators_of, signed_pk

    def evidence_of(unit, user):
        pk = signed_pk(year, unit, count=1)
        report = realisation.report_get_or_create(unit=unit, period=year.periods.get(kind="month", number=2), by=user)
        row = realisation.realisation_save(
            report=report, indicator=indicators_of(pk)[0], value=5, kendala=None, upaya=None, reason="", by=user
        )
        upload = SimpleUploadedFile("bukti-februari.pdf", PDF, content_type="application/pdf")
        return realisation.evidence_add(realisation=row, uploaded_file=upload, by=user)

    mine, theirs = evidence_of(evaluation_a.unit, operator_a), evidence_of(unit_b, operator_b)
    answer = answers_of(evaluation_a)["2.a.1"]
    with pytest.raises(ValidationError, match="bukti realisasi unit ini"):
        s.evidence_add(user=operator_a, answer=answer, kind="realisation", realisation_evidence=theirs)
    row = s.evidence_add(user=operator_a, answer=answer, kind="realisation", realisation_evidence=mine)
    assert row.realisation_evidence == mine and row.title == "bukti-februari.pdf"
    from evaluations import lke_selectors

    assert list(lke_selectors.linkable_evidence(evaluation_a)[1]) == [mine]
