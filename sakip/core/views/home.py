from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions, selectors
from ..home import tasks_for


@require_GET
def home(request):
    """One home page whose content depends on the user's roles: their to-do list first."""
    user = request.user
    context = {
        "tasks": tasks_for(user),
        "roles": permissions.roles(user),
        "summary": selectors.pemda_summary(user) if user.pemda_id else None,
        "own_units": selectors.own_units(user),
    }
    return render(request, "core/home.html", context)
