"""Helpers shared by the PK views: what a user may do on a version, and service errors for display."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..models import Agreement

Status = Agreement.Status


def may_edit(user, agreement: Agreement) -> bool:
    """Whether the user may change this PK's content (status aside: that is the service's concern)."""
    return services.can_edit(user, agreement)


def require_edit(user, agreement: Agreement) -> None:
    """403 for a user who may read the PK but not edit it (call after the 404 check)."""
    if not may_edit(user, agreement):
        raise PermissionDenied


@dataclass
class Actions:
    """The actions offered to one user on one PK version (the services check them again)."""

    edit: bool = False
    submit: bool = False
    approve: bool = False
    return_: bool = False
    sign: bool = False
    revise: bool = False
    excel: bool = False

    @property
    def any(self) -> bool:
        return any((self.submit, self.approve, self.return_, self.sign, self.revise, self.excel))


def actions_for(user, agreement: Agreement, *, is_latest: bool = True) -> Actions:
    status = agreement.status
    editor = services.can_edit(user, agreement)
    draft = status == Status.DRAFT
    return Actions(
        edit=editor and draft,
        submit=editor and draft,
        approve=services.can_approve(user, agreement) and status == Status.SUBMITTED,
        return_=services.can_return(user, agreement) and status in (Status.SUBMITTED, Status.APPROVED),
        sign=services.can_sign(user, agreement) and status == Status.APPROVED,
        revise=editor and status == Status.SIGNED and is_latest,
        excel=editor and draft,
    )


def error_messages(exc: ValidationError) -> list[str]:
    """Every message of a service ``ValidationError`` as plain strings."""
    return [str(m) for m in exc.messages]


def flash_errors(request, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


def form_errors_from(form, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Put a service ``ValidationError`` onto ``form``: keyed errors next to their box, the rest on top."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = field_map.get(key, key)
            target = name if name in form.fields else None
            for error in errors:
                for message in error.messages:
                    form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
