"""The decision register (with the unit's own view), a decision's page (basis, response, revocation,
history) and the form of a decision issued directly by the kepala daerah.

Reads go through ``rewards.selectors`` (scoped: another Pemda's or another unit's decision is 404),
writes through ``rewards.services``; the views only check who may act, bind forms and show results.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.core import audit, permissions
from sakip.core.models import Unit
from sakip.lib.dates import format_date

from .. import selectors, services
from ..forms_decisions import DecisionFilterForm, DecisionIssueForm, ReasonForm, RespondForm, attach_errors
from ..models import REWARD_TYPES, Decision, Target
from .decisions_common import (
    PAGE_SIZE,
    can_issue,
    can_respond,
    can_revoke,
    is_award,
    is_unit_member,
    refusal_messages,
    require_issue,
    require_view,
    response_open,
    safe_url,
    sees_whole_pemda,
    snapshot_url,
    today_for,
)
from .decisions_display import basis_rows, timeline


def visible_units(user):
    """Units offered in the filters: every active unit of the Pemda, or the user's own units."""
    units = Unit.objects.filter(pemda_id=user.pemda_id).order_by("code", "name")
    if sees_whole_pemda(user):
        return units.filter(is_active=True)
    return units.filter(pk__in=permissions.own_unit_ids(user))


def filtered_decisions(request):
    """The register's filter form and the matching decisions (shared by the page and its export)."""
    user = request.user
    require_view(user)
    whole = sees_whole_pemda(user)
    units = list(visible_units(user))
    years = [d.year for d in selectors.decisions_for(user).order_by().dates("sk_date", "year", order="DESC")]
    form = DecisionFilterForm(request.GET or None, years=years, units=units if whole or len(units) > 1 else ())
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    unit = next((u for u in units if str(u.uid) == f.get("unit")), None)
    qs = selectors.decisions_for(
        user,
        kind=f.get("jenis") or None,
        unit=unit,
        year=f.get("tahun") or None,
        status=f.get("status") or None,
        q=(f.get("q") or "").strip() or None,
    )
    if f.get("golongan") == "reward":
        qs = qs.filter(kind__in=REWARD_TYPES)
    elif f.get("golongan") == "sanksi":
        qs = qs.exclude(kind__in=REWARD_TYPES)
    return form, qs, {"whole": whole, "units": units, "filtered": any(f.values()) if f else False}


@require_GET
def decision_list(request):
    user = request.user
    form, qs, extra = filtered_decisions(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": today_for(user),
        "can_issue": can_issue(user),
        "own_units": [] if extra["whole"] else extra["units"],
        "export_query": request.GET.urlencode(),
        **extra,
    }
    return render(request, "rewards/decisions/decision_list.html", context)


def _detail_context(request, decision: Decision, **forms) -> dict:
    user = request.user
    today = today_for(user)
    return {
        "decision": decision,
        "today": today,
        "basis_rows": basis_rows(decision.basis),
        "snapshot_url": snapshot_url(decision.snapshot),
        "is_award": is_award(decision),
        "is_unit_member": is_unit_member(user, decision),
        "response_open": response_open(decision, today),
        "can_respond": can_respond(user, decision, today),
        "can_revoke": can_revoke(user, decision),
        "respond_form": forms.get("respond_form") or RespondForm(),
        "revoke_form": forms.get("revoke_form") or ReasonForm(),
        "timeline": timeline(decision),
        "can_see_proposals": sees_whole_pemda(user),
        "history": audit.history_for(user, decision),
    }


@require_GET
def decision_detail(request, uid):
    require_view(request.user)
    decision = selectors.decision_for(request.user, uid)
    return render(request, "rewards/decisions/decision_detail.html", _detail_context(request, decision))


