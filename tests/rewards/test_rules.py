"""Reward and punishment rules of rewards/rules.py, table-driven, without a database."""

from decimal import Decimal as D

import pytest

from rewards import rules as r
from rewards.ranking import RewardsError
from rewards.rules import Condition, Outcome, Rule, RuleError, Scope, Snapshot, UnitSnapshot, Window
from rewards.rules_defaults import DEFAULT_RULES

PD, KEC = "perangkat_daerah", "kecamatan"
DEFAULTS = {rule.code: rule for rule in r.default_rules()}


def unit(key="u1", category=PD, **figures):
    if "monthly_capaian" in figures:
        figures["monthly_capaian"] = tuple(None if v is None else D(str(v)) for v in figures["monthly_capaian"])
    for name in ("akip", "capaian", "improvement", "on_time"):
        if figures.get(name) is not None:
            figures[name] = D(str(figures[name]))
    return UnitSnapshot(key, f"Unit {key}", category, **figures)


def fired(rule_code, **figures):
    return r.evaluate([DEFAULTS[rule_code]], Snapshot(2025, (unit(**figures),)))


def test_default_rule_set_is_the_issue_examples():
    assert list(DEFAULTS) == [
        "peringkat_1_3",
        "most_improved",
        "predikat_c_d",
        "capaian_di_bawah_50_3_bulan",
        "terlambat_3_kali",
        "pk_tidak_tercapai",
    ]
    outcomes = {
        code: (rule.outcome.type, rule.outcome.parameters, rule.outcome.target) for code, rule in DEFAULTS.items()
    }
    assert outcomes == {
        "peringkat_1_3": ("piagam_penghargaan", (), "unit"),
        "most_improved": ("penghargaan_most_improved", (), "unit"),
        "predikat_c_d": ("teguran_tertulis", (), "unit"),
        "capaian_di_bawah_50_3_bulan": ("penundaan_tpp", (("bulan", D(1)),), "unit"),
        "terlambat_3_kali": ("teguran_lisan", (), "unit"),
        "pk_tidak_tercapai": ("masa_perbaikan", (("bulan", D(6)),), "kepala_unit"),
    }


# --- every default rule at its boundary ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_code", "figures", "fires"),
    [
        ("peringkat_1_3", {"rank": 1}, True),
        ("peringkat_1_3", {"rank": 3}, True),
        ("peringkat_1_3", {"rank": 4}, False),
        ("peringkat_1_3", {"rank": None}, False),  # unranked: no award
        ("most_improved", {"improvement_rank": 1, "improvement": "0.01"}, True),
        ("most_improved", {"improvement_rank": 1, "improvement": "0"}, False),  # no increase, no award
        ("most_improved", {"improvement_rank": 1, "improvement": "0.004"}, False),  # rounds to 0.00
        ("most_improved", {"improvement_rank": 1, "improvement": "-2"}, False),
        ("most_improved", {"improvement_rank": 2, "improvement": "5"}, False),
        ("most_improved", {}, False),  # no previous score
        ("predikat_c_d", {"predicate": "C"}, True),
        ("predikat_c_d", {"predicate": "D"}, True),
        ("predikat_c_d", {"predicate": "CC"}, False),
        ("predikat_c_d", {"predicate": None}, False),
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": ["49.99", "49.99", "49.99"]}, True),
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": [80, 40, 30, 20, 90]}, True),
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": [40, 40, 50, 40, 40]}, False),  # 50 is not below 50
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": [40, 40, "49.995"]}, False),  # rounds to 50.00
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": [40, 40, None, 40]}, False),  # a gap breaks the run
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": [40, 40]}, False),
        ("capaian_di_bawah_50_3_bulan", {"monthly_capaian": []}, False),
        ("capaian_di_bawah_50_3_bulan", {"capaian": 10}, False),  # the annual average is not the series
        ("terlambat_3_kali", {"late_count": 3}, True),
        ("terlambat_3_kali", {"late_count": 12}, True),
        ("terlambat_3_kali", {"late_count": 2}, False),
        ("terlambat_3_kali", {"late_count": None}, False),
        ("pk_tidak_tercapai", {"pk_missed": True}, True),
        ("pk_tidak_tercapai", {"pk_missed": False}, False),
        ("pk_tidak_tercapai", {"pk_missed": None}, False),
    ],
)
def test_default_rule_boundaries(rule_code, figures, fires):
    proposals = fired(rule_code, **figures)
    assert len(proposals) == (1 if fires else 0)
    if fires:
        proposal = proposals[0]
        assert (proposal.year, proposal.unit_key, proposal.rule_code) == (2025, "u1", rule_code)
        assert proposal.outcome == DEFAULTS[rule_code].outcome
        assert len(proposal.basis) == len(DEFAULTS[rule_code].conditions)


