"""Rankings of rewards/ranking.py, table-driven, without a database."""

from decimal import Decimal as D

import pytest

from rewards import ranking as r
from rewards.ranking import RewardsError, UnitMetrics
from sakip.lib.numbers import round_half_up

PD, KEC = "perangkat_daerah", "kecamatan"


def unit(key, akip=None, capaian=None, on_time=None, previous=None, category=PD):
    def dec(value):
        return None if value is None else D(str(value))

    return UnitMetrics(key, f"Unit {key}", category, dec(akip), dec(capaian), dec(on_time), dec(previous))


def ranks(ranking):
    return [(entry.unit_key, entry.rank, entry.score) for entry in ranking.entries]


# --- weights -------------------------------------------------------------------------------------


def test_default_weights_are_50_35_15():
    assert r.validate_weights(r.DEFAULT_WEIGHTS) == {"akip": D(50), "capaian": D(35), "ketepatan_waktu": D(15)}


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"akip": 100}, {"akip": D(100), "capaian": D(0), "ketepatan_waktu": D(0)}),  # absent -> 0
        (
            {"akip": "33.5", "capaian": "33.5", "ketepatan_waktu": 33},
            {"akip": D("33.5"), "capaian": D("33.5"), "ketepatan_waktu": D(33)},
        ),
        ({"akip": 0, "capaian": 0, "ketepatan_waktu": 100}, {"akip": D(0), "capaian": D(0), "ketepatan_waktu": D(100)}),
    ],
)
def test_valid_weights(weights, expected):
    assert r.validate_weights(weights) == expected


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"akip": 50, "capaian": 35, "ketepatan_waktu": 10}, "Jumlah bobot harus 100 (sekarang 95,00)."),
        ({"akip": 60, "capaian": 35, "ketepatan_waktu": 15}, "Jumlah bobot harus 100 (sekarang 110,00)."),
        ({"akip": 110, "capaian": -10}, "Bobot capaian tidak boleh negatif."),
        ({"akip": 50, "capaian": "lima puluh"}, "Bobot capaian harus berupa angka."),
        ({"akip": 50, "capaian": "NaN"}, "Bobot capaian harus berupa angka."),
        ({"akip": True}, "Bobot nilai AKIP harus berupa angka."),
        ({"akip": 50, "anggaran": 50}, "Metrik “anggaran” tidak dikenal"),
        ({}, "Jumlah bobot harus 100 (sekarang 0,00)."),
    ],
)
def test_invalid_weights_are_refused_in_indonesian(weights, message):
    with pytest.raises(RewardsError) as error:
        r.validate_weights(weights)
    assert any(m.startswith(message) for m in error.value.messages), error.value.messages
    assert isinstance(error.value, ValueError)


def test_rank_composite_refuses_bad_weights():
    with pytest.raises(RewardsError):
        r.rank_composite([unit("a", 80)], {"akip": 90})


# --- normalisation and composite -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "value", "cap", "expected"),
    [
        ("capaian", D(120), D(120), D(100)),
        ("capaian", D(90), D(120), D(75)),
        ("capaian", D(150), D(120), D(100)),  # capped
        ("capaian", D(-5), D(120), D(0)),
        ("capaian", D(100), D(110), D(10000) / D(110)),
        ("capaian", D(105), None, D(100)),  # no cap: scale at 100
        ("capaian", D(80), None, D(80)),
        ("akip", D("61.76"), D(120), D("61.76")),
        ("ketepatan_waktu", D("87.5"), D(120), D("87.5")),
        ("akip", None, D(120), None),
    ],
)
def test_normalise(metric, value, cap, expected):
    assert r.normalise(metric, value, cap) == expected


def test_composite_breakdown_with_default_weights():
    # 80 × 0.50 + (90 / 120 × 100 = 75) × 0.35 + 60 × 0.15 = 40 + 26.25 + 9 = 75.25
    ranking = r.rank_composite([unit("a", 80, 90, 60)])
    entry = ranking.entries[0]
    assert (entry.rank, entry.score, entry.renormalised) == (1, D("75.25"), False)
    parts = {p.metric: p for p in entry.breakdown}
    assert parts["capaian"].value == D(90) and parts["capaian"].normalised == D(75)
    assert parts["capaian"].weight == D(35) and parts["capaian"].contribution == D("26.25")
    assert parts["akip"].contribution == D(40) and parts["ketepatan_waktu"].contribution == D(9)
    assert sum(p.contribution for p in entry.breakdown) == entry.score


