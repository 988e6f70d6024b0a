"""Proposals produced by the rules: the list (waiting first) and the review page where the kepala
daerah accepts (with the SK), changes (another type or measure, with a reason) or rejects (with a
reason). Admin SAKIP reads them; only pimpinan (``P.DECISION_ISSUE``) acts: a POST by anyone else
is 403. Every form shows its errors next to its fields and saves nothing when refused."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sakip.lib.dates import format_date

from .. import selectors, services
from ..forms_decisions import (
    PARAMETER_FIELDS,
    ProposalAcceptForm,
    ProposalChangeForm,
    ProposalFilterForm,
    ReasonForm,
    attach_errors,
)
from ..models import Proposal, RankingSnapshot, Target
from .decisions_common import PAGE_SIZE, can_issue, require_issue, require_proposals, snapshot_url, today_for
from .decisions_display import basis_rows, parameter_text

Status = Proposal.Status
WAITING_FIRST = Case(When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())


@require_GET
def proposal_list(request):
    user = request.user
    require_proposals(user)
    years = list(
        selectors.proposals_for(user)
        .filter(snapshot__isnull=False)
        .order_by("-snapshot__year")
        .values_list("snapshot__year", flat=True)
        .distinct()
    )
    form = ProposalFilterForm(request.GET or None, years=years)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    snapshot = _snapshot_filter(user, request.GET.get("snapshot"))
    qs = selectors.proposals_for(user, status=f.get("status") or None, year=f.get("tahun") or None, snapshot=snapshot)
    if f.get("jenis"):
        qs = qs.filter(kind=f["jenis"])
    qs = qs.annotate(_waiting=WAITING_FIRST).order_by("_waiting", "-snapshot__frozen_at", "unit__code", "rule_code")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for proposal in page:
        proposal.basis_rows = basis_rows(proposal.basis)
        proposal.parameter_text = parameter_text(proposal.parameters)
    waiting = selectors.proposals_for(user, status=Status.PENDING).count()
    context = {
        "form": form,
        "page": page,
        "waiting": waiting,
        "can_issue": can_issue(user),
        "filtered": (any(f.values()) if f else False) or snapshot is not None,
        "snapshot": snapshot,
        "snapshot_url": snapshot_url(snapshot),
    }
    return render(request, "rewards/decisions/proposal_list.html", context)


def _snapshot_filter(user, raw: str | None) -> RankingSnapshot | None:
    """``?snapshot=<uid>`` (links from a snapshot or a rule run): that snapshot's proposals only."""
    if not raw:
        return None
    try:
        uid = uuid.UUID(raw)
    except ValueError:
        return None
    return RankingSnapshot.objects.filter(pemda_id=user.pemda_id, uid=uid).first()


def _initial_measure(proposal: Proposal) -> dict:
    params = proposal.parameters or {}
    return {field: params.get(name) for name, field in PARAMETER_FIELDS.items() if params.get(name) is not None}


def _forms(proposal: Proposal, today, data=None, action: str = ""):
    base = {"sk_date": today, "effective_start": today, "response_days": 14}
    return {
        "accept_form": ProposalAcceptForm(data if action == "accept" else None, initial=base, prefix="accept"),
        "change_form": ProposalChangeForm(
            data if action == "change" else None,
            initial={**base, "kind": proposal.kind, **_initial_measure(proposal)},
            prefix="change",
        ),
        "reject_form": ReasonForm(data if action == "reject" else None, prefix="reject"),
    }


def _act(user, proposal: Proposal, action: str, form):
    data = form.cleaned_data
    sk = {
        k: data[k] for k in ("sk_number", "sk_date", "effective_start", "effective_end", "response_days") if k in data
    }
    if action == "accept":
        return services.proposal_accept(user=user, proposal=proposal, basis_text=data.get("basis_text") or "", **sk)
    if action == "change":
        return services.proposal_change(
            user=user, proposal=proposal, kind=data["kind"], parameters=form.parameters(), reason=data["reason"], **sk
        )
    return services.proposal_reject(user=user, proposal=proposal, reason=data["reason"])


@require_http_methods(["GET", "POST"])
def proposal_review(request, uid):
    user = request.user
    proposal = selectors.proposal_for(user, uid)
    today = today_for(user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST":
        require_issue(user)
        if action not in ("accept", "change", "reject"):
            messages.error(request, _("Tindakan tidak dikenal."))
            return redirect("rewards:proposal_review", uid=proposal.uid)
        if proposal.status != Status.PENDING:
            messages.error(request, _("Usulan ini sudah diputuskan (%(s)s).") % {"s": proposal.get_status_display()})
            return redirect("rewards:proposal_review", uid=proposal.uid)
    forms = _forms(proposal, today, request.POST if action else None, action)
    if action:
        form = forms[f"{action}_form"]
        if form.is_valid():
            try:
                result = _act(user, proposal, action, form)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                return _done(request, proposal, action, result)
    context = {
        "proposal": proposal,
        "basis_rows": basis_rows(proposal.basis),
        "parameter_text": parameter_text(proposal.parameters),
        "head": proposal.unit.head_on(today) if proposal.target == Target.HEAD else None,
        "snapshot_url": snapshot_url(proposal.snapshot),
        "can_issue": can_issue(user),
        "decision": getattr(proposal, "decision", None) if proposal.status != Status.PENDING else None,
        "open_action": action,
        **forms,
    }
    return render(request, "rewards/decisions/proposal_review.html", context, status=400 if action else 200)


def _done(request, proposal: Proposal, action: str, result):
    if action == "reject":
        messages.success(request, _("Usulan untuk %(unit)s ditolak.") % {"unit": proposal.unit.name})
        return redirect("rewards:proposal_list")
    decision = result
    messages.success(
        request,
        _("Keputusan %(sk)s diterbitkan untuk %(unit)s; unit dapat menanggapi sampai %(d)s.")
        % {"sk": decision.sk_number, "unit": decision.unit.name, "d": format_date(decision.response_deadline)},
    )
    return redirect("rewards:decision_detail", uid=decision.uid)
