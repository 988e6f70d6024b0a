from rest_framework.permissions import SAFE_METHODS, BasePermission

from sakip.core import permissions


class PortalPermission(BasePermission):
    """API access: an authenticated user of an active Pemda with at least one role.

    Views declare ``read_perm`` / ``write_perm`` (names from ``sakip.core.permissions.P``); object
    lookups are scoped to the user's Pemda by the view's ``get_queryset`` (so other tenants get 404).
    """

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        perm = getattr(view, "read_perm" if request.method in SAFE_METHODS else "write_perm", None)
        if perm is None:
            return request.method in SAFE_METHODS
        return permissions.has_perm(user, perm)

    def has_object_permission(self, request, view, obj) -> bool:
        perm = getattr(view, "read_perm" if request.method in SAFE_METHODS else "write_perm", None)
        if perm is None:
            return request.method in SAFE_METHODS
        return permissions.has_perm(request.user, perm, unit_id=getattr(obj, "unit_id", None))