# --- basis figures -------------------------------------------------------------------------------


def test_window_basis_names_the_months_and_values():
    [proposal] = fired("capaian_di_bawah_50_3_bulan", monthly_capaian=[80, "45.004", 30, 20, 10, 90, 40])
    [basis] = proposal.basis
    assert basis.months == (2, 3, 4, 5)  # the whole earliest run, not only its first three months
    assert basis.value == (D("45.00"), D("30.00"), D("20.00"), D("10.00"))
    assert basis.text == "capaian bulanan < 50,00 pada 4 bulan (Februari 45,00; Maret 30,00; April 20,00; Mei 10,00)"


@pytest.mark.parametrize(
    ("rule_code", "figures", "texts"),
    [
        ("peringkat_1_3", {"rank": 2}, ["peringkat dalam kategori = 2 (antara 1–3)"]),
        (
            "most_improved",
            {"improvement_rank": 1, "improvement": "7.456"},
            ["peringkat kenaikan nilai AKIP = 1 (= 1)", "kenaikan nilai AKIP = 7,46 (> 0,00)"],
        ),
        ("predikat_c_d", {"predicate": "D"}, ["predikat AKIP = D (salah satu dari C, D)"]),
        ("terlambat_3_kali", {"late_count": 4}, ["jumlah realisasi terlambat = 4 (≥ 3)"]),
        ("pk_tidak_tercapai", {"pk_missed": True}, ["target PK tidak tercapai = ya (sama dengan ya)"]),
    ],
)
def test_basis_texts(rule_code, figures, texts):
    [proposal] = fired(rule_code, **figures)
    assert [b.text for b in proposal.basis] == texts


def test_basis_value_is_the_rounded_figure():
    [proposal] = fired("most_improved", improvement_rank=1, improvement="7.455")
    assert proposal.basis[1].value == D("7.46")


# --- windows, comparators, scope -----------------------------------------------------------------


def rule(*conditions, outcome=None, scope=None, code="x"):
    return Rule(code, "Aturan uji", tuple(conditions), outcome or Outcome("teguran_lisan"), scope or Scope())


@pytest.mark.parametrize(
    ("condition", "figures", "fires"),
    [
        (
            Condition("capaian_bulanan", "<", D(60), Window("bulan_dalam_setahun", 4)),
            {"monthly_capaian": [50, 90, 50, 90, 50, 90, 50]},
            True,
        ),
        (
            Condition("capaian_bulanan", "<", D(60), Window("bulan_dalam_setahun", 4)),
            {"monthly_capaian": [50, 90, 50, 90, 50, None]},
            False,
        ),
        (
            Condition("capaian_bulanan", "between", (D(0), D(10)), Window("bulan_berturut", 1)),
            {"monthly_capaian": [10]},
            True,
        ),
        (Condition("capaian", "<=", D(50)), {"capaian": "50.004"}, True),
        (Condition("capaian", "<=", D(50)), {"capaian": "50.005"}, False),
        (Condition("capaian", ">=", D(100)), {"capaian": "99.995"}, True),
        (Condition("capaian", "==", D(100)), {"capaian": "100"}, True),
        (Condition("nilai_akip", ">", D(90)), {"akip": "90.004"}, False),
        (Condition("nilai_akip", ">", D(90)), {"akip": "90.005"}, True),
        (Condition("ketepatan_waktu", "<", D(75)), {"on_time": "74.99"}, True),
        (Condition("ketepatan_waktu", "<", D(75)), {"on_time": None}, False),
        (Condition("peringkat", "between", (4, 6)), {"rank": 6}, True),
        (Condition("peringkat", "between", (4, 6)), {"rank": 7}, False),
    ],
)
def test_conditions(condition, figures, fires):
    assert len(r.evaluate([rule(condition)], Snapshot(2025, (unit(**figures),)))) == (1 if fires else 0)


