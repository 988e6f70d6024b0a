"""Routes of API version 1. Each capability adds its router registrations / paths here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = [*router.urls]
