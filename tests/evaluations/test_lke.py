"""LKE scoring and predicates (evaluations/lke.py), table-driven, without a database."""

import re
from decimal import Decimal as D

import pytest

from evaluations import lke
from evaluations.lke import Component, Criterion, LkeError, Qualifier, SubComponent, Template
from evaluations.predicates import PredicateBand, bands_from_rows, minimum_score
from evaluations.rules_defaults import LAYOUT_88_2021

T2021 = lke.template_from_layout(LAYOUT_88_2021, name="PermenPAN-RB 88/2021")


def all_yes(template=T2021, **overrides):
    answers = {c.code: "Y" for c in template.criteria()}
    answers.update(overrides)
    return answers


# --- templates -----------------------------------------------------------------------------------


def test_the_88_2021_layout_is_valid_with_80_criteria():
    assert lke.template_problems(T2021) == []
    assert len(T2021.criteria()) == 80
    assert [len(s.criteria) for s in T2021.subcomponents()] == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]


def _tpl(component_weights, sub_weights, method="percent_grade", answer_type="yt", criteria=1):
    components = []
    for i, (weight, subs) in enumerate(zip(component_weights, sub_weights, strict=True), start=1):
        subcomponents = tuple(
            SubComponent(
                f"{i}.{j}",
                "x",
                D(w),
                tuple(Criterion(f"{i}.{j}.{k}", answer_type=answer_type) for k in range(1, criteria + 1)),
            )
            for j, w in enumerate(subs, start=1)
        )
        components.append(Component(str(i), f"K{i}", D(weight), subcomponents))
    return Template("t", method, tuple(components))


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (_tpl(["60", "30"], [["60"], ["30"]]), "Jumlah bobot komponen 90, seharusnya 100."),
        (_tpl(["60", "40.5"], [["60"], ["40.5"]]), "Jumlah bobot komponen 100,5, seharusnya 100."),
        (
            _tpl(["30", "70"], [["6", "9", "14"], ["70"]]),
            "Jumlah bobot subkomponen komponen 1 (29) harus sama dengan bobot komponen (30).",
        ),
        (
            _tpl(["15", "85"], [["3", "4.5", "7.6"], ["85"]]),
            "Jumlah bobot subkomponen komponen 1 (15,1) harus sama dengan bobot komponen (15).",
        ),
        (_tpl(["100", "0"], [["100"], ["0"]]), "Bobot komponen 2 harus lebih dari 0."),
        (_tpl(["100"], [["100"]], criteria=0), "Subkomponen 1.1 tidak memiliki kriteria."),
        (_tpl(["100"], [[]]), "Komponen 1 tidak memiliki subkomponen."),
        (_tpl(["100"], [["100"]], method="magic"), "Metode penilaian tidak dikenal: magic."),
        (_tpl(["100"], [["100"]], answer_type="ae"), "tidak dapat dinilai dengan metode percent_grade"),
        (_tpl(["100"], [["100"]], method="criterion_grade"), "tidak dapat dinilai dengan metode criterion_grade"),
        (Template("t", "percent_grade", ()), "Templat harus memiliki paling sedikit satu komponen."),
    ],
)
def test_templates_whose_weights_do_not_add_up_are_refused(template, message):
    with pytest.raises(LkeError) as error:
        lke.validate_template(template)
    assert any(message in m for m in error.value.messages), error.value.messages


def test_template_with_repeated_codes_or_unknown_kind_is_refused():
    sub = SubComponent("1.a", "x", D(100), (Criterion("1.a.1"), Criterion("1.a.1")), kind="lainnya")
    problems = lke.template_problems(Template("t", "percent_grade", (Component("1", "K", D(100), (sub,)),)))
    assert problems == ["Jenis subkomponen 1.a tidak dikenal: lainnya.", "Kode dipakai lebih dari sekali: 1.a.1."]


def test_answer_scale_accepts_y_t_and_a_e():
    assert lke.template_problems(_tpl(["100"], [["100"]], method="answer_scale", answer_type="ae")) == []
    assert lke.template_problems(_tpl(["100"], [["100"]], method="answer_scale")) == []


