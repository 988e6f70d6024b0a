"""Pages of rankings (live and frozen snapshots), the leader dashboard, the ranking board PDF, weights and rules."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
