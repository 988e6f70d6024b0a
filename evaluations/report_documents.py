"""Rendering the monthly report and the unit one-pagers to PDF (issue #7).

The content hash printed in every footer is the SHA-256 of the canonical JSON of the figures the
document shows (:func:`content_hash`), so two renders of the same figures carry the same hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    content_hash: str


def content_hash(figures: dict) -> str:
    """SHA-256 (hex) of ``figures`` as canonical JSON (sorted keys, no spaces, Decimals as text)."""
    text = json.dumps(figures, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
