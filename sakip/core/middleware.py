from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

# Paths that never require login: sign-in and password reset pages, health, static files,
# language switch, and the API (which answers 401/403 itself instead of redirecting).
PUBLIC_PREFIXES = (
    "/masuk/",
    "/lupa-sandi/",
    "/reset/",
    "/healthz",
    "/static/",
    "/i18n/",
    "/api/",
    "/favicon.ico",
)


class LoginRequiredMiddleware:
    """Every page except the public ones above requires a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not request.user.is_authenticated and not path.startswith(PUBLIC_PREFIXES):
            if path.startswith("/admin/"):
                return self.get_response(request)  # the Django admin has its own login
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class PemdaTimezoneMiddleware:
    """Show times in the signed-in user's Pemda time zone (WIB/WITA/WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        pemda = getattr(user, "pemda", None) if user is not None and user.is_authenticated else None
        if pemda is not None:
            timezone.activate(pemda.tz)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PortalLocaleMiddleware:
    """Bahasa Indonesia unless the user chose another language (cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on most office
    PCs is English; the portal's default must stay Indonesian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Pages are rendered by now; do not leave the language active on this thread
            # (tests, and code running after the request, would inherit it).
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