def test_count_in_year_basis_lists_every_matching_month():
    cond = Condition("capaian_bulanan", "<", D(60), Window("bulan_dalam_setahun", 2))
    [proposal] = r.evaluate([rule(cond)], Snapshot(2025, (unit(monthly_capaian=[50, 90, 55, 90, 10]),)))
    assert proposal.basis[0].months == (1, 3, 5)


def test_all_conditions_must_hold():
    both = rule(Condition("predikat", "in", ("C",)), Condition("jumlah_terlambat", ">=", 3))
    units = (unit("a", predicate="C", late_count=3), unit("b", predicate="C", late_count=1))
    assert [p.unit_key for p in r.evaluate([both], Snapshot(2025, units))] == ["a"]


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(), ["k1", "k2", "p1", "p2"]),
        (Scope(categories=(KEC,)), ["k1", "k2"]),
        (Scope(ranks=(1, 1)), ["k1", "p1"]),
        (Scope(categories=(PD,), ranks=(2, 5)), ["p2"]),
    ],
)
def test_scope(scope, expected):
    units = (
        unit("p2", PD, predicate="D", rank=2),
        unit("k1", KEC, predicate="D", rank=1),
        unit("p1", PD, predicate="D", rank=1),
        unit("k2", KEC, predicate="D"),
    )
    proposals = r.evaluate([rule(Condition("predikat", "in", ("D",)), scope=scope)], Snapshot(2025, units))
    assert [p.unit_key for p in proposals] == expected


def test_default_rules_on_a_snapshot_in_deterministic_order():
    units = (
        unit("pd-b", PD, rank=1, predicate="BB", improvement_rank=2, improvement="3", late_count=0),
        unit("kec-a", KEC, rank=1, predicate="C", improvement_rank=1, improvement="6", late_count=3),
        unit("pd-a", PD, rank=4, predicate="D", improvement_rank=1, improvement="9", monthly_capaian=[40, 30, 20]),
        unit("pd-c", PD, rank=2, predicate="B", pk_missed=True, late_count=5),
    )
    proposals = r.evaluate(r.default_rules(), Snapshot(2024, units))
    assert [(p.rule_code, p.unit_key) for p in proposals] == [
        ("peringkat_1_3", "kec-a"),
        ("peringkat_1_3", "pd-b"),
        ("peringkat_1_3", "pd-c"),
        ("most_improved", "kec-a"),
        ("most_improved", "pd-a"),
        ("predikat_c_d", "kec-a"),
        ("predikat_c_d", "pd-a"),
        ("capaian_di_bawah_50_3_bulan", "pd-a"),
        ("terlambat_3_kali", "kec-a"),
        ("terlambat_3_kali", "pd-c"),
        ("pk_tidak_tercapai", "pd-c"),
    ]
    assert proposals == r.evaluate(r.default_rules(), Snapshot(2024, tuple(reversed(units))))
    assert proposals[-1].outcome.parameter("bulan") == D(6) and proposals[-1].outcome.target == "kepala_unit"


def test_no_rules_no_proposals():
    assert r.evaluate([], Snapshot(2025, (unit(rank=1),))) == []


# --- bad rules -----------------------------------------------------------------------------------


def cut(percent, months=D(6)):
    return Outcome("pemotongan_tpp", tuple(sorted({"persen": percent, "bulan": months}.items())))


