"""API v1: LKE templates, predicate tables, follow-up of recommendations and the Pemda's own KemenPAN-RB results."""

from __future__ import annotations


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""


def urlpatterns() -> list:
    """Extra paths (added to ``sakip/api/v1.py``)."""
    return []