# --- default method (§6.2) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "kind", "qualifier", "grade"),
    [
        (D(100), "keberadaan", Qualifier(years_kept=5), "AA"),
        (D(100), "keberadaan", Qualifier(years_kept=4), "A"),
        (D(100), "keberadaan", Qualifier(years_kept=1), "A"),
        (D(100), "keberadaan", Qualifier(years_kept=0), "BB"),
        (D(100), "keberadaan", Qualifier(), "BB"),
        (D(100), "keberadaan", Qualifier(innovation="national_model"), "BB"),  # wrong kind: ignored
        (D(100), "kualitas", Qualifier(innovation="national_model"), "AA"),
        (D(100), "pemanfaatan", Qualifier(innovation="national_model"), "AA"),
        (D(100), "kualitas", Qualifier(innovation="extra_effort"), "A"),
        (D(100), "pemanfaatan", Qualifier(years_kept=9), "BB"),
        (D(100), "", Qualifier(innovation="national_model"), "BB"),
        (D("99.99"), "kualitas", Qualifier(innovation="national_model"), "B"),  # qualifiers need 100 %
        (D("87.5"), "pemanfaatan", Qualifier(), "B"),
        (D("75.01"), "", Qualifier(), "B"),
        (D(75), "", Qualifier(), "CC"),
        (D("50.01"), "", Qualifier(), "CC"),
        (D(50), "", Qualifier(), "C"),
        (D("25.01"), "", Qualifier(), "C"),
        (D(25), "", Qualifier(), "D"),
        (D("0.01"), "", Qualifier(), "D"),
        (D(0), "", Qualifier(), "E"),
    ],
)
def test_grade_from_percent_fulfilled(percent, kind, qualifier, grade):
    assert lke.grade_from_percent(percent, kind=kind, qualifier=qualifier) == grade


def test_worked_example_of_the_domain_reference():
    qualifiers = {"1.a": Qualifier(years_kept=1), "1.b": Qualifier(innovation="extra_effort")}
    result = lke.score_template(T2021, all_yes(**{"1.c.8": "T"}), qualifiers)
    one = result.components[0]
    assert [(s.code, s.grade, str(s.display)) for s in one.subcomponents] == [
        ("1.a", "A", "5.40"),
        ("1.b", "A", "8.10"),
        ("1.c", "B", "10.50"),
    ]
    assert one.subcomponents[2].percent == D("87.5")
    assert one.subcomponents[2].fulfilled == 7
    assert str(one.display) == "24.00"
    assert one.weight == D(30)
    # the other components are fully met without qualifiers: BB = 80 % of their weight
    assert [c.score for c in result.components[1:]] == [D(24), D(12), D(20)]
    assert str(result.total) == "80.00"
    assert result.predicate.letter == "BB"  # 80.00 is not above 80
    assert result.unanswered == 0


@pytest.mark.parametrize(
    ("answers", "total", "letter", "unanswered"),
    [
        ({}, D("0.00"), "D", 80),  # nothing answered: every criterion counts as not fulfilled
        ({c.code: "T" for c in T2021.criteria()}, D("0.00"), "D", 0),
        ({c.code: "Y" for c in T2021.criteria()}, D("80.00"), "BB", 0),
        ({c.code: True for c in T2021.criteria()}, D("80.00"), "BB", 0),
        ({c.code: " y " for c in T2021.criteria()}, D("80.00"), "BB", 0),
        # 2 of 3 in 2.a (66.67 % → CC → 6 × 0.6 = 3.6) instead of BB (4.8)
        (all_yes(**{"2.a.3": "T"}), D("78.80"), "BB", 0),
        # 1.b: 10 of 11 (B, 6.3 instead of 7.2) and 4.c unanswered once (4 of 5, 80 % → B, 8.75 instead of 10)
        (all_yes(**{"1.b.1": "T", "4.c.5": None}), D("77.85"), "BB", 1),
    ],
)
def test_default_method_totals(answers, total, letter, unanswered):
    result = lke.score_template(T2021, answers)
    assert (result.total, result.predicate.letter, result.unanswered) == (total, letter, unanswered)


def test_every_qualifier_gives_the_maximum():
    qualifiers = {s.code: Qualifier(years_kept=5, innovation="national_model") for s in T2021.subcomponents()}
    result = lke.score_template(T2021, all_yes(), qualifiers)
    assert (result.total, result.predicate.letter) == (D("100.00"), "AA")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"1.a.1": "X"}, "Jawaban X untuk kriteria 1.a.1 di luar skala (Y/T)."),
        ({"1.a.1": "A"}, "di luar skala"),
        ({"9.z.1": "Y"}, "Kriteria tidak dikenal di templat: 9.z.1."),
    ],
)
def test_answers_outside_the_scale_are_refused(answers, message):
    with pytest.raises(LkeError, match=re.escape(message)):
        lke.score_template(T2021, answers)