LATE = Condition("jumlah_terlambat", ">=", 3)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (rule(Condition("anggaran", "<", D(50))), "Metrik “anggaran” tidak dikenal."),
        (rule(LATE, outcome=cut(D("100.01"))), "Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100."),
        (rule(LATE, outcome=cut(D(0))), "Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100."),
        (rule(LATE, outcome=cut(D(-5))), "Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100."),
        (rule(LATE, outcome=cut(D(25), D(-1))), "Jumlah bulan tidak boleh negatif."),
        (rule(LATE, outcome=cut(D(25), D(0))), "Jumlah bulan minimal 1."),
        (rule(LATE, outcome=cut(D(25), D("1.5"))), "Jumlah bulan harus bilangan bulat."),
        (rule(LATE, outcome=Outcome("penundaan_tpp", (("bulan", D(-2)),))), "Jumlah bulan tidak boleh negatif."),
        (rule(LATE, outcome=Outcome("pemecatan")), "Jenis keputusan “pemecatan” tidak dikenal."),
        (rule(LATE, outcome=Outcome("penundaan_tpp")), "Parameter bulan wajib diisi."),
        (
            rule(LATE, outcome=Outcome("mutasi", (("persen", D(5)),))),
            "Parameter “persen” tidak berlaku untuk keputusan ini.",
        ),
        (rule(LATE, outcome=Outcome("penundaan_tpp", (("bulan", "satu"),))), "Parameter bulan harus berupa angka."),
        (rule(LATE, outcome=Outcome("insentif", (("nilai", D(-1)),))), "Nilai insentif tidak boleh negatif."),
        (rule(LATE, outcome=Outcome("mutasi", (), "bupati")), "Sasaran keputusan “bupati” tidak dikenal."),
        (rule(), "Aturan harus memiliki minimal satu syarat."),
        (rule(Condition("predikat", "<", D(50))), "Pembanding “<” tidak berlaku untuk predikat."),
        (
            rule(Condition("predikat", "in", ("C", "Z"))),
            "Ambang predikat harus berupa daftar predikat (AA, A, BB, B, CC, C, D).",
        ),
        (rule(Condition("pk_tidak_tercapai", "is", "ya")), "Ambang pk_tidak_tercapai harus ya atau tidak."),
        (rule(Condition("capaian", "<", "lima")), "Ambang capaian harus berupa angka."),
        (rule(Condition("capaian", "<", (D(1), D(2)))), "Ambang capaian harus berupa angka."),
        (
            rule(Condition("peringkat", "between", (3, 1))),
            "Batas bawah peringkat tidak boleh lebih besar dari batas atasnya.",
        ),
        (
            rule(Condition("peringkat", "between", (1,))),
            "Ambang peringkat dengan pembanding “antara” harus berupa dua angka.",
        ),
        (
            rule(Condition("jumlah_terlambat", ">=", D("2.5"))),
            "Ambang jumlah_terlambat harus bilangan bulat tidak negatif.",
        ),
        (rule(Condition("capaian_bulanan", "<", D(50))), "Metrik capaian_bulanan memerlukan jangka waktu (bulan)."),
        (
            rule(Condition("capaian", "<", D(50), Window("bulan_berturut", 3))),
            "Metrik capaian tidak memakai jangka waktu.",
        ),
        (
            rule(Condition("capaian_bulanan", "<", D(50), Window("minggu", 3))),
            "Jangka waktu “minggu” tidak dikenal.",
        ),
        (
            rule(Condition("capaian_bulanan", "<", D(50), Window("bulan_berturut", 13))),
            "Jumlah bulan jangka waktu harus antara 1 dan 12.",
        ),
        (
            rule(Condition("capaian_bulanan", "<", D(50), Window("bulan_berturut", 0))),
            "Jumlah bulan jangka waktu harus antara 1 dan 12.",
        ),
        (
            rule(LATE, scope=Scope(ranks=(0, 3))),
            "Rentang peringkat harus dimulai dari 1 ke atas dan batas bawah tidak melebihi batas atas.",
        ),
        (rule(LATE, code=""), "Kode aturan wajib diisi."),
    ],
)
def test_bad_rules_are_refused(bad, message):
    assert message in r.rule_problems(bad)
    with pytest.raises(RuleError) as error:
        r.evaluate([bad], Snapshot(2025, ()))
    assert f"Aturan {bad.code}: {message}" in error.value.messages
    assert isinstance(error.value, RewardsError) and isinstance(error.value, ValueError)


