"""Submissions of obligations: the submit form for one occurrence, one submission (with accept /
return for the reviewer), correcting a returned one, the review queue, and the evidence download.

Access: a submission is read by whoever may see its unit, by the official concerned and by its
submitter (else 404); submitting follows :func:`rewards.services_obligations.can_submit`; accepting
and returning need ``P.OBLIGATION_REVIEW`` on the unit (else 403).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sakip.core import permissions
from sakip.core.models import Unit
from sakip.core.permissions import P

from .. import selectors_officials as sel
from ..forms_obligations import ReviewForm, SubmissionFilterForm, SubmissionForm, attach_errors
from ..models import Obligation, ObligationSubmission, Official
from ..obligation_schedule import DueRuleError, occurrence_for
from ..services_obligations import (
    can_review,
    can_submit,
    submission_accept,
    submission_resubmit,
    submission_return,
    submission_submit,
)
from .obligations import require_use

PAGE_SIZE = 25
Status = ObligationSubmission.Status


def _period(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def submission_create(request, uid):
    """``?periode=YYYY-MM-DD`` and ``?pegawai=<uid>`` (official obligations) or ``?unit=<uid>``."""
    user = request.user
    obligation = sel.obligation_for(user, uid)
    params = request.POST if request.method == "POST" else request.GET
    official = unit = None
    if obligation.subject == Obligation.Subject.OFFICIAL:
        official = Official.objects.filter(pemda_id=user.pemda_id, uid=_uuid(params.get("pegawai"))).first()
        if official is None:
            raise Http404
        unit = official.unit
    else:
        unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=_uuid(params.get("unit"))).first()
        if unit is None:
            raise Http404
    if not can_submit(user, obligation, official=official, unit=unit):
        if not (sel.view_unit_ids(user) is None or unit.pk in (sel.view_unit_ids(user) or set())):
            raise Http404
        permissions.require(user, P.OBLIGATION_SUBMIT, unit_id=unit.pk)  # 403
    period_start = _period(params.get("periode"))
    try:
        occurrence = (
            occurrence_for(obligation.frequency, obligation.due_offset_days, period_start) if period_start else None
        )
    except DueRuleError:
        occurrence = None
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = submission_submit(
                user=user, obligation=obligation, official=official, unit=unit, period_start=period_start,
                title=data["title"], description=data["description"], file=data.get("evidence"),
                url=data["evidence_url"],
            )  # fmt: skip
        except ValidationError as exc:
            if period_start is None:
                form.add_error(None, _("Periode tidak dikenal."))
            else:
                attach_errors(form, exc)
        else:
            if submission.is_late:
                messages.warning(request, _("Pengajuan tersimpan dan tercatat terlambat (lewat batas waktu)."))
            else:
                messages.success(request, _("Pengajuan tersimpan dan menunggu penilaian kepala unit."))
            return redirect("rewards:obligation_submission_detail", uid=submission.uid)
    context = {
        "form": form, "obligation": obligation, "official": official, "unit": unit, "occurrence": occurrence,
        "period_raw": params.get("periode", ""),
    }  # fmt: skip
    return render(request, "rewards/obligations/submission_form.html", context)


def _uuid(raw):
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def submission_detail(request, uid):
    user = request.user
    submission = sel.submission_for(user, uid)
    reviewer = permissions.has_perm(user, P.OBLIGATION_REVIEW, unit_id=submission.unit_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        permissions.require(user, P.OBLIGATION_REVIEW, unit_id=submission.unit_id)
        action = request.POST.get("action")
        if action in ("accept", "return") and form.is_valid():
            note = form.cleaned_data["note"]
            try:
                if action == "accept":
                    submission_accept(user=user, submission=submission, note=note)
                    messages.success(request, _("Pengajuan diterima."))
                else:
                    submission_return(user=user, submission=submission, note=note)
                    messages.success(request, _("Pengajuan dikembalikan untuk diperbaiki."))
                return redirect("rewards:obligation_submission_detail", uid=submission.uid)
            except ValidationError as exc:
                attach_errors(form, exc)
                if "decision_note" in getattr(exc, "error_dict", {}):
                    form.add_error("note", exc.error_dict["decision_note"][0])
        elif action not in ("accept", "return"):
            form.add_error(None, _("Pilih terima atau kembalikan."))
    context = {
        "s": submission,
        "form": form,
        "can_review": reviewer and submission.status == Status.SUBMITTED and can_review(user, submission),
        "can_resubmit": submission.status == Status.RETURNED
        and can_submit(user, submission.obligation, official=submission.official, unit=submission.unit),
        "history": submission.history.order_by("history_date").select_related("history_user"),
    }
    return render(request, "rewards/obligations/submission_detail.html", context)


@require_http_methods(["GET", "POST"])
def submission_resubmit_view(request, uid):
    user = request.user
    submission = sel.submission_for(user, uid)
    if not can_submit(user, submission.obligation, official=submission.official, unit=submission.unit):
        permissions.require(user, P.OBLIGATION_SUBMIT, unit_id=submission.unit_id)
    if submission.status != Status.RETURNED:
        messages.info(request, _("Hanya pengajuan yang dikembalikan yang dapat diperbaiki dan diajukan ulang."))
        return redirect("rewards:obligation_submission_detail", uid=submission.uid)
    initial = {
        "title": submission.title,
        "description": submission.description,
        "evidence_url": submission.evidence_url,
    }
    form = SubmissionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission_resubmit(
                user=user, submission=submission, title=data["title"], description=data["description"],
                file=data.get("evidence"), url=data["evidence_url"],
            )  # fmt: skip
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Perbaikan diajukan ulang dan menunggu penilaian."))
            return redirect("rewards:obligation_submission_detail", uid=submission.uid)
    return render(request, "rewards/obligations/submission_resubmit.html", {"form": form, "s": submission})


@require_GET
def submission_list(request):
    """The review queue and archive: waiting first, with filters and pagination."""
    user = request.user
    require_use(user)
    ids = sel.view_unit_ids(user)
    obligations = list(sel.obligations_for(user))
    base = sel.submissions_for(user)
    years = sorted({d.year for d in base.dates("period_end", "year")}, reverse=True)
    form = SubmissionFilterForm(
        request.GET or None, pemda_id=user.pemda_id, unit_ids=ids, obligations=obligations, years=years
    )
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    qs = base
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("unit"):
        qs = qs.filter(unit_id=f["unit"])
    if f.get("kewajiban"):
        qs = qs.filter(obligation__code=f["kewajiban"])
    if f.get("bulan"):
        qs = qs.filter(period_end__month=f["bulan"])
    if f.get("tahun"):
        qs = qs.filter(period_end__year=f["tahun"])
    waiting_first = sorted(Status.values, key=lambda s: s != Status.SUBMITTED)
    order = Case(*[When(status=s, then=Value(i)) for i, s in enumerate(waiting_first)], output_field=IntegerField())
    qs = qs.annotate(_order=order).order_by("_order", "-submitted_at")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": any(v not in (None, "") for v in f.values()) if f else False,
        "waiting": sel.review_queue(user).count(),
    }
    return render(request, "rewards/obligations/submission_list.html", context)


@require_GET
def submission_evidence(request, uid):
    submission = sel.submission_for(request.user, uid)
    if not submission.evidence:
        raise Http404
    try:
        handle = submission.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=submission.evidence.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
