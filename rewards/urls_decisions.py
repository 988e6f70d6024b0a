"""Pages of proposals and decisions (SK).

The decision register and its exports, the unit's view of its decisions, SK and certificate PDFs.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
