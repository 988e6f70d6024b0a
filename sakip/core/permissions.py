"""One permission vocabulary for pages, API, exports and downloads.

A permission is granted by a role assignment (role + Pemda + optional unit). Roles are either
Pemda-wide (admin, evaluator, pimpinan) or unit-scoped (operator, kepala OPD). The rules:

* an object of another Pemda, or of a unit the user may not *see*, is **404** (:func:`get_object_or_404_for`);
* a user who may see an object but not perform a write on it gets **403** (:func:`require`);
* anonymous users are sent to the login page (middleware) or get 401/403 on the API.

Selectors, views and the DRF permission class all call :func:`has_perm`, :func:`require` and
:func:`visible_unit_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import RoleAssignment

Role = RoleAssignment.Role


class P(StrEnum):
    """Permission names. ``*_VIEW`` are reads; everything else is a write or an action."""

    PEMDA_VIEW = "pemda.view"
    PEMDA_MANAGE = "pemda.manage"
    UNIT_VIEW = "unit.view"
    UNIT_MANAGE = "unit.manage"
    USER_VIEW = "user.view"
    USER_MANAGE = "user.manage"
    YEAR_MANAGE = "year.manage"
    AUDIT_VIEW = "audit.view"
    # Perjanjian Kinerja
    PK_VIEW = "pk.view"
    PK_EDIT = "pk.edit"
    PK_APPROVE = "pk.approve"
    PK_SIGN = "pk.sign"
    PK_EXPORT = "pk.export"
    PEMDA_PK_EDIT = "pemda_pk.edit"
    # Realisation
    REAL_VIEW = "realisation.view"
    REAL_EDIT = "realisation.edit"
    REAL_VERIFY = "realisation.verify"
    REAL_ACCEPT = "realisation.accept"
    PERIOD_UNLOCK = "period.unlock"
    MONITOR_VIEW = "monitor.view"
    # Evaluation
    EVAL_VIEW = "evaluation.view"
    EVAL_SELF_ASSESS = "evaluation.self_assess"
    EVAL_SCORE = "evaluation.score"
    EVAL_MANAGE = "evaluation.manage"
    FOLLOWUP_EDIT = "followup.edit"
    # Rewards
    RANKING_VIEW = "ranking.view"
    DECISION_VIEW = "decision.view"
    DECISION_ISSUE = "decision.issue"
    RULE_MANAGE = "rule.manage"
    REPORT_VIEW = "report.view"
    REPORT_GENERATE = "report.generate"
    # issue 9: obligations, discipline records (personal data), external assessments
    OBLIGATION_VIEW = "obligation.view"
    OBLIGATION_MANAGE = "obligation.manage"  # define obligations, manage the officials roster
    OBLIGATION_SUBMIT = "obligation.submit"  # submit for the unit (or for oneself as an official)
    OBLIGATION_REVIEW = "obligation.review"  # accept or return submissions (head of the unit, admin)
    DISCIPLINE_VIEW = "discipline.view"  # every official's records (admin, pimpinan); an official sees their own
    DISCIPLINE_MANAGE = "discipline.manage"  # import attendance, set the ladder
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_MANAGE = "assessment.manage"


# Unit-scoped permissions only apply to the units of the assignment; Pemda-wide roles apply everywhere.
ROLE_PERMISSIONS: dict[str, frozenset[P]] = {
    Role.ADMIN: frozenset(
        {
            P.PEMDA_VIEW,
            P.PEMDA_MANAGE,
            P.UNIT_VIEW,
            P.UNIT_MANAGE,
            P.USER_VIEW,
            P.USER_MANAGE,
            P.YEAR_MANAGE,
            P.AUDIT_VIEW,
            P.PK_VIEW,
            P.PK_SIGN,
            P.PK_EXPORT,
            P.PEMDA_PK_EDIT,
            P.REAL_VIEW,
            P.REAL_ACCEPT,
            P.PERIOD_UNLOCK,
            P.MONITOR_VIEW,
            P.EVAL_VIEW,
            P.EVAL_MANAGE,
            P.RANKING_VIEW,
            P.DECISION_VIEW,
            P.RULE_MANAGE,
            P.REPORT_VIEW,
            P.REPORT_GENERATE,
            P.OBLIGATION_VIEW,
            P.OBLIGATION_MANAGE,
            P.OBLIGATION_REVIEW,
            P.DISCIPLINE_VIEW,
            P.DISCIPLINE_MANAGE,
            P.ASSESSMENT_VIEW,
            P.ASSESSMENT_MANAGE,
        }
    ),
    Role.OPERATOR: frozenset(
        {
            P.PEMDA_VIEW,
            P.UNIT_VIEW,
            P.PK_VIEW,
            P.PK_EDIT,
            P.REAL_VIEW,
            P.REAL_EDIT,
            P.EVAL_VIEW,
            P.EVAL_SELF_ASSESS,
            P.FOLLOWUP_EDIT,
            P.DECISION_VIEW,
            P.OBLIGATION_VIEW,
            P.OBLIGATION_SUBMIT,
            P.ASSESSMENT_VIEW,
        }
    ),
    Role.KEPALA: frozenset(
        {
            P.PEMDA_VIEW,
            P.UNIT_VIEW,
            P.PK_VIEW,
            P.PK_EDIT,
            P.PK_APPROVE,
            P.REAL_VIEW,
            P.REAL_EDIT,
            P.REAL_VERIFY,
            P.EVAL_VIEW,
            P.EVAL_SELF_ASSESS,
            P.FOLLOWUP_EDIT,
            P.DECISION_VIEW,
            P.OBLIGATION_VIEW,
            P.OBLIGATION_SUBMIT,
            P.OBLIGATION_REVIEW,
            P.ASSESSMENT_VIEW,
        }
    ),
    Role.EVALUATOR: frozenset(
        {
            P.PEMDA_VIEW,
            P.UNIT_VIEW,
            P.PK_VIEW,
            P.REAL_VIEW,
            P.MONITOR_VIEW,
            P.EVAL_VIEW,
            P.EVAL_SCORE,
            P.RANKING_VIEW,
            P.REPORT_VIEW,
            P.ASSESSMENT_VIEW,
        }
    ),
    Role.PIMPINAN: frozenset(
        {
            P.PEMDA_VIEW,
            P.UNIT_VIEW,
            P.USER_VIEW,
            P.PK_VIEW,
            P.PK_SIGN,
            P.PK_EXPORT,
            P.REAL_VIEW,
            P.MONITOR_VIEW,
            P.EVAL_VIEW,
            P.RANKING_VIEW,
            P.DECISION_VIEW,
            P.DECISION_ISSUE,
            P.REPORT_VIEW,
            P.REPORT_GENERATE,
            P.OBLIGATION_VIEW,
            P.DISCIPLINE_VIEW,
            P.ASSESSMENT_VIEW,
        }
    ),
}

UNIT_SCOPED_ROLES = frozenset({Role.OPERATOR, Role.KEPALA})

#: An evaluator flagged *ketua tim* (the Inspektur, an Irban or a pengendali teknis) also runs the
#: evaluation: opens rounds, forms teams and assigns units, like the Admin SAKIP.
TEAM_LEAD_EXTRA = frozenset({P.EVAL_MANAGE})


def granted(assignment: RoleAssignment) -> frozenset:
    """The permissions one role assignment carries."""
    perms = ROLE_PERMISSIONS[assignment.role]
    if assignment.role == Role.EVALUATOR and assignment.is_team_lead:
        return perms | TEAM_LEAD_EXTRA
    return perms


def assignments(user) -> list[RoleAssignment]:
    """The user's role assignments in their own Pemda (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pemda_id", None) is None:
        return []
    cached = getattr(user, "_sakip_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, pemda_id=user.pemda_id, pemda__is_active=True).select_related(
                "unit"
            )
        )
        user._sakip_roles = cached
    return cached