def test_composite_rounds_half_up_to_two_decimals():
    # 0.5 × 61.765 = 30.8825 ; capaian 0 ; timeliness 0.15 × 0.01 = 0.0015 -> 30.884 -> 30.88
    assert r.rank_composite([unit("a", "61.765", 0, "0.01")]).entries[0].score == D("30.88")
    # 0.5 × 0.01 = 0.005 -> 0.01 (half-up, not banker's 0.00)
    assert r.rank_composite([unit("a", "0.01", 0, 0)]).entries[0].score == D("0.01")


@pytest.mark.parametrize(
    ("row", "score", "missing"),
    [
        # capaian missing: AKIP 50/65, timeliness 15/65 -> 80 × 50/65 + 60 × 15/65 = 75.3846… -> 75.38
        (unit("a", 80, None, 60), D("75.38"), {"capaian"}),
        # only AKIP: weight 100 -> the AKIP score itself
        (unit("a", "72.5"), D("72.50"), {"capaian", "ketepatan_waktu"}),
        # AKIP missing: capaian 35/50, timeliness 15/50 -> 100 × 0.7 + 40 × 0.3 = 82
        (unit("a", None, 120, 40), D("82.00"), {"akip"}),
    ],
)
def test_missing_metric_renormalises_the_weights_and_is_flagged(row, score, missing):
    entry = r.rank_composite([row]).entries[0]
    assert entry.score == score and entry.renormalised
    flagged = {p.metric for p in entry.breakdown if p.missing}
    assert flagged == missing
    assert all(p.effective_weight == 0 and p.contribution == 0 for p in entry.breakdown if p.missing)
    assert round_half_up(sum(p.effective_weight for p in entry.breakdown), 10) == 100


def test_unit_missing_a_metric_the_others_have_is_not_ranked_above_them():
    # b was not evaluated: re-normalising only its weights (capaian 100, on time 100 -> 100) would put
    # it above a, which was; it is left unranked instead
    rows = [unit("a", 80, 120, 100), unit("b", None, 120, 100), unit("c", 60, 90, 80)]
    ranking = r.rank_composite(rows)
    assert ranks(ranking) == [("a", 1, D("90.00")), ("c", 2, D("68.25"))]
    assert ranking.unranked == ("b",)
    assert not any(e.renormalised for e in ranking.entries)


def test_metric_no_unit_has_yet_is_left_out_for_everyone():
    # before the evaluation is published nobody has an AKIP score: capaian and timeliness decide
    rows = [unit("a", None, 120, 40), unit("b", None, 60, 100)]
    ranking = r.rank_composite(rows)
    # a: 100 × 0.7 + 40 × 0.3 = 82 ; b: 50 × 0.7 + 100 × 0.3 = 65
    assert ranks(ranking) == [("a", 1, D("82.00")), ("b", 2, D("65.00"))]
    assert all(e.renormalised for e in ranking.entries) and ranking.unranked == ()


def test_unit_without_any_weighted_metric_is_not_ranked():
    rows = [unit("a", 70), unit("b"), unit("c", None, 90)]
    ranking = r.rank_composite(rows, {"akip": 100})
    assert ranks(ranking) == [("a", 1, D("70.00"))]
    assert ranking.unranked == ("b", "c")


def test_zero_weight_metric_does_not_count_even_when_missing():
    entry = r.rank_composite([unit("a", 80, None, 60)], {"akip": 80, "ketepatan_waktu": 20}).entries[0]
    assert entry.score == D("76.00") and not entry.renormalised


# --- ties and ranking style ----------------------------------------------------------------------


