"""API routes: the versioned API, its OpenAPI schema and the interactive docs.

The schema and the docs are for signed-in users like every other page (``SERVE_PERMISSIONS``;
the docs page sends anonymous visitors to the login page). Swagger UI is served from our own
/static/ (drf-spectacular-sidecar), never from a CDN. There is no Redoc page: its bundle loads
its logo from cdn.redoc.ly.
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("v1/", include("sakip.api.v1")),
]
