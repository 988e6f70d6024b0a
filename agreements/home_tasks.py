"""Home-page tasks of the Perjanjian Kinerja (registered in ``AgreementsConfig.ready``).

* operator / kepala OPD: the current year's PK of each own unit is missing, still a draft, or
  returned with a note; kepala: PKs waiting for their approval;
* admin / pimpinan: PKs waiting for the signing to be recorded; admin: the Pemda's own PK;
* everyone concerned: the signing deadline is near (14 days) or passed.

Each provider runs a fixed number of queries whatever the number of units.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.core import permissions
from sakip.core.home import Task, register
from sakip.core.models import FiscalYear
from sakip.core.permissions import P
from sakip.lib.dates import format_date

from .models import Agreement

Status = Agreement.Status
SOON = dt.timedelta(days=14)


def _current_year(user) -> FiscalYear | None:
    return FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first()


def _deadline_text(fy: FiscalYear, today: dt.date) -> tuple[str, str]:
    """(sentence, level) about the signing deadline of ``fy``."""
    deadline = fy.pk_deadline_date
    date = format_date(deadline)
    if today > deadline:
        return _("Batas penandatanganan %(d)s sudah lewat.") % {"d": date}, "urgent"
    if deadline - today <= SOON:
        days = (deadline - today).days
        return ngettext(
            "Batas penandatanganan %(d)s (%(n)d hari lagi).", "Batas penandatanganan %(d)s (%(n)d hari lagi).", days
        ) % {"d": date, "n": days}, "urgent"
    return _("Batas penandatanganan %(d)s.") % {"d": date}, "todo"


@register
def unit_pk_tasks(user) -> list[Task]:
    """Operator and kepala OPD: the state of the current year's PK of each of their units."""
    unit_ids = {a.unit_id: a.unit for a in permissions.assignments(user) if a.role in permissions.UNIT_SCOPED_ROLES}
    if not unit_ids:
        return []
    fy = _current_year(user)
    if fy is None:
        return []
    today = timezone.localdate()
    deadline_text, deadline_level = _deadline_text(fy, today)
    latest: dict[int, Agreement] = {}
    for a in Agreement.objects.filter(fiscal_year=fy, unit_id__in=unit_ids).order_by("unit_id", "version"):
        latest[a.unit_id] = a
    tasks: list[Task] = []
    for unit_id, unit in sorted(unit_ids.items(), key=lambda kv: kv[1].name):
        a = latest.get(unit_id)
        can_edit = permissions.has_perm(user, P.PK_EDIT, unit_id=unit_id)
        if a is None:
            if can_edit:
                tasks.append(
                    Task(
                        _("PK %(y)s %(unit)s belum dibuat") % {"y": fy.year, "unit": unit.label},
                        deadline_text,
                        reverse("agreements:pk_list") + f"?tahun={fy.year}",
                        _("Buat PK"),
                        deadline_level,
                        20,
                    )
                )
        elif a.status == Status.DRAFT and can_edit:
            if a.return_note:
                title = _("PK %(y)s %(unit)s dikembalikan dengan catatan") % {"y": fy.year, "unit": unit.label}
                detail, level = f"“{a.return_note}”", "urgent"
            else:
                title = _("PK %(y)s %(unit)s masih draf") % {"y": fy.year, "unit": unit.label}
                detail, level = deadline_text, deadline_level
                if a.is_revision:
                    title = _("PK Perubahan %(y)s %(unit)s masih draf") % {"y": fy.year, "unit": unit.label}
            tasks.append(Task(title, detail, reverse("agreements:pk_edit", args=[a.uid]), _("Lanjutkan"), level, 21))
        elif a.status == Status.SUBMITTED and permissions.has_perm(user, P.PK_APPROVE, unit_id=unit_id):
            tasks.append(
                Task(
                    _("PK %(y)s %(unit)s menunggu persetujuan Anda") % {"y": fy.year, "unit": unit.label},
                    _("Diajukan %(d)s.") % {"d": format_date(timezone.localtime(a.submitted_at))}
                    if a.submitted_at
                    else "",
                    reverse("agreements:pk_detail", args=[a.uid]),
                    _("Tinjau"),
                    "urgent",
                    15,
                )
            )
    return tasks


@register
def signing_tasks(user) -> list[Task]:
    """Admin and pimpinan: PKs approved by their unit head, waiting for the signing to be recorded."""
    if not permissions.has_perm(user, P.PK_SIGN):
        return []
    fy = _current_year(user)
    waiting = Agreement.objects.filter(pemda_id=user.pemda_id, status=Status.APPROVED)
    count = waiting.count()
    tasks: list[Task] = []
    if count:
        url = reverse("agreements:pk_list")
        if fy is not None:
            url += f"?tahun={fy.year}&status={Status.APPROVED}"
        detail = ""
        level = "todo"
        if fy is not None:
            detail, level = _deadline_text(fy, timezone.localdate())
        tasks.append(
            Task(
                ngettext("%(n)d PK menunggu penandatanganan", "%(n)d PK menunggu penandatanganan", count)
                % {"n": count},
                detail,
                url,
                _("Lihat"),
                level,
                16,
            )
        )
    if fy is not None and permissions.has_perm(user, P.PEMDA_PK_EDIT):
        pemda_pk = Agreement.objects.filter(fiscal_year=fy, unit__isnull=True).order_by("-version").first()
        if pemda_pk is None:
            tasks.append(
                Task(
                    _("PK Pemda %(y)s belum dibuat") % {"y": fy.year},
                    _("Sasaran dan indikator RPJMD tahun ini menjadi acuan cascading PK perangkat daerah."),
                    reverse("agreements:pk_list") + f"?tahun={fy.year}",
                    _("Buat PK Pemda"),
                    "todo",
                    22,
                )
            )
        elif pemda_pk.status == Status.DRAFT:
            tasks.append(
                Task(
                    _("PK Pemda %(y)s masih draf") % {"y": fy.year},
                    pemda_pk.return_note,
                    reverse("agreements:pk_edit", args=[pemda_pk.uid]),
                    _("Lanjutkan"),
                    "todo",
                    22,
                )
            )
        elif pemda_pk.status == Status.SUBMITTED:
            tasks.append(
                Task(
                    _("PK Pemda %(y)s menunggu persetujuan") % {"y": fy.year},
                    "",
                    reverse("agreements:pk_detail", args=[pemda_pk.uid]),
                    _("Tinjau"),
                    "todo",
                    17,
                )
            )
    if fy is not None and permissions.has_perm(user, P.PK_VIEW) and timezone.localdate() > fy.pk_deadline_date:
        unsigned = (
            Agreement.objects.filter(fiscal_year=fy, unit__isnull=False)
            .exclude(unit__in=Agreement.objects.filter(fiscal_year=fy, status=Status.SIGNED).values("unit"))
            .values("unit")
            .distinct()
            .count()
        )
        if unsigned:
            tasks.append(
                Task(
                    ngettext(
                        "%(n)d PK %(y)s belum ditandatangani melewati batas",
                        "%(n)d PK %(y)s belum ditandatangani melewati batas",
                        unsigned,
                    )
                    % {"n": unsigned, "y": fy.year},
                    _("Batas penandatanganan %(d)s.") % {"d": format_date(fy.pk_deadline_date)},
                    reverse("agreements:pk_list") + f"?tahun={fy.year}&status=late",
                    _("Lihat"),
                    "urgent",
                    18,
                )
            )
    return tasks
