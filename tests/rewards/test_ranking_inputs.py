"""Rankings and rules on the issue #9 inputs, pure (no database): normalisation of an assessment from its
type's range, weights naming further metrics, the composite with them (like-with-like rule,
breakdown) and the rule vocabulary (``penilaian_<code>``, ``kepatuhan_kewajiban``,
``kewajiban_tidak_dipenuhi``), table-driven."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from rewards import rules as r
from rewards.ranking import (
    MetricSpec,
    RewardsError,
    UnitMetrics,
    normalise,
    rank_composite,
    scale_to_100,
    validate_weights,
)
from rewards.rules import Snapshot, UnitSnapshot
from rewards.rules_defaults import rule_metric_kind

IKM = MetricSpec("penilaian_ikm", "IKM", D(0), D(100))
SPIP = MetricSpec("penilaian_spip", "Maturitas SPIP", D(0), D(5))
WAIT = MetricSpec("penilaian_waktu_tunggu", "Waktu tunggu (hari)", D(1), D(31), higher_is_better=False)
OBLIG = MetricSpec("kepatuhan_kewajiban", "Kepatuhan kewajiban", unit="%")
SPECS = (IKM, SPIP, WAIT, OBLIG)


@pytest.mark.parametrize(
    ("value", "low", "high", "higher", "expected"),
    [
        ("3", "0", "5", True, "60"),  # SPIP level 3 of 5
        ("5", "0", "5", True, "100"),
        ("0", "0", "5", True, "0"),
        ("88.31", "0", "100", True, "88.31"),  # IKM as is
        ("120", "0", "100", True, "100"),  # clipped above
        ("-3", "0", "100", True, "0"),  # clipped below
        ("1", "1", "31", False, "100"),  # lower is better: the best value is 100
        ("31", "1", "31", False, "0"),
        ("16", "1", "31", False, "50"),
        ("2.5", "1", "4", True, "50"),  # a range not starting at 0
    ],
)
def test_scale_to_100(value, low, high, higher, expected):
    assert scale_to_100(D(value), D(low), D(high), higher) == D(expected)


def test_scale_to_100_none_and_bad_range():
    assert scale_to_100(None, D(0), D(5)) is None
    with pytest.raises(RewardsError):
        scale_to_100(D(1), D(5), D(5))


@pytest.mark.parametrize(
    ("metric", "value", "expected"),
    [("penilaian_spip", "4", "80"), ("penilaian_waktu_tunggu", "7", "80"), ("kepatuhan_kewajiban", "75", "75")],
)
def test_normalise_further_metric(metric, value, expected):
    assert normalise(metric, D(value), specs=SPECS) == D(expected)


def test_normalise_unknown_metric_refused():
    with pytest.raises(RewardsError, match="tidak dikenal"):
        normalise("penilaian_lain", D(1), specs=SPECS)


# --- weights ----------------------------------------------------------------------------------------


def test_weights_with_further_metrics():
    checked = validate_weights(
        {"akip": 40, "capaian": 30, "ketepatan_waktu": 10, "penilaian_ikm": 10, "kepatuhan_kewajiban": 10}, SPECS
    )
    assert checked == {
        "akip": D(40),
        "capaian": D(30),
        "ketepatan_waktu": D(10),
        "penilaian_ikm": D(10),
        "kepatuhan_kewajiban": D(10),
    }
    # a further metric at 0 is left out; the base three are always there
    assert validate_weights({"akip": 50, "capaian": 35, "ketepatan_waktu": 15, "penilaian_ikm": 0}, SPECS) == {
        "akip": D(50),
        "capaian": D(35),
        "ketepatan_waktu": D(15),
    }


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            {"akip": 50, "capaian": 35, "ketepatan_waktu": 5, "penilaian_ikm": 5},
            "Jumlah bobot harus 100 (sekarang 95,00)",
        ),
        ({"akip": 90, "penilaian_lain": 10}, "Metrik “penilaian_lain” tidak dikenal"),
        ({"akip": 110, "penilaian_ikm": -10}, "Bobot IKM tidak boleh negatif"),
        ({"akip": 90, "kepatuhan_kewajiban": "x"}, "Bobot Kepatuhan kewajiban harus berupa angka"),
    ],
)
def test_weights_refused(weights, message):
    with pytest.raises(RewardsError) as error:
        validate_weights(weights, SPECS)
    assert any(message in m for m in error.value.messages), error.value.messages


def test_further_metric_unknown_without_its_spec():
    with pytest.raises(RewardsError):
        validate_weights({"akip": 90, "penilaian_ikm": 10})


# --- composite --------------------------------------------------------------------------------------

WEIGHTS = {"akip": 50, "capaian": 20, "ketepatan_waktu": 10, "penilaian_spip": 10, "kepatuhan_kewajiban": 10}


def row(key, akip="80", capaian="100", on_time="100", **extra):
    return UnitMetrics(
        key, f"Unit {key}", "pd", D(akip), D(capaian), D(on_time), extra={k: D(v) for k, v in extra.items()}
    )


def test_composite_includes_further_metrics_with_breakdown():
    rows = [
        row("a", penilaian_spip="3", kepatuhan_kewajiban="50"),
        row("b", penilaian_spip="5", kepatuhan_kewajiban="100"),
    ]
    result = rank_composite(rows, WEIGHTS, specs=SPECS)
    # a: 80×0,5 + (100/120×100)×0,2 + 100×0,1 + 60×0,1 + 50×0,1 = 40 + 16,667 + 10 + 6 + 5 = 77,67
    # b: 40 + 16,667 + 10 + 10 + 10 = 86,67
    assert [(e.unit_key, e.rank, e.score) for e in result.entries] == [("b", 1, D("86.67")), ("a", 2, D("77.67"))]
    parts = {p.metric: p for p in result.entries[1].breakdown}
    assert [p.metric for p in result.entries[1].breakdown] == [
        "akip",
        "capaian",
        "ketepatan_waktu",
        "penilaian_spip",
        "kepatuhan_kewajiban",
    ]
    assert parts["penilaian_spip"].value == D(3) and parts["penilaian_spip"].normalised == D(60)
    assert parts["penilaian_spip"].contribution == D(6) and parts["kepatuhan_kewajiban"].contribution == D(5)


def test_unit_lacking_a_further_metric_others_have_is_unranked():
    rows = [row("a", penilaian_spip="3", kepatuhan_kewajiban="50"), row("b", kepatuhan_kewajiban="100")]
    result = rank_composite(rows, WEIGHTS, specs=SPECS)
    assert [e.unit_key for e in result.entries] == ["a"] and result.unranked == ("b",)


def test_further_metric_nobody_has_is_left_out_and_weights_renormalised():
    rows = [row("a", penilaian_spip="3"), row("b", penilaian_spip="5")]
    result = rank_composite(rows, WEIGHTS, specs=SPECS)
    assert result.unranked == ()
    first = result.entries[0]
    assert first.renormalised
    parts = {p.metric: p for p in first.breakdown}
    assert parts["kepatuhan_kewajiban"].missing and parts["kepatuhan_kewajiban"].effective_weight == 0
    assert parts["akip"].effective_weight == D(50) * 100 / 90


def test_lower_is_better_ranks_the_lower_value_first():
    weights = {"akip": 50, "capaian": 0, "ketepatan_waktu": 0, "penilaian_waktu_tunggu": 50}
    rows = [row("a", penilaian_waktu_tunggu="20"), row("b", penilaian_waktu_tunggu="4")]
    assert [e.unit_key for e in rank_composite(rows, weights, specs=SPECS).entries] == ["b", "a"]


# --- rules --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "kind"),
    [
        ("kepatuhan_kewajiban", "number"),
        ("kewajiban_tidak_dipenuhi", "integer"),
        ("penilaian_ombudsman", "number"),
        ("penilaian_zona_integritas", "number"),
        ("penilaian_", None),
        ("penilaian_Besar", None),
        ("penilaian_a-b", None),
        ("lainnya", None),
    ],
)
def test_rule_metric_kind(metric, kind):
    assert rule_metric_kind(metric) == kind


def rule(metric, comparator, threshold):
    data = {
        "code": "uji",
        "name": "Uji",
        "conditions": [{"metric": metric, "comparator": comparator, "threshold": threshold}],
        "outcome": {"type": "teguran_tertulis"},
    }
    return r.rule_from_dict(data)


def fires(metric, comparator, threshold, extra) -> bool:
    unit = UnitSnapshot("u1", "Unit 1", "pd", extra=extra)
    return bool(r.evaluate([rule(metric, comparator, threshold)], Snapshot(2025, (unit,))))


@pytest.mark.parametrize(
    ("metric", "comparator", "threshold", "extra", "expected"),
    [
        ("penilaian_ombudsman", "<", "57.01", {"penilaian_ombudsman": D("57.00")}, True),
        ("penilaian_ombudsman", "<", "57.01", {"penilaian_ombudsman": D("57.01")}, False),
        ("penilaian_ombudsman", "<", "57.01", {"penilaian_ombudsman": D("57.005")}, False),  # rounds to 57,01
        ("penilaian_ombudsman", "<", "57.01", {}, False),  # no assessment: never fires
        ("penilaian_spip", "<=", "2", {"penilaian_spip": D(2)}, True),
        ("penilaian_ikm", "between", ["65", "76.60"], {"penilaian_ikm": D("70")}, True),
        ("kepatuhan_kewajiban", "<", "80", {"kepatuhan_kewajiban": D("75")}, True),
        ("kepatuhan_kewajiban", "<", "80", {"kepatuhan_kewajiban": D("80")}, False),
        ("kepatuhan_kewajiban", "<", "80", {"kepatuhan_kewajiban": None}, False),  # nothing due
        ("kewajiban_tidak_dipenuhi", ">=", 3, {"kewajiban_tidak_dipenuhi": 3}, True),
        ("kewajiban_tidak_dipenuhi", ">=", 3, {"kewajiban_tidak_dipenuhi": 2}, False),
        ("kewajiban_tidak_dipenuhi", "==", 0, {"kewajiban_tidak_dipenuhi": 0}, True),
    ],
)
def test_rules_on_new_metrics(metric, comparator, threshold, extra, expected):
    assert fires(metric, comparator, threshold, extra) is expected


def test_basis_text_names_the_metric():
    unit = UnitSnapshot("u1", "Unit 1", "pd", extra={"kewajiban_tidak_dipenuhi": 4, "penilaian_ikm": D("60.5")})
    both = r.rule_from_dict(
        {
            "code": "uji",
            "name": "Uji",
            "conditions": [
                {"metric": "kewajiban_tidak_dipenuhi", "comparator": ">=", "threshold": 3},
                {"metric": "penilaian_ikm", "comparator": "<", "threshold": "65"},
            ],
            "outcome": {"type": "teguran_lisan"},
        }
    )
    (proposal,) = r.evaluate([both], Snapshot(2025, (unit,)))
    texts = [b.text for b in proposal.basis]
    assert texts == ["jumlah kewajiban tidak dipenuhi = 4 (≥ 3)", "nilai penilaian ikm = 60,50 (< 65,00)"]


@pytest.mark.parametrize(
    ("metric", "comparator", "threshold", "message"),
    [
        ("kewajiban_tidak_dipenuhi", ">=", "2.5", "bilangan bulat"),
        ("kewajiban_tidak_dipenuhi", "in", ["A"], "tidak berlaku"),
        ("penilaian_ikm", "is", True, "tidak berlaku"),
        ("kepatuhan_kewajiban", "<", "x", "harus berupa angka"),
        ("penilaian_", "<", "1", "tidak dikenal"),
    ],
)
def test_bad_rules_on_new_metrics_refused(metric, comparator, threshold, message):
    problems = r.rule_problems(rule(metric, comparator, threshold))
    assert any(message in p for p in problems), problems
