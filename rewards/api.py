"""API v1: rankings, snapshots, weights, rules, rule runs, proposals and decisions."""

from __future__ import annotations


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""


def urlpatterns() -> list:
    """Extra paths (added to ``sakip/api/v1.py``)."""
    return []
