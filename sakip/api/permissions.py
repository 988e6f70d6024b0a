"""The DRF permission class: the API speaks the same permission vocabulary as the pages.

Views declare which permission (a name from :class:`sakip.core.permissions.P`) a request needs:

* ``action_perms`` – per viewset action (``{"set_current": P.YEAR_MANAGE}``), checked first;
* ``read_perm`` – for safe methods (``None``: any user with a role in the Pemda may read);
* ``write_perm`` – for every other method (``None``: the view is read-only, writes are refused).

Visibility is the queryset's job (selectors scope it to the user's Pemda and units), so an object
the user may not see is **404** before this class is asked about it. On an object the user *can*
see, a write is checked against the object's unit (``view.object_unit_id(obj)`` or ``obj.unit_id``),
so an operator may write their own unit's records but gets **403** on another unit's.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from sakip.core import permissions

_UNSET = object()


def required_perm(request, view):
    """The permission name the request needs, ``None`` for "any member", or ``_UNSET`` for "refuse"."""
    action_perms = getattr(view, "action_perms", None) or {}
    action = getattr(view, "action", None)
    if action in action_perms:
        return action_perms[action]
    if request.method in SAFE_METHODS:
        return getattr(view, "read_perm", None)
    perm = getattr(view, "write_perm", None)
    return _UNSET if perm is None else perm


class PortalPermission(BasePermission):
    """API access: an authenticated user of an active Pemda with at least one role, holding the
    permission the view declares for the request (see module docstring)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        if request.method.lower() not in getattr(view, "http_method_names", ()) or not hasattr(
            view, request.method.lower()
        ):
            return True  # the view answers 405 Method Not Allowed
        perm = required_perm(request, view)
        if perm is _UNSET:
            return False
        return perm is None or permissions.has_perm(user, perm)

    def has_object_permission(self, request, view, obj) -> bool:
        perm = required_perm(request, view)
        if perm is _UNSET:
            return False
        if perm is None or request.method in SAFE_METHODS:
            return True  # visible (the queryset found it) and readable by every holder of the read perm
        unit_of = getattr(view, "object_unit_id", None)
        unit_id = unit_of(obj) if unit_of else getattr(obj, "unit_id", None)
        return permissions.has_perm(request.user, perm, unit_id=unit_id)


class IsMember(BasePermission):
    """Any signed-in user (used by ``/me/``, which also answers for users without a role yet)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)
