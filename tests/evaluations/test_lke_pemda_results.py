"""The Pemda's own KemenPAN-RB results: predicate from the score, component scores, trend sentence, gap."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluations import lke_admin_selectors as sel
from evaluations import lke_followup_services as fs
from evaluations import lke_template_services as ts
from evaluations.lke_models import PemdaResult, PemdaResultScore, Recommendation
from evaluations.lke_template import LkeError

D = Decimal

# 61,76 = 19,50 + 18,00 + 9,76 + 14,50; component 1 split into its sub-components.
SCORES_6176 = [
    {"level": "component", "code": "1", "name": "Perencanaan Kinerja", "weight": D(30), "score": D("19.50")},
    {"level": "subcomponent", "code": "1.a", "name": "Keberadaan", "weight": D(6), "score": D("4.80")},
    {"level": "subcomponent", "code": "1.b", "name": "Kualitas", "weight": D(9), "score": D("6.30")},
    {"level": "subcomponent", "code": "1.c", "name": "Pemanfaatan", "weight": D(15), "score": D("8.40")},
    {"level": "component", "code": "2", "name": "Pengukuran Kinerja", "weight": D(30), "score": D("18.00")},
    {"level": "component", "code": "3", "name": "Pelaporan Kinerja", "weight": D(15), "score": D("9.76")},
    {"level": "component", "code": "4", "name": "Evaluasi Internal", "weight": D(25), "score": D("14.50")},
]


def _save(user, pemda, year=2023, score="61,76", **kwargs):
    kwargs.setdefault("scores", SCORES_6176)
    return fs.pemda_result_save(user=user, pemda=pemda, year=year, score=score, **kwargs)


def test_the_langkat_example_61_76_is_b_and_needs_8_25_points_for_bb(pemda, admin):
    result = _save(admin, pemda, target_predicate="bb", letter_number="B/123/M.AA.05/2023")
    assert (result.score, result.predicate, result.target_predicate) == (D("61.76"), "B", "BB")
    assert result.scores.count() == 7
    gap = sel.pemda_gap(PemdaResult.objects.prefetch_related("scores").get(pk=result.pk), "BB")
    assert (gap.current.letter, gap.minimum, gap.points_needed) == ("B", D("70.01"), D("8.25"))
    # sub-components where they were recorded, the component otherwise; most points first
    assert [(o.code, o.available) for o in gap.opportunities] == [
        ("2", D("12.00")),
        ("4", D("10.50")),
        ("1.c", D("6.60")),
        ("3", D("5.24")),
        ("1.b", D("2.70")),
        ("1.a", D("1.20")),
    ]
    assert sel.gap_sentence(gap) == "Untuk predikat BB diperlukan nilai paling sedikit 70,01: kurang 8,25 poin."
    assert sel.gap_sentence(sel.pemda_gap(result, "B")) == "Predikat B sudah tercapai."


@pytest.mark.parametrize(
    ("score", "letter"), [("70", "B"), ("70.01", "BB"), ("30", "D"), ("30.01", "C"), ("100", "AA")]
)
def test_predicate_boundaries_are_exclusive_below(pemda, admin, score, letter):
    assert _save(admin, pemda, score=score, scores=[]).predicate == letter


def test_the_years_predicate_table_decides(pemda, admin):
    rows = [list(r) for r in ts.predicate_rows_for(pemda, 2024)]
    rows[2][1], rows[3][2] = D(60), D(60)  # BB from above 60
    rows[3][1], rows[4][2] = D(55), D(55)
    ts.predicate_table_save(user=admin, pemda=pemda, year=2024, rows=rows)
    assert _save(admin, pemda, year=2024).predicate == "BB"
    assert _save(admin, pemda, year=2023).predicate == "B"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({0: {"score": D("30.50")}}, "Nilai 1 (30,50) tidak boleh negatif atau melebihi bobotnya (30)."),
        (
            {1: {"score": D("4.90")}},
            "Jumlah nilai subkomponen komponen 1 (19,60) tidak sama dengan nilai komponennya (19,50).",
        ),
        ({4: {"score": D("18.50")}}, "Jumlah nilai komponen (62,26) tidak sama dengan nilai total (61,76)."),
        ({4: {"code": "1"}}, "Kode 1 tercantum lebih dari sekali."),
        ({4: {"score": "banyak"}}, "Nilai 2 harus berupa angka (mis. 61,76)."),
    ],
)
def test_inconsistent_component_scores_are_refused(pemda, admin, change, message):
    scores = [dict(s) for s in SCORES_6176]
    for index, values in change.items():
        scores[index].update(values)
    with pytest.raises(ValidationError) as exc:
        _save(admin, pemda, scores=scores)
    assert message in exc.value.message_dict["scores"]
    assert not PemdaResult.objects.exists() and not PemdaResultScore.objects.exists()


def test_sub_component_rounding_within_one_hundredth_is_accepted(pemda, admin):
    scores = [dict(s) for s in SCORES_6176]
    scores[3]["score"] = D("8.41")  # 19.51 against 19.50
    assert _save(admin, pemda, scores=scores).predicate == "B"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"score": "100,5"}, "score"),
        ({"score": "61,765"}, "score"),
        ({"target_predicate": "Z"}, "target_predicate"),
    ],
)
def test_bad_totals_and_targets_are_refused(pemda, admin, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        _save(admin, pemda, **{"scores": [], **kwargs})
    assert field in exc.value.message_dict


def test_one_result_per_year_and_corrections_replace_the_scores(pemda, admin):
    result = _save(admin, pemda)
    with pytest.raises(ValidationError) as exc:
        _save(admin, pemda)
    assert exc.value.message_dict["year"] == ["Hasil evaluasi tahun 2023 sudah dicatat; ubah data yang ada."]
    corrected = _save(admin, pemda, score="58,00", scores=[], result=result, notes="Koreksi")
    assert corrected.pk == result.pk and corrected.predicate == "CC"
    result.refresh_from_db()
    assert (result.score, result.notes, result.scores.count()) == (D("58.00"), "Koreksi", 0)


@pytest.mark.parametrize("persona", ["operator_a", "evaluator", "pimpinan", "other_admin"])
def test_only_managers_record_results(request, pemda, persona):
    with pytest.raises(PermissionDenied):
        _save(request.getfixturevalue(persona), pemda)


def test_team_lead_records_results(pemda, evaluator_lead):
    assert _save(evaluator_lead, pemda).predicate == "B"


def _years(admin, pemda, values):
    for year, score in values:
        _save(admin, pemda, year=year, score=score, scores=[])


def test_trend_oldest_first_with_the_streak_sentence(pemda, admin):
    _years(admin, pemda, [(2025, "65,10"), (2023, "61,20"), (2024, "63,45"), (2021, "55,00")])
    trend = sel.pemda_trend(pemda)
    assert [r.year for r in trend.results] == [2021, 2023, 2024, 2025]
    assert trend.sentence == "Predikat B tiga tahun berturut-turut (2023–2025)"
    results, sentence = trend
    assert results[-1] == trend.latest and sentence == trend.sentence


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        ([(2024, "61,00"), (2025, "71,00")], "Predikat naik dari B menjadi BB pada tahun 2025"),
        ([(2024, "71,00"), (2025, "61,00")], "Predikat turun dari BB menjadi B pada tahun 2025"),
        ([(2022, "61,00"), (2024, "62,00")], "Predikat B pada tahun 2024"),  # a year missing: no streak
        ([(2025, "61,00")], "Predikat B pada tahun 2025"),
        ([], ""),
    ],
)
def test_trend_sentences(pemda, admin, values, sentence):
    _years(admin, pemda, values)
    assert sel.pemda_trend(pemda).sentence == sentence


def test_results_are_readable_by_every_role_of_the_pemda_only(pemda, admin, operator_a, pimpinan, other_admin):
    _save(admin, pemda)
    assert sel.pemda_results_for(pimpinan).count() == 1
    assert sel.pemda_results_for(operator_a).count() == 1
    assert sel.pemda_results_for(other_admin).count() == 0


def test_gap_refuses_an_unknown_target(pemda, admin):
    with pytest.raises(LkeError):
        sel.pemda_gap(_save(admin, pemda), "X")


def test_delete_is_refused_once_recommendations_are_followed_up(pemda, admin, unit_a):
    result = _save(admin, pemda)
    rec = fs.recommendation_add(
        user=admin, owner=unit_a, text="Agar IKU ditetapkan", due_date=None, pemda_result=result
    )
    fs.followup_evidence_add(user=admin, recommendation=rec, title="Keputusan IKU", url="https://contoh.go.id/iku")
    with pytest.raises(ValidationError):
        fs.pemda_result_delete(user=admin, result=result)
    Recommendation.objects.filter(pk=rec.pk).delete()
    fs.pemda_result_delete(user=admin, result=result)
    assert not PemdaResult.objects.exists()