@require_POST
def decision_respond(request, uid):
    """The unit's response, within the window counted from the SK date (inclusive, Pemda time)."""
    user = request.user
    require_view(user)
    decision = selectors.decision_for(user, uid)
    if not is_unit_member(user, decision):
        raise PermissionDenied(
            _("Hanya operator atau kepala unit yang bersangkutan yang dapat menanggapi keputusan ini.")
        )
    today = today_for(user)
    if not response_open(decision, today):
        if decision.status != Decision.Status.ISSUED:
            messages.error(request, _("Keputusan ini sudah dicabut; tanggapan tidak dapat disimpan."))
        else:
            messages.error(
                request,
                _("Batas tanggapan sudah lewat pada %(d)s; tanggapan tidak dapat disimpan.")
                % {"d": format_date(decision.response_deadline)},
            )
        return redirect("rewards:decision_detail", uid=decision.uid)
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            services.decision_respond(user=user, decision=decision, text=form.cleaned_data["text"])
        except ValidationError as exc:
            for message in refusal_messages(exc):
                form.add_error("text" if not hasattr(exc, "error_dict") else None, message)
        else:
            messages.success(request, _("Tanggapan unit disimpan dan dapat dibaca pimpinan."))
            return redirect("rewards:decision_detail", uid=decision.uid)
    decision.refresh_from_db()
    context = _detail_context(request, decision, respond_form=form)
    return render(request, "rewards/decisions/decision_detail.html", context, status=400)


@require_POST
def decision_revoke(request, uid):
    user = request.user
    require_view(user)
    decision = selectors.decision_for(user, uid)
    require_issue(user)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.decision_revoke(user=user, decision=decision, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Keputusan %(sk)s dicabut.") % {"sk": decision.sk_number})
            return redirect("rewards:decision_detail", uid=decision.uid)
    decision.refresh_from_db()
    return render(
        request, "rewards/decisions/decision_detail.html", _detail_context(request, decision, revoke_form=form),
        status=400,
    )  # fmt: skip


def _issue_form(request, data=None) -> DecisionIssueForm:
    user = request.user
    units = Unit.objects.filter(pemda_id=user.pemda_id, is_active=True).order_by("code", "name")
    snapshots = selectors.snapshots_for(user)
    today = today_for(user)
    initial = {"response_days": 14, "target": Target.UNIT, "sk_date": today, "effective_start": today}
    if data is None:
        for key in ("kind", "unit", "snapshot", "target"):
            if request.GET.get(key):
                initial[key] = request.GET[key]
        if "unit" in initial:
            unit = units.filter(uid=initial["unit"]).first() if _is_uuid(initial["unit"]) else None
            initial["unit"] = unit.pk if unit else None
        if "snapshot" in initial:
            snap = snapshots.filter(uid=initial["snapshot"]).first() if _is_uuid(initial["snapshot"]) else None
            initial["snapshot"] = snap.pk if snap else None
    return DecisionIssueForm(data, units=units, snapshots=snapshots, initial=initial)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@require_http_methods(["GET", "POST"])
def decision_create(request):
    user = request.user
    require_issue(user)
    form = _issue_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            decision = services.decision_issue(user=user, pemda=user.pemda, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Keputusan %(sk)s diterbitkan. %(unit)s dapat menanggapi sampai %(d)s.")
                % {"sk": decision.sk_number, "unit": decision.unit.name, "d": format_date(decision.response_deadline)},
            )
            return redirect("rewards:decision_detail", uid=decision.uid)
    context = {
        "form": form,
        "has_snapshots": form.fields["snapshot"].queryset.exists(),
        "show_official": str(form["target"].value()) == Target.HEAD,
        "ranking_url": safe_url("rewards:ranking_home"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "rewards/decisions/decision_form.html", context, status=status)


@require_GET
def decision_official(request):
    """htmx: the official's fields, prefilled from the head of the chosen unit in office today."""
    user = request.user
    require_issue(user)
    raw = request.GET.get("unit") or ""
    unit = Unit.objects.filter(pemda_id=user.pemda_id, pk=int(raw)).first() if raw.isdigit() else None
    head = unit.head_on(today_for(user)) if unit else None
    show = request.GET.get("target") == Target.HEAD
    initial = {}
    if head is not None:
        initial = {"official_name": head.name, "official_nip": head.nip, "official_position": head.display_title}
    form = DecisionIssueForm(initial=initial)
    return render(
        request, "rewards/decisions/_official_fields.html", {"form": form, "head": head, "unit": unit, "show": show}
    )
