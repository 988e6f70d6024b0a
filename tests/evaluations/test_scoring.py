"""Capaian maths of evaluations/scoring.py, table-driven, without a database."""

from decimal import Decimal as D

import pytest

from evaluations import scoring as s
from evaluations.scoring import CapaianRules, Range

T_OVER_R = CapaianRules(negative_method="t_over_r")
BINARY = CapaianRules(zero_target="binary")
NO_CAP = CapaianRules(cap=None)


# --- single comparison ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisation", "target", "polarity", "rules", "expected"),
    [
        # positive: R / T × 100
        (D(80), D(100), "positive", s.DEFAULT_RULES, D(80)),
        (D(100), D(100), "positive", s.DEFAULT_RULES, D(100)),
        (D(150), D(100), "positive", s.DEFAULT_RULES, D(150)),  # over-achievement kept raw
        (D(1), D(3), "positive", s.DEFAULT_RULES, D(100) / D(3)),  # full precision, no rounding
        (D(0), D(50), "positive", s.DEFAULT_RULES, D(0)),
        (D("87.5"), D("92.25"), "positive", s.DEFAULT_RULES, D("8750") / D("92.25")),
        (D(-2), D(5), "positive", s.DEFAULT_RULES, D(0)),  # negative realisation clipped at 0
        (D(-1), D(-2), "positive", s.DEFAULT_RULES, D(150)),  # negative target: measured against |T|
        (D(-2), D(-2), "positive", s.DEFAULT_RULES, D(100)),
        (D(-4), D(-2), "positive", s.DEFAULT_RULES, D(0)),
        # negative, default (2T − R) / T × 100
        (D(10), D(10), "negative", s.DEFAULT_RULES, D(100)),
        (D(8), D(10), "negative", s.DEFAULT_RULES, D(120)),
        (D(0), D(10), "negative", s.DEFAULT_RULES, D(200)),  # R = 0 gives 200 before the cap
        (D(15), D(10), "negative", s.DEFAULT_RULES, D(50)),
        (D(20), D(10), "negative", s.DEFAULT_RULES, D(0)),
        (D(30), D(10), "negative", s.DEFAULT_RULES, D(0)),  # clipped at 0, not −100
        (D(-3), D(-2), "negative", s.DEFAULT_RULES, D(150)),  # negative target, lower is better
        (D(-1), D(-2), "negative", s.DEFAULT_RULES, D(50)),
        # negative, T / R × 100
        (D(5), D(10), "negative", T_OVER_R, D(200)),
        (D(20), D(10), "negative", T_OVER_R, D(50)),
        (D(30), D(10), "negative", T_OVER_R, D(1000) / D(30)),
        (D(0), D(10), "negative", T_OVER_R, D(200)),  # T / R undefined → (2T − R) / T
        (D(-1), D(10), "negative", T_OVER_R, D(210)),
        # zero target
        (D(5), D(0), "positive", s.DEFAULT_RULES, None),
        (D(0), D(0), "negative", s.DEFAULT_RULES, None),
        (D(0), D(0), "positive", BINARY, D(100)),
        (D(3), D(0), "positive", BINARY, D(100)),
        (D(-1), D(0), "positive", BINARY, D(0)),
        (D(0), D(0), "negative", BINARY, D(100)),
        (D(2), D(0), "negative", BINARY, D(0)),
        # missing values
        (None, D(100), "positive", s.DEFAULT_RULES, None),
        (D(5), None, "positive", s.DEFAULT_RULES, None),
        (None, D(0), "negative", BINARY, None),
        # ints are accepted as exact numbers
        (3, 4, "positive", s.DEFAULT_RULES, D(75)),
    ],
)
def test_capaian_formulas(realisation, target, polarity, rules, expected):
    assert s.capaian(realisation, target, polarity=polarity, rules=rules) == expected


