"""Evidence of a self-assessment answer: upload a file, link the unit's PK or a realisation evidence
already in the portal, or a web link; download through an access-checking view; delete.

Only a user who may self-assess the worksheet adds or deletes (else 403); the service checks the
stage window and the status again. The fragment of the criterion's evidence is returned to htmx.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.models import Agreement

from .. import lke_selectors, lke_services
from ..lke_forms import EvidenceForm
from ..lke_models import AnswerEvidence, CriterionAnswer
from ..models import Evidence
from .lke_common import error_messages, form_errors
from .lke_worksheet import Access, _criterion, find_row


def _fragment(request, evaluation, criterion, errors=None):
    if not request.htmx:
        for message in errors or []:
            messages.error(request, message)
        return redirect(f"{reverse('evaluations:lke_worksheet', args=[evaluation.uid])}#k-{criterion.pk}")
    ws = lke_selectors.worksheet(evaluation, request.user)
    _comp, _sub, row = find_row(ws, criterion.pk)
    access = Access(request.user, evaluation, ws.actions)
    context = {
        "evaluation": evaluation,
        "row": row,
        "access": access,
        "linkable": lke_selectors.linkable_evidence(evaluation) if access.write_self else None,
        "evidence_errors": errors,
    }
    return render(request, "evaluations/lke/_evidence.html", context)


def _answer_for(user, evaluation, criterion) -> CriterionAnswer:
    answer = CriterionAnswer.objects.filter(evaluation=evaluation, criterion=criterion).first()
    if answer is None:  # evidence before an answer: the row starts with an empty self-assessment
        lke_services.answer_self(user=user, evaluation=evaluation, criterion=criterion, answer="", note="")
        answer = CriterionAnswer.objects.get(evaluation=evaluation, criterion=criterion)
    return answer


@require_POST
def lke_evidence_add(request, uid, criterion):
    evaluation = lke_selectors.evaluation_for(request.user, uid)
    if not lke_selectors.may_self_assess(request.user, evaluation):
        raise PermissionDenied
    crit = _criterion(evaluation, criterion)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _fragment(request, evaluation, crit, form_errors(form))
    data = form.cleaned_data
    agreements, realisation = lke_selectors.linkable_evidence(evaluation)
    try:
        agreement = _pick(agreements, data["agreement"]) if data["kind"] == "agreement" else None
        linked = _pick(realisation, data["realisation_evidence"]) if data["kind"] == "realisation" else None
        lke_services.evidence_add(
            user=request.user,
            answer=_answer_for(request.user, evaluation, crit),
            kind=data["kind"],
            title=data["title"],
            file=data["file"] if data["kind"] == "file" else None,
            agreement=agreement,
            realisation_evidence=linked,
            url=data["url"] if data["kind"] == "link" else "",
        )
    except ValidationError as exc:
        return _fragment(request, evaluation, crit, error_messages(exc))
    return _fragment(request, evaluation, crit)


def _pick(candidates, uid):
    """One of the offered PKs / realisation evidence by uid; anything else is refused."""
    for item in candidates:
        if str(item.uid) == str(uid):
            return item
    raise ValidationError(_("Bukti yang dipilih bukan milik unit ini atau tidak tersedia."))


def _evidence_for(user, uid) -> AnswerEvidence:
    evidence = get_object_or_404(
        AnswerEvidence.objects.select_related("answer__evaluation", "answer__criterion"),
        uid=uid,
        pemda_id=user.pemda_id,
    )
    lke_selectors.evaluation_for(user, evidence.answer.evaluation.uid)  # 404 when not visible
    return evidence


@require_GET
def lke_evidence_download(request, uid):
    evidence = _evidence_for(request.user, uid)
    if evidence.kind == AnswerEvidence.Kind.AGREEMENT:
        return redirect("agreements:pk_detail", uid=_uid_of(Agreement, evidence.agreement_id))
    if evidence.kind == AnswerEvidence.Kind.REALISATION:
        return redirect("evaluations:evidence_download", uid=_uid_of(Evidence, evidence.realisation_evidence_id))
    if evidence.kind == AnswerEvidence.Kind.LINK:
        return redirect(evidence.url)
    if not evidence.file:
        raise Http404
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


def _uid_of(model, pk):
    return model.objects.values_list("uid", flat=True).get(pk=pk)


@require_POST
def lke_evidence_delete(request, uid):
    evidence = _evidence_for(request.user, uid)
    evaluation = evidence.answer.evaluation
    if not lke_selectors.may_self_assess(request.user, evaluation):
        raise PermissionDenied
    criterion = _criterion(evaluation, evidence.answer.criterion_id)
    try:
        lke_services.evidence_delete(user=request.user, evidence=evidence)
    except ValidationError as exc:
        return _fragment(request, evaluation, criterion, error_messages(exc))
    return _fragment(request, evaluation, criterion)
