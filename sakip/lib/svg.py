"""Low-level SVG building blocks for :mod:`sakip.lib.charts` (pure Python).

Everything that puts text into markup goes through :func:`esc`; every colour through
:func:`color`; so the markup built here is safe to embed in a page or a PDF.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from html import escape

PALETTE = ("#0b5cab", "#d9610b", "#107a3c", "#6941c6", "#c69200", "#0e7c86", "#b42318", "#5c6b7a")
# Capaian categories (domain reference §5.4), green -> red; the same colours as the CSS variables.
CATEGORY_COLORS = {
    "Sangat Tinggi": "#107a3c",
    "Tinggi": "#5a9e2f",
    "Sedang": "#c69200",
    "Rendah": "#d9610b",
    "Sangat Rendah": "#b42318",
}
TEXT, MUTED, GRID, AXIS, REFERENCE = "#1d2733", "#5c6b7a", "#e3e8ee", "#9aa7b4", "#b42318"
# Named explicitly: WeasyPrint does not pass the page's font on to inline SVG text.
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 0.6  # average advance of DejaVu Sans per unit of font size (it is a wide face)
_COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class SVG(str):
    """Markup produced by the chart helpers. ``__html__`` tells Django templates it is safe."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def esc(text) -> str:
    return escape(str(text), quote=True)


def c(x: float) -> str:
    """A coordinate with at most one decimal (keeps the SVG small and stable)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def color(value: str | None, index: int = 0) -> str:
    """``value`` when it is a hex colour, otherwise the palette colour for ``index``."""
    if value and _COLOR_RE.match(str(value)):
        return str(value)
    return PALETTE[index % len(PALETTE)]


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(str(text)) * size * CHAR_WIDTH


def fit(text: str, max_chars: int) -> str:
    """``text`` shortened to ``max_chars`` with an ellipsis."""
    text = str(text)
    if max_chars < 2:
        return text[:1]
    if len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"


def wrap(text: str, max_chars: int, max_lines: int = 2) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of ``max_chars``; the last one is shortened."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return [fit(line, max_chars) for line in lines] or [""]


def nice_ticks(low: float, high: float, count: int = 5, *, min_step: float = 0) -> list[float]:
    """Round tick values covering ``[low, high]`` with steps of 1, 2, 2,5 or 5 × 10ⁿ (at least
    ``min_step``: 1 for counts, so an axis of whole numbers never shows 0,2)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < min_step:
        step = min_step
    elif min_step and step % min_step:
        step = math.ceil(step / min_step) * min_step
    value = math.floor(low / step) * step
    ticks = []
    while value < high - step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    ticks.append(round(value, 10))
    return ticks


def open_svg(width: float, height: float, label: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="svg-chart" role="img" aria-label="{esc(label)}" '
        f'width="{c(width)}" height="{c(height)}" viewBox="0 0 {c(width)} {c(height)}" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{TEXT}">',
        f"<title>{esc(label)}</title>",
        f"<desc>{esc(desc)}</desc>",
    ]


def text(x: float, y: float, content: str, *, anchor: str = "start", size: float | None = None, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    size_attr = f' font-size="{c(size)}"' if size else ""
    return f'<text x="{c(x)}" y="{c(y)}" text-anchor="{anchor}"{size_attr}{extra}>{esc(content)}</text>'


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, *, dashed: bool = False) -> str:
    style = ' stroke-width="1.5" stroke-dasharray="6 4"' if dashed else ""
    return f'<line x1="{c(x1)}" y1="{c(y1)}" x2="{c(x2)}" y2="{c(y2)}" stroke="{stroke}"{style}/>'


def rect(x: float, y: float, width: float, height: float, fill: str, *, rx: float = 0) -> str:
    radius = f' rx="{c(rx)}"' if rx else ""
    return f'<rect x="{c(x)}" y="{c(y)}" width="{c(width)}" height="{c(height)}"{radius} fill="{fill}"/>'


def legend(items: Sequence[tuple], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Swatches with names, wrapping onto new rows; returns the elements and the height used.

    An item is ``(name, colour)`` or ``(name, colour, "dashed")`` for a reference line."""
    parts: list[str] = []
    cx, cy, row_h = x, y, 18
    for name, fill, *style in items:
        label = fit(name, 48)
        swatch = 18 if style else 10
        item_w = swatch + 4 + text_width(label, 11) + 14
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h
        if style:
            parts.append(line(cx, cy + 5, cx + swatch, cy + 5, fill, dashed=True))
        else:
            parts.append(rect(cx, cy, swatch, 10, fill, rx=2))
        parts.append(text(cx + swatch + 4, cy + 9, label, size=11))
        cx += item_w
    return parts, ((cy - y) + row_h if items else 0)
