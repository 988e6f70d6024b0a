"""The discipline ladder of PP 94/2021 as data, and its evaluation over monthly attendance (pure).

Issue #9 item 2. PP 94/2021 (Pasal 9–11, *tidak masuk kerja tanpa alasan yang sah*) sets the
sanction by the days a civil servant was absent without a valid reason, **accumulated over one
calendar year**:

====================  ============================================================
days in the year      sanction (default ladder, :data:`DEFAULT_LADDER`)
====================  ============================================================
3                     teguran lisan
4–6                   teguran tertulis
7–10                  pernyataan tidak puas secara tertulis
11–13                 pemotongan tunjangan kinerja (TPP) 25 % selama 6 bulan
14–16                 pemotongan TPP 25 % selama 9 bulan
17–20                 pemotongan TPP 25 % selama 12 bulan
21–24                 penurunan jabatan setingkat lebih rendah selama 12 bulan
25–27                 pembebasan dari jabatan menjadi pelaksana selama 12 bulan
28 or more            pemberhentian dengan hormat tidak atas permintaan sendiri
====================  ============================================================

Lateness and missed check-ins are local rules (Perbup/Perwal): by default lateness counts as
absence at :data:`DEFAULT_MINUTES_PER_DAY` minutes (7½ hours, a working day) per day, and missed
check-ins do not count. Both are settings of the ladder. Ten consecutive working days of absence
(also a ground for discharge) cannot be seen in monthly summaries and is left to the admin.

:func:`evaluate` walks the months of a year in order and reports, per official, each step *newly
reached* in a month: the step reached by the cumulative days up to that month when it is higher
than the step reached up to the month before. Steps are never reported twice in a year, so
evaluating the same records again yields the same outcomes (the caller stores them idempotently).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ZERO = Decimal(0)
DEFAULT_MINUTES_PER_DAY = 450  # 7½ hours of lateness count as one day absent (local practice)

#: Outcome types a step may carry, with the parameters each needs (``persen``, ``bulan``).
OUTCOMES: dict[str, tuple[str, ...]] = {
    "teguran_lisan": (),
    "teguran_tertulis": (),
    "pernyataan_tidak_puas": (),
    "pemotongan_tpp": ("persen", "bulan"),
    "penundaan_tpp": ("bulan",),
    "demosi": ("bulan",),
    "pembebasan_jabatan": ("bulan",),
    "pemberhentian": (),
}

OUTCOME_LABELS: dict[str, str] = {
    "teguran_lisan": gettext_noop("Teguran lisan"),
    "teguran_tertulis": gettext_noop("Teguran tertulis"),
    "pernyataan_tidak_puas": gettext_noop("Pernyataan tidak puas secara tertulis"),
    "pemotongan_tpp": gettext_noop("Pemotongan TPP"),
    "penundaan_tpp": gettext_noop("Penundaan TPP"),
    "demosi": gettext_noop("Penurunan jabatan (demosi)"),
    "pembebasan_jabatan": gettext_noop("Pembebasan dari jabatan"),
    "pemberhentian": gettext_noop("Pemberhentian dengan hormat tidak atas permintaan sendiri"),
}


class LadderError(ValueError):
    """A ladder that cannot be used; ``messages`` lists every problem (in the active language)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Step:
    code: str  # stable key of the step, e.g. "tpp_25_6"
    min_days: int  # reached when the cumulative days are at least this (inclusive)
    outcome: str  # a key of OUTCOMES
    percent: Decimal | None = None
    months: int | None = None
    label: str = ""


@dataclass(frozen=True)
class Ladder:
    steps: tuple[Step, ...]  # ascending by min_days
    minutes_per_day: int | None = DEFAULT_MINUTES_PER_DAY  # lateness as absence; None: lateness ignored
    checkins_per_day: int | None = None  # missed check-ins as absence (e.g. 4 per day); None: ignored


def _step(code, days, outcome, percent=None, months=None, label="") -> dict:
    return {"code": code, "min_days": days, "outcome": outcome, "percent": percent, "months": months, "label": label}


#: PP 94/2021 Pasal 9–11 for absence without a valid reason (see the module docstring).
DEFAULT_LADDER_ROWS: tuple[dict, ...] = (
    _step("teguran_lisan", 3, "teguran_lisan", label=gettext_noop("3 hari: teguran lisan")),
    _step("teguran_tertulis", 4, "teguran_tertulis", label=gettext_noop("4–6 hari: teguran tertulis")),
    _step(
        "tidak_puas", 7, "pernyataan_tidak_puas", label=gettext_noop("7–10 hari: pernyataan tidak puas secara tertulis")
    ),
    _step("tpp_25_6", 11, "pemotongan_tpp", "25", 6, gettext_noop("11–13 hari: pemotongan TPP 25% selama 6 bulan")),
    _step("tpp_25_9", 14, "pemotongan_tpp", "25", 9, gettext_noop("14–16 hari: pemotongan TPP 25% selama 9 bulan")),
    _step("tpp_25_12", 17, "pemotongan_tpp", "25", 12, gettext_noop("17–20 hari: pemotongan TPP 25% selama 12 bulan")),
    _step("demosi", 21, "demosi", None, 12, gettext_noop("21–24 hari: penurunan jabatan selama 12 bulan")),
    _step(
        "pembebasan", 25, "pembebasan_jabatan", None, 12, gettext_noop("25–27 hari: pembebasan dari jabatan 12 bulan")
    ),
    _step("pemberhentian", 28, "pemberhentian", label=gettext_noop("28 hari atau lebih: pemberhentian")),
)


