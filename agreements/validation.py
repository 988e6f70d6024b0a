"""Pure validation of PK indicator targets (no ORM; every number is a ``Decimal``).

The services (``agreements/services.py``), the API and the Excel import all call these functions,
so a target is refused with the same message wherever it is entered. Each problem is returned as a
``(field, message)`` pair; ``field`` is a stable key usable as a form field, an API error key or an
Excel column: ``target``, ``target_low``, ``target_high``, ``baseline``, ``weight``, ``tw1`` … ``tw4``
and ``bulan1`` … ``bulan12``.

Period-target rules (domain reference §4 and §5.3), applied when the annual target and every
period target of a kind are filled in (a draft may be incomplete; :func:`completeness_problems`
reports the gaps when the PK is submitted):

* **cumulative** (*kumulatif*): period targets are the amounts of each period; the four quarters
  add up exactly to the annual target; the twelve months add up to the annual target and the
  three months of each quarter add up to that quarter's target.
* **last value** (*nilai akhir*): period targets are the level to reach by the end of the period;
  TW IV equals the annual target; December equals the annual target and the last month of each
  quarter (March, June, September, December) equals that quarter's target.
* **average** (*rata-rata*): the mean of the four quarters equals the annual target; the mean of the
  twelve months equals the annual target and the mean of each quarter's three months equals that
  quarter's target. A mean is compared after rounding half-up to the number of decimal places of
  the value it is compared with (at least 2), because a third of a value rarely terminates.

For a **range** indicator every rule applies separately to the lower and to the upper bound, and
each period's lower bound must be below its upper bound, like the annual range.

Negative values are refused unless the indicator allows them (``allow_negative``; e.g. economic
growth). Values keep at most 4 decimal places (the database precision).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

POSITIVE, NEGATIVE, RANGE = "positive", "negative", "range"
CUMULATIVE, LAST, AVERAGE = "cumulative", "last", "average"
MAX_DECIMALS = 4
MAX_INTEGER_DIGITS = 16  # DecimalField(max_digits=20, decimal_places=4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}

Problem = tuple[str, str]
Bounds = tuple[Decimal | None, Decimal | None]


class NotANumber(ValueError):
    """Raised by :func:`to_decimal` with a message in Bahasa Indonesia."""


def quarter_field(n: int) -> str:
    return f"tw{n}"


def month_field(n: int) -> str:
    return f"bulan{n}"


def quarter_label(n: int) -> str:
    return f"TW {ROMAN[n]}"


def month_label(n: int) -> str:
    return MONTHS[n]


def to_decimal(value) -> Decimal | None:
    """Read a number typed by a person or read from a spreadsheet; ``None`` for an empty value.

    Accepts ``Decimal``, ``int``, ``float`` (via its shortest repr) and strings. Strings may use the
    Indonesian decimal comma ("61,76"); with both separators the last one is the decimal separator
    ("1.250,5" = 1250.5, "1,250.5" = 1250.5); several dots and no comma are thousands separators
    ("1.250.000"). Spaces and a leading "Rp" are ignored. Raises :class:`NotANumber` otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber(_("bukan angka"))
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if text[:2].lower() == "rp":
            text = text[2:].lstrip(".")
        if text == "":
            return None
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            if text.count(",") > 1:
                raise NotANumber(_("bukan angka"))
            text = text.replace(",", ".")
        elif text.count(".") > 1:
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise NotANumber(_("bukan angka")) from None
    else:
        raise NotANumber(_("bukan angka"))
    if not number.is_finite():
        raise NotANumber(_("bukan angka"))
    return number


def number_problems(value: Decimal | None, *, allow_negative: bool) -> list[str]:
    """Messages (without the field) for one parsed number: sign and precision."""
    if value is None:
        return []
    problems = []
    if value < 0 and not allow_negative:
        problems.append(_("tidak boleh negatif"))
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        problems.append(_("paling banyak %(n)d angka di belakang koma") % {"n": MAX_DECIMALS})
    if abs(value) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        problems.append(_("angka terlalu besar"))
    return problems