def test_unknown_innovation_qualifier_is_refused():
    with pytest.raises(LkeError, match="Kualifikasi inovasi tidak dikenal"):
        Qualifier(innovation="viral")


# --- other methods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grades", "value", "score"),
    [
        (["AA", "AA", "AA", "AA"], D(100), D(6)),
        (["A", "BB", "B", "CC"], D(75), D("4.5")),  # (90 + 80 + 70 + 60) / 4
        (["C", "D", "E", None], D(20), D("1.2")),  # unanswered counts as E
        (["A", "A", "B"], D(250) / D(3), D(5)),  # 6 × 250 / 300, without a rounding step in between
    ],
)
def test_per_criterion_grade_method(grades, value, score):
    sub = SubComponent("1.a", "x", D(6), tuple(Criterion(f"1.a.{i}", answer_type="grade") for i in range(len(grades))))
    answers = {f"1.a.{i}": g for i, g in enumerate(grades)}
    result = lke.score_subcomponent(sub, answers, method="criterion_grade")
    assert (result.value, result.score, result.grade) == (value, score, None)


@pytest.mark.parametrize(
    ("answers", "weight", "score"),
    [
        (["Y", "Y", "T", "T"], D(10), D(5)),
        (["A", "B", "C", "D", "E"], D("12.5"), D("6.25")),  # mean 0.5 × 12.5
        (["A", "B"], D("7.5"), D("6.5625")),  # mean 0.875 × 7.5
        (["Y", "B", None], D(3), D("1.75")),  # mean (1 + 0.75 + 0) / 3 × 3
        (["E", "T"], D(2), D(0)),
    ],
)
def test_answer_scale_mean_times_weight(answers, weight, score):
    criteria = tuple(
        Criterion(f"1.a.{i}", answer_type="yt" if a in ("Y", "T") else "ae") for i, a in enumerate(answers)
    )
    sub = SubComponent("1.a", "x", weight, criteria)
    result = lke.score_subcomponent(sub, {f"1.a.{i}": a for i, a in enumerate(answers)}, method="answer_scale")
    assert result.score == score


def test_12_2015_mean_times_weight_template():
    # Perencanaan 30 (Renstra 2/5/3, annual 4/10/6), Pengukuran 25, Pelaporan 15, Evaluasi 10, Capaian 20
    layout = (
        (
            "1",
            "Perencanaan",
            D(30),
            tuple((f"1.{i}", "", D(w), 2) for i, w in enumerate(["2", "5", "3", "4", "10", "6"])),
        ),
        ("2", "Pengukuran", D(25), (("2.a", "", D(5), 2), ("2.b", "", D("12.5"), 2), ("2.c", "", D("7.5"), 2))),
        ("3", "Pelaporan", D(15), (("3.a", "", D(3), 2), ("3.b", "", D("7.5"), 2), ("3.c", "", D("4.5"), 2))),
        ("4", "Evaluasi Internal", D(10), (("4.a", "", D(2), 2), ("4.b", "", D(5), 2), ("4.c", "", D(3), 2))),
        ("5", "Capaian Kinerja", D(20), (("5.a", "", D("7.5"), 2), ("5.b", "", D("12.5"), 2))),
    )
    template = lke.template_from_layout(layout, name="12/2015", method="answer_scale")
    assert lke.template_problems(template) == []
    answers = {c.code: ("Y" if c.code.endswith(".1") else "T") for c in template.criteria()}
    result = lke.score_template(template, answers)
    assert (result.total, result.predicate.letter) == (D("50.00"), "C")


# --- predicates (§6.4) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        (D(100), "AA"),
        (D("90.01"), "AA"),
        (D("90.005"), "AA"),  # rounds half-up to 90.01 first
        (D("90.004"), "A"),
        (D("90.00"), "A"),
        (D("80.01"), "A"),
        (D(80), "BB"),
        (D("70.01"), "BB"),
        (D(70), "B"),
        (D("61.76"), "B"),  # Kabupaten Langkat 2023
        (D("60.01"), "B"),
        (D(60), "CC"),
        (D("50.01"), "CC"),
        (D(50), "C"),
        (D("30.01"), "C"),
        (D("30.00"), "D"),
        (D("0.01"), "D"),
        (D(0), "D"),
    ],
)
def test_predicate_boundaries_are_exclusive_below(score, letter):
    assert lke.predicate(score).letter == letter


