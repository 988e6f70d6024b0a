"""The documented defaults of the capaian and LKE rules, in one place (pure data, no ORM).

Every Pemda adapts these by its own Perbup/Perwal; the portal stores its choices as data per Pemda
and year and builds :class:`evaluations.scoring.CapaianRules` / predicate tables from them. What is
here is only the default a new Pemda starts with (domain reference §5 and §6). All numbers are
``Decimal`` percents (0–100 scale) unless stated otherwise.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import TypedDict

# --- Capaian (domain reference §5) -------------------------------------------------------------

NEGATIVE_2T_MINUS_R = "2t_minus_r"  # (2T − R) / T × 100, clipped at 0 (default)
NEGATIVE_T_OVER_R = "t_over_r"  # T / R × 100 (configurable alternative)
NEGATIVE_METHODS = (NEGATIVE_2T_MINUS_R, NEGATIVE_T_OVER_R)

ZERO_TARGET_NOT_ASSESSED = "not_assessed"  # T = 0 -> "not assessed" ("–") (default)
ZERO_TARGET_BINARY = "binary"  # T = 0 -> 100 when the target is met, else 0
ZERO_TARGET_METHODS = (ZERO_TARGET_NOT_ASSESSED, ZERO_TARGET_BINARY)

CAP_OPTIONS = (None, D(100), D(110), D(120))  # None = no cap


class CapaianDefaults(TypedDict):
    negative_method: str
    zero_target: str
    cap: D | None
    kendala_threshold: D
    category_bands: tuple[tuple[str, str, D | None, str], ...]


#: The one table of capaian defaults. ``CapaianRules()`` takes every field from here.
DEFAULTS: CapaianDefaults = {
    "negative_method": NEGATIVE_2T_MINUS_R,  # formula for lower-is-better indicators
    "zero_target": ZERO_TARGET_NOT_ASSESSED,  # what a target of 0 gives
    "cap": D(120),  # percent; aggregates and rankings use min(capaian, cap); raw value is displayed
    "kendala_threshold": D(76),  # percent; below it (rounded) kendala and upaya are required
    # Category bands, best first: (code, label, lower bound inclusive in percent, colour).
    # Compared with the capaian rounded half-up to 2 decimals; the last band has no lower bound.
    "category_bands": (
        ("sangat_tinggi", "Sangat Tinggi", D(91), "#107a3c"),
        ("tinggi", "Tinggi", D(76), "#5a9e2f"),
        ("sedang", "Sedang", D(66), "#c69200"),
        ("rendah", "Rendah", D(51), "#d9610b"),
        ("sangat_rendah", "Sangat Rendah", None, "#b42318"),
    ),
}

# --- LKE (domain reference §6) -----------------------------------------------------------------

METHOD_PERCENT_GRADE = "percent_grade"  # §6.2 default: Y/T -> percent fulfilled -> grade AA–E
METHOD_CRITERION_GRADE = "criterion_grade"  # a grade AA–E per criterion, averaged per sub-component
METHOD_ANSWER_SCALE = "answer_scale"  # Y/T = 1/0, A–E = 1/0.75/0.5/0.25/0; mean × weight (12/2015)
LKE_METHODS = (METHOD_PERCENT_GRADE, METHOD_CRITERION_GRADE, METHOD_ANSWER_SCALE)

#: Grade -> value in percent of the sub-component weight (§6.2 step 3).
GRADE_VALUES: dict[str, D] = {
    "AA": D(100),
    "A": D(90),
    "BB": D(80),
    "B": D(70),
    "CC": D(60),
    "C": D(50),
    "D": D(30),
    "E": D(0),
}

#: Percent-fulfilled bands below 100 %, as (grade, lower bound exclusive): > 75 -> B, > 50 -> CC, ...
#: 100 % gives BB, raised to A / AA by the qualifiers; exactly 0 % gives E.
PERCENT_GRADE_BANDS: tuple[tuple[str, D], ...] = (("B", D(75)), ("CC", D(50)), ("C", D(25)), ("D", D(0)))

#: Qualifiers of a fully met sub-component (§6.2): years kept for keberadaan ...
KEBERADAAN_YEARS_AA = 5
KEBERADAAN_YEARS_A = 1
#: ... and the evaluator's recognition for kualitas / pemanfaatan.
INNOVATION_NATIONAL_MODEL = "national_model"  # -> AA
INNOVATION_EXTRA_EFFORT = "extra_effort"  # -> A

#: Answer scale of the "mean × weight" method, as a fraction (0–1) of the weight.
ANSWER_VALUES: dict[str, D] = {
    "Y": D(1),
    "T": D(0),
    "A": D(1),
    "B": D("0.75"),
    "C": D("0.5"),
    "D": D("0.25"),
    "E": D(0),
}

#: Predicate bands (§6.4): (letter, lower bound exclusive, upper bound inclusive, label), best first.
#: The lowest band also includes its lower bound, so 0 is D and the scale 0–100 is closed.
PREDICATE_BANDS: tuple[tuple[str, D, D, str], ...] = (
    ("AA", D(90), D(100), "Sangat Memuaskan"),
    ("A", D(80), D(90), "Memuaskan"),
    ("BB", D(70), D(80), "Sangat Baik"),
    ("B", D(60), D(70), "Baik"),
    ("CC", D(50), D(60), "Cukup"),
    ("C", D(30), D(50), "Kurang"),
    ("D", D(0), D(30), "Sangat Kurang"),
)

#: PermenPAN-RB 88/2021, Pemda layout (§6.1): component -> weight, and per sub-component
#: (code, kind, weight, number of criteria). 80 criteria.
LAYOUT_88_2021: tuple[tuple[str, str, D, tuple[tuple[str, str, D, int], ...]], ...] = (
    (
        "1",
        "Perencanaan Kinerja",
        D(30),
        (("1.a", "keberadaan", D(6), 6), ("1.b", "kualitas", D(9), 11), ("1.c", "pemanfaatan", D(15), 8)),
    ),
    (
        "2",
        "Pengukuran Kinerja",
        D(30),
        (("2.a", "keberadaan", D(6), 3), ("2.b", "kualitas", D(9), 7), ("2.c", "pemanfaatan", D(15), 10)),
    ),
    (
        "3",
        "Pelaporan Kinerja",
        D(15),
        (("3.a", "keberadaan", D(3), 6), ("3.b", "kualitas", D("4.5"), 9), ("3.c", "pemanfaatan", D("7.5"), 7)),
    ),
    (
        "4",
        "Evaluasi Akuntabilitas Kinerja Internal",
        D(25),
        (("4.a", "keberadaan", D(5), 3), ("4.b", "kualitas", D("7.5"), 5), ("4.c", "pemanfaatan", D("12.5"), 5)),
    ),
)
