"""Pages of LKE rounds, teams, worksheets, LHE and recap pages.

Included in ``evaluations/urls.py`` (namespace ``evaluations``, under ``/evaluasi/``)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
