from django.contrib import admin
from django.urls import include, path

from sakip.core.urls import auth_urlpatterns
from sakip.core.views import health

urlpatterns = [
    *auth_urlpatterns,
    path("", include("sakip.core.urls")),
    path("pk/", include("agreements.urls")),
    path("evaluasi/", include("evaluations.urls")),
    path("reward/", include("rewards.urls")),
    path("api/", include("sakip.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler403 = "sakip.core.views.errors.forbidden"
handler404 = "sakip.core.views.errors.not_found"
handler500 = "sakip.core.views.errors.server_error"
