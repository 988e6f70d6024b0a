"""Home page of the foundation, per role: tasks (what to do now) and panels.

* Admin SAKIP: the set-up checklist with progress; open steps are also tasks.
* Operator / Kepala OPD: a card per own unit with its current head and reporting calendar.
* Evaluator: the Inspektorat and the units of the Pemda grouped by ranking category.
* Pimpinan (and admin): an overview of the Pemda with a chart of units per type and acting heads.

Later capabilities register their own providers (PK, realisation, evaluation ...) with
:func:`sakip.core.home.register` and :func:`sakip.core.home.register_panel`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.lib.dates import next_month_day

from . import overview, permissions
from .home import Panel, Task, register, register_panel
from .models import FiscalYear, Pemda, RoleAssignment, Unit, UnitHead, User

Role = RoleAssignment.Role


def _today() -> dt.date:
    return timezone.localdate()


def _in_office(today: dt.date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


# --- admin: set-up checklist --------------------------------------------------------------


@dataclass
class Step:
    """One step of the admin's set-up checklist; ``count``/``total`` give partial progress."""

    key: str
    title: str
    detail: str
    done: bool
    url: str
    action: str
    count: int | None = None
    total: int | None = None
    urgent: bool = False

    @property
    def percent(self) -> int:
        if self.total:
            return round(100 * (self.count or 0) / self.total)
        return 100 if self.done else 0


def setup_checklist(user, today: dt.date | None = None) -> list[Step]:
    """The steps an admin takes before the units can work in the portal, with progress."""
    today = today or _today()
    pemda = Pemda.objects.get(pk=user.pemda_id)
    units = Unit.objects.filter(pemda_id=user.pemda_id, is_active=True)
    stats = units.aggregate(
        total=Count("id"),
        headed=Count("id", filter=Q(Exists(UnitHead.objects.filter(_in_office(today), unit=OuterRef("pk"))))),
        needs_operator=Count("id", filter=~Q(type=Unit.Type.KELURAHAN)),
        operated=Count(
            "id",
            filter=~Q(type=Unit.Type.KELURAHAN)
            & Q(Exists(RoleAssignment.objects.filter(unit=OuterRef("pk"), role=Role.OPERATOR))),
        ),
    )
    roles = set(RoleAssignment.objects.filter(pemda_id=user.pemda_id).values_list("role", flat=True))
    roleless = User.objects.filter(pemda_id=user.pemda_id, is_active=True, roles__isnull=True).count()
    year = FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first()
    total, headed = stats["total"], stats["headed"]
    return [
        Step(
            "pemda",
            _("Profil Pemda dan kop surat"),
            _("Kop surat, ibu kota dan logo dipakai pada setiap dokumen PDF."),
            bool(pemda.letterhead and pemda.seat),
            reverse("core:pemda_edit"),
            _("Lengkapi profil"),
        ),
        Step(
            "units",
            _("Perangkat daerah"),
            ngettext("%(n)d unit aktif.", "%(n)d unit aktif.", total) % {"n": total}
            if total
            else _("Belum ada unit. Tambahkan satu per satu atau impor dari Excel."),
            total > 0,
            reverse("core:unit_list"),
            _("Kelola unit"),
            urgent=total == 0,
        ),
        Step(
            "heads",
            _("Kepala setiap unit"),
            _("Nama, NIP dan jabatan kepala dibutuhkan untuk dokumen yang ditandatangani."),
            total > 0 and headed == total,
            reverse("core:unit_list") + "?kepala=kosong",
            _("Lengkapi kepala"),
            headed,
            total,
        ),
        Step(
            "operators",
            _("Operator setiap unit"),
            _("Operator mengisi PK dan realisasi unitnya (kelurahan boleh tanpa operator)."),
            stats["needs_operator"] > 0 and stats["operated"] == stats["needs_operator"],
            reverse("core:user_create"),
            _("Tambah operator"),
            stats["operated"],
            stats["needs_operator"],
        ),
        Step(
            "year",
            _("Tahun berjalan dan kalender pelaporan"),
            _("Tahun %(year)s · %(freq)s, batas tanggal %(day)s, tenggang %(grace)s hari.")
            % {
                "year": year.year,
                "freq": year.get_frequency_display().lower(),
                "day": year.deadline_day,
                "grace": year.grace_days,
            }
            if year
            else _("Belum ada tahun anggaran yang ditandai sebagai tahun berjalan."),
            year is not None,
            reverse("core:year_list"),
            _("Atur tahun"),
            urgent=year is None,
        ),
        Step(
            "people",
            _("Evaluator Inspektorat dan pimpinan"),
            _("Evaluator menilai LKE unit; pimpinan membaca capaian seluruh Pemda."),
            {Role.EVALUATOR, Role.PIMPINAN} <= roles,
            reverse("core:user_list"),
            _("Kelola pengguna"),
        ),
        Step(
            "roleless",
            _("Semua pengguna memiliki peran"),
            ngettext(
                "%(n)d pengguna belum memiliki peran dan hanya melihat beranda kosong.",
                "%(n)d pengguna belum memiliki peran dan hanya melihat beranda kosong.",
                roleless,
            )
            % {"n": roleless}
            if roleless
            else _("Setiap pengguna aktif memiliki setidaknya satu peran."),
            roleless == 0,
            reverse("core:user_list") + "?peran=tanpa",
            _("Atur peran"),
        ),
    ]


def _step_title(step: Step) -> str:
    if step.total and step.key == "heads":
        missing = step.total - (step.count or 0)
        return ngettext("%(n)d unit belum memiliki kepala", "%(n)d unit belum memiliki kepala", missing) % {
            "n": missing
        }
    if step.total and step.key == "operators":
        missing = step.total - (step.count or 0)
        return ngettext("%(n)d unit belum memiliki operator", "%(n)d unit belum memiliki operator", missing) % {
            "n": missing
        }
    return step.title