def roles(user) -> set[str]:
    return {a.role for a in assignments(user)}


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def has_perm(user, perm: P, *, unit_id: int | None = None, pemda_id: int | None = None) -> bool:
    """Whether ``user`` holds ``perm`` in ``pemda_id`` (default: the user's own) for ``unit_id``.

    With ``unit_id=None`` the question is "anywhere in the Pemda" (used for menus and list pages).
    """
    if pemda_id is not None and pemda_id != getattr(user, "pemda_id", None):
        return False
    for a in assignments(user):
        if perm not in granted(a):
            continue
        if a.role not in UNIT_SCOPED_ROLES or unit_id is None or a.unit_id == unit_id:
            return True
    return False


def unit_ids_with(user, perm: P) -> set[int] | None:
    """Unit ids on which the user holds ``perm``: ``None`` means every unit of the Pemda."""
    ids: set[int] = set()
    for a in assignments(user):
        if perm not in granted(a):
            continue
        if a.role not in UNIT_SCOPED_ROLES:
            return None
        ids.add(a.unit_id)
    return ids


def own_unit_ids(user) -> set[int]:
    return {a.unit_id for a in assignments(user) if a.role in UNIT_SCOPED_ROLES}


def scope_to_units(queryset, user, perm: P, *, field: str = "unit_id"):
    """Filter a queryset of Pemda records to the units where ``user`` holds ``perm``."""
    queryset = queryset.filter(pemda_id=user.pemda_id) if hasattr(queryset.model, "pemda_id") else queryset
    ids = unit_ids_with(user, perm)
    if ids is None:
        return queryset if has_perm(user, perm) else queryset.none()
    return queryset.filter(**{f"{field}__in": ids})


def require(user, perm: P, *, unit_id: int | None = None) -> None:
    """Raise 403 when the user lacks ``perm``. Call after the object was found visible (else 404)."""
    if not has_perm(user, perm, unit_id=unit_id):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def get_or_404(queryset, **lookup):
    """``queryset.get(**lookup)``, with a missing object or a malformed id (bad UUID) as 404."""
    from django.core.exceptions import ValidationError

    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def get_object_or_404_for(queryset, user, **lookup):
    """Fetch an object of the user's Pemda; anything else (another Pemda, bad id) is 404."""
    pemda_id = getattr(user, "pemda_id", None)
    if pemda_id is None:
        raise Http404
    try:
        return queryset.get(pemda_id=pemda_id, **lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    except Exception as exc:  # malformed UUID etc.
        from django.core.exceptions import ValidationError

        if isinstance(exc, ValidationError):
            raise Http404 from None
        raise


def any_perm(user, perms: Iterable[P]) -> bool:
    return any(has_perm(user, p) for p in perms)
