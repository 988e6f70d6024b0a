"""SVG chart helper: valid XML, labels and Indonesian values present, text escaped, works in PDFs."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from sakip.lib import charts
from sakip.lib.charts import Series

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_vertical_bar_chart_labels_values_and_reference():
    svg = charts.bar_chart(
        ["Dinas Kesehatan", "Inspektorat", "BPBD"],
        [Decimal("61.765"), 1250, None],
        title="Capaian IKU 2025",
        reference=100,
        reference_label="Target",
        suffix="%",
    )
    root = parse(svg)
    shown = texts(root)
    assert "61,77%" in shown  # half-up, Indonesian comma
    assert "1.250%" in shown  # thousands with a dot
    assert "–" in shown  # not assessed: a dash, never 0
    assert "Target 100%" in shown
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Capaian IKU 2025"
    assert root.find("svg:title", NS).text == "Capaian IKU 2025"
    desc = root.find("svg:desc", NS).text
    assert "Dinas Kesehatan: 61,77%" in desc and "BPBD: –" in desc
    # two bars drawn (the missing value has none) + the legend swatch of the reference line is a line
    assert len(root.findall("svg:rect", NS)) == 2
    assert any(el.get("stroke-dasharray") for el in root.iter("{http://www.w3.org/2000/svg}line"))


def test_horizontal_bar_chart_grows_with_rows_and_shortens_long_labels():
    labels = [f"Unit {i}" for i in range(10)] + ["Dinas Pekerjaan Umum, Penataan Ruang dan Pertanahan Kabupaten"]
    svg = charts.bar_chart(labels, list(range(11)), title="Jumlah", horizontal=True, decimals=0, width=400)
    root = parse(svg)
    assert float(root.get("height")) > 11 * 20
    shown = texts(root)
    assert "Unit 3" in shown and "10" in shown
    assert any(t.endswith("…") for t in shown)
    # the full name stays available to screen readers
    assert "Dinas Pekerjaan Umum, Penataan Ruang dan Pertanahan Kabupaten" in root.find("svg:desc", NS).text


def test_negative_values_are_drawn_below_zero():
    svg = charts.bar_chart(["A", "B"], [-12.5, 40], title="Selisih", decimals=1)
    root = parse(svg)
    assert "-12,5" in texts(root) and "40" in texts(root)
    assert "-20" in texts(root)  # the axis extends below zero


def test_text_and_colours_are_escaped():
    evil = '<script>alert("x")</script> & "kutip"'
    svg = charts.bar_chart([evil], [1], title=evil, colors=['red" onload="alert(1)'])
    root = parse(svg)  # still well-formed XML
    assert "<script>" not in svg
    assert "onload" not in svg
    assert root.get("aria-label") == evil
    assert root.find("svg:rect", NS).get("fill") == charts.PALETTE[0]


def test_line_chart_series_gaps_and_legend():
    svg = charts.line_chart(
        ["Jan", "Feb", "Mar", "Apr"],
        [Series("Target", [25, 50, 75, 100]), Series("Realisasi", [20, None, 70.5, None], "#d9610b")],
        title="Tren capaian",
        suffix="%",
        reference=100,
        reference_label="Target tahunan",
    )
    root = parse(svg)
    shown = texts(root)
    assert {"Jan", "Apr", "Target", "Realisasi", "Target tahunan 100%"} <= set(shown)
    assert "70,5%" in shown  # the last present point of the series is labelled
    polylines = root.findall("svg:polyline", NS)
    # the gap in "Realisasi" leaves no polyline segment of two points, "Target" is one line
    assert len(polylines) == 1
    assert len(root.findall("svg:circle", NS)) == 6


def test_stacked_bar_uses_category_colours_and_totals():
    series = [Series(name, values) for name, values in [("Sangat Tinggi", [5, 1]), ("Sangat Rendah", [1, 3])]]
    svg = charts.stacked_bar_chart(["Dinas Kesehatan", "Kecamatan Astambul"], series, title="Kategori")
    root = parse(svg)
    fills = {r.get("fill") for r in root.findall("svg:rect", NS)}
    assert {"#107a3c", "#b42318"} <= fills
    assert {"6", "4", "Dinas Kesehatan"} <= set(texts(root))


def test_distribution_bar_shares_and_empty_state():
    svg = charts.distribution_bar(
        [("Sangat Tinggi", 2, None), ("Tinggi", 1, None), ("Sedang", 0, None)], title="Sebaran"
    )
    shown = texts(parse(svg))
    assert "Sangat Tinggi 2 (66,7%)" in shown
    assert "Tinggi 1 (33,3%)" in shown
    empty = texts(parse(charts.distribution_bar([], title="Kosong")))
    assert "–" in empty


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 100, [0, 20, 40, 60, 80, 100]), (0, 112.5, [0, 25, 50, 75, 100, 125]), (0, 7, [0, 2, 4, 6, 8])],
)
def test_nice_ticks(low, high, expected):
    from sakip.lib.svg import nice_ticks

    assert nice_ticks(low, high) == expected


def test_template_tags_embed_unescaped_svg_and_context_value():
    tpl = Template(
        "{% load charts %}{% bar_chart labels values title='Unit per jenis' decimals=0 horizontal=True %}{{ ready }}"
    )
    chart = charts.bar_chart(["X"], [3], title="Siap")
    html = tpl.render(Context({"labels": ["Dinas", "Kecamatan"], "values": [17, 6], "ready": chart}))
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2  # neither was escaped
    assert '<figure class="chart">' in html
    # a string derived from the chart is plain text again and gets escaped
    assert "&lt;svg" in Template("{{ s }}").render(Context({"s": chart + ""}))


def test_chart_renders_in_a_weasyprint_pdf():
    from weasyprint import HTML

    svg = charts.bar_chart(
        ["Dinas Kesehatan", "Inspektorat"], [Decimal("87.5"), 61.765], title="Capaian", suffix="%", reference=100
    )
    pdf = HTML(string=f"<html><body><h1>Grafik</h1>{svg}</body></html>").write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Dinas Kesehatan" in text
    assert "87,5%" in text and "61,77%" in text


def test_count_charts_have_whole_number_ticks():
    from sakip.lib.svg import nice_ticks

    assert nice_ticks(0, 1, min_step=1) == [0, 1]
    assert nice_ticks(0, 7, min_step=1) == [0, 2, 4, 6, 8]
    assert nice_ticks(0, 12, min_step=1) == [0, 3, 6, 9, 12]
    svg = charts.bar_chart(["A", "B"], [1, 1], title="Jumlah", decimals=0, horizontal=True)
    shown = texts(parse(svg))
    assert shown.count("0") == 1  # one tick at 0, no "0" from 0,2 rounded down
