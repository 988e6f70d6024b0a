"""The documented defaults of rankings and reward/punishment rules, in one place (pure data, no ORM).

Every Pemda adapts these by its own Perbup/Perwal (domain reference §8); the portal stores its
choices as data per Pemda and year and hands them to :mod:`rewards.ranking` and :mod:`rewards.rules`.
What is here is only the default a new Pemda starts with. Numbers are on the 0–100 scale:
AKIP score in points, capaian and on-time rate in percent.
"""

from __future__ import annotations

from decimal import Decimal as D

from django.utils.translation import gettext_noop

from evaluations.rules_defaults import DEFAULTS as CAPAIAN_DEFAULTS

# --- Ranking metrics ----------------------------------------------------------------------------

METRIC_AKIP = "akip"  # LKE total, points 0–100
METRIC_CAPAIAN = "capaian"  # average capaian of the unit, percent (raw; ranked on the capped value)
METRIC_TIMELINESS = "ketepatan_waktu"  # on-time rate: realisations submitted by their deadline, percent 0–100
RANKING_METRICS = (METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS)

# Further ranking / rule metrics (issue 9). Each external assessment type of the Pemda is a metric
# ``penilaian_<type code>`` on the type's own scale (normalised to 0–100 from the type's min–max for
# rankings, inverted when lower is better; see rewards.assessment_defaults). Obligation compliance is
# a percent (accepted ÷ due, rewards.selectors_obligations.obligation_metrics); the count of
# obligations not met is a rule metric only.
METRIC_ASSESSMENT_PREFIX = "penilaian_"
METRIC_OBLIGATIONS = "kepatuhan_kewajiban"  # percent 0–100
METRIC_OBLIGATIONS_MISSED = "kewajiban_tidak_dipenuhi"  # whole number

#: Composite-index weights (points of 100), set by the admin; issue 6 default 50 / 35 / 15.
DEFAULT_WEIGHTS: dict[str, D] = {METRIC_AKIP: D(50), METRIC_CAPAIAN: D(35), METRIC_TIMELINESS: D(15)}

#: Capaian is capped here before it is scaled to 0–100 (same default as capaian aggregates, §5.2: 120%).
CAPAIAN_CAP: D = CAPAIAN_DEFAULTS["cap"] or D(120)

#: Tie-break after the ranked value, in this order (higher first); the unit code only orders display.
TIE_BREAK = (METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS)

# --- Rule vocabulary ----------------------------------------------------------------------------

# Rule metrics and their kind (what a threshold looks like). Ranks are within the unit's category.
KIND_NUMBER = "number"  # Decimal, compared after rounding half-up to 2 decimals
KIND_INTEGER = "integer"  # whole number (rank, count)
KIND_LETTER = "letter"  # AKIP predicate letter
KIND_FLAG = "flag"  # yes / no
KIND_SERIES = "series"  # monthly values (January first); needs a window

RULE_METRICS: dict[str, str] = {
    "peringkat": KIND_INTEGER,  # composite rank within the category (1 = best)
    "peringkat_most_improved": KIND_INTEGER,  # rank by AKIP increase within the category
    "kenaikan_akip": KIND_NUMBER,  # AKIP score minus last year's, points
    "nilai_akip": KIND_NUMBER,  # points 0–100
    "predikat": KIND_LETTER,  # AA … D
    "capaian": KIND_NUMBER,  # average capaian of the year, percent
    "capaian_bulanan": KIND_SERIES,  # capaian per month, percent
    "ketepatan_waktu": KIND_NUMBER,  # on-time rate, percent
    "jumlah_terlambat": KIND_INTEGER,  # late realisations in the snapshot's year
    "pk_tidak_tercapai": KIND_FLAG,  # PK targets missed for the year
    # issue 9 (in a condition like any other; a unit without the figure never meets it)
    METRIC_OBLIGATIONS: KIND_NUMBER,  # obligation compliance of the year (to the snapshot's period), percent
    METRIC_OBLIGATIONS_MISSED: KIND_INTEGER,  # obligations due and not accepted, count
    # plus "penilaian_<type code>": KIND_NUMBER for every assessment type (see rule_metric_kind)
}

#: Labels of the rule metrics for basis texts (marked for translation, translated where shown).
RULE_METRIC_LABELS: dict[str, str] = {
    "peringkat": gettext_noop("peringkat dalam kategori"),
    "peringkat_most_improved": gettext_noop("peringkat kenaikan nilai AKIP"),
    "kenaikan_akip": gettext_noop("kenaikan nilai AKIP"),
    "nilai_akip": gettext_noop("nilai AKIP"),
    "predikat": gettext_noop("predikat AKIP"),
    "capaian": gettext_noop("capaian rata-rata"),
    "capaian_bulanan": gettext_noop("capaian bulanan"),
    "ketepatan_waktu": gettext_noop("ketepatan waktu"),
    "jumlah_terlambat": gettext_noop("jumlah realisasi terlambat"),
    "pk_tidak_tercapai": gettext_noop("target PK tidak tercapai"),
    METRIC_OBLIGATIONS: gettext_noop("kepatuhan kewajiban"),
    METRIC_OBLIGATIONS_MISSED: gettext_noop("jumlah kewajiban tidak dipenuhi"),
}