def fmt(value: Decimal | None) -> str:
    """A Decimal in Indonesian notation for messages (decimal comma, no trailing zeros)."""
    if value is None:
        return "–"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(2, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _mean_matches(values: Sequence[Decimal], expected: Decimal) -> tuple[bool, Decimal]:
    mean = sum(values, Decimal(0)) / len(values)
    quantum = Decimal(1).scaleb(-_places(expected))
    return mean.quantize(quantum, rounding=ROUND_HALF_UP) == expected.quantize(quantum), mean


def _aggregate_check(
    rule: str, values: Sequence[Decimal], expected: Decimal, *, labels: str, expected_label: str
) -> str | None:
    """One consistency check of ``values`` against ``expected``; returns a message or None."""
    if rule == CUMULATIVE:
        total = sum(values, Decimal(0))
        if total != expected:
            return _("jumlah target %(labels)s (%(total)s) harus sama dengan %(what)s (%(expected)s)") % {
                "labels": labels,
                "total": fmt(total),
                "what": expected_label,
                "expected": fmt(expected),
            }
    elif rule == LAST:
        if values[-1] != expected:
            return _("target periode terakhir %(labels)s (%(last)s) harus sama dengan %(what)s (%(expected)s)") % {
                "labels": labels,
                "last": fmt(values[-1]),
                "what": expected_label,
                "expected": fmt(expected),
            }
    elif rule == AVERAGE:
        ok, mean = _mean_matches(values, expected)
        if not ok:
            return _("rata-rata target %(labels)s (%(mean)s) harus sama dengan %(what)s (%(expected)s)") % {
                "labels": labels,
                "mean": fmt(mean.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
                "what": expected_label,
                "expected": fmt(expected),
            }
    else:
        raise ValueError(f"unknown period rule {rule!r}")
    return None


@dataclass(frozen=True)
class TargetSet:
    """The numbers of one indicator. For a range indicator the period lists hold ``(low, high)``
    tuples and ``target`` is unused; otherwise they hold ``Decimal | None``. ``months`` is empty
    when the indicator has no monthly targets."""

    polarity: str
    period_rule: str
    target: Decimal | None = None
    target_low: Decimal | None = None
    target_high: Decimal | None = None
    quarters: tuple = (None, None, None, None)
    months: tuple = ()
    allow_negative: bool = False


def _bound(values: Iterable, index: int) -> list:
    return [v[index] if v is not None else None for v in values]


def _check_range_pair(field: str, low, high) -> list[Problem]:
    if low is not None and high is not None and low >= high:
        return [
            (
                field,
                _("batas bawah (%(low)s) harus lebih kecil dari batas atas (%(high)s)")
                % {
                    "low": fmt(low),
                    "high": fmt(high),
                },
            )
        ]
    if (low is None) != (high is None):
        return [(field, _("isi batas bawah dan batas atas sekaligus"))]
    return []


def target_problems(ts: TargetSet) -> list[Problem]:
    """Every problem of a target set that can be judged from what is filled in (see module doc)."""
    problems: list[Problem] = []
    is_range = ts.polarity == RANGE
    quarters, months = list(ts.quarters), list(ts.months)
    if len(quarters) != 4:
        raise ValueError("quarters must have 4 entries")
    if months and len(months) != 12:
        raise ValueError("months must have 0 or 12 entries")

    def numbers(field: str, values: Iterable[Decimal | None]) -> None:
        for value in values:
            for message in number_problems(value, allow_negative=ts.allow_negative):
                problems.append((field, message))

    if is_range:
        if ts.target is not None:
            problems.append(("target", _("indikator rentang memakai batas bawah dan batas atas, bukan target tunggal")))
        numbers("target_low", [ts.target_low])
        numbers("target_high", [ts.target_high])
        if ts.target_low is not None and ts.target_high is not None and ts.target_low >= ts.target_high:
            problems.append(("target_high", _("batas atas harus lebih besar dari batas bawah")))
        for n, pair in enumerate(quarters, 1):
            if pair is not None:
                numbers(quarter_field(n), pair)
                problems += _check_range_pair(quarter_field(n), *pair)
        for n, pair in enumerate(months, 1):
            if pair is not None:
                numbers(month_field(n), pair)
                problems += _check_range_pair(month_field(n), *pair)
        series = [
            (ts.target_low, _bound(quarters, 0), _bound(months, 0) if months else [], _("batas bawah")),
            (ts.target_high, _bound(quarters, 1), _bound(months, 1) if months else [], _("batas atas")),
        ]
    else:
        if ts.target_low is not None or ts.target_high is not None:
            field = "target_low" if ts.target_low is not None else "target_high"
            problems.append((field, _("batas bawah/atas hanya untuk indikator dengan polaritas rentang")))
        numbers("target", [ts.target])
        for n, value in enumerate(quarters, 1):
            numbers(quarter_field(n), [value])
        for n, value in enumerate(months, 1):
            numbers(month_field(n), [value])
        series = [(ts.target, quarters, months, "")]

    for annual, qs, ms, which in series:
        suffix = f" ({which})" if which else ""
        if annual is not None and all(v is not None for v in qs):
            message = _aggregate_check(ts.period_rule, qs, annual, labels="TW I–IV", expected_label=_("target tahunan"))
            if message:
                problems.append((quarter_field(4), message + suffix))
        if ms and all(v is not None for v in ms):
            if annual is not None:
                message = _aggregate_check(
                    ts.period_rule, ms, annual, labels=_("Januari–Desember"), expected_label=_("target tahunan")
                )
                if message:
                    problems.append((month_field(12), message + suffix))
            for q in range(1, 5):
                if qs[q - 1] is None:
                    continue
                three = ms[3 * q - 3 : 3 * q]
                message = _aggregate_check(
                    ts.period_rule,
                    three,
                    qs[q - 1],
                    labels=f"{month_label(3 * q - 2)}–{month_label(3 * q)}",
                    expected_label=_("target %(tw)s") % {"tw": quarter_label(q)},
                )
                if message:
                    problems.append((month_field(3 * q), message + suffix))
    return problems


def completeness_problems(ts: TargetSet) -> list[Problem]:
    """What is still missing before a PK with this indicator may be submitted."""
    problems: list[Problem] = []
    if ts.polarity == RANGE:
        if ts.target_low is None:
            problems.append(("target_low", _("batas bawah target tahunan belum diisi")))
        if ts.target_high is None:
            problems.append(("target_high", _("batas atas target tahunan belum diisi")))
        filled = [p is not None and p[0] is not None and p[1] is not None for p in ts.quarters]
        months_filled = [p is not None and p[0] is not None and p[1] is not None for p in ts.months]
    else:
        if ts.target is None:
            problems.append(("target", _("target tahunan belum diisi")))
        filled = [v is not None for v in ts.quarters]
        months_filled = [v is not None for v in ts.months]
    for n, ok in enumerate(filled, 1):
        if not ok:
            problems.append((quarter_field(n), _("target %(tw)s belum diisi") % {"tw": quarter_label(n)}))
    if ts.months and not all(months_filled):
        missing = [month_label(n) for n, ok in enumerate(months_filled, 1) if not ok]
        problems.append(
            (
                month_field(months_filled.index(False) + 1),
                _("target bulanan belum lengkap (kosong: %(months)s); isi semua bulan atau kosongkan semuanya")
                % {"months": ", ".join(missing)},
            )
        )
    return problems


def normalize_name(name: str) -> str:
    """The key two indicator (or sasaran) names are compared by: case and spacing ignored."""
    return " ".join((name or "").split()).casefold()


def duplicate_names(names: Iterable[str]) -> list[str]:
    """Names that occur more than once (case-insensitive, spacing ignored), in first-seen order."""
    seen: dict[str, int] = {}
    dupes: list[str] = []
    for name in names:
        key = normalize_name(name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 2:
            dupes.append(name)
    return dupes
