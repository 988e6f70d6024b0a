from django.conf import settings

from . import permissions
from .navigation import nav_for


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_pemda": None, "nav_items": [], "portal_roles": []}
    return {
        "portal_pemda": user.pemda,
        "nav_items": nav_for(request),
        "portal_roles": permissions.assignments(user),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count() if user.pemda_id else 0,
        "debug": settings.DEBUG,
    }
