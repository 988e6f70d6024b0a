"""Reads of discipline records (personal data), scoped to who may see them, and logged.

Access (issue #9 item 2):

* ``P.DISCIPLINE_VIEW`` (admin, pimpinan): every official's records of the Pemda.
* The official concerned (``Official.user == user``) sees their own records, whatever their role.
* Nobody else: an official of one of the user's own units is **403** (the user sees the unit but
  not this data), any other official **404**, another Pemda's **404**.
* ``P.DISCIPLINE_MANAGE`` (admin): imports, the ladder and the access log.

Every read of records here (list, one official's year, export, the API) writes a
:class:`PersonalDataAccess` row through :func:`rewards.services_discipline.log_access`, so pages and
API log the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from rewards import discipline
from rewards.models import DisciplineImport, DisciplineRecord, Official, PersonalDataAccess, Proposal
from rewards.services_discipline import equivalent, ladder_of, log_access, setting_for, step_label
from sakip.core.permissions import P, has_perm, own_unit_ids
from sakip.lib.dates import month_name


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melihat data disiplin ini."))


def can_view_all(user) -> bool:
    return has_perm(user, P.DISCIPLINE_VIEW)


def can_manage(user) -> bool:
    return has_perm(user, P.DISCIPLINE_MANAGE)


def require_view(user) -> None:
    if not (can_view_all(user) or can_manage(user)):
        raise _deny()


def require_manage(user) -> None:
    if not can_manage(user):
        raise _deny()


def own_officials(user) -> QuerySet[Official]:
    """The officials (normally one) whose portal account is ``user``."""
    if not getattr(user, "is_authenticated", False) or not user.pemda_id:
        return Official.objects.none()
    return Official.objects.filter(pemda_id=user.pemda_id, user=user).select_related("unit")


def records_for(
    user, *, year: int, month: int | None = None, unit=None, q: str = "", path: str = "", action: str = "lihat-daftar"
) -> QuerySet[DisciplineRecord]:
    """The Pemda's records of ``year`` (and ``month``), filtered by unit and NIP/name; 403 without
    ``P.DISCIPLINE_VIEW``. Logs one access row (no official: a list). Ordered by unit and name."""
    if not can_view_all(user):
        raise _deny()
    qs = DisciplineRecord.objects.filter(pemda_id=user.pemda_id, year=year).select_related(
        "official", "official__unit", "batch"
    )
    if month:
        qs = qs.filter(month=month)
    if unit:
        qs = qs.filter(official__unit_id=getattr(unit, "pk", unit))
    if q:
        qs = qs.filter(Q(official__nip__icontains=q) | Q(official__name__icontains=q))
    log_access(user=user, pemda_id=user.pemda_id, action=action, path=path)
    return qs.order_by("month", "official__unit__code", "official__name", "id")


def record_for(user, pk, *, path: str = "") -> DisciplineRecord:
    """One record (API detail): the same rules as :func:`official_for`; logged."""
    try:
        record = DisciplineRecord.objects.select_related("official", "official__unit", "batch").get(
            pemda_id=user.pemda_id, pk=int(pk)
        )
    except (DisciplineRecord.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    _check_official(user, record.official)
    log_access(user=user, pemda_id=user.pemda_id, action="api-detail", official=record.official, path=path)
    return record


def _check_official(user, official: Official) -> None:
    if official.user_id is not None and official.user_id == user.pk:
        return
    if can_view_all(user):
        return
    if official.unit_id in own_unit_ids(user):
        raise _deny()
    raise Http404


def official_for(user, uid, *, path: str = "", action: str = "lihat-pegawai") -> Official:
    """An official whose records ``user`` may see (see the module docstring); logs the access."""
    try:
        official = Official.objects.select_related("unit", "user").get(pemda_id=user.pemda_id, uid=uid)
    except (Official.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    except Exception:  # malformed uid
        raise Http404 from None
    _check_official(user, official)
    if official.user_id == user.pk and not can_view_all(user):
        action = "lihat-sendiri"
    log_access(user=user, pemda_id=user.pemda_id, action=action, official=official, path=path)
    return official


@dataclass
class MonthRow:
    month: int
    record: DisciplineRecord | None
    days: Decimal  # equivalent days of the month
    cumulative: Decimal
    step: discipline.Step | None  # highest step reached up to this month
    new_step: bool  # reached in this month

    @property
    def label(self) -> str:
        return month_name(self.month)

    @property
    def step_label(self) -> str:
        return step_label(self.step) if self.step else ""


def official_year(official: Official, year: int) -> dict:
    """The official's ``year`` by month: figures, equivalent and cumulative days, the step reached, and
    the proposals made from them. Three queries."""
    setting = setting_for(official.pemda)
    ladder = ladder_of(setting)
    records = {
        r.month: r for r in DisciplineRecord.objects.filter(official=official, year=year).select_related("batch")
    }
    rows, total, previous = [], Decimal(0), None
    last = max(records) if records else 0
    for month in range(1, last + 1):
        record = records.get(month)
        days = equivalent(record, ladder) if record else Decimal(0)
        total += days
        step = discipline.step_for(total, ladder)
        rows.append(MonthRow(month, record, days, total, step, step is not None and step != previous))
        previous = step
    proposals = list(
        Proposal.objects.filter(official=official, source_key__startswith=f"disiplin:{year}:")
        .select_related("decision")
        .order_by("created_at", "id")
    )
    return {
        "rows": rows, "total": total, "step": previous, "step_label": step_label(previous) if previous else "",
        "proposals": proposals, "ladder": ladder,
    }  # fmt: skip


def years_of(user, official: Official | None = None) -> list[int]:
    qs = DisciplineRecord.objects.filter(pemda_id=user.pemda_id)
    if official is not None:
        qs = qs.filter(official=official)
    return list(qs.order_by("-year").values_list("year", flat=True).distinct())


def months_imported(user, year: int) -> list[dict]:
    """Months of ``year`` with records: ``[{month, officials, days, last_import}]`` (two queries)."""
    require_view(user)
    figures = (
        DisciplineRecord.objects.filter(pemda_id=user.pemda_id, year=year)
        .values("month")
        .annotate(officials=Count("id"), days=Sum("days_absent"), minutes=Sum("minutes_late"))
        .order_by("month")
    )
    latest = dict(
        DisciplineImport.objects.filter(pemda_id=user.pemda_id, year=year)
        .values("month")
        .annotate(at=Max("created_at"))
        .values_list("month", "at")
    )
    return [{**row, "label": month_name(row["month"]), "last_import": latest.get(row["month"])} for row in figures]


def imports_for(user, *, year: int | None = None) -> QuerySet[DisciplineImport]:
    require_view(user)
    qs = DisciplineImport.objects.filter(pemda_id=user.pemda_id).select_related("created_by")
    return qs.filter(year=year) if year else qs


def discipline_proposals(user, *, year: int | None = None) -> QuerySet[Proposal]:
    """Proposals made from discipline records (newest first)."""
    require_view(user)
    prefix = f"disiplin:{year}:" if year else "disiplin:"
    return (
        Proposal.objects.filter(pemda_id=user.pemda_id, source_key__startswith=prefix)
        .select_related("official", "unit", "decision")
        .order_by("-created_at", "-id")
    )


def access_log_for(
    user, *, action: str = "", who: str = "", q: str = "", date_from=None, date_to=None
) -> QuerySet[PersonalDataAccess]:
    """The personal-data access log of the Pemda (admin, ``P.DISCIPLINE_MANAGE``), newest first.
    Filters: ``action``, ``who`` (username or name), ``q`` (the official's NIP or name), dates (inclusive)."""
    require_manage(user)
    qs = PersonalDataAccess.objects.filter(pemda_id=user.pemda_id).select_related("user", "official")
    if action:
        qs = qs.filter(action=action)
    if who:
        qs = qs.filter(Q(user__username__icontains=who) | Q(user__full_name__icontains=who))
    if q:
        qs = qs.filter(Q(official__nip__icontains=q) | Q(official__name__icontains=q))
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")