def rule_metric_kind(metric: str) -> str | None:
    """The kind of a rule metric: RULE_METRICS, or a number for ``penilaian_<code>`` (any assessment type
    code: lower-case letters, digits and underscores); None when unknown."""
    if metric in RULE_METRICS:
        return RULE_METRICS[metric]
    code = metric[len(METRIC_ASSESSMENT_PREFIX) :] if metric.startswith(METRIC_ASSESSMENT_PREFIX) else ""
    if code and all(c.isascii() and (c.isalnum() or c == "_") for c in code) and code == code.lower():
        return KIND_NUMBER
    return None


COMPARATORS_BY_KIND: dict[str, tuple[str, ...]] = {
    KIND_NUMBER: ("<", "<=", ">", ">=", "==", "between"),
    KIND_INTEGER: ("<", "<=", ">", ">=", "==", "between"),
    KIND_SERIES: ("<", "<=", ">", ">=", "==", "between"),
    KIND_LETTER: ("in",),
    KIND_FLAG: ("is",),
}

WINDOW_CONSECUTIVE = "bulan_berturut"  # the condition holds in N consecutive months
WINDOW_IN_YEAR = "bulan_dalam_setahun"  # the condition holds in at least N months of the year
WINDOWS = (WINDOW_CONSECUTIVE, WINDOW_IN_YEAR)

# Outcome types (domain reference §8) -> (required parameters, optional parameters).
# bulan: whole months ≥ 1; persen: 0 < p ≤ 100; nilai: Rupiah ≥ 0.
OUTCOME_PARAMETERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "piagam_penghargaan": ((), ()),
    "penghargaan_most_improved": ((), ()),
    "insentif": ((), ("nilai",)),
    "teguran_lisan": ((), ()),
    "teguran_tertulis": ((), ()),
    "penundaan_tpp": (("bulan",), ()),
    "pemotongan_tpp": (("persen", "bulan"), ()),
    "demosi": ((), ("bulan",)),
    "mutasi": ((), ()),
    "pembebasan_jabatan": ((), ("bulan",)),
    "masa_perbaikan": (("bulan",), ()),
    "pernyataan_tidak_puas": ((), ()),
    "pemberhentian": ((), ()),
}
TARGET_UNIT = "unit"
TARGET_HEAD = "kepala_unit"  # the head of the unit (an official, snapshotted by the decision)
TARGET_OFFICIAL = "pegawai"  # an official by NIP (discipline and obligation proposals, issue 9)
TARGETS = (TARGET_UNIT, TARGET_HEAD)  # targets a ranking rule may name

# --- Default rule set (issue 6 examples) ---------------------------------------------------------
# Stored as JSON-like rows; rewards.rules.parse_rules turns them into validated Rule objects.
# "Three late realisations in a year" uses the snapshot's yearly count; its warning is verbal (teguran
# lisan), the lighter step of the ladder; a C or D predicate gets a written warning.
DEFAULT_RULES: tuple[dict, ...] = (
    {
        "code": "peringkat_1_3",
        "name": "Peringkat 1–3 per kategori",
        "conditions": [{"metric": "peringkat", "comparator": "between", "threshold": [1, 3]}],
        "outcome": {"type": "piagam_penghargaan"},
    },
    {
        "code": "most_improved",
        "name": "Kenaikan nilai AKIP terbesar per kategori",
        "conditions": [
            {"metric": "peringkat_most_improved", "comparator": "==", "threshold": 1},
            {"metric": "kenaikan_akip", "comparator": ">", "threshold": "0"},
        ],
        "outcome": {"type": "penghargaan_most_improved"},
    },
    {
        "code": "predikat_c_d",
        "name": "Predikat AKIP C atau D",
        "conditions": [{"metric": "predikat", "comparator": "in", "threshold": ["C", "D"]}],
        "outcome": {"type": "teguran_tertulis"},
    },
    {
        "code": "capaian_di_bawah_50_3_bulan",
        "name": "Capaian di bawah 50% tiga bulan berturut-turut",
        "conditions": [
            {
                "metric": "capaian_bulanan",
                "comparator": "<",
                "threshold": "50",
                "window": {"kind": WINDOW_CONSECUTIVE, "months": 3},
            }
        ],
        "outcome": {"type": "penundaan_tpp", "parameters": {"bulan": 1}},
    },
    {
        "code": "terlambat_3_kali",
        "name": "Tiga kali terlambat menyampaikan realisasi dalam setahun",
        "conditions": [{"metric": "jumlah_terlambat", "comparator": ">=", "threshold": 3}],
        "outcome": {"type": "teguran_lisan"},
    },
    {
        "code": "pk_tidak_tercapai",
        "name": "Target PK tidak tercapai selama setahun",
        "conditions": [{"metric": "pk_tidak_tercapai", "comparator": "is", "threshold": True}],
        "outcome": {"type": "masa_perbaikan", "parameters": {"bulan": 6}, "target": TARGET_HEAD},
    },
)


# --- Per-official obligation rules (issue 9) ------------------------------------------------------
# Evaluated by rewards.services_obligation_rules over rewards.selectors_obligations.official_monthly_misses:
# an official the obligation applies to whose due occurrences of a month have no accepted submission
# gets one pending proposal for that month (target: the official; source_key
# "kewajiban:{year}:{month}:{nip}:{obligation code}", so evaluating again adds nothing). The TPP hold
# concerns the month after the one missed; the SK sets its effective dates.
OBLIGATION_RULES: tuple[dict, ...] = (
    {
        "code": "inovasi_bulanan_tpp",
        "name": "Tidak ada inovasi yang diterima dalam sebulan",
        "obligation": "inovasi-bulanan",
        "outcome": {"type": "penundaan_tpp", "parameters": {"bulan": 1}, "target": TARGET_OFFICIAL},
    },
)