@pytest.mark.parametrize("percent", [D("0.01"), D(25), D(100)])
def test_tpp_cut_boundaries_are_accepted(percent):
    assert r.rule_problems(rule(LATE, outcome=cut(percent, D(1)))) == []


def test_duplicate_rule_codes_are_refused():
    with pytest.raises(RuleError) as error:
        r.validate_rules([rule(LATE), rule(LATE)])
    assert error.value.messages == ["Kode aturan x dipakai lebih dari sekali."]


# --- stored rows ---------------------------------------------------------------------------------


def test_parse_rules_round_trip_of_stored_rows():
    rows = [
        {
            "code": "potong_tpp",
            "name": "Potong TPP",
            "conditions": [{"metric": "capaian", "comparator": "<", "threshold": "40.5"}],
            "scope": {"categories": [KEC], "ranks": [1, 10]},
            "outcome": {"type": "pemotongan_tpp", "parameters": {"persen": 25, "bulan": "6"}},
        }
    ]
    [parsed] = r.parse_rules(rows)
    assert parsed.conditions[0].threshold == D("40.5")
    assert parsed.scope == Scope((KEC,), (1, 10))
    assert parsed.outcome.parameters == (("bulan", D(6)), ("persen", D(25)))
    assert r.parse_rules(DEFAULT_RULES) == r.default_rules()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {
                "code": "a",
                "conditions": [{"metric": "anggaran", "comparator": "<", "threshold": 1}],
                "outcome": {"type": "mutasi"},
            },
            "Aturan a: Metrik “anggaran” tidak dikenal.",
        ),
        (
            {
                "code": "b",
                "conditions": [],
                "outcome": {"type": "pemotongan_tpp", "parameters": {"persen": 150, "bulan": 6}},
            },
            "Aturan b: Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100.",
        ),
        (
            {"code": "c", "conditions": [{"metric": "capaian"}], "outcome": {"type": "mutasi"}},
            "Aturan c tidak lengkap ('comparator').",
        ),
        (
            {"code": "d", "conditions": [], "outcome": {"type": "penundaan_tpp", "parameters": {"bulan": -1}}},
            "Aturan d: Jumlah bulan tidak boleh negatif.",
        ),
        ({"code": "e"}, "Aturan e tidak lengkap ('conditions')."),
    ],
)
def test_parse_rules_refuses_bad_rows(row, message):
    with pytest.raises(RuleError) as error:
        r.parse_rules([row])
    assert message in error.value.messages


def test_tied_third_place_both_get_the_award_from_a_real_ranking():
    """Competition ranking 1, 2, 3, 3, 5: both units tied at 3 are awarded, the fifth is not."""
    from rewards.ranking import UnitMetrics, per_category, rank_composite, ranks_by_unit

    scores = {"a": 90, "b": 80, "c": 70, "d": 70, "e": 60, "k": 50}
    rows = [UnitMetrics(key, key, KEC if key == "k" else PD, D(score)) for key, score in scores.items()]
    by_unit = ranks_by_unit(per_category(rank_composite, rows))
    assert by_unit == {"a": 1, "b": 2, "c": 3, "d": 3, "e": 5, "k": 1}
    units = tuple(unit(row.unit_key, row.category, rank=by_unit[row.unit_key]) for row in rows)
    proposals = r.evaluate([DEFAULTS["peringkat_1_3"]], Snapshot(2025, units))
    assert [p.unit_key for p in proposals] == ["k", "a", "b", "c", "d"]
