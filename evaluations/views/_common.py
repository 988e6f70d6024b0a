"""Helpers shared by the realisation and monitoring views: scoped lookups (404 for what a user may
not see), the actions offered on a report, and service errors for display."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from agreements import selectors as pk_selectors
from sakip.core import permissions
from sakip.core.models import FiscalYear, Period, Unit
from sakip.core.permissions import P

from ..models import PeriodReport

Status = PeriodReport.Status


def reports_for(user):
    """Reports of the units on which ``user`` may read realisations (their Pemda only)."""
    qs = PeriodReport.objects.select_related("unit", "period", "period__fiscal_year", "pemda")
    return permissions.scope_to_units(qs, user, P.REAL_VIEW)


def report_for(user, uid) -> PeriodReport:
    """One report the user may read; another unit's or Pemda's report is 404."""
    return permissions.get_object_or_404_for(reports_for(user), user, uid=uid)


def unit_for(user, uid, perm: P = P.REAL_VIEW) -> Unit:
    """A unit of the user's Pemda on which the user holds ``perm`` (else 404)."""
    unit = permissions.get_object_or_404_for(Unit.objects.select_related("pemda"), user, uid=uid)
    ids = permissions.unit_ids_with(user, perm)
    if (ids is None and not permissions.has_perm(user, perm)) or (ids is not None and unit.pk not in ids):
        raise Http404
    return unit


def year_for(user, year) -> FiscalYear | None:
    return pk_selectors.year_for(user, year)


def period_for(fiscal_year: FiscalYear, number: int) -> Period:
    return get_object_or_404(fiscal_year.reporting_periods(), number=number)


def units_for(user, perm: P = P.REAL_VIEW):
    """Active units of the Pemda on which the user holds ``perm``, ordered by code."""
    qs = Unit.objects.filter(pemda_id=user.pemda_id, is_active=True).select_related("ranking_category")
    ids = permissions.unit_ids_with(user, perm)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    elif not permissions.has_perm(user, perm):
        qs = qs.none()
    return qs.order_by("code", "name")


@dataclass
class Actions:
    """What one user may do on one report (the services check everything again)."""

    edit: bool = False
    submit: bool = False
    verify: bool = False
    accept: bool = False
    return_: bool = False
    unlock: bool = False

    @property
    def any(self) -> bool:
        return any((self.submit, self.verify, self.accept, self.return_, self.unlock))


def actions_for(user, report: PeriodReport) -> Actions:
    """The buttons offered (from ``services.allowed_actions``; the services check again on POST)."""
    from .. import services

    allowed = services.allowed_actions(user, report)
    return Actions(
        edit=allowed["edit"],
        submit=allowed["submit"],
        verify=allowed["verify"],
        accept=allowed["accept"],
        return_=allowed["return"],
        unlock=allowed["unlock"],
    )


def error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def flash_errors(request, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


def status_badge_class(status: str) -> str:
    return {
        Status.ACCEPTED: "badge-success",
        Status.VERIFIED: "badge-info",
        Status.SUBMITTED: "badge-warning",
        Status.RETURNED: "badge-danger",
    }.get(status, "badge-muted")
