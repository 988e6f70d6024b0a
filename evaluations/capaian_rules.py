"""The configuration of the capaian maths: :class:`CapaianRules` and category bands (pure, no ORM).

A Pemda adapts the national defaults by its Perbup/Perwal; its choices are stored as data per Pemda
and year (a mapping, e.g. JSON) and turned into a :class:`CapaianRules` with
:meth:`CapaianRules.from_mapping`. The defaults live in ``evaluations.rules_defaults.DEFAULTS``.
Every number is a ``Decimal`` percent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from evaluations.rules_defaults import CAP_OPTIONS, DEFAULTS, NEGATIVE_METHODS, ZERO_TARGET_METHODS
from sakip.lib.numbers import round_half_up


class RulesError(ValueError):
    """A configuration that cannot be used; ``messages`` are in Bahasa Indonesia."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class CategoryBand:
    """One capaian category: values (percent, rounded half-up to 2 decimals) ``>= lower`` fall in it.

    ``lower`` is ``None`` for the last, catch-all band (Sangat Rendah). ``code`` is stable (use it in
    CSS classes, exports and the API); ``label`` is shown; ``colour`` is a ``#rrggbb`` hex colour.
    """

    code: str
    label: str
    lower: Decimal | None
    colour: str


def _bands(rows) -> tuple[CategoryBand, ...]:
    return tuple(row if isinstance(row, CategoryBand) else CategoryBand(*row) for row in rows)


DEFAULT_BANDS: tuple[CategoryBand, ...] = _bands(DEFAULTS["category_bands"])


def band_problems(bands: Sequence[CategoryBand]) -> list[str]:
    """Why a category table cannot be used (empty list when it can).

    Bands are listed best first with strictly decreasing lower bounds; only the last band has no
    lower bound (it catches everything below the others), so every value gets exactly one category.
    """
    problems: list[str] = []
    if not bands:
        return [_("Tabel kategori capaian kosong.")]
    codes = [band.code for band in bands]
    if len(set(codes)) != len(codes):
        problems.append(_("Kode kategori capaian tidak boleh berulang."))
    if bands[-1].lower is not None:
        problems.append(_("Kategori terakhir harus tanpa batas bawah agar semua nilai mendapat kategori."))
    lowers = [band.lower for band in bands[:-1]]
    if any(lower is None for lower in lowers):
        problems.append(_("Hanya kategori terakhir yang boleh tanpa batas bawah."))
    elif any(a <= b for a, b in zip(lowers, lowers[1:], strict=False)):
        problems.append(_("Batas bawah kategori harus menurun dari kategori terbaik ke terburuk."))
    return problems


@dataclass(frozen=True)
class CapaianRules:
    """How capaian is computed, capped and categorised. Defaults: ``rules_defaults.DEFAULTS``.

    - ``negative_method``: ``"2t_minus_r"`` ((2T − R) / T × 100, default) or ``"t_over_r"`` (T / R × 100).
    - ``zero_target``: ``"not_assessed"`` (default; T = 0 gives ``None``) or ``"binary"`` (100 when
      the zero target is met, i.e. R ≥ 0 for positive / R ≤ 0 for negative polarity, else 0).
    - ``cap``: percent applied to aggregates and rankings (``None``, 100, 110 or 120; default 120).
    - ``bands``: category table, best first (default Permendagri 86/2017 style, see DEFAULTS).
    - ``kendala_threshold``: percent; a rounded capaian below it needs kendala and upaya (default 76).
    """

    negative_method: str = DEFAULTS["negative_method"]
    zero_target: str = DEFAULTS["zero_target"]
    cap: Decimal | None = DEFAULTS["cap"]
    bands: tuple[CategoryBand, ...] = field(default=DEFAULT_BANDS)
    kendala_threshold: Decimal = DEFAULTS["kendala_threshold"]

    def __post_init__(self) -> None:
        object.__setattr__(self, "bands", _bands(self.bands))
        problems = []
        if self.negative_method not in NEGATIVE_METHODS:
            problems.append(_("Metode polaritas negatif tidak dikenal: %(m)s.") % {"m": self.negative_method})
        if self.zero_target not in ZERO_TARGET_METHODS:
            problems.append(_("Perlakuan target nol tidak dikenal: %(m)s.") % {"m": self.zero_target})
        if self.cap not in CAP_OPTIONS:
            problems.append(_("Batas atas capaian harus tanpa batas, 100, 110 atau 120."))
        problems += band_problems(self.bands)
        if problems:
            raise RulesError(problems)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> CapaianRules:
        """Rules from stored data (keys as in DEFAULTS; missing keys take the default).

        Numbers may come as strings (JSON); ``cap`` may be ``None``/``""``/``"none"`` for no cap.
        """
        data = dict(data or {})
        unknown = set(data) - set(DEFAULTS)
        if unknown:
            raise RulesError([_("Kunci aturan capaian tidak dikenal: %(k)s.") % {"k": ", ".join(sorted(unknown))}])
        values: dict[str, Any] = {}
        for key in ("negative_method", "zero_target"):
            if key in data:
                values[key] = data[key]
        if "cap" in data:
            cap = data["cap"]
            values["cap"] = None if cap in (None, "", "none") else Decimal(str(cap))
        if "kendala_threshold" in data:
            values["kendala_threshold"] = Decimal(str(data["kendala_threshold"]))
        if "category_bands" in data:
            values["bands"] = tuple(
                CategoryBand(code, label, None if lower is None else Decimal(str(lower)), colour)
                for code, label, lower, colour in data["category_bands"]
            )
        return cls(**values)

    def to_mapping(self) -> dict[str, object]:
        """The inverse of :meth:`from_mapping`, with numbers as strings (JSON-safe)."""
        return {
            "negative_method": self.negative_method,
            "zero_target": self.zero_target,
            "cap": None if self.cap is None else str(self.cap),
            "kendala_threshold": str(self.kendala_threshold),
            "category_bands": [
                [b.code, b.label, None if b.lower is None else str(b.lower), b.colour] for b in self.bands
            ],
        }


DEFAULT_RULES = CapaianRules()


def category(value: Decimal | None, rules: CapaianRules = DEFAULT_RULES) -> CategoryBand | None:
    """Category of a capaian (percent), decided on the value rounded half-up to 2 decimals.

    ``None`` (not assessed) has no category. With the default bands 90.994 rounds to 90.99 → Tinggi
    and 90.995 rounds to 91.00 → Sangat Tinggi.
    """
    if value is None:
        return None
    rounded = round_half_up(value, 2)
    for band in rules.bands:
        if band.lower is None or rounded >= band.lower:
            return band
    raise AssertionError("band_problems guarantees a catch-all band")  # pragma: no cover


def needs_explanation(value: Decimal | None, rules: CapaianRules = DEFAULT_RULES) -> bool:
    """Whether kendala (obstacles) and upaya (actions) are required: rounded capaian below the threshold.

    Not assessed (``None``) needs nothing: there is no value to explain.
    """
    return value is not None and round_half_up(value, 2) < rules.kendala_threshold


def capped(value: Decimal | None, rules: CapaianRules = DEFAULT_RULES) -> Decimal | None:
    """The capaian used by aggregates and rankings: ``min(value, cap)``; raw value is for display."""
    if value is None or rules.cap is None:
        return value
    return min(value, rules.cap)


def display(value: Decimal | None) -> Decimal | None:
    """The value shown to people: rounded half-up to 2 decimals (``None`` stays "not assessed")."""
    return None if value is None else round_half_up(value, 2)
