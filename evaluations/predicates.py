"""AKIP predicate bands (domain reference §6.4) and the gap to a target predicate (pure, no ORM).

Scores are points on the 0–100 scale. A score is **rounded half-up to 2 decimals first**, then
placed in the band with ``lower < score <= upper`` (lower bounds exclusive): 90.00 → A, 90.01 → AA,
30.00 → D. The lowest band also includes its own lower bound, so 0 → D and the scale is closed.
The table is data (stored per year); the default is ``rules_defaults.PREDICATE_BANDS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from evaluations.lke_template import LkeError
from evaluations.rules_defaults import PREDICATE_BANDS
from sakip.lib.numbers import format_number, round_half_up

STEP = Decimal("0.01")  # the resolution of a reported score


@dataclass(frozen=True)
class PredicateBand:
    letter: str  # AA, A, BB, B, CC, C, D
    lower: Decimal  # exclusive (inclusive only for the lowest band)
    upper: Decimal  # inclusive
    label: str  # "Sangat Memuaskan" …


def bands_from_rows(rows: Iterable[Sequence]) -> tuple[PredicateBand, ...]:
    """Bands from stored rows ``(letter, lower_exclusive, upper_inclusive, label)``; numbers may be text."""
    return tuple(PredicateBand(str(a), Decimal(str(lo)), Decimal(str(up)), str(lbl)) for a, lo, up, lbl in rows)


DEFAULT_PREDICATES: tuple[PredicateBand, ...] = bands_from_rows(PREDICATE_BANDS)


def _n(value: Decimal) -> str:
    return format_number(value, 2)


def _ordered(bands: Sequence[PredicateBand]) -> list[PredicateBand]:
    return sorted(bands, key=lambda band: (band.lower, band.upper))


def overlap_problems(bands: Sequence[PredicateBand]) -> list[str]:
    """Gaps, overlaps, empty bands and repeated letters in a predicate table (empty list when none)."""
    if not bands:
        return [_("Tabel predikat kosong.")]
    problems: list[str] = []
    letters = [band.letter for band in bands]
    repeated = sorted({letter for letter in letters if letters.count(letter) > 1})
    if repeated:
        problems.append(_("Predikat %(letters)s tercantum lebih dari sekali.") % {"letters": ", ".join(repeated)})
    for band in bands:
        if band.lower >= band.upper:
            problems.append(
                _("Batas bawah predikat %(p)s (%(lo)s) harus lebih kecil dari batas atasnya (%(up)s).")
                % {"p": band.letter, "lo": _n(band.lower), "up": _n(band.upper)}
            )
    ordered = _ordered(bands)
    for below, above in zip(ordered, ordered[1:], strict=False):
        values = {"a": below.letter, "b": above.letter, "up": _n(below.upper), "lo": _n(above.lower)}
        if above.lower > below.upper:
            problems.append(_("Ada celah antara predikat %(a)s (sampai %(up)s) dan %(b)s (di atas %(lo)s).") % values)
        elif above.lower < below.upper:
            problems.append(_("Predikat %(a)s (sampai %(up)s) dan %(b)s (di atas %(lo)s) tumpang tindih.") % values)
    return problems


def coverage_problems(
    bands: Sequence[PredicateBand], low: Decimal = Decimal(0), high: Decimal = Decimal(100)
) -> list[str]:
    """Whether the table reaches from ``low`` (0) to ``high`` (100); gaps inside are :func:`overlap_problems`."""
    if not bands:
        return [_("Tabel predikat kosong.")]
    problems = []
    if min(band.lower for band in bands) != low:
        problems.append(_("Tabel predikat harus dimulai dari nilai %(v)s.") % {"v": _n(low)})
    if max(band.upper for band in bands) != high:
        problems.append(_("Tabel predikat harus mencapai nilai %(v)s.") % {"v": _n(high)})
    return problems


def validate_predicates(bands: Sequence[PredicateBand]) -> tuple[PredicateBand, ...]:
    """Return the bands, or raise :class:`LkeError` listing gaps, overlaps and missing coverage of 0–100."""
    problems = overlap_problems(bands) + coverage_problems(bands)
    if problems:
        raise LkeError(problems)
    return tuple(bands)


def predicate(score: Decimal, bands: Sequence[PredicateBand] = DEFAULT_PREDICATES) -> PredicateBand:
    """The predicate of a score (points), decided on the score rounded half-up to 2 decimals."""
    rounded = round_half_up(score, 2)
    ordered = _ordered(bands)
    for band in ordered:
        if band.lower < rounded <= band.upper:
            return band
    if ordered and rounded == ordered[0].lower:
        return ordered[0]
    raise LkeError([_("Nilai %(v)s di luar rentang tabel predikat.") % {"v": _n(rounded)}])


def minimum_score(band: PredicateBand, bands: Sequence[PredicateBand] = DEFAULT_PREDICATES) -> Decimal:
    """The lowest reported score (2 decimals) that earns ``band``: its lower bound + 0.01 (70.01 for BB)."""
    lowest = _ordered(bands)[0]
    return band.lower if band == lowest else band.lower + STEP


class Scored(Protocol):
    """Anything with a code, a weight and a score in points (sub-component or component scores)."""

    code: str
    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class Opportunity:
    code: str
    name: str
    weight: Decimal
    score: Decimal
    available: Decimal  # points still to earn: weight × (1 − grade value / 100) = weight − score


def opportunities(parts: Iterable[Scored]) -> tuple[Opportunity, ...]:
    """Parts where points are still available, most points first (ties by code); full parts left out."""
    found = [
        Opportunity(p.code, getattr(p, "name", ""), p.weight, p.score, p.weight - p.score)
        for p in parts
        if p.weight - p.score > 0
    ]
    return tuple(sorted(found, key=lambda o: (-o.available, o.code)))


@dataclass(frozen=True)
class PredicateGap:
    score: Decimal  # current score, rounded half-up to 2 decimals
    current: PredicateBand
    target: PredicateBand
    minimum: Decimal  # lowest score earning the target predicate
    points_needed: Decimal  # 0 when the target is already reached
    opportunities: tuple[Opportunity, ...]


def predicate_gap(
    score: Decimal,
    target_letter: str,
    parts: Iterable[Scored] = (),
    bands: Sequence[PredicateBand] = DEFAULT_PREDICATES,
) -> PredicateGap:
    """How far a score is from a target predicate, and where the points are.

    Example (domain §6.4): 61.76 (B) aiming at BB needs 70.01 − 61.76 = 8.25 points.
    ``parts`` are the sub-component (or, for a published KemenPAN-RB result, component) scores.
    """
    by_letter = {band.letter: band for band in bands}
    if target_letter not in by_letter:
        raise LkeError([_("Predikat %(p)s tidak ada di tabel predikat.") % {"p": target_letter}])
    target = by_letter[target_letter]
    rounded = round_half_up(score, 2)
    current = predicate(rounded, bands)
    minimum = minimum_score(target, bands)
    needed = max(minimum - rounded, Decimal(0)) if current.lower < target.lower else Decimal("0.00")
    return PredicateGap(rounded, current, target, minimum, round_half_up(needed, 2), opportunities(parts))
