"""Home-page tasks of the foundation: the admin's set-up checklist and each unit's basics."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import permissions
from .home import Task, register
from .models import FiscalYear, RoleAssignment, Unit, UnitHead, User

Role = RoleAssignment.Role


def _today() -> dt.date:
    return timezone.localdate()


@register
def admin_setup_tasks(user) -> list[Task]:
    if not permissions.has_role(user, Role.ADMIN):
        return []
    pemda_id, today = user.pemda_id, _today()
    tasks: list[Task] = []
    units = Unit.objects.filter(pemda_id=pemda_id, is_active=True)
    if not units.exists():
        return [
            Task(
                _("Tambahkan perangkat daerah"),
                _("Belum ada unit. Tambahkan satu per satu atau impor dari Excel."),
                reverse("core:unit_list"),
                _("Kelola unit"),
                "urgent",
                1,
            )
        ]
    if not FiscalYear.objects.filter(pemda_id=pemda_id, is_current=True).exists():
        tasks.append(
            Task(
                _("Tetapkan tahun berjalan"),
                _("Belum ada tahun anggaran yang ditandai sebagai tahun berjalan."),
                reverse("core:year_list"),
                _("Atur tahun"),
                "urgent",
                2,
            )
        )
    current_head = UnitHead.objects.filter(unit=OuterRef("pk"), start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    headless = units.filter(~Exists(current_head)).count()
    if headless:
        tasks.append(
            Task(
                ngettext("%(n)d unit belum memiliki kepala", "%(n)d unit belum memiliki kepala", headless)
                % {"n": headless},
                _("Nama, NIP dan jabatan kepala dibutuhkan untuk dokumen yang ditandatangani."),
                reverse("core:unit_list") + "?kepala=kosong",
                _("Lengkapi"),
                "todo",
                10,
            )
        )
    operators = RoleAssignment.objects.filter(unit=OuterRef("pk"), role=Role.OPERATOR)
    without_operator = units.filter(~Exists(operators)).exclude(type=Unit.Type.KELURAHAN).count()
    if without_operator:
        tasks.append(
            Task(
                ngettext("%(n)d unit belum memiliki operator", "%(n)d unit belum memiliki operator", without_operator)
                % {"n": without_operator},
                _("Setiap unit membutuhkan operator untuk mengisi PK dan realisasi."),
                reverse("core:user_list") + "?peran=tanpa",
                _("Tambah operator"),
                "todo",
                11,
            )
        )
    roleless = User.objects.filter(pemda_id=pemda_id, is_active=True, roles__isnull=True).count()
    if roleless:
        tasks.append(
            Task(
                ngettext("%(n)d pengguna belum memiliki peran", "%(n)d pengguna belum memiliki peran", roleless)
                % {"n": roleless},
                _("Pengguna tanpa peran hanya melihat beranda kosong."),
                reverse("core:user_list") + "?peran=tanpa",
                _("Atur peran"),
                "todo",
                12,
            )
        )
    return tasks


@register
def unit_basics_tasks(user) -> list[Task]:
    """For operators and heads: the head of their unit must be on record before documents are signed."""
    tasks: list[Task] = []
    today = _today()
    for a in permissions.assignments(user):
        if a.role not in permissions.UNIT_SCOPED_ROLES:
            continue
        unit = a.unit
        if (
            not UnitHead.objects.filter(unit=unit, start_date__lte=today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .exists()
        ):
            tasks.append(
                Task(
                    _("Data kepala %(unit)s belum tercatat") % {"unit": unit.label},
                    _("Minta Admin SAKIP mencatat nama, NIP dan jabatan kepala unit Anda."),
                    reverse("core:unit_detail", args=[unit.uid]),
                    _("Lihat unit"),
                    "todo",
                    5,
                )
            )
    return tasks
