"""User pages: list, create/edit, (de)activate, role assignments, password-reset e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, selectors, services
from ..forms import RoleForm, UserCreateForm, UserFilterForm, UserForm, UserPasswordResetForm, add_service_errors
from ..models import RoleAssignment, User
from ..permissions import P, get_object_or_404_for, has_perm, require

PAGE_SIZE = 25
USER_FIELDS = ("username", "full_name", "email", "nip", "phone")


def _target(request, uid) -> User:
    return get_object_or_404_for(selectors.users_for(request.user), request.user, uid=uid)


def send_reset_link(request, target: User) -> bool:
    """E-mail ``target`` a link to set a new password (also works for accounts without one)."""
    form = UserPasswordResetForm({"email": target.email}, target=target)
    if not target.email or not target.is_active or not form.is_valid():
        return False
    form.save(
        request=request,
        use_https=request.is_secure(),
        email_template_name="emails/password_reset.txt",
        subject_template_name="emails/password_reset_subject.txt",
    )
    return True


def _detail_context(user, target: User, role_form: RoleForm) -> dict:
    return {
        "target": target,
        "assignments": target.roles.select_related("unit").order_by("role", "unit__code"),
        "headships": target.headships.select_related("unit").order_by("-start_date"),
        "can_manage": has_perm(user, P.USER_MANAGE),
        "role_form": role_form,
        "history": audit.history_for(user, target, RoleAssignment.history.filter(user_id=target.pk)),
    }


@require_GET
def user_list(request):
    user = request.user
    require(user, P.USER_VIEW)
    units = selectors.units_for(user, include_inactive=False).order_by("code")
    form = UserFilterForm(request.GET or None, units=units)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    users = selectors.user_list_for(
        user, q=f.get("q", ""), role=f.get("peran", ""), unit_uid=f.get("unit", ""), status=f.get("status", "")
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "filtered": any(f.values()), "can_manage": has_perm(user, P.USER_MANAGE)}
    return render(request, "core/user_list.html", context)


@require_GET
def user_detail(request, uid):
    user = request.user
    require(user, P.USER_VIEW)
    target = _target(request, uid)
    return render(request, "core/user_detail.html", _detail_context(user, target, RoleForm(pemda=user.pemda)))


@require_http_methods(["GET", "POST"])
def user_create(request):
    user = request.user
    require(user, P.USER_MANAGE)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in USER_FIELDS}
        try:
            target = services.user_create(pemda=user.pemda, data=data, password=form.cleaned_data["password"] or None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pengguna %(name)s dibuat. Tambahkan perannya di bawah.") % {"name": target})
            if form.cleaned_data["send_reset"] and send_reset_link(request, target):
                messages.info(
                    request, _("Tautan atur ulang kata sandi dikirim ke %(email)s.") % {"email": target.email}
                )
            return redirect("core:user_detail", uid=target.uid)
    return render(request, "core/user_form.html", {"form": form, "target": None})


@require_http_methods(["GET", "POST"])
def user_edit(request, uid):
    user = request.user
    require(user, P.USER_MANAGE)
    target = _target(request, uid)
    form = UserForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=target, data={k: form.cleaned_data[k] for k in USER_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
            target = _target(request, uid)
        else:
            messages.success(request, _("Data pengguna disimpan."))
            return redirect("core:user_detail", uid=target.uid)
    return render(request, "core/user_form.html", {"form": form, "target": target})


@require_POST
def user_toggle_active(request, uid):
    user = request.user
    require(user, P.USER_MANAGE)
    target = _target(request, uid)
    try:
        services.user_set_active(user=target, active=not target.is_active, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("Akun %(name)s diaktifkan.") if target.is_active else _("Akun %(name)s dinonaktifkan.")
        messages.success(request, text % {"name": target})
    return redirect("core:user_detail", uid=target.uid)


@require_POST
def user_send_reset(request, uid):
    user = request.user
    require(user, P.USER_MANAGE)
    target = _target(request, uid)
    if send_reset_link(request, target):
        messages.success(request, _("Tautan atur ulang kata sandi dikirim ke %(email)s.") % {"email": target.email})
    elif not target.is_active:
        messages.error(request, _("Akun ini nonaktif. Aktifkan dulu sebelum mengirim tautan."))
    else:
        messages.error(request, _("Pengguna ini belum memiliki alamat e-mail. Isi e-mail lewat tombol Ubah."))
    return redirect("core:user_detail", uid=target.uid)


@require_POST
def role_add(request, uid):
    user = request.user
    require(user, P.USER_MANAGE)
    target = _target(request, uid)
    form = RoleForm(request.POST, pemda=user.pemda)
    if form.is_valid():
        try:
            services.role_assign(user=target, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return render(request, "core/user_detail.html", _detail_context(user, target, form), status=400)
    messages.success(request, _("Peran ditambahkan."))
    return redirect("core:user_detail", uid=target.uid)


@require_POST
def role_remove(request, uid):
    user = request.user
    require(user, P.USER_MANAGE)
    assignment = get_object_or_404_for(RoleAssignment.objects.select_related("user", "unit"), user, uid=uid)
    try:
        services.role_revoke(assignment=assignment, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Peran %(role)s dilepas.") % {"role": assignment})
    return redirect("core:user_detail", uid=assignment.user.uid)