@pytest.mark.parametrize(
    ("realisation", "target", "rules", "expected"),
    [
        (D(10), Range(D(10), D(20)), s.DEFAULT_RULES, D(100)),  # inside, bounds inclusive
        (D(15), Range(D(10), D(20)), s.DEFAULT_RULES, D(100)),
        (D(20), Range(D(10), D(20)), s.DEFAULT_RULES, D(100)),
        (D(25), Range(D(10), D(20)), s.DEFAULT_RULES, D(125)),  # above U: R / U
        (D(8), Range(D(10), D(20)), s.DEFAULT_RULES, D(80)),  # below L: R / L
        (D(-5), Range(D(10), D(20)), s.DEFAULT_RULES, D(0)),
        # lower-is-better range mirrors it with the negative method
        (D(8), Range(D(10), D(20), lower_is_better=True), s.DEFAULT_RULES, D(120)),  # (2L − R) / L
        (D(25), Range(D(10), D(20), lower_is_better=True), s.DEFAULT_RULES, D(75)),  # (2U − R) / U
        (D(45), Range(D(10), D(20), lower_is_better=True), s.DEFAULT_RULES, D(0)),
        (D(8), Range(D(10), D(20), lower_is_better=True), T_OVER_R, D(125)),  # L / R
        (D(25), Range(D(10), D(20), lower_is_better=True), T_OVER_R, D(80)),  # U / R
        # a zero bound that R falls beyond follows the zero-target rule
        (D(-1), Range(D(0), D(5)), s.DEFAULT_RULES, None),
        (D(-1), Range(D(0), D(5)), BINARY, D(0)),
        (None, Range(D(10), D(20)), s.DEFAULT_RULES, None),
    ],
)
def test_capaian_range_targets(realisation, target, rules, expected):
    assert s.capaian(realisation, target, polarity="range", rules=rules) == expected


def test_capaian_refuses_floats_and_mismatched_targets():
    with pytest.raises(TypeError):
        s.capaian(0.1, D(1))
    with pytest.raises(TypeError):
        s.capaian(D(1), D(1), polarity="range")
    with pytest.raises(TypeError):
        s.capaian(D(1), Range(D(0), D(2)), polarity="positive")
    with pytest.raises(ValueError):
        s.capaian(D(1), D(1), polarity="sideways")
    with pytest.raises(ValueError):
        Range(D(5), D(1))


# --- period rules --------------------------------------------------------------------------------

Q = [D(25), D(25), D(25), D(25)]  # cumulative quarter targets, annual 100


@pytest.mark.parametrize(
    ("rule", "values", "targets", "annual", "upto", "exp"),
    [
        # cumulative: sum to date against the cumulative target to date and against the annual target
        ("cumulative", [D(20), D(30)], Q, D(100), None, (D(50), D(50), D(100), D(50), (1, 2), ())),
        (
            "cumulative",
            [D(20), D(30), D(40), D(30)],
            Q,
            D(100),
            None,
            (D(120), D(100), D(120), D(120), (1, 2, 3, 4), ()),
        ),
        # a missing period is skipped on both sides, never counted as 0
        ("cumulative", [D(10), None, D(30)], Q, D(100), None, (D(40), D(50), D(80), D(40), (1, 3), (2,))),
        # periods after ``upto`` are ignored; periods up to it that were not given are missing
        ("cumulative", [D(20), D(30), D(40)], Q, D(100), 2, (D(50), D(50), D(100), D(50), (1, 2), ())),
        ("cumulative", [D(20)], Q, D(100), 3, (D(20), D(25), D(80), D(20), (1,), (2, 3))),
        # last value: the latest reported value against that period's target (a level)
        (
            "last",
            [D(60), D(70), None],
            [D(65), D(70), D(75), D(80)],
            D(80),
            3,
            (D(70), D(70), D(100), D("87.5"), (1, 2), (3,)),
        ),
        ("last", [None, D(90)], [D(65), D(70)], D(80), None, (D(90), D(70), D(900) / D(7), D("112.5"), (2,), (1,))),
        # average: mean of reported periods against the mean of their targets
        (
            "average",
            [D(80), None, D(90)],
            [D(80), D(80), D(100)],
            D(90),
            None,
            (D(85), D(90), D(8500) / D(90), D(8500) / D(90), (1, 3), (2,)),
        ),
        (
            "average",
            [D(1), D(2), D(2)],
            [D(3), D(3), D(3)],
            D(3),
            None,
            (D(5) / D(3), D(3), D(5) / D(3) * D(100) / D(3), D(5) / D(3) * D(100) / D(3), (1, 2, 3), ()),
        ),
        # nothing reported: not assessed, never 0
        ("cumulative", [None, None], Q, D(100), None, (None, None, None, None, (), (1, 2))),
        ("last", [], Q, D(100), 2, (None, None, None, None, (), (1, 2))),
        # a reported period without a target: to-date not assessed, annual still compared
        ("cumulative", [D(20), D(30)], [D(25), None], D(100), None, (D(50), None, None, D(50), (1, 2), ())),
        # zero annual target: not assessed by default
        ("last", [D(5)], [D(5)], D(0), None, (D(5), D(5), D(100), None, (1,), ())),
    ],
)
def test_period_rules(rule, values, targets, annual, upto, exp):
    result = s.period_capaian(values, targets, annual, period_rule=rule, upto=upto)
    got = (result.realisation, result.target_to_date, result.to_date, result.annual, result.reported, result.missing)
    assert got == exp


