"""Server-rendered SVG charts (pure Python: no ORM, no JavaScript, no CDN).

One function draws a chart for a page and for a WeasyPrint PDF, so both show the same picture.
Each function returns a complete ``<svg>`` string (:class:`SVG`) that is safe to embed: every
text is escaped, every colour is validated, numbers are written the Indonesian way (``87,5``)
through :mod:`sakip.lib.numbers`. :class:`SVG` has ``__html__``, so Django templates render
``{{ chart }}`` without escaping it, while any string built from it is escaped again.
Charts are accessible: ``role="img"``, an ``aria-label``, a ``<title>`` and a ``<desc>`` that
lists the data as text.

Values may be ``int``, ``float``, ``Decimal``, numeric strings or ``None``; ``None`` means "not
assessed": no bar or point is drawn and the value label shows ``–`` (never 0).

Templates use the tags in ``sakip/core/templatetags/charts.py`` (``{% load charts %}``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import svg
from .numbers import format_number, to_decimal
from .svg import CATEGORY_COLORS, PALETTE, SVG, color

__all__ = [
    "CATEGORY_COLORS",
    "PALETTE",
    "SVG",
    "Series",
    "bar_chart",
    "color",
    "distribution_bar",
    "line_chart",
    "stacked_bar_chart",
]

# A chart value: int, float, Decimal, a numeric string, or None ("not assessed").
Number = Any


@dataclass(frozen=True)
class Series:
    """A named row of values (one per label or period) with an optional colour."""

    name: str
    values: Sequence
    color: str | None = None


def _num(value) -> float | None:
    number = to_decimal(value)
    if number is None or not number.is_finite():
        return None
    return float(number)


def _formatter(decimals: int, suffix: str) -> Callable[[object], str]:
    def fmt(value) -> str:
        if _num(value) is None:
            return "–"
        return f"{format_number(value, decimals, strip=True)}{suffix}"

    return fmt


def _data_desc(labels: Sequence, series: Sequence[Series], fmt: Callable) -> str:
    rows = []
    for s in series:
        pairs = ", ".join(f"{lab}: {fmt(v)}" for lab, v in zip(labels, s.values, strict=False))
        rows.append(f"{s.name}: {pairs}" if s.name else pairs)
    return "; ".join(rows)


@dataclass
class _Axis:
    """The value axis: domain from 0 (or the lowest negative value) to a round top."""

    low: float
    high: float
    ticks: list[float]

    @classmethod
    def for_values(cls, values, reference: float | None, max_value: float | None, decimals: int = 2) -> _Axis:
        present = [v for v in values if v is not None]
        if reference is not None:
            present.append(reference)
        if max_value is not None:
            present.append(max_value)
        low, high = min([0.0, *present]), max([0.0, *present])
        # whole-number charts (decimals=0) get whole-number ticks
        ticks = svg.nice_ticks(low, high if high > low else low + 1, min_step=1 if decimals == 0 else 0)
        return cls(ticks[0], ticks[-1], ticks)

    def scale(self, start: float, length: float, *, invert: bool = False) -> Callable[[float], float]:
        def pos(v: float) -> float:
            share = (v - self.low) / (self.high - self.low)
            return start + (1 - share) * length if invert else start + share * length

        return pos


def _reference_text(label: str, value, fmt) -> str:
    return f"{label} {fmt(value)}".strip()


def _reference_legend(ref: float | None, label: str, fmt, left: float, width: float) -> tuple[list[str], float]:
    """A legend row naming the dashed reference line, so its label never sits on a bar or point."""
    if ref is None:
        return [], 0
    return svg.legend([(_reference_text(label, ref, fmt), svg.REFERENCE, "dashed")], left, 6, width - left)


# --- bar chart ----------------------------------------------------------------------------


def bar_chart(
    labels: Sequence[str],
    values: Sequence,
    *,
    title: str,
    horizontal: bool = False,
    colors: Sequence[str | None] | None = None,
    reference: Number | None = None,
    reference_label: str = "",
    decimals: int = 2,
    suffix: str = "",
    max_value: Number | None = None,
    width: int = 640,
    height: int = 300,
) -> SVG:
    """A bar per label with its value written at its end (``87,5%``), optionally a dashed
    reference line (e.g. the 100% target). Vertical by default; ``horizontal=True`` suits long
    unit names (the height then grows with the number of bars). ``colors`` gives one colour per
    bar (e.g. its capaian category); without it every bar takes the first palette colour."""
    labels = [str(label) for label in labels]
    nums = [_num(v) for v in values]
    fmt = _formatter(decimals, suffix)
    fills = [color(colors[i] if colors and i < len(colors) else None, i if colors else 0) for i in range(len(nums))]
    ref = _num(reference)
    axis = _Axis.for_values(nums, ref, _num(max_value), decimals)
    desc = _data_desc(labels, [Series("", values)], fmt)
    if ref is not None:
        desc += f"; {_reference_text(reference_label or 'Referensi', reference, fmt)}"
    args = (labels, nums, fills, fmt, axis, ref, reference_label)
    if horizontal:
        return _hbar(*args, title=title, desc=desc, width=width)
    return _vbar(*args, title=title, desc=desc, width=width, height=height)


def _vbar(labels, nums, fills, fmt, axis, ref, ref_label, *, title, desc, width, height) -> SVG:
    n = max(len(nums), 1)
    left = max(svg.text_width(fmt(t), 11) for t in axis.ticks) + 14
    legend, legend_h = _reference_legend(ref, ref_label, fmt, left, width)
    right, top = 12, 22 + legend_h
    slot = (width - left - right) / n
    wrapped = [svg.wrap(label, max(int(slot / (11 * svg.CHAR_WIDTH)), 3)) for label in labels]
    bottom = 12 + 14 * max((len(w) for w in wrapped), default=1)
    y = axis.scale(top, height - top - bottom, invert=True)
    parts = svg.open_svg(width, height, title, desc)
    parts.extend(legend)
    for t in axis.ticks:
        parts.append(svg.line(left, y(t), width - right, y(t)))
        parts.append(svg.text(left - 6, y(t) + 4, fmt(t), anchor="end", size=11, fill=svg.MUTED))
    bar_w = min(slot * 0.62, 56)
    for i, (value, lines) in enumerate(zip(nums, wrapped, strict=False)):
        cx = left + slot * i + slot / 2
        if value is None:
            label_y = y(0) - 5
        else:
            y0, y1 = sorted((y(0), y(value)))
            parts.append(svg.rect(cx - bar_w / 2, y0, bar_w, max(y1 - y0, 0.5), fills[i], rx=2))
            label_y = y(value) - 5 if value >= 0 else y(value) + 14
        parts.append(svg.text(cx, label_y, fmt(value), anchor="middle", size=11, font_weight="bold"))
        for j, line in enumerate(lines):
            parts.append(svg.text(cx, height - bottom + 16 + 14 * j, line, anchor="middle", size=11))
    parts.append(svg.line(left, y(0), width - right, y(0), svg.AXIS))
    if ref is not None:
        parts.append(svg.line(left, y(ref), width - right, y(ref), svg.REFERENCE, dashed=True))
    parts.append("</svg>")
    return SVG("".join(parts))


def _hbar(labels, nums, fills, fmt, axis, ref, ref_label, *, title, desc, width) -> SVG:
    row_h, top, bottom, right = 28, (8 if ref is None else 22), 24, 12
    label_w = min(max((svg.text_width(label) for label in labels), default=0) + 10, width * 0.42)
    max_chars = max(int((label_w - 10) / (svg.FONT_SIZE * svg.CHAR_WIDTH)), 4)
    value_w = max(svg.text_width(fmt(v)) for v in [*nums, axis.high]) + 8
    x = axis.scale(label_w, width - label_w - right - value_w)
    height = top + row_h * max(len(nums), 1) + bottom
    plot_bottom = height - bottom
    parts = svg.open_svg(width, height, title, desc)
    for t in axis.ticks:
        parts.append(svg.line(x(t), top, x(t), plot_bottom))
        parts.append(svg.text(x(t), plot_bottom + 15, fmt(t), anchor="middle", size=10, fill=svg.MUTED))
    for i, (value, label) in enumerate(zip(nums, labels, strict=False)):
        cy = top + row_h * i + row_h / 2
        parts.append(svg.text(label_w - 8, cy + 4, svg.fit(label, max_chars), anchor="end"))
        end = x(0)
        if value is not None:
            end = x(value)
            x0, x1 = sorted((x(0), end))
            parts.append(svg.rect(x0, cy - 9, max(x1 - x0, 0.5), 18, fills[i], rx=2))
        # a negative bar grows towards the labels, so its value is written right of the zero line
        value_x = x(0) + 5 if value is not None and value < 0 else end + 5
        parts.append(svg.text(value_x, cy + 4, fmt(value), font_weight="bold"))
    parts.append(svg.line(x(0), top, x(0), plot_bottom, svg.AXIS))
    if ref is not None:
        parts.append(svg.line(x(ref), top - 4, x(ref), plot_bottom, svg.REFERENCE, dashed=True))
        label = _reference_text(ref_label, ref, fmt)
        parts.append(svg.text(x(ref), top - 8, label, anchor="middle", size=11, fill=svg.REFERENCE))
    parts.append("</svg>")
    return SVG("".join(parts))


# --- line chart ---------------------------------------------------------------------------


def line_chart(
    periods: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    reference: Number | None = None,
    reference_label: str = "",
    decimals: int = 2,
    suffix: str = "",
    max_value: Number | None = None,
    value_labels: str = "last",
    width: int = 640,
    height: int = 300,
) -> SVG:
    """Several series over periods (trends). A missing value breaks the line rather than
    dropping to 0. ``value_labels`` is ``"last"`` (label the latest point of each series),
    ``"all"`` or ``"none"``."""
    periods = [str(p) for p in periods]
    fmt = _formatter(decimals, suffix)
    data = [[_num(v) for v in s.values] for s in series]
    ref = _num(reference)
    axis = _Axis.for_values([v for row in data for v in row], ref, _num(max_value), decimals)
    desc = _data_desc(periods, series, fmt)
    if ref is not None:
        desc += f"; {_reference_text(reference_label or 'Referensi', reference, fmt)}"
    fills = [color(s.color, i) for i, s in enumerate(series)]
    items: list[tuple] = [(s.name, fills[i]) for i, s in enumerate(series)]
    if ref is not None:
        items.append((_reference_text(reference_label, ref, fmt), svg.REFERENCE, "dashed"))
    legend, legend_h = svg.legend(items, 8, 6, width - 16)
    left = max(svg.text_width(fmt(t), 11) for t in axis.ticks) + 14
    right, top, bottom = 28, 16 + legend_h, 30
    n = max(len(periods), 1)
    plot_w = width - left - right
    y = axis.scale(top, height - top - bottom, invert=True)

    def x(i: int) -> float:
        return left + (plot_w / (n - 1) * i if n > 1 else plot_w / 2)

    parts = svg.open_svg(width, height, title, desc)
    parts.extend(legend)
    for t in axis.ticks:
        parts.append(svg.line(left, y(t), width - right, y(t)))
        parts.append(svg.text(left - 6, y(t) + 4, fmt(t), anchor="end", size=11, fill=svg.MUTED))
    every = max(1, math.ceil(n * 42 / plot_w))  # thin out period labels that would overlap
    for i, period in enumerate(periods):
        if i % every == 0 or i == n - 1:
            parts.append(svg.text(x(i), height - bottom + 18, svg.fit(period, 10), anchor="middle", size=11))
    parts.append(svg.line(left, y(axis.low), width - right, y(axis.low), svg.AXIS))
    if ref is not None:
        parts.append(svg.line(left, y(ref), width - right, y(ref), svg.REFERENCE, dashed=True))
    for row, fill in zip(data, fills, strict=False):
        parts.extend(_polylines(row, x, y, fill))
        present = [i for i, v in enumerate(row) if v is not None]
        for i in present:
            parts.append(
                f'<circle cx="{svg.c(x(i))}" cy="{svg.c(y(row[i]))}" r="3.5" fill="#fff" '
                f'stroke="{fill}" stroke-width="2"/>'
            )
        labelled = {"all": present, "last": present[-1:]}.get(value_labels, [])
        for i in labelled:
            parts.append(svg.text(x(i), y(row[i]) - 8, fmt(row[i]), anchor="middle", size=11, fill=fill))
    parts.append("</svg>")
    return SVG("".join(parts))


def _polylines(row: list[float | None], x, y, fill: str) -> list[str]:
    """One polyline per run of consecutive present values (a gap breaks the line)."""
    runs: list[list[str]] = [[]]
    for i, v in enumerate(row):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f"{svg.c(x(i))},{svg.c(y(v))}")
    return [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{fill}" stroke-width="2.5"/>'
        for run in runs
        if len(run) > 1
    ]


# --- stacked bars and distribution --------------------------------------------------------


def stacked_bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    decimals: int = 0,
    suffix: str = "",
    percent: bool = False,
    width: int = 640,
) -> SVG:
    """One horizontal bar per label split into the series (e.g. indicators per capaian
    category for each unit), with the total at the end. ``percent=True`` draws every bar at
    100% of its own total."""
    labels = [str(label) for label in labels]
    fmt = _formatter(decimals, suffix)
    data = [[max(_num(v) or 0.0, 0.0) for v in s.values] for s in series]
    totals = [sum(row[i] for row in data if i < len(row)) for i in range(len(labels))]
    fills = [color(s.color or CATEGORY_COLORS.get(s.name), i) for i, s in enumerate(series)]
    legend, legend_h = svg.legend([(s.name, fills[i]) for i, s in enumerate(series)], 8, 6, width - 16)
    row_h, top, bottom, right = 28, 14 + legend_h, 8, 12
    label_w = min(max((svg.text_width(label) for label in labels), default=0) + 10, width * 0.38)
    max_chars = max(int((label_w - 10) / (svg.FONT_SIZE * svg.CHAR_WIDTH)), 4)
    total_w = 0 if percent else max((svg.text_width(fmt(t)) for t in totals), default=0) + 10
    plot_w = width - label_w - right - total_w
    scale_max = max(totals, default=0) or 1
    height = top + row_h * max(len(labels), 1) + bottom
    parts = svg.open_svg(width, height, title, _data_desc(labels, series, fmt))
    parts.extend(legend)
    for i, label in enumerate(labels):
        cy = top + row_h * i + row_h / 2
        parts.append(svg.text(label_w - 8, cy + 4, svg.fit(label, max_chars), anchor="end"))
        full = totals[i] if percent else scale_max
        cx = label_w
        for row, fill in zip(data, fills, strict=False):
            value = row[i] if i < len(row) else 0.0
            if value <= 0 or full <= 0:
                continue
            w = value / full * plot_w
            parts.append(svg.rect(cx, cy - 9, w, 18, fill))
            if svg.text_width(fmt(value), 11) + 6 < w:
                parts.append(svg.text(cx + w / 2, cy + 4, fmt(value), anchor="middle", size=11, fill="#fff"))
            cx += w
        if not percent:
            parts.append(svg.text(cx + 6, cy + 4, fmt(totals[i]), font_weight="bold"))
    parts.append("</svg>")
    return SVG("".join(parts))


def distribution_bar(
    segments: Sequence[tuple[str, Number, str | None]],
    *,
    title: str,
    decimals: int = 0,
    suffix: str = "",
    width: int = 640,
) -> SVG:
    """A single 100% bar split into categories, with a legend giving each count and share, e.g.
    ``[("Sangat Tinggi", 12, None), ...]`` (colour ``None``: from :data:`CATEGORY_COLORS` by
    name, else the palette). Shares are rounded half-up to one decimal."""
    fmt = _formatter(decimals, suffix)
    items = [(str(name), max(_num(v) or 0.0, 0.0)) for name, v, *_ in segments]
    total = sum(v for _, v in items)
    fills = [
        color((seg[2] if len(seg) > 2 else None) or CATEGORY_COLORS.get(str(seg[0])), i)
        for i, seg in enumerate(segments)
    ]

    def share(v: float) -> str:
        return f"{format_number(v / total * 100, 1, strip=True)}%" if total else "–"

    desc = "; ".join(f"{name}: {fmt(v)} ({share(v)})" for name, v in items)
    bar_h, pad = 26, 8
    legend_items = [(f"{name} {fmt(v)} ({share(v)})", fills[i]) for i, (name, v) in enumerate(items)]
    legend, legend_h = svg.legend(legend_items, pad, bar_h + 2 * pad, width - 2 * pad)
    height = bar_h + 2 * pad + legend_h + 4
    parts = svg.open_svg(width, height, title, desc)
    plot_w, cx = width - 2 * pad, float(pad)
    if total <= 0:
        parts.append(svg.rect(pad, pad, plot_w, bar_h, svg.GRID, rx=3))
        parts.append(svg.text(width / 2, pad + bar_h / 2 + 4, "–", anchor="middle", fill=svg.MUTED))
    for (_name, v), fill in zip(items, fills, strict=False):
        if v <= 0 or total <= 0:
            continue
        w = v / total * plot_w
        parts.append(svg.rect(cx, pad, w, bar_h, fill))
        if svg.text_width(fmt(v), 11) + 6 < w:
            parts.append(svg.text(cx + w / 2, pad + bar_h / 2 + 4, fmt(v), anchor="middle", size=11, fill="#fff"))
        cx += w
    parts.extend(legend)
    parts.append("</svg>")
    return SVG("".join(parts))
