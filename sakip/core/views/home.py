from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import permissions, selectors
from ..home import panels_for, tasks_for


@require_GET
def home(request):
    """One home page whose content depends on the user's roles: their to-do list first, then the
    panels of their roles (set-up checklist, own unit, evaluation area, Pemda overview)."""
    user = request.user
    panels = panels_for(user)
    if sum(1 for p in panels if not p.wide) == 1:  # a lone half-width panel would leave a hole
        next(p for p in panels if not p.wide).wide = True
    context = {
        "tasks": tasks_for(user),
        "roles": permissions.roles(user),
        "year": selectors.current_year(user.pemda_id) if user.pemda_id else None,
        "panels": panels,
        "empty_hint": _empty_hint(permissions.roles(user)),
    }
    return render(request, "core/home.html", context)


def _empty_hint(roles: set[str]) -> str:
    """What will appear in the empty to-do list, in the words of the user's main role."""
    Role = permissions.Role
    if roles & {Role.OPERATOR, Role.KEPALA}:
        return _("Pekerjaan baru, misalnya PK atau realisasi yang harus diisi, akan muncul di sini.")
    if Role.ADMIN in roles:
        return _("Pekerjaan baru, misalnya kiriman unit yang menunggu diterima, akan muncul di sini.")
    if Role.EVALUATOR in roles:
        return _("Pekerjaan baru, misalnya LKE unit yang harus dinilai, akan muncul di sini.")
    return _("Pekerjaan baru, misalnya PK yang menunggu tanda tangan Anda, akan muncul di sini.")