@register
def admin_setup_tasks(user) -> list[Task]:
    """The open steps of the set-up checklist. Without units nothing else matters yet."""
    if not permissions.has_role(user, Role.ADMIN):
        return []
    steps = setup_checklist(user)
    if not steps[1].done:
        steps = steps[1:2]
    return [
        Task(_step_title(s), s.detail, s.url, s.action, "urgent" if s.urgent else "todo", 10 + i)
        for i, s in enumerate(steps)
        if not s.done
    ]


@register_panel
def admin_checklist_panel(user) -> Panel | None:
    if not permissions.has_role(user, Role.ADMIN):
        return None
    steps = setup_checklist(user)
    done = sum(1 for s in steps if s.done)
    return Panel(
        "setup",
        _("Persiapan portal"),
        order=10,
        data={"steps": steps, "done": done, "total": len(steps), "percent": round(100 * done / len(steps))},
    )


# --- operator / kepala: own units ---------------------------------------------------------


def reporting_due(year: FiscalYear, today: dt.date) -> dict | None:
    """The realisation report due next: the first reporting period whose deadline (day
    ``deadline_day`` of the following month) is today or later."""
    for period in year.reporting_periods().order_by("number"):
        end = period.end_date
        due = next_month_day(end.year, end.month, year.deadline_day)
        if due >= today:
            return {"period": period, "due": due, "ended": end < today, "days_left": (due - today).days}
    return None


@register
def unit_basics_tasks(user) -> list[Task]:
    """For operators and heads: the head of their unit must be on record before documents are signed."""
    tasks: list[Task] = []
    today = _today()
    for a in permissions.assignments(user):
        if a.role not in permissions.UNIT_SCOPED_ROLES:
            continue
        unit = a.unit
        if not UnitHead.objects.filter(_in_office(today), unit=unit).exists():
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


@register_panel
def own_unit_panels(user) -> list[Panel]:
    """A card per unit the user works for (operator or kepala), with its head and calendar."""
    today = _today()
    mine: dict[int, list[str]] = {}
    for a in permissions.assignments(user):
        if a.role in permissions.UNIT_SCOPED_ROLES:
            mine.setdefault(a.unit_id, []).append(a.get_role_display())
    if not mine:
        return []
    units = (
        Unit.objects.filter(pk__in=mine, pemda_id=user.pemda_id)
        .select_related("parent", "ranking_category")
        .prefetch_related("heads")
        .annotate(n_children=Count("children", filter=Q(children__is_active=True)))
        .order_by("name")
    )
    year = FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first()
    due = reporting_due(year, today) if year else None
    panels = []
    for unit in units:
        head = unit.head_on(today)
        panels.append(
            Panel(
                "unit",
                unit.name,
                order=20,
                data={
                    "unit": unit,
                    "head": head,
                    "is_me": head is not None and head.user_id == user.pk,
                    "roles": mine[unit.pk],
                    "year": year,
                    "due": due,
                },
            )
        )
    return panels


# --- evaluator: the Inspektorat and the units to evaluate ---------------------------------


@register_panel
def evaluator_panel(user) -> Panel | None:
    own = [a for a in permissions.assignments(user) if a.role == Role.EVALUATOR]
    if not own:
        return None
    today = _today()
    inspektorat = (
        Unit.objects.filter(pemda_id=user.pemda_id, type=Unit.Type.INSPEKTORAT, is_active=True)
        .prefetch_related("heads")
        .first()
    )
    categories = overview.units_by_category(user)
    return Panel(
        "evaluator",
        _("Wilayah evaluasi Inspektorat"),
        order=20,
        wide=True,
        data={
            "inspektorat": inspektorat,
            "inspektur": inspektorat.head_on(today) if inspektorat else None,
            "team_lead": any(a.is_team_lead for a in own),
            "categories": categories,
            "total": sum(n for _c, n in categories),
            "leads": list(
                RoleAssignment.objects.filter(pemda_id=user.pemda_id, role=Role.EVALUATOR, is_team_lead=True)
                .select_related("user")
                .order_by("user__full_name")
            ),
        },
    )


# --- pimpinan and admin: overview of the Pemda --------------------------------------------


@register_panel
def pemda_overview_panel(user) -> Panel | None:
    if not permissions.has_role(user, Role.PIMPINAN, Role.ADMIN):
        return None
    today = _today()
    by_type = overview.units_by_type(user)
    counts = {t: n for t, _label, n in by_type}
    acting = (
        UnitHead.objects.filter(_in_office(today), pemda_id=user.pemda_id, unit__is_active=True)
        .exclude(acting="")
        .select_related("unit")
        .order_by("unit__code")
    )
    headed = UnitHead.objects.filter(_in_office(today), unit=OuterRef("pk"))
    headless = Unit.objects.filter(pemda_id=user.pemda_id, is_active=True).exclude(Exists(headed)).count()
    return Panel(
        "overview",
        _("Ringkasan %(name)s") % {"name": user.pemda.name},
        order=30,
        wide=True,
        data={
            "total": sum(counts.values()),
            "kecamatan": counts.get(Unit.Type.KECAMATAN, 0) + counts.get(Unit.Type.KELURAHAN, 0),
            "uptd": counts.get(Unit.Type.UPTD, 0) + counts.get(Unit.Type.RSUD, 0),
            "acting": list(acting),
            "headless": headless,
            "categories": overview.units_by_category(user),
            "chart": overview.units_by_type_chart(user),
            "year": FiscalYear.objects.filter(pemda_id=user.pemda_id, is_current=True).first(),
        },
    )
