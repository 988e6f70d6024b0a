"""PDF rendering: letterhead, page x of y, repeated table headers, static files only (no network)."""

import datetime as dt
import http.server
import io
import threading
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from sakip.core.overview import unit_roster_context
from sakip.lib import pdf
from sakip.lib.pdf import INTERNAL_BASE_URL, PortalURLFetcher, RefusedURL, render_pdf

PRINTED = dt.datetime(2025, 2, 4, 9, 30, tzinfo=dt.UTC)


def pages_text(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_unit_roster_pdf_has_letterhead_content_and_page_numbers(admin, unit_a, unit_b):
    context = unit_roster_context(admin, dt.date(2025, 2, 4)) | {"pdf_printed_at": PRINTED}
    texts = pages_text(render_pdf("reports/unit_roster.html", context))
    first = texts[0]
    assert "PEMERINTAH KABUPATEN UJI" in first  # letterhead from Pemda.letterhead_lines
    assert "DAFTAR PERANGKAT DAERAH DAN KEPALA" in first
    assert "Keadaan per 4 Februari 2025" in first  # Indonesian date through the tanggal filter
    assert "Dinas Kesehatan" in first and "Kecamatan Astambul" in first
    assert "197001011998031001" in first  # the head's NIP
    assert f"Halaman 1 dari {len(texts)}" in first
    assert "Kabupaten Banjar Uji · Dicetak 4 Februari 2025" in first  # footer margin box


def test_table_header_repeats_on_every_page(admin, unit_a):
    unit = SimpleNamespace(code="1.02.0.00.0.00.01.0000", name="Unit Panjang", get_type_display="Dinas")
    rows = [{"unit": unit, "head": None, "depth": 0, "indent": range(0)} for _ in range(90)]
    context = unit_roster_context(admin, dt.date(2025, 2, 4)) | {"rows": rows, "chart": None}
    texts = pages_text(render_pdf("reports/unit_roster.html", context))
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        words = " ".join(text.split())
        assert "No Kode Perangkat Daerah Jenis Kepala" in words, number
        assert f"Halaman {number} dari {len(texts)}" in words
    # the running title is in the page header from page 2 on
    assert "Daftar Perangkat Daerah Kabupaten Banjar Uji" in texts[1]


def test_pemda_logo_is_embedded_as_data(admin, unit_a, pemda):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (11, 92, 171)).save(buffer, "PNG")
    pemda.logo.save("logo.png", ContentFile(buffer.getvalue()))
    context = unit_roster_context(admin, dt.date(2025, 2, 4))
    assert context["pemda"].logo
    data = render_pdf("reports/unit_roster.html", context)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages[0].images) >= 1


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def test_templates(settings):
    from pathlib import Path

    engines = [dict(engine) for engine in settings.TEMPLATES]
    engines[0]["DIRS"] = [*engines[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = engines


def test_remote_urls_in_a_template_are_never_fetched(local_server, test_templates, pemda):
    port = local_server.server_address[1]
    # sanity check: the server does answer when asked directly
    import urllib.request

    urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=5).read()  # noqa: S310
    assert _Recorder.hits == ["/ping"]

    data = render_pdf("pdf_tests/remote.html", {"port": port, "pemda": pemda, "pdf_title": "Uji"})
    assert "Selesai." in pages_text(data)[0]
    assert _Recorder.hits == ["/ping"]  # WeasyPrint asked the fetcher, the fetcher refused


def test_fetcher_serves_static_files_and_data_only():
    fetcher = PortalURLFetcher()
    response = fetcher(f"{INTERNAL_BASE_URL}static/img/favicon.svg")
    assert b"<svg" in response.read()
    assert response.content_type == "image/svg+xml"
    assert fetcher("data:text/plain;base64,T0s=").read() == b"OK"
    refused = [
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/img/favicon.svg",  # the right path on another origin
        f"{INTERNAL_BASE_URL}media/pemda-logo/x.png",  # media is not static
        f"{INTERNAL_BASE_URL}static/../sakip/settings.py",
        f"{INTERNAL_BASE_URL}static/%2e%2e/sakip/settings.py",
        f"{INTERNAL_BASE_URL}static/img/tidak-ada.png",
        "file:///etc/hostname",
        "ftp://example.com/x",
    ]
    for url in refused:
        with pytest.raises((RefusedURL, ValueError)):
            fetcher(url)


def test_fetcher_accepts_the_given_base_url_as_own_origin():
    fetcher = PortalURLFetcher(["https://sakip.banjarkab.go.id/"])
    assert b"<svg" in fetcher("https://sakip.banjarkab.go.id/static/img/favicon.svg").read()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\x89PNG...", "logo.png", "data:image/png;base64,"),
        (b"<svg/>", "logo.svg", "data:image/svg+xml;base64,"),
        (b"#!/bin/sh", "logo.sh", None),
        (b"", "logo.png", None),
        (b"x" * (pdf.MAX_LOGO_BYTES + 1), "logo.png", None),
    ],
)
def test_image_data_uri(data, name, expected):
    result = pdf.image_data_uri(data, name)
    if expected is None:
        assert result is None
    else:
        assert result.startswith(expected)


def test_times_in_a_pemdas_document_read_in_its_own_time_zone(test_templates, pemda):
    """A WITA Pemda's PDF prints 08.00 for 00:00 UTC, whatever the server's zone (Asia/Jakarta)."""
    import datetime as dt

    from sakip.lib.pdf import render_html

    moment = dt.datetime(2026, 11, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert pemda.timezone == "Asia/Makassar"
    text = render_html("pdf_tests/times.html", {"pemda": pemda, "moment": moment})
    assert text.split("|")[0].strip().endswith("08.00")
    text = render_html("pdf_tests/times.html", {"pemda": None, "moment": moment})
    assert text.split("|")[0].strip().endswith("07.00")
