"""Read pages of one PK: the version, its history of versions, and the comparison of two versions."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .. import selectors, services
from ..forms import ReturnForm, ReviseForm, SignForm
from ..models import Agreement
from ._common import actions_for


def _version_context(user, agreement: Agreement) -> dict:
    """Versions of the same PK, the one in force, and whether ``agreement`` is the newest."""
    versions = selectors.agreement_versions(user, agreement)
    in_force = next((a for a in versions if a.status == Agreement.Status.SIGNED), None)
    latest = versions[0] if versions else agreement
    return {"versions": versions, "in_force": in_force, "latest": latest, "is_latest": latest.pk == agreement.pk}


@require_GET
def pk_detail(request, uid):
    user = request.user
    agreement = selectors.decorate_agreement(selectors.agreement_detail(user, uid))
    context = _version_context(user, agreement)
    context.update(
        agreement=agreement,
        actions=actions_for(user, agreement, is_latest=context["is_latest"]),
        return_form=ReturnForm(prefix="ret"),
        sign_form=SignForm(agreement=agreement, prefix="sign"),
        revise_form=ReviseForm(prefix="rev"),
        deadline=agreement.fiscal_year.pk_deadline_date,
    )
    # Late: this version signed after the deadline, or nothing signed yet and the deadline passed.
    context["late"] = (agreement.is_signed or context["in_force"] is None) and services.is_late(agreement)
    return render(request, "agreements/pk_detail.html", context)


@require_GET
def pk_versions(request, uid):
    agreement = selectors.agreement_by_uid(request.user, uid)
    context = _version_context(request.user, agreement)
    context["agreement"] = agreement
    return render(request, "agreements/pk_versions.html", context)


@require_GET
def pk_compare(request, uid):
    """``/pk/<new>/banding/?dengan=<old>``; without ``dengan``: against the previous version."""
    user = request.user
    new = selectors.agreement_detail(user, uid)
    old_uid = request.GET.get("dengan") or (new.previous.uid if new.previous_id else None)
    if old_uid is None:
        return redirect("agreements:pk_versions", uid=new.uid)
    old = selectors.agreement_detail(user, old_uid)
    if (old.fiscal_year_id, old.unit_id) != (new.fiscal_year_id, new.unit_id) or old.pk == new.pk:
        raise Http404
    if old.version > new.version:
        old, new = new, old
    context = {
        "agreement": new,
        "comparison": selectors.agreement_compare(old, new),
        "versions": selectors.agreement_versions(user, new),
    }
    return render(request, "agreements/pk_compare.html", context)
