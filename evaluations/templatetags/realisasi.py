"""Template filters of the realisation pages: targets (single or range) and capaian categories."""

from __future__ import annotations

from django import template

from evaluations import scoring
from sakip.lib.numbers import format_number

register = template.Library()


def _num(value) -> str:
    return format_number(value, 2, strip=True)


@register.filter
def target(value) -> str:
    """A target as people read it: ``75``, ``12,5`` or a range ``70–80``; none → ``–``."""
    if value is None:
        return "–"
    if isinstance(value, scoring.Range):
        return f"{_num(value.low)}–{_num(value.high)}"
    return _num(value)


@register.filter
def nilai(value) -> str:
    """A realised value (``–`` when not reported)."""
    return "–" if value is None else _num(value)


@register.filter
def cat_code(band) -> str:
    """CSS class suffix of a capaian category (``na`` when not assessed)."""
    return band.code if band is not None else "na"


@register.filter
def ketik(value) -> str:
    """A value as it is typed back into a box (decimal comma, no thousands dots)."""
    from agreements.forms import number_text

    return number_text(value)


@register.filter
def kategori(value, rules):
    """The capaian category band of a raw capaian (``None`` when not assessed)."""
    return scoring.category(value, rules) if rules is not None else scoring.category(value)


@register.filter
def tampil(value):
    """A capaian rounded half-up to 2 decimals for display (``None`` stays ``None``)."""
    return scoring.display(value)