def test_tie_break_order_and_competition_ranking():
    rows = [
        unit("e", 70, 60, 60),  # composite 35 + 17.5 + 9 = 61.50
        unit("d", 60, 90, 40),  # 30 + 26.25 + 6 = 62.25
        unit("c", 60, 90, 40),  # identical to d: shares rank, listed by code
        unit("b", 64, "79.69", "51.26"),  # 32 + 23.244… + 7.689 = 62.93 (rounded)
        unit("a", 70, 78, 40),  # 35 + 22.75 + 6 = 63.75
        unit("f", 61, 60, 100),  # 30.5 + 17.5 + 15 = 63.00
    ]
    ranking = r.rank_composite(rows)
    assert ranks(ranking) == [
        ("a", 1, D("63.75")),
        ("f", 2, D("63.00")),
        ("b", 3, D("62.93")),
        ("c", 4, D("62.25")),
        ("d", 4, D("62.25")),
        ("e", 6, D("61.50")),
    ]


AKIP_ONLY = {"akip": 100}


@pytest.mark.parametrize(
    ("rows", "weights", "expected"),
    [
        # equal composite 60.00 (30 + 21 + 9 = 25 + 35 + 0): higher AKIP wins
        ([unit("b", 50, 120, 0), unit("a", 60, 72, 60)], None, [("a", 1), ("b", 2)]),
        # equal composite and AKIP: higher (capped) capaian wins
        ([unit("a", 40, 60, 100), unit("b", 40, 120, 0)], AKIP_ONLY, [("b", 1), ("a", 2)]),
        # capaian 130 and 120 are both 120 after the cap: the on-time rate decides
        ([unit("a", 40, 130, 0), unit("b", 40, 120, 100)], AKIP_ONLY, [("b", 1), ("a", 2)]),
        # equal composite, AKIP and capaian: higher on-time rate wins
        ([unit("a", 40, 60, 10), unit("b", 40, 60, 90)], AKIP_ONLY, [("b", 1), ("a", 2)]),
        # all equal: shared rank, listed by unit code
        ([unit("b", 40, 60, 90), unit("a", 40, 60, 90)], AKIP_ONLY, [("a", 1), ("b", 1)]),
        # a missing tie-break value is below a present one
        ([unit("a", 40, None, 90), unit("b", 40, 60, 90)], AKIP_ONLY, [("b", 1), ("a", 2)]),
    ],
)
def test_tie_break(rows, weights, expected):
    ranking = r.rank_composite(rows, weights)
    assert len({e.score for e in ranking.entries}) == 1  # the composite itself is tied
    assert [(e.unit_key, e.rank) for e in ranking.entries] == expected


def test_tie_break_compares_rounded_values():
    # composite 60.00 for both, AKIP 60.004 and 60.001 both round to 60.00 -> shared rank
    rows = [unit("b", "60.004", 50, 50), unit("a", "60.001", 50, 50)]
    ranking = r.rank_composite(rows, {"akip": 100})
    assert [(e.unit_key, e.rank) for e in ranking.entries] == [("a", 1), ("b", 1)]


def test_composite_equal_after_rounding_goes_to_tie_break():
    # 80.004 vs 79.996 both composite 80.00 (AKIP only); tie-break on rounded AKIP too -> shared
    rows = [unit("a", "79.996"), unit("b", "80.004")]
    assert [(e.unit_key, e.rank) for e in r.rank_composite(rows, {"akip": 100}).entries] == [("a", 1), ("b", 1)]


# --- single metric -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "expected", "unranked"),
    [
        # b and c tie on AKIP 70: capaian breaks it (c has 95, b none)
        ("akip", [("a", 1, D("80.00")), ("c", 2, D("70.00")), ("b", 3, D("70.00"))], ("d",)),
        # capaian ranked on the capped value: 150 and 125 both 120 -> AKIP decides
        ("capaian", [("a", 1, D("120.00")), ("d", 2, D("120.00")), ("c", 3, D("95.00"))], ("b",)),
        ("ketepatan_waktu", [("b", 1, D("100.00")), ("a", 2, D("50.00"))], ("c", "d")),
    ],
)
def test_rank_by_metric(metric, expected, unranked):
    rows = [
        unit("a", 80, 150, 50),
        unit("b", 70, None, 100),
        unit("c", 70, 95, None),
        unit("d", None, 125, None),
    ]
    ranking = r.rank_by_metric(rows, metric)
    assert ranks(ranking) == expected
    assert ranking.unranked == unranked
    assert ranking.entries[0].breakdown[0].metric == metric


