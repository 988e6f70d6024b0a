"""The PK editor page and its sasaran rows (htmx fragments).

Every row endpoint finds the PK visible to the user (else 404), requires the edit permission (else
403) and calls a service. A service refusal (validation, or a PK that is no longer a draft because
the page is stale) comes back as the same row with the message inline, with status 200 so that htmx
swaps it in. Without htmx the endpoints redirect to the editor with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..forms import SasaranForm
from ..models import Agreement
from ._common import error_messages, form_errors_from, require_edit


def load_for_edit(request, uid) -> Agreement:
    """The PK (404 if invisible) after the edit-permission check (403 for read-only users)."""
    agreement = selectors.agreement_by_uid(request.user, uid)
    require_edit(request.user, agreement)
    return agreement


def fragment(request, template: str, context: dict, agreement: Agreement) -> HttpResponse:
    """Render a row fragment for htmx; a plain form post goes back to the editor page."""
    if request.htmx or request.method == "GET":
        return render(request, template, {"agreement": agreement, "editable": True, **context})
    for message in context.get("row_errors", []):
        messages.error(request, message)
    form = context.get("form")
    if form is not None and form.errors:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("agreements:pk_edit", uid=agreement.uid)


@require_GET
def pk_edit(request, uid):
    user = request.user
    agreement = selectors.agreement_detail(user, uid)
    require_edit(user, agreement)
    selectors.decorate_agreement(agreement)
    try:
        services.ensure_draft(agreement)
        locked_reason = ""
    except ValidationError as exc:
        locked_reason = " ".join(error_messages(exc))
    context = {
        "agreement": agreement,
        "editable": not locked_reason,
        "locked_reason": locked_reason,
        "has_pemda_sasaran": bool(selectors.pemda_sasaran_for(agreement)),
    }
    return render(request, "agreements/pk_edit.html", context)


def _sasaran_form(agreement, *, sasaran=None, data=None) -> SasaranForm:
    prefix = f"s{sasaran.uid.hex[:8]}" if sasaran else "snew"
    initial = SasaranForm.initial_for(sasaran) if sasaran else None
    form = SasaranForm(data, prefix=prefix, initial=initial, pemda_sasaran=selectors.pemda_sasaran_for(agreement))
    form.fields["name"].widget.attrs["autofocus"] = True
    return form


@require_http_methods(["GET", "POST"])
def sasaran_new(request, uid):
    agreement = load_for_edit(request, uid)
    form = _sasaran_form(agreement, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sasaran = services.sasaran_create(
                agreement=agreement, name=data["name"], supports=data["supports"], by=request.user
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return fragment(request, "agreements/_sasaran_row.html", {"s": sasaran, "just_saved": True}, agreement)
    return fragment(request, "agreements/_sasaran_form.html", {"form": form, "is_new": True}, agreement)


@require_http_methods(["GET", "POST"])
def sasaran_row(request, uid, sid):
    """GET: the sasaran heading (``?ubah=1``: its form); POST: save the heading."""
    agreement = load_for_edit(request, uid)
    sasaran = selectors.sasaran_of(agreement, sid)
    if request.method == "GET" and not request.GET.get("ubah"):
        return fragment(request, "agreements/_sasaran_head.html", {"s": sasaran}, agreement)
    form = _sasaran_form(agreement, sasaran=sasaran, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sasaran_update(sasaran=sasaran, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return fragment(request, "agreements/_sasaran_head.html", {"s": sasaran, "just_saved": True}, agreement)
    return fragment(request, "agreements/_sasaran_form.html", {"form": form, "s": sasaran}, agreement)


@require_POST
def sasaran_delete(request, uid, sid):
    agreement = load_for_edit(request, uid)
    sasaran = selectors.sasaran_of(agreement, sid, with_indicators=True)
    try:
        services.sasaran_delete(sasaran=sasaran, by=request.user)
    except ValidationError as exc:
        context = {"s": sasaran, "row_errors": error_messages(exc)}
        return fragment(request, "agreements/_sasaran_row.html", context, agreement)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Sasaran dihapus."))
    return redirect("agreements:pk_edit", uid=agreement.uid)
