"""Embed server-rendered SVG charts in pages and PDF templates.

``{% load charts %}`` then, for example::

    {% bar_chart labels values title=_("Capaian IKU") reference=100 reference_label=_("Target") suffix="%" %}
    {% bar_chart labels values title="Unit per jenis" horizontal=True decimals=0 %}
    {% line_chart periods series title="Tren capaian" suffix="%" %}
    {% stacked_bar_chart labels series title="Kategori capaian per unit" %}
    {% distribution_bar segments title="Sebaran kategori" %}

``series`` is a list of :class:`sakip.lib.charts.Series` (or of ``(name, values[, colour])``
tuples); ``segments`` a list of ``(name, value, colour-or-None)``. A view may also build the SVG
itself with :mod:`sakip.lib.charts` and put it in the context: ``{{ chart }}`` renders it
unescaped because :class:`sakip.lib.svg.SVG` declares ``__html__``.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from sakip.lib import charts

register = template.Library()


def _series(items) -> list[charts.Series]:
    result = []
    for item in items or []:
        if isinstance(item, charts.Series):
            result.append(item)
        elif isinstance(item, dict):
            result.append(charts.Series(str(item["name"]), item["values"], item.get("color")))
        else:
            name, values, *rest = item
            result.append(charts.Series(str(name), values, rest[0] if rest else None))
    return result


def _wrap(svg: str) -> SafeString:
    # charts.* escape every text and validate every colour, so the markup is safe to embed.
    return mark_safe(f'<figure class="chart">{svg}</figure>')  # noqa: S308


@register.simple_tag
def bar_chart(labels, values, **options) -> SafeString:
    return _wrap(charts.bar_chart(list(labels), list(values), **options))


@register.simple_tag
def line_chart(periods, series, **options) -> SafeString:
    return _wrap(charts.line_chart(list(periods), _series(series), **options))


@register.simple_tag
def stacked_bar_chart(labels, series, **options) -> SafeString:
    return _wrap(charts.stacked_bar_chart(list(labels), _series(series), **options))


@register.simple_tag
def distribution_bar(segments, **options) -> SafeString:
    return _wrap(charts.distribution_bar([tuple(s) for s in segments], **options))
