"""Reads of the officials roster and of what a user may see of obligations (issue #9).

* the roster: ``P.OBLIGATION_VIEW`` holders; admin and pimpinan see every official of the Pemda,
  an operator or kepala the officials of their units; another unit's official is 404 to them;
* an official with a portal account (``Official.user``) sees their own record and submissions
  without any role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rewards.models import Obligation, ObligationSubmission, Official
from sakip.core.permissions import P, get_or_404, has_perm, unit_ids_with


def own_officials(user) -> QuerySet[Official]:
    """The active officials linked to the user's account (usually one)."""
    return Official.objects.filter(pemda_id=user.pemda_id, user_id=user.pk, is_active=True).select_related("unit")


def view_unit_ids(user) -> set[int] | None:
    """Units whose obligations the user reads: ``None`` = all, empty = none (only their own)."""
    if not has_perm(user, P.OBLIGATION_VIEW):
        return set()
    return unit_ids_with(user, P.OBLIGATION_VIEW)


def may_use_obligations(user) -> bool:
    """Whether the obligation pages open at all: a role with the view permission or a linked official."""
    return has_perm(user, P.OBLIGATION_VIEW) or own_officials(user).exists()


def require_use(user) -> None:
    """403 for a user who may not use the obligation pages at all (e.g. an evaluator)."""
    if not may_use_obligations(user):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def officials_for(user, *, q: str = "", unit_id: int | None = None, level: str = "", active: bool | None = True):
    """The roster the user may read, filtered (name or NIP contains ``q``)."""
    qs = Official.objects.filter(pemda_id=user.pemda_id).select_related("unit", "user")
    ids = view_unit_ids(user)
    if ids is not None:
        qs = qs.filter(Q(unit_id__in=ids) | Q(user_id=user.pk))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(nip__icontains=q) | Q(position__icontains=q))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if level:
        qs = qs.filter(position_level=level)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("unit__code", "name")


def official_for(user, uid) -> Official:
    return get_or_404(officials_for(user, active=None), uid=uid)


def obligations_for(user) -> QuerySet[Obligation]:
    """Every obligation of the Pemda, for anyone who may use the obligation pages."""
    if not may_use_obligations(user):
        return Obligation.objects.none()
    return Obligation.objects.filter(pemda_id=user.pemda_id).prefetch_related("units").order_by("-is_active", "code")


def obligation_for(user, uid) -> Obligation:
    require_use(user)
    try:
        return obligations_for(user).get(uid=uid)
    except Exception:
        raise Http404 from None


def submissions_for(user) -> QuerySet[ObligationSubmission]:
    """Submissions the user may read: all (admin, pimpinan), their units' (operator, kepala), and
    the ones about or by themselves."""
    qs = ObligationSubmission.objects.filter(pemda_id=user.pemda_id).select_related(
        "obligation", "unit", "official", "submitted_by", "decided_by"
    )
    ids = view_unit_ids(user)
    if ids is None:
        return qs
    return qs.filter(Q(unit_id__in=ids) | Q(official__user_id=user.pk) | Q(submitted_by_id=user.pk))


def submission_for(user, uid) -> ObligationSubmission:
    require_use(user)
    try:
        return submissions_for(user).get(uid=uid)
    except Exception:
        raise Http404 from None


def review_queue(user) -> QuerySet[ObligationSubmission]:
    """Submissions waiting for the user's review (units where they hold ``P.OBLIGATION_REVIEW``)."""
    qs = submissions_for(user).filter(status=ObligationSubmission.Status.SUBMITTED)
    ids = unit_ids_with(user, P.OBLIGATION_REVIEW)
    if ids is None:
        return qs if has_perm(user, P.OBLIGATION_REVIEW) else qs.none()
    return qs.filter(unit_id__in=ids).exclude(submitted_by_id=user.pk).exclude(official__user_id=user.pk)