def test_rank_by_metric_unknown_metric():
    with pytest.raises(RewardsError) as error:
        r.rank_by_metric([unit("a", 80)], "anggaran")
    assert "tidak dikenal" in error.value.messages[0]


# --- categories ----------------------------------------------------------------------------------


def test_per_category_rankings():
    rows = [
        unit("pd1", 80, category=PD),
        unit("kec1", 60, category=KEC),
        unit("pd2", 90, category=PD),
        unit("kec2", 75, category=KEC),
    ]
    rankings = r.per_category(r.rank_composite, rows, {"akip": 100})
    assert [(x.category, [e.unit_key for e in x.entries]) for x in rankings] == [
        (KEC, ["kec2", "kec1"]),
        (PD, ["pd2", "pd1"]),
    ]
    assert r.ranks_by_unit(rankings) == {"kec2": 1, "kec1": 2, "pd2": 1, "pd1": 2}
    ordered = r.per_category(r.rank_by_metric, rows, "akip", order=[PD, KEC])
    assert [x.category for x in ordered] == [PD, KEC]
    assert r.entries_by_unit(ordered)["kec1"].rank == 2


# --- most improved -------------------------------------------------------------------------------


def test_most_improved():
    rows = [
        unit("a", 70, previous=60),  # +10
        unit("b", 75, previous=65),  # +10, higher current score -> first
        unit("c", 80, previous=79),  # +1
        unit("d", 60, previous=70),  # −10, still ranked (last)
        unit("e", 90),  # no previous score: excluded
        unit("f", None, previous=50),  # no current score: excluded
        unit("g", "70.004", previous="60.001"),  # rounded 70.00 − 60.00 = +10, same current as a -> shares
    ]
    ranking = r.rank_most_improved(rows)
    assert ranks(ranking) == [
        ("b", 1, D("10.00")),
        ("a", 2, D("10.00")),
        ("g", 2, D("10.00")),
        ("c", 4, D("1.00")),
        ("d", 5, D("-10.00")),
    ]
    assert ranking.unranked == ("e", "f")
    parts = {p.metric: p.value for p in ranking.entries[0].breakdown}
    assert parts == {"akip": D(75), "akip_sebelumnya": D(65), "kenaikan_akip": D("10.00")}


def test_most_improved_per_category():
    rows = [unit("a", 70, previous=60), unit("k", 50, previous=45, category=KEC)]
    rankings = r.per_category(r.rank_most_improved, rows)
    assert [(x.category, ranks(x)) for x in rankings] == [(KEC, [("k", 1, D("5.00"))]), (PD, [("a", 1, D("10.00"))])]


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([unit("a", 101)], "Nilai AKIP unit a (101,00) di luar rentang yang diizinkan."),
        ([unit("a", -1)], "Nilai AKIP unit a (-1,00) di luar rentang yang diizinkan."),
        ([unit("a", 50, on_time="100.5")], "Ketepatan waktu unit a (100,50) di luar rentang yang diizinkan."),
        ([unit("a", 50, capaian=-3)], "Capaian unit a (-3,00) di luar rentang yang diizinkan."),
        ([unit("a", 50, previous=120)], "Nilai AKIP tahun sebelumnya unit a (120,00) di luar rentang yang diizinkan."),
        ([unit("a", 50), unit("a", 60)], "Unit a tercantum lebih dari sekali."),
    ],
)
def test_bad_rows_are_refused(rows, message):
    with pytest.raises(RewardsError) as error:
        r.rank_composite(rows)
    assert error.value.messages == [message]


def test_boundaries_are_accepted():
    rows = [unit("a", 0, 0, 0, 0), unit("b", 100, 500, 100, 100)]
    assert ranks(r.rank_composite(rows)) == [("b", 1, D("100.00")), ("a", 2, D("0.00"))]


def test_empty_input_gives_empty_ranking():
    ranking = r.rank_composite([])
    assert ranking.entries == () and ranking.unranked == () and r.per_category(r.rank_composite, []) == ()
