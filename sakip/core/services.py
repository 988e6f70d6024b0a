"""Writes of core data. Every interface (pages, API, import, seed, admin) goes through these.

All services are keyword-only, atomic, validate with ``full_clean()`` and raise Django
``ValidationError`` with messages in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import (
    FiscalYear,
    Pemda,
    Period,
    RankingCategory,
    RoleAssignment,
    Unit,
    UnitHead,
    User,
)

UNIT_FIELDS = ("type", "name", "short_name", "code", "parent", "ranking_category", "is_active")
HEAD_FIELDS = ("name", "nip", "rank", "title", "acting", "start_date", "end_date", "user")
YEAR_FIELDS = ("frequency", "deadline_day", "grace_days", "pk_deadline")
USER_FIELDS = ("username", "full_name", "email", "nip", "phone", "is_active")


def _apply(obj, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(obj, name, value)


def _save(obj, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # a race past full_clean(): report it as a validation error
        raise ValidationError(
            _("Data bentrok dengan data lain yang baru saja disimpan. Muat ulang dan coba lagi.")
        ) from exc


# --- Pemda --------------------------------------------------------------------------------


@transaction.atomic
def pemda_create(
    *,
    name: str,
    kind: str,
    province: str,
    head_title: str,
    timezone: str = Pemda.Zone.WIB,
    seat: str = "",
    letterhead: str = "",
) -> Pemda:
    """Create a Pemda with its default ranking categories (perangkat daerah, kecamatan, UPTD)."""
    pemda = Pemda(
        name=name,
        kind=kind,
        province=province,
        head_title=head_title,
        timezone=timezone,
        seat=seat,
        letterhead=letterhead,
    )
    _save(pemda)
    for order, (code, label) in enumerate(RankingCategory.DEFAULTS):
        RankingCategory.objects.create(pemda=pemda, code=code, name=str(label), order=order)
    return pemda


@transaction.atomic
def pemda_update(*, pemda: Pemda, data: dict[str, Any]) -> Pemda:
    _apply(pemda, data, ("name", "kind", "province", "head_title", "seat", "letterhead", "logo", "timezone"))
    _save(pemda)
    return pemda


# --- Units --------------------------------------------------------------------------------


def _default_category(pemda: Pemda, unit_type: str) -> RankingCategory | None:
    code = Unit.DEFAULT_CATEGORY.get(unit_type, "pd")
    return RankingCategory.objects.filter(pemda=pemda, code=code).first()


@transaction.atomic
def unit_create(*, pemda: Pemda, data: dict[str, Any]) -> Unit:
    """Create a unit; without a ranking category the default for its type is used."""
    unit = Unit(pemda=pemda)
    _apply(unit, data, UNIT_FIELDS)
    if unit.ranking_category_id is None:
        unit.ranking_category = _default_category(pemda, unit.type)
    _check_unique_code(unit)
    _save(unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, data: dict[str, Any]) -> Unit:
    _apply(unit, data, UNIT_FIELDS)
    _check_unique_code(unit)
    if not unit.is_active and unit.children.filter(is_active=True).exists():
        raise ValidationError({"is_active": _("Nonaktifkan dulu unit-unit di bawahnya.")})
    _save(unit)
    return unit


def _check_unique_code(unit: Unit) -> None:
    clash = Unit.objects.filter(pemda_id=unit.pemda_id, code__iexact=unit.code).exclude(pk=unit.pk)
    if unit.code and clash.exists():
        raise ValidationError(
            {
                "code": _("Kode unit %(code)s sudah dipakai oleh %(other)s.")
                % {"code": unit.code, "other": clash.first().name}
            }
        )


@transaction.atomic
def unit_delete(*, unit: Unit) -> None:
    """Delete a unit that nothing refers to yet; otherwise tell the user to deactivate it."""
    if unit.children.exists():
        raise ValidationError(
            _("Unit ini masih memiliki unit di bawahnya. Pindahkan atau hapus unit-unit tersebut dulu.")
        )
    holders = unit.role_assignments.count()
    if holders:
        # Deleting would silently take their roles away; the admin decides that explicitly.
        raise ValidationError(
            _("Unit ini masih menjadi cakupan peran %(n)d pengguna. Cabut peran mereka dulu atau nonaktifkan unit.")
            % {"n": holders}
        )
    from django.db.models.deletion import ProtectedError, RestrictedError

    try:
        unit.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ValidationError(
            _("Unit ini sudah dipakai oleh data lain (misalnya PK atau realisasi). Nonaktifkan saja.")
        ) from exc


@transaction.atomic
def unit_head_assign(*, unit: Unit, data: dict[str, Any], end_previous: bool = True) -> UnitHead:
    """Record a new head of ``unit``. With ``end_previous`` the open assignment of the same kind
    (definitive or acting) ends the day before the new one starts."""
    head = UnitHead(unit=unit, pemda_id=unit.pemda_id)
    _apply(head, data, HEAD_FIELDS)
    if head.user_id and head.user.pemda_id != unit.pemda_id:
        raise ValidationError({"user": _("Akun portal harus dari Pemda yang sama.")})
    if end_previous and head.start_date:
        previous = UnitHead.objects.filter(
            unit=unit, acting=head.acting, end_date__isnull=True, start_date__lt=head.start_date
        )
        for old in previous:
            old.end_date = head.start_date - dt.timedelta(days=1)
            old.save(update_fields=["end_date", "updated_at"])
    _save(head)
    return head


@transaction.atomic
def unit_head_update(*, head: UnitHead, data: dict[str, Any]) -> UnitHead:
    _apply(head, data, HEAD_FIELDS)
    _save(head)
    return head


# --- Years and periods --------------------------------------------------------------------


@transaction.atomic
def fiscal_year_create(*, pemda: Pemda, year: int, is_current: bool = False, **calendar: Any) -> FiscalYear:
    """Create a fiscal year with its 12 months and 4 quarters."""
    if FiscalYear.objects.filter(pemda=pemda, year=year).exists():
        raise ValidationError({"year": _("Tahun %(year)s sudah ada.") % {"year": year}})
    fy = FiscalYear(pemda=pemda, year=year)
    _apply(fy, calendar, YEAR_FIELDS)
    _save(fy)
    periods = []
    for kind, count in ((Period.Kind.MONTH, 12), (Period.Kind.QUARTER, 4)):
        for number in range(1, count + 1):
            start, end = Period.bounds(year, kind, number)
            periods.append(Period(fiscal_year=fy, kind=kind, number=number, start_date=start, end_date=end))
    Period.objects.bulk_create(periods)
    if is_current:
        fiscal_year_set_current(fiscal_year=fy)
    return fy


@transaction.atomic
def fiscal_year_update(*, fiscal_year: FiscalYear, data: dict[str, Any]) -> FiscalYear:
    _apply(fiscal_year, data, YEAR_FIELDS)
    _save(fiscal_year)
    return fiscal_year


@transaction.atomic
def fiscal_year_set_current(*, fiscal_year: FiscalYear) -> FiscalYear:
    FiscalYear.objects.filter(pemda_id=fiscal_year.pemda_id, is_current=True).exclude(pk=fiscal_year.pk).update(
        is_current=False
    )
    if not fiscal_year.is_current:
        fiscal_year.is_current = True
        fiscal_year.save(update_fields=["is_current", "updated_at"])
    return fiscal_year


# --- Users and roles ----------------------------------------------------------------------


@transaction.atomic
def user_create(*, pemda: Pemda, data: dict[str, Any], password: str | None = None) -> User:
    """Create a portal user of ``pemda``. Without a password the account can only sign in after
    a password reset by e-mail (unusable password)."""
    user = User(pemda=pemda)
    _apply(user, data, USER_FIELDS)
    if User.objects.filter(username__iexact=user.username).exists():
        raise ValidationError({"username": _("Nama pengguna %(u)s sudah dipakai.") % {"u": user.username}})
    if password:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    _save(user, exclude=["password"])
    return user


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any]) -> User:
    _apply(user, data, USER_FIELDS)
    if User.objects.filter(username__iexact=user.username).exclude(pk=user.pk).exists():
        raise ValidationError({"username": _("Nama pengguna %(u)s sudah dipakai.") % {"u": user.username}})
    _save(user, exclude=["password"])
    return user


@transaction.atomic
def role_assign(
    *, user: User, role: str, unit: Unit | None = None, is_team_lead: bool = False, position: str = ""
) -> RoleAssignment:
    """Give ``user`` a role in their Pemda (unit-scoped roles need a ``unit``)."""
    if unit is not None and role not in RoleAssignment.UNIT_ROLES and role != RoleAssignment.Role.EVALUATOR:
        unit = None  # Pemda-wide roles carry no unit
    existing = RoleAssignment.objects.filter(user=user, role=role, unit=unit)
    if existing.exists():
        raise ValidationError(_("Pengguna ini sudah memiliki peran tersebut."))
    assignment = RoleAssignment(
        user=user, pemda_id=user.pemda_id, role=role, unit=unit, is_team_lead=is_team_lead, position=position or ""
    )
    _save(assignment)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    if assignment.user_id == by.pk and assignment.role == RoleAssignment.Role.ADMIN:
        others = RoleAssignment.objects.filter(pemda_id=assignment.pemda_id, role=RoleAssignment.Role.ADMIN).exclude(
            pk=assignment.pk
        )
        if not others.exists():
            raise ValidationError(
                _("Anda adalah satu-satunya Admin SAKIP; tunjuk admin lain sebelum melepas peran ini.")
            )
    assignment.delete()


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> User:
    """Activate or deactivate an account (kept for the audit trail; an admin cannot lock themself out)."""
    if not active and user.pk == by.pk:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


# --- Ranking categories -------------------------------------------------------------------


@transaction.atomic
def ranking_category_create(*, pemda: Pemda, name: str, order: int = 0) -> RankingCategory:
    """Add a ranking category; its code is derived from the name (unique within the Pemda)."""
    from django.utils.text import slugify

    name = (name or "").strip()
    if RankingCategory.objects.filter(pemda=pemda, name__iexact=name).exists():
        raise ValidationError({"name": _("Kategori %(name)s sudah ada.") % {"name": name}})
    base = slugify(name)[:26] or "kategori"
    code, n = base, 2
    while RankingCategory.objects.filter(pemda=pemda, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    category = RankingCategory(pemda=pemda, code=code, name=name, order=order)
    _save(category)
    return category


@transaction.atomic
def ranking_category_update(*, category: RankingCategory, data: dict[str, Any]) -> RankingCategory:
    """Rename or reorder a category (its code stays, so rules referring to it keep working)."""
    _apply(category, data, ("name", "order"))
    category.name = (category.name or "").strip()
    clash = RankingCategory.objects.filter(pemda_id=category.pemda_id, name__iexact=category.name)
    if clash.exclude(pk=category.pk).exists():
        raise ValidationError({"name": _("Kategori %(name)s sudah ada.") % {"name": category.name}})
    _save(category)
    return category
