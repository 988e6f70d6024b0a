"""Indicator and program rows of the PK editor (htmx fragments); see ``editor.py`` for the conventions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from .. import selectors, services
from ..forms import IndicatorForm, ProgramForm
from ._common import error_messages, form_errors_from
from .editor import fragment, load_for_edit

# Service error keys that have no box of their own in the indicator form.
INDICATOR_ERROR_FIELDS = {"target_low": "target", "target_high": "target"}


def _indicator_form(*, prefix: str, data=None, indicator=None) -> IndicatorForm:
    initial = IndicatorForm.initial_for(indicator) if indicator else {"polarity": "positive", "period_rule": "last"}
    form = IndicatorForm(data, prefix=prefix, initial=initial)
    form.fields["name"].widget.attrs["autofocus"] = True
    return form


@require_http_methods(["GET", "POST"])
def indicator_new(request, uid, sid):
    agreement = load_for_edit(request, uid)
    sasaran = selectors.sasaran_of(agreement, sid)
    form = _indicator_form(prefix=f"n{sasaran.uid.hex[:8]}", data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.indicator_create(sasaran=sasaran, by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form_errors_from(form, exc, INDICATOR_ERROR_FIELDS)
        else:
            indicator = selectors.indicator_of(agreement, created.uid)
            return fragment(request, "agreements/_indicator_row.html", {"i": indicator, "just_saved": True}, agreement)
    context = {"form": form, "s": sasaran, "is_new": True}
    return fragment(request, "agreements/_indicator_form.html", context, agreement)


@require_http_methods(["GET", "POST"])
def indicator_row(request, uid, iid):
    """GET: the indicator row (``?ubah=1``: its form); POST: save it."""
    agreement = load_for_edit(request, uid)
    indicator = selectors.indicator_of(agreement, iid)
    if request.method == "GET" and not request.GET.get("ubah"):
        return fragment(request, "agreements/_indicator_row.html", {"i": indicator}, agreement)
    data = request.POST if request.method == "POST" else None
    form = _indicator_form(prefix=f"i{indicator.uid.hex[:8]}", data=data, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, by=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form_errors_from(form, exc, INDICATOR_ERROR_FIELDS)
        else:
            indicator = selectors.indicator_of(agreement, iid)
            return fragment(request, "agreements/_indicator_row.html", {"i": indicator, "just_saved": True}, agreement)
    return fragment(request, "agreements/_indicator_form.html", {"form": form, "i": indicator}, agreement)


@require_POST
def indicator_delete(request, uid, iid):
    agreement = load_for_edit(request, uid)
    indicator = selectors.indicator_of(agreement, iid)
    try:
        services.indicator_delete(indicator=indicator, by=request.user)
    except ValidationError as exc:
        context = {"i": indicator, "row_errors": error_messages(exc)}
        return fragment(request, "agreements/_indicator_row.html", context, agreement)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("Indikator dihapus."))
    return redirect("agreements:pk_edit", uid=agreement.uid)


def _program_form(agreement, *, prefix: str, data=None, program=None) -> ProgramForm:
    initial = ProgramForm.initial_for(program) if program else {"level": "program"}
    parents = [p for p in selectors.program_parents(agreement) if program is None or p.pk != program.pk]
    form = ProgramForm(data, prefix=prefix, initial=initial, parents=parents)
    form.fields["code"].widget.attrs["autofocus"] = True
    if program is not None:  # the tree is fixed once created (the services keep the parent)
        form.fields["parent"].disabled = True
        form.fields["level"].disabled = True
    return form


def _program_list(request, agreement, *, saved_pk=None) -> HttpResponse:
    """The whole program table body (kept in tree order) plus the new total, swapped in place of
    the row that was saved or deleted (a new kegiatan belongs under its program, not at the end)."""
    programs = list(agreement.programs.select_related("parent").order_by("order", "code"))
    total = selectors.program_total(agreement)
    context = {"programs": programs, "program_total": total, "oob_total": True, "saved_pk": saved_pk}
    response = fragment(request, "agreements/_program_list.html", context, agreement)
    if request.htmx:
        response = reswap(retarget(response, "#program-list"), "outerHTML")
    return response


@require_http_methods(["GET", "POST"])
def program_new(request, uid):
    agreement = load_for_edit(request, uid)
    form = _program_form(agreement, prefix="pnew", data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            program = services.program_create(agreement=agreement, by=request.user, **kwargs)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return _program_list(request, agreement, saved_pk=program.pk)
    return fragment(request, "agreements/_program_form.html", {"form": form, "is_new": True}, agreement)


@require_http_methods(["GET", "POST"])
def program_row(request, uid, pid):
    """GET: the program row (``?ubah=1``: its form); POST: save it."""
    agreement = load_for_edit(request, uid)
    program = selectors.program_of(agreement, pid)
    if request.method == "GET" and not request.GET.get("ubah"):
        return fragment(request, "agreements/_program_row.html", {"p": program}, agreement)
    data = request.POST if request.method == "POST" else None
    form = _program_form(agreement, prefix=f"p{program.uid.hex[:8]}", data=data, program=program)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.service_kwargs()["data"].items() if k != "level"}
        try:
            services.program_update(program=program, data=data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return _program_list(request, agreement, saved_pk=program.pk)
    return fragment(request, "agreements/_program_form.html", {"form": form, "p": program}, agreement)


@require_POST
def program_delete(request, uid, pid):
    agreement = load_for_edit(request, uid)
    program = selectors.program_of(agreement, pid)
    try:
        services.program_delete(program=program, by=request.user)
    except ValidationError as exc:
        context = {"p": program, "row_errors": error_messages(exc)}
        return fragment(request, "agreements/_program_row.html", context, agreement)
    if not request.htmx:
        messages.success(request, _("Program dihapus."))
        return redirect("agreements:pk_edit", uid=agreement.uid)
    return _program_list(request, agreement)
