"""PDF rendering: a template and a context in, PDF bytes out (design §7).

WeasyPrint renders the HTML with :class:`PortalURLFetcher`, which serves the portal's own static
files (through the staticfiles finders, then ``STATIC_ROOT``) and ``data:`` URIs, and refuses
everything else: a PDF never reaches the network or the file system outside the static files,
whatever a template or user-entered text contains. The Pemda logo therefore travels as a
``data:`` URI (:func:`image_data_uri`), which :func:`render_pdf` adds to the context as
``pdf_logo`` when the context has a ``pemda`` with a logo.

Templates extend ``reports/base_pdf.html`` (A4, letterhead, "Halaman x dari y" footer, table
headers repeated on each page). Fonts are set on ``html`` so margin boxes inherit them.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in PDF templates (``{% static %}`` gives ``/static/...``) resolve against this
# origin; it is never contacted: the fetcher maps it onto files.
INTERNAL_BASE_URL = "https://portal.sakip.invalid/"
MAX_LOGO_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}


class RefusedURL(ValueError):
    """A template asked for a resource outside the portal's static files."""


class PortalURLFetcher(URLFetcher):
    """Serve static files of the portal and ``data:`` URIs; refuse every other URL.

    ``origins`` are the scheme+host prefixes whose ``STATIC_URL`` paths count as the portal's
    own (the internal base URL and, when given, the ``base_url`` of the render).
    """

    def __init__(self, origins: list[str] | None = None):
        super().__init__(allowed_protocols=("https", "http", "data"), allow_redirects=False, timeout=1)
        self.origins = {_origin(INTERNAL_BASE_URL), *(_origin(o) for o in origins or [])}
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)  # decoded locally by urllib's DataHandler
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF: sumber di luar portal ditolak: %s", url)
            raise RefusedURL(f"refused: {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    def _static_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if _origin(url) not in self.origins:
            return None
        static_url = urlsplit(settings.STATIC_URL).path or "/static/"
        if not parts.path.startswith(static_url):
            return None
        relative = posixpath.normpath(unquote(parts.path[len(static_url) :]))
        if relative.startswith(("../", "/")) or relative in {".", ".."}:
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_file() and candidate.is_relative_to(root):
            return candidate
        return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def image_data_uri(data: bytes | None, filename: str = "", content_type: str | None = None) -> str | None:
    """A ``data:`` URI for an image (``None`` when empty, too large or not an image type)."""
    if not data or len(data) > MAX_LOGO_BYTES:
        return None
    mime = content_type or mimetypes.guess_type(filename)[0] or ""
    if mime not in IMAGE_TYPES:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def file_data_uri(field_file) -> str | None:
    """The ``data:`` URI of a stored image (e.g. ``pemda.logo``); ``None`` when absent or unreadable."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except (OSError, ValueError):
        logger.warning("PDF: logo %s tidak dapat dibaca", getattr(field_file, "name", ""))
        return None
    return image_data_uri(data, field_file.name)


def render_html(template_name: str, context: dict) -> str:
    """The HTML a PDF is made from (also handy to preview a report in the browser)."""
    ctx = dict(context)
    pemda = ctx.get("pemda")
    if "pdf_logo" not in ctx:
        ctx["pdf_logo"] = file_data_uri(getattr(pemda, "logo", None))
    tz = getattr(pemda, "tz", None)
    if "pdf_printed_at" not in ctx:
        ctx["pdf_printed_at"] = timezone.localtime(timezone.now(), tz) if tz else timezone.localtime()
    if tz is None:
        return render_to_string(template_name, ctx)
    with timezone.override(tz):  # times in a Pemda's document read in its own zone (WIB/WITA/WIT)
        return render_to_string(template_name, ctx)


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes.

    Relative URLs resolve against ``base_url`` (default: an internal origin that is never
    contacted); only static files of the portal and ``data:`` URIs are loaded.
    """
    html = render_html(template_name, context)
    fetcher = PortalURLFetcher([base_url] if base_url else None)
    return HTML(string=html, base_url=base_url or INTERNAL_BASE_URL, url_fetcher=fetcher).write_pdf()