def parse_ladder(rows: Iterable[Mapping], *, minutes_per_day=DEFAULT_MINUTES_PER_DAY, checkins_per_day=None) -> Ladder:
    """Validate stored rows into a :class:`Ladder`; :class:`LadderError` lists every problem."""
    errors: list[str] = []
    steps: list[Step] = []
    codes: set[str] = set()
    for number, row in enumerate(rows, 1):
        where = _("Langkah %(n)s") % {"n": number}
        code = str(row.get("code") or "").strip()
        outcome = str(row.get("outcome") or "")
        if not code:
            errors.append(_("%(w)s: kode wajib diisi.") % {"w": where})
        elif code in codes:
            errors.append(_("%(w)s: kode %(c)s dipakai dua kali.") % {"w": where, "c": code})
        codes.add(code)
        try:
            min_days = int(row.get("min_days"))
        except (TypeError, ValueError):
            errors.append(_("%(w)s: jumlah hari harus bilangan bulat.") % {"w": where})
            continue
        if min_days < 1:
            errors.append(_("%(w)s: jumlah hari paling sedikit 1.") % {"w": where})
        if outcome not in OUTCOMES:
            errors.append(_("%(w)s: sanksi “%(o)s” tidak dikenal.") % {"w": where, "o": outcome})
            continue
        percent, months = _parameters(row, outcome, where, errors)
        steps.append(Step(code, min_days, outcome, percent, months, str(row.get("label") or "")))
    for before, after in zip(steps, steps[1:], strict=False):
        if after.min_days <= before.min_days:
            errors.append(
                _("Langkah %(b)s (%(d)s hari) harus lebih tinggi dari langkah %(a)s.")
                % {"b": after.code, "d": after.min_days, "a": before.code}
            )
    if not steps and not errors:
        errors.append(_("Tangga sanksi kosong."))
    for name, value in (("minutes_per_day", minutes_per_day), ("checkins_per_day", checkins_per_day)):
        if value is not None and (not isinstance(value, int) or value < 1):
            errors.append(_("Konversi %(n)s harus bilangan bulat positif atau kosong.") % {"n": name})
    if errors:
        raise LadderError(errors)
    return Ladder(tuple(steps), minutes_per_day, checkins_per_day)


def _parameters(row: Mapping, outcome: str, where: str, errors: list[str]) -> tuple[Decimal | None, int | None]:
    needed = OUTCOMES[outcome]
    percent = months = None
    if "persen" in needed:
        try:
            percent = Decimal(str(row.get("percent")))
        except ArithmeticError:
            percent = None
        if percent is None or not percent.is_finite() or not ZERO < percent <= 100:
            errors.append(_("%(w)s: persentase harus lebih dari 0 dan paling banyak 100.") % {"w": where})
    if "bulan" in needed:
        try:
            months = int(row.get("months"))
        except (TypeError, ValueError):
            months = None
        if months is None or not 1 <= months <= 60:
            errors.append(_("%(w)s: lama sanksi harus 1–60 bulan.") % {"w": where})
    return percent, months


def default_ladder() -> Ladder:
    return parse_ladder(DEFAULT_LADDER_ROWS)


@dataclass(frozen=True)
class Month:
    """One official's attendance summary of one month (from the attendance system's export)."""

    official: str  # key of the official (NIP)
    month: int  # 1–12
    days_absent: int = 0  # days absent without a valid reason
    minutes_late: int = 0  # minutes late plus minutes left early
    missed_checkins: int = 0  # fingerprint check-ins missed


def equivalent_days(month: Month, ladder: Ladder) -> Decimal:
    """Days of absence a month counts for: absent days, plus lateness and missed check-ins converted
    by the ladder's settings (whole days only: 449 minutes late are 0 days)."""
    days = Decimal(month.days_absent)
    if ladder.minutes_per_day:
        days += Decimal(month.minutes_late) / ladder.minutes_per_day
    if ladder.checkins_per_day:
        days += Decimal(month.missed_checkins) / ladder.checkins_per_day
    return days


def step_for(days: Decimal, ladder: Ladder) -> Step | None:
    """The highest step reached by ``days`` (whole days: partial days do not count)."""
    whole = int(days.to_integral_value(rounding=ROUND_FLOOR))
    reached = None
    for step in ladder.steps:
        if whole >= step.min_days:
            reached = step
    return reached


@dataclass(frozen=True)
class Outcome:
    official: str
    month: int  # the month in which the step was reached
    step: Step
    days: Decimal  # cumulative equivalent days up to and including ``month`` (2 decimals)
    months_counted: tuple[int, ...]  # the months whose records make up ``days``


def evaluate(records: Sequence[Month], ladder: Ladder, *, through_month: int = 12) -> list[Outcome]:
    """Steps newly reached, per official and month, from January to ``through_month`` (see the module
    docstring). Records of the same official and month are refused (the import prevents them)."""
    by_official: dict[str, dict[int, Month]] = {}
    for record in records:
        if not 1 <= record.month <= 12:
            raise LadderError([_("Bulan %(m)s di luar 1–12.") % {"m": record.month}])
        months = by_official.setdefault(record.official, {})
        if record.month in months:
            raise LadderError(
                [_("Data %(o)s bulan %(m)s tercatat dua kali.") % {"o": record.official, "m": record.month}]
            )
        months[record.month] = record
    out: list[Outcome] = []
    for official in sorted(by_official):
        months = by_official[official]
        total = ZERO
        previous: Step | None = None
        counted: list[int] = []
        for month in range(1, through_month + 1):
            if month in months:
                total += equivalent_days(months[month], ladder)
                counted.append(month)
            step = step_for(total, ladder)
            if step is not None and (previous is None or step.min_days > previous.min_days):
                out.append(Outcome(official, month, step, total.quantize(Decimal("0.01")), tuple(counted)))
                previous = step
    return out