def test_period_rules_negative_polarity_and_ranges():
    accidents = s.period_capaian(
        [D(3), D(2)], [D(5), D(5), D(5), D(5)], D(20), polarity="negative", period_rule="cumulative"
    )
    assert (accidents.to_date, accidents.annual) == (D(150), D(175))  # (2·10 − 5)/10, (2·20 − 5)/20
    ranges = [Range(D(10), D(20)), Range(D(10), D(30))]
    cumulative = s.period_capaian(
        [D(15), D(15)], ranges, Range(D(40), D(100)), polarity="range", period_rule="cumulative"
    )
    assert cumulative.target_to_date == Range(D(20), D(50))
    assert (cumulative.to_date, cumulative.annual) == (D(100), D(75))
    average = s.period_capaian([D(5), D(35)], ranges, Range(D(10), D(25)), polarity="range", period_rule="average")
    assert average.target_to_date == Range(D(10), D(25))
    assert (average.realisation, average.to_date) == (D(20), D(100))
    with pytest.raises(ValueError):
        s.period_capaian([D(1)], [D(1)], D(1), period_rule="median")


# --- cap, categories, kendala --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cap", "expected"),
    [
        (D(200), D(120), D(120)),
        (D("120.01"), D(120), D(120)),
        (D(119), D(120), D(119)),
        (D(115), D(110), D(110)),
        (D("100.5"), D(100), D(100)),
        (D(200), None, D(200)),
        (None, D(120), None),
    ],
)
def test_cap_limits_aggregates_not_the_raw_value(value, cap, expected):
    assert s.capped(value, CapaianRules(cap=cap)) == expected


def test_cap_must_be_one_of_the_options():
    with pytest.raises(s.RulesError, match="Batas atas capaian"):
        CapaianRules(cap=D(150))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (D(250), "sangat_tinggi"),
        (D(91), "sangat_tinggi"),
        (D("91.00"), "sangat_tinggi"),
        (D("90.995"), "sangat_tinggi"),  # rounds half-up to 91.00
        (D("90.994"), "tinggi"),
        (D("90.99"), "tinggi"),
        (D(76), "tinggi"),
        (D("75.99"), "sedang"),
        (D(66), "sedang"),
        (D("65.99"), "rendah"),
        (D(51), "rendah"),
        (D("50.99"), "sangat_rendah"),
        (D(0), "sangat_rendah"),
    ],
)
def test_category_boundaries_on_the_rounded_value(value, code):
    assert s.category(value).code == code


def test_categories_have_labels_and_colours_green_to_red():
    assert [(b.code, b.label, b.colour) for b in s.DEFAULT_BANDS] == [
        ("sangat_tinggi", "Sangat Tinggi", "#107a3c"),
        ("tinggi", "Tinggi", "#5a9e2f"),
        ("sedang", "Sedang", "#c69200"),
        ("rendah", "Rendah", "#d9610b"),
        ("sangat_rendah", "Sangat Rendah", "#b42318"),
    ]
    assert s.category(None) is None


def test_category_bands_come_in_as_data():
    rules = CapaianRules.from_mapping(
        {"category_bands": [["baik", "Baik", "80", "#107a3c"], ["kurang", "Kurang", None, "#b42318"]]}
    )
    assert [s.category(v, rules).code for v in (D(80), D("79.995"), D("79.994"))] == ["baik", "baik", "kurang"]


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ((), "kosong"),
        ((("a", "A", D(50), "#000"),), "tanpa batas bawah agar"),
        ((("a", "A", D(50), "#000"), ("b", "B", D(60), "#000"), ("c", "C", None, "#000")), "menurun"),
        ((("a", "A", D(50), "#000"), ("a", "B", None, "#000")), "berulang"),
        ((("a", "A", None, "#000"), ("b", "B", None, "#000")), "Hanya kategori terakhir"),
    ],
)
def test_invalid_category_tables_are_refused(bands, message):
    with pytest.raises(s.RulesError, match=message):
        CapaianRules(bands=bands)


@pytest.mark.parametrize(
    ("value", "required"),
    [(D("75.99"), True), (D("75.994"), True), (D("75.995"), False), (D(76), False), (D(0), True), (None, False)],
)
def test_kendala_required_below_threshold(value, required):
    assert s.needs_explanation(value) is required