def test_predicate_labels():
    assert [(b.letter, b.label) for b in lke.DEFAULT_PREDICATES] == [
        ("AA", "Sangat Memuaskan"),
        ("A", "Memuaskan"),
        ("BB", "Sangat Baik"),
        ("B", "Baik"),
        ("CC", "Cukup"),
        ("C", "Kurang"),
        ("D", "Sangat Kurang"),
    ]
    assert lke.validate_predicates(lke.DEFAULT_PREDICATES) == lke.DEFAULT_PREDICATES


@pytest.mark.parametrize("score", [D("100.01"), D("-0.01"), D(150)])
def test_scores_outside_the_table_are_refused(score):
    with pytest.raises(LkeError, match="di luar rentang tabel predikat"):
        lke.predicate(score)


def _rows(*rows):
    return bands_from_rows([(a, lo, up, a) for a, lo, up in rows])


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (_rows(("A", 50, 100), ("B", 0, 40)), "Ada celah antara predikat B (sampai 40,00) dan A (di atas 50,00)."),
        (_rows(("A", 50, 100), ("B", 0, 60)), "Predikat B (sampai 60,00) dan A (di atas 50,00) tumpang tindih."),
        (_rows(("A", 50, 100), ("A", 0, 50)), "Predikat A tercantum lebih dari sekali."),
        (
            _rows(("A", 50, 50), ("B", 0, 50)),
            "Batas bawah predikat A (50,00) harus lebih kecil dari batas atasnya (50,00).",
        ),
        (_rows(("A", 50, 100), ("B", 10, 50)), "Tabel predikat harus dimulai dari nilai 0,00."),
        (_rows(("A", 50, 90), ("B", 0, 50)), "Tabel predikat harus mencapai nilai 100,00."),
        ((), "Tabel predikat kosong."),
    ],
)
def test_predicate_tables_with_gaps_overlaps_or_short_coverage_are_refused(bands, message):
    with pytest.raises(LkeError) as error:
        lke.validate_predicates(bands)
    assert message in error.value.messages


def test_gap_and_overlap_checks_are_separate_from_coverage():
    short = _rows(("A", 50, 90), ("B", 10, 50))
    assert lke.overlap_problems(short) == []
    assert len(lke.coverage_problems(short)) == 2
    assert lke.coverage_problems(_rows(("A", 50, 100), ("B", 0, 40))) == []


def test_predicate_table_comes_in_as_data():
    bands = bands_from_rows([("Baik", "75", "100", "Baik"), ("Kurang", "0", "75", "Kurang")])
    assert [lke.predicate(v, bands).letter for v in (D(75), D("75.01"), D(0))] == ["Kurang", "Baik", "Kurang"]


# --- gap to a target predicate -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "target", "minimum", "needed", "current"),
    [
        (D("61.76"), "BB", D("70.01"), D("8.25"), "B"),  # Langkat: 61.76 → B, aiming at BB
        (D("61.76"), "B", D("60.01"), D("0.00"), "B"),  # already there
        (D("85"), "BB", D("70.01"), D("0.00"), "A"),  # already above
        (D("90.00"), "AA", D("90.01"), D("0.01"), "A"),
        (D("29.995"), "C", D("30.01"), D("0.01"), "D"),  # 29.995 rounds to 30.00 (D) first
        (D("12.3"), "D", D(0), D("0.00"), "D"),
    ],
)
def test_points_needed_for_a_target_predicate(score, target, minimum, needed, current):
    gap = lke.predicate_gap(score, target)
    assert (gap.minimum, gap.points_needed, gap.current.letter, gap.target.letter) == (minimum, needed, current, target)


def test_minimum_score_of_the_lowest_band_is_its_lower_bound():
    d_band = lke.DEFAULT_PREDICATES[-1]
    assert minimum_score(d_band) == D(0)
    assert isinstance(d_band, PredicateBand)


def test_gap_lists_subcomponents_with_most_points_available_first():
    result = lke.score_template(T2021, all_yes(**{"1.c.8": "T", "2.a.3": "T"}))
    gap = lke.predicate_gap(result.total, "A", result.subcomponents())
    assert gap.points_needed == D("80.01") - result.total
    assert [(o.code, o.available) for o in gap.opportunities[:6]] == [
        ("1.c", D("4.5")),  # 15 × (1 − 0.7)
        ("2.c", D(3)),  # 15 × (1 − 0.8)
        ("4.c", D("2.5")),
        ("2.a", D("2.4")),  # 6 × (1 − 0.6)
        ("1.b", D("1.8")),
        ("2.b", D("1.8")),
    ]


def test_unknown_target_predicate_is_refused():
    with pytest.raises(LkeError, match="Predikat Z tidak ada"):
        lke.predicate_gap(D(50), "Z")
