"""Helpers of the LKE administration pages: scoped lookups (another Pemda's record is 404), the
messages of refused writes, and the units a user may see in the comparison pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from evaluations.lke_models import LkeTemplate, PemdaResult
from evaluations.lke_template import LkeError
from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P

PAGE_SIZE = 25
REFUSED = (ValidationError, LkeError)
PUBLISHED = ("published", "responded", "final")


def refusal_messages(exc: Exception) -> list[str]:
    """The Indonesian messages of a refused write (``ValidationError`` or ``LkeError``)."""
    found = getattr(exc, "messages", None) or [str(exc)]
    return [str(m) for m in found]


def flash_refusal(request, exc: Exception) -> None:
    for message in refusal_messages(exc):
        messages.error(request, message)


def template_for(user, uid) -> LkeTemplate:
    """A template of the user's Pemda for a manager (another Pemda's: 404; not a manager: 403)."""
    template = permissions.get_object_or_404_for(LkeTemplate.objects.all(), user, uid=uid)
    permissions.require(user, P.EVAL_MANAGE)
    return template


def pemda_result_for(user, uid) -> PemdaResult:
    result = permissions.get_object_or_404_for(PemdaResult.objects.select_related("pemda"), user, uid=uid)
    permissions.require(user, P.EVAL_VIEW)
    return result


def sees_all_units(user) -> bool:
    """Admin, ketua tim, evaluators and pimpinan read every unit's published results."""
    return (
        permissions.has_perm(user, P.EVAL_MANAGE)
        or permissions.has_perm(user, P.EVAL_SCORE)
        or (permissions.unit_ids_with(user, P.EVAL_VIEW) is None and permissions.has_perm(user, P.EVAL_VIEW))
    )


def comparison_unit_for(user, uid) -> Unit:
    """A unit whose comparison the user may read: any unit for Pemda-wide readers, else their own (404)."""
    unit = permissions.get_object_or_404_for(Unit.objects.select_related("ranking_category"), user, uid=uid)
    permissions.require(user, P.EVAL_VIEW)
    if not sees_all_units(user) and unit.pk not in permissions.own_unit_ids(user):
        raise Http404
    return unit


def active_units(user):
    return Unit.objects.filter(pemda_id=user.pemda_id, is_active=True).order_by("code", "name")
