"""Follow-up of recommendations (tindak lanjut): the list with filters and counts per status, the
overdue list for the admin and pimpinan, a recommendation's page with its evidence and history, and
the update form of the owner unit (FOLLOWUP_EDIT on that unit) or the admin (EVAL_MANAGE)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluations import lke_admin_selectors as selectors
from evaluations import lke_followup_services as services
from evaluations.lke_models import FollowUpEvidence, Recommendation
from evaluations.monitoring import today_for
from sakip.core import audit, permissions
from sakip.core.permissions import P

from ..lke_admin_forms import FollowupEvidenceForm, FollowupFilterForm, FollowupUpdateForm
from .lke_admin_common import PAGE_SIZE, REFUSED, active_units, flash_refusal, refusal_messages

Status = Recommendation.Status


def recommendation_for(user, uid) -> Recommendation:
    """A recommendation the user may read (another Pemda's, or another unit's for a unit user: 404)."""
    permissions.require(user, P.EVAL_VIEW)
    found = selectors.recommendations_for(user).filter(uid=uid).first()
    if found is None:
        raise Http404
    return found


def can_update(user, recommendation: Recommendation) -> bool:
    """The owner unit's operator/kepala or a manager (the services check again)."""
    return services.can_follow_up(user, recommendation)


def _listing(request, *, overdue_only: bool):
    user = request.user
    permissions.require(user, P.EVAL_VIEW)
    today = today_for(user.pemda)
    units = list(active_units(user))
    own = permissions.unit_ids_with(user, P.EVAL_VIEW)
    if own is not None:
        units = [u for u in units if u.pk in own]
    form = FollowupFilterForm(request.GET or None, units=units)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    overdue = overdue_only or bool(f.get("terlambat"))
    unit = next((u for u in units if str(u.uid) == f.get("unit")), None)
    base = selectors.recommendations_for(
        user, unit=unit, overdue=True if overdue else None, q=f.get("q") or None, today=today
    )
    if f.get("sumber") == "unit":
        base = base.filter(evaluation__isnull=False)
    elif f.get("sumber") == "pemda":
        base = base.filter(pemda_result__isnull=False)
    counts = dict(base.order_by().values_list("status").annotate(n=Count("pk")))
    rows = base.filter(status=f["status"]) if f.get("status") else base
    # open items first (by due date), finished ones after them
    rows = rows.alias(done=Case(When(status=Status.SELESAI, then=1), default=0)).order_by(
        "done", F("due_date").asc(nulls_last=True), "id"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "filtered": any(v for k, v in f.items()),
        "overdue_only": overdue_only,
        "today": today,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "total": sum(counts.values()),
        "can_see_overdue": _can_see_overdue(user),
        "own_units": units if own is not None else [],
    }
    return render(request, "evaluations/lke_admin/followup_list.html", context)


def _can_see_overdue(user) -> bool:
    return permissions.unit_ids_with(user, P.EVAL_VIEW) is None and permissions.has_perm(user, P.EVAL_VIEW)


@require_GET
def followup_list(request):
    return _listing(request, overdue_only=False)


@require_GET
def followup_overdue(request):
    """Overdue recommendations of the whole Pemda, for the admin, evaluators and pimpinan."""
    if not _can_see_overdue(request.user):
        permissions.require(request.user, P.EVAL_MANAGE)
    return _listing(request, overdue_only=True)


@require_GET
def followup_detail(request, uid):
    user = request.user
    recommendation = recommendation_for(user, uid)
    context = {
        "rec": recommendation,
        "evidence": list(recommendation.evidence.select_related("added_by")),
        "can_update": can_update(user, recommendation),
        "evidence_form": FollowupEvidenceForm(),
        "today": today_for(user.pemda),
        "history": audit.history_for(user, recommendation),
    }
    return render(request, "evaluations/lke_admin/followup_detail.html", context)


@require_http_methods(["GET", "POST"])
def followup_update(request, uid):
    user = request.user
    rec = recommendation_for(user, uid)
    if not can_update(user, rec):
        permissions.require(user, P.EVAL_MANAGE)  # 403 with the usual message
    initial = {
        "action_plan": rec.action_plan,
        "due_date": rec.due_date,
        "status": rec.status,
        "progress_note": rec.progress_note,
    }
    form = FollowupUpdateForm(request.POST or None, initial=initial)
    if rec.due_date and not permissions.has_perm(user, P.EVAL_MANAGE):
        form.fields["due_date"].disabled = True
        form.fields["due_date"].help_text = _("Batas waktu hanya dapat diubah oleh Admin SAKIP atau ketua tim.")
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_update(user=user, recommendation=rec, **form.cleaned_data)
        except REFUSED as exc:
            errors = refusal_messages(exc)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect("evaluations:followup_detail", uid=rec.uid)
    context = {"rec": rec, "form": form, "errors": errors}
    return render(request, "evaluations/lke_admin/followup_form.html", context)


@require_POST
def followup_evidence_add(request, uid):
    user = request.user
    rec = recommendation_for(user, uid)
    if not can_update(user, rec):
        permissions.require(user, P.EVAL_MANAGE)
    form = FollowupEvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.followup_evidence_add(user=user, recommendation=rec, **form.cleaned_data)
        except REFUSED as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("Bukti tindak lanjut ditambahkan."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("evaluations:followup_detail", uid=rec.uid)


def _evidence_for(user, uid) -> FollowUpEvidence:
    evidence = permissions.get_object_or_404_for(
        FollowUpEvidence.objects.select_related("recommendation"), user, uid=uid
    )
    if not selectors.visible_recommendations(user).filter(pk=evidence.recommendation_id).exists():
        raise Http404
    return evidence


@require_GET
def followup_evidence_download(request, uid):
    evidence = _evidence_for(request.user, uid)
    if not evidence.file:
        if evidence.url:
            return redirect(evidence.url)
        raise Http404
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


@require_POST
def followup_evidence_delete(request, uid):
    user = request.user
    evidence = _evidence_for(user, uid)
    rec = evidence.recommendation
    if not can_update(user, rec):
        permissions.require(user, P.EVAL_MANAGE)
    try:
        services.followup_evidence_delete(user=user, evidence=evidence)
    except REFUSED as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("Bukti %(t)s dihapus.") % {"t": evidence.title})
    return redirect("evaluations:followup_detail", uid=rec.uid)
