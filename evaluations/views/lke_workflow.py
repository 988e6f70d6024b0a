"""Workflow actions on an LKE worksheet and its score history.

Each action is a POST that finds the evaluation visible to the user (else 404), checks the role
for that step (else 403), calls the service and reports the outcome with a message; the service
checks everything again (status, stage window, unanswered criteria). The pages ask for a
confirmation first (``data-confirm``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import lke_selectors, lke_services
from ..lke_forms import PublishForm, ResolveForm, RespondForm, ReturnForm
from .lke_common import flash_errors, form_errors


def _run(request, uid, allowed, call, success: str, form_class=None, prefix=""):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not allowed(request.user, evaluation):
        raise PermissionDenied
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            for message in form_errors(form):
                messages.error(request, message)
            return redirect("evaluations:lke_worksheet", uid=evaluation.uid)
        kwargs = form.cleaned_data
    try:
        call(user=request.user, evaluation=evaluation, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("evaluations:lke_worksheet", uid=evaluation.uid)


@require_POST
def lke_self_submit(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_self_assess,
        lke_services.evaluation_self_submit,
        _("Penilaian mandiri diajukan kepada tim evaluator."),
    )


@require_POST
def lke_submit_review(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_score,
        lke_services.evaluation_submit_review,
        _("Lembar kerja diajukan kepada ketua tim untuk direviu."),
    )


@require_POST
def lke_return(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_lead,
        lke_services.evaluation_return,
        _("Lembar kerja dikembalikan kepada evaluator dengan catatan."),
        ReturnForm,
        "ret",
    )


@require_POST
def lke_publish(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_lead,
        lke_services.evaluation_publish,
        _("Hasil evaluasi diterbitkan kepada unit. LHE dapat diunduh."),
        PublishForm,
        "pub",
    )


@require_POST
def lke_respond(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_self_assess,
        lke_services.evaluation_respond,
        _("Tanggapan unit dikirim kepada tim evaluator."),
        RespondForm,
        "rsp",
    )


@require_POST
def lke_resolve(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_score,
        lke_services.evaluation_resolve_response,
        _("Jawaban atas tanggapan unit disimpan."),
        ResolveForm,
        "res",
    )


@require_POST
def lke_finalize(request, uid):
    return _run(
        request,
        uid,
        lke_selectors.may_lead,
        lke_services.evaluation_finalize,
        _("Hasil evaluasi ditetapkan final."),
    )


@require_GET
def lke_history(request, uid):
    user = request.user
    evaluation = lke_selectors.evaluation_for(user, uid)
    changes = lke_selectors.score_history(evaluation)
    if not lke_selectors.can_see_result(user, evaluation):
        changes = changes.filter(side="self")  # the evaluator's values stay hidden until publication
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    context = {"evaluation": evaluation, "round": evaluation.round, "page": page}
    return render(request, "evaluations/lke/history.html", context)
