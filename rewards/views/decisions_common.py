"""Helpers of the proposal and decision pages: who may do what, the unit's response window, the
messages of refused writes, and links to the ranking snapshot a decision cites.

Access (domain reference §8, issue 6): the register and a decision's page need ``P.DECISION_VIEW``
(admin and pimpinan: every decision of the Pemda; operator/kepala: their unit's, another unit's is
404; evaluators: 403). Proposals, issuing and revoking need ``P.DECISION_ISSUE`` (pimpinan); the
admin reads proposals and the register but a write answers 403. Another Pemda's record is 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sakip.core import permissions
from sakip.core.permissions import P

from ..models import REWARD_TYPES, Decision

PAGE_SIZE = 25


def today_for(user) -> dt.date:
    """Today in the Pemda's time zone (windows are inclusive dates there)."""
    pemda = getattr(user, "pemda", None)
    return timezone.now().astimezone(pemda.tz).date() if pemda is not None else timezone.localdate()


def sees_whole_pemda(user) -> bool:
    """Admin and pimpinan read every decision of the Pemda; unit users only their own unit's."""
    return permissions.has_perm(user, P.DECISION_VIEW) and permissions.unit_ids_with(user, P.DECISION_VIEW) is None


def can_issue(user) -> bool:
    return permissions.has_perm(user, P.DECISION_ISSUE)


def require_view(user) -> None:
    permissions.require(user, P.DECISION_VIEW)


def require_issue(user) -> None:
    permissions.require(user, P.DECISION_ISSUE)


def require_proposals(user) -> None:
    """Proposals are read by the Pemda-wide readers (admin, pimpinan); unit users and evaluators: 403."""
    if not sees_whole_pemda(user):
        permissions.require(user, P.DECISION_ISSUE)


def is_unit_member(user, decision: Decision) -> bool:
    """The operator or kepala of the unit the decision is about."""
    return decision.unit_id in permissions.own_unit_ids(user) and permissions.has_perm(
        user, P.DECISION_VIEW, unit_id=decision.unit_id
    )


def response_open(decision: Decision, today: dt.date) -> bool:
    return decision.status == Decision.Status.ISSUED and today <= decision.response_deadline


def can_respond(user, decision: Decision, today: dt.date) -> bool:
    return is_unit_member(user, decision) and response_open(decision, today) and not decision.response


def can_revoke(user, decision: Decision) -> bool:
    return can_issue(user) and decision.status == Decision.Status.ISSUED


def is_award(decision: Decision) -> bool:
    return decision.kind in REWARD_TYPES


def refusal_messages(exc: Exception) -> list[str]:
    found = getattr(exc, "messages", None) or [str(exc)]
    return [str(m) for m in found]


def flash_refusal(request, exc: ValidationError) -> None:
    for message in refusal_messages(exc):
        messages.error(request, message)


def flash_form_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def snapshot_url(snapshot) -> str:
    """The snapshot's page (rankings pages), or "" while that page does not exist."""
    if snapshot is None:
        return ""
    for name in ("rewards:snapshot_detail", "rewards:snapshot"):
        try:
            return reverse(name, kwargs={"uid": snapshot.uid})
        except NoReverseMatch:
            continue
    return ""


def safe_url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
