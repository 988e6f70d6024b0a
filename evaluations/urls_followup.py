"""Pages of LKE templates, predicate tables, follow-up of recommendations, the Pemda's own
KemenPAN-RB results and comparison pages.

Included in ``evaluations/urls.py`` (namespace ``evaluations``, under ``/evaluasi/``)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
