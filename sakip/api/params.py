"""Query-string filters shared by the API views, with their OpenAPI descriptions.

Bad values are refused with 400 and a message in Bahasa Indonesia rather than ignored, so a
typo in a filter never silently returns the whole list.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

_TRUE, _FALSE = {"1", "true", "yes", "ya"}, {"0", "false", "no", "tidak"}


def bool_param(request, name: str) -> bool | None:
    """A boolean query parameter (``true``/``false``, ``1``/``0``, ``ya``/``tidak``); absent: ``None``."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError({name: [_("Gunakan nilai true atau false.")]})


def uid_param(request, name: str) -> uuid.UUID | None:
    """A public id (``uid``) query parameter; absent: ``None``."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError({name: [_("Id tidak valid.")]}) from None


def bool_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.BOOL, description=description)


def uid_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.UUID, description=description)