def test_display_rounds_half_up_to_two_decimals():
    assert s.display(D(100) / D(3)) == D("33.33")
    assert str(s.display(D("61.765"))) == "61.77"
    assert str(s.display(D("87.5"))) == "87.50"
    assert s.display(None) is None


# --- aggregation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "weights", "rules", "expected"),
    [
        # (value, assessed, skipped, weighted, weights_incomplete)
        ([D(80), D(90), D(100)], None, s.DEFAULT_RULES, (D(90), 3, 0, False, False)),
        ([D(80), None, D(100), None], None, s.DEFAULT_RULES, (D(90), 2, 2, False, False)),  # skipped, not 0
        ([D(200), D(60)], None, s.DEFAULT_RULES, (D(90), 2, 0, False, False)),  # capped at 120 first
        ([D(200), D(60)], None, NO_CAP, (D(130), 2, 0, False, False)),
        ([D(200), D(60)], None, CapaianRules(cap=D(100)), (D(80), 2, 0, False, False)),
        ([D(1), D(2), D(2)], None, s.DEFAULT_RULES, (D(5) / D(3), 3, 0, False, False)),
        ([None, None], None, s.DEFAULT_RULES, (None, 0, 2, False, False)),
        ([], None, s.DEFAULT_RULES, (None, 0, 0, False, False)),
        # weighted by bobot
        ([D(100), D(50)], [D(3), D(1)], s.DEFAULT_RULES, (D("87.5"), 2, 0, True, False)),
        ([D(100), D(50)], [3, 1], s.DEFAULT_RULES, (D("87.5"), 2, 0, True, False)),
        ([D(130), D(50), None], [D(2), D(1), D(1)], s.DEFAULT_RULES, (D(290) / D(3), 2, 1, True, False)),
        ([D(100), D(40)], [D(1), D(0)], s.DEFAULT_RULES, (D(100), 2, 0, True, False)),  # bobot 0 leaves it out
        ([D(100), None], [D(0), D(5)], s.DEFAULT_RULES, (None, 1, 1, True, False)),
        # bobot on only some: plain mean, flagged
        ([D(100), D(50)], [D(3), None], s.DEFAULT_RULES, (D(75), 2, 0, False, True)),
        ([D(100), None], [None, D(3)], s.DEFAULT_RULES, (D(100), 1, 1, False, True)),
    ],
)
def test_aggregation(values, weights, rules, expected):
    result = s.unit_capaian(values, weights, rules=rules)
    assert (result.value, result.assessed, result.skipped, result.weighted, result.weights_incomplete) == expected


def test_sasaran_is_a_plain_mean_even_when_bobot_exist():
    assert s.sasaran_capaian([D(100), D(50), None]) == s.Aggregate(D(75), 2, 1, False, False)


def test_aggregation_refuses_bad_weights():
    with pytest.raises(ValueError):
        s.aggregate([D(1)], [D(1), D(2)])
    with pytest.raises(ValueError):
        s.aggregate([D(1)], [D(-1)])


# --- configuration -------------------------------------------------------------------------------


def test_defaults_live_in_one_table():
    rules = CapaianRules()
    assert (rules.negative_method, rules.zero_target, rules.cap, rules.kendala_threshold) == (
        "2t_minus_r",
        "not_assessed",
        D(120),
        D(76),
    )
    assert rules == s.DEFAULT_RULES == CapaianRules.from_mapping({}) == CapaianRules.from_mapping(None)


def test_rules_round_trip_through_stored_data():
    rules = CapaianRules(negative_method="t_over_r", zero_target="binary", cap=None, kendala_threshold=D("66.5"))
    assert CapaianRules.from_mapping(rules.to_mapping()) == rules
    assert CapaianRules.from_mapping({"cap": "110"}).cap == D(110)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"negative_method": "r_over_t"}, "Metode polaritas negatif"),
        ({"zero_target": "zero"}, "target nol"),
        ({"cap": "90"}, "Batas atas"),
        ({"colour": "red"}, "tidak dikenal: colour"),
    ],
)
def test_invalid_rules_are_refused_in_indonesian(data, message):
    with pytest.raises(s.RulesError, match=message):
        CapaianRules.from_mapping(data)


def test_period_rules_refuse_float_targets():
    with pytest.raises(TypeError):
        s.period_capaian([D(1)], [0.1], D(1), period_rule="cumulative")
