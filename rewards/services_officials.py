"""Writes of the officials roster (issue #9): add, edit, deactivate, link to a portal account.

Access: ``P.OBLIGATION_MANAGE`` (admin). Another Pemda's unit, official or user is 404. Every
service is atomic and refuses bad input with a ``ValidationError`` in Bahasa Indonesia.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from rewards.models import Official, PositionLevel
from rewards.services_rankings import deny, same_pemda
from sakip.core.models import Pemda, Unit, User
from sakip.core.permissions import P, has_perm

ROSTER_FIELDS = ("unit", "name", "nip", "position_level", "position", "user")


def _check(user, pemda: Pemda | None, unit: Unit, linked_user: User | None) -> Pemda:
    pemda = pemda or getattr(unit, "pemda", None)
    same_pemda(user, pemda, unit)
    if unit.pemda_id != pemda.pk:
        raise Http404
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    if linked_user is not None and linked_user.pemda_id != pemda.pk:
        raise ValidationError({"user": _("Akun portal harus milik Pemda yang sama.")})
    return pemda


def _validate(official: Official) -> None:
    if official.position_level not in PositionLevel.values:
        raise ValidationError({"position_level": _("Pilih jenjang jabatan yang tersedia.")})
    if official.is_active and not official.unit.is_active:
        raise ValidationError({"unit": _("Unit sudah tidak aktif.")})
    clash = Official.objects.filter(pemda_id=official.pemda_id, nip=official.nip).exclude(pk=official.pk).first()
    if clash is not None:
        raise ValidationError(
            {"nip": _("NIP %(nip)s sudah terdaftar atas nama %(name)s.") % {"nip": clash.nip, "name": clash.name}}
        )
    if official.user_id:
        other = Official.objects.filter(user_id=official.user_id, is_active=True).exclude(pk=official.pk).first()
        if other is not None and official.is_active:
            raise ValidationError(
                {"user": _("Akun ini sudah terhubung dengan pegawai %(name)s.") % {"name": other.name}}
            )
    official.full_clean(validate_unique=False)


@transaction.atomic
def official_create(
    *,
    user,
    pemda: Pemda | None = None,
    unit: Unit,
    name: str,
    nip: str,
    position_level: str,
    position: str = "",
    linked_user: User | None = None,
) -> Official:
    """Add an official to the roster (NIP unique in the Pemda; an account links to one active official)."""
    pemda = _check(user, pemda, unit, linked_user)
    official = Official(
        pemda=pemda,
        unit=unit,
        name=(name or "").strip(),
        nip=(nip or "").strip(),
        position_level=position_level,
        position=(position or "").strip(),
        user=linked_user,
    )
    _validate(official)
    official.save()
    return official


@transaction.atomic
def official_update(
    *,
    user,
    official: Official,
    unit: Unit,
    name: str,
    nip: str,
    position_level: str,
    position: str = "",
    linked_user: User | None = None,
) -> Official:
    """Edit an official (unit, name, NIP, level, position, portal account)."""
    same_pemda(user, official)
    _check(user, official.pemda, unit, linked_user)
    official.unit = unit
    official.name = (name or "").strip()
    official.nip = (nip or "").strip()
    official.position_level = position_level
    official.position = (position or "").strip()
    official.user = linked_user
    _validate(official)
    official.save()
    return official


@transaction.atomic
def official_set_active(*, user, official: Official, active: bool) -> Official:
    """Deactivate (or reactivate) an official; history stays, new obligations no longer apply."""
    same_pemda(user, official)
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()
    official.is_active = active
    if active:
        _validate(official)
    official.save(update_fields=["is_active", "updated_at"])
    return official
