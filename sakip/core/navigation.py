"""Navigation per role: each entry is shown when the user holds its permission.

Later capabilities append their entries here so the menu stays in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .permissions import P, has_perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: P | None
    icon: str = ""
    section: str = ""
    # shown also to users without ``perm`` for whom this is true (e.g. an official with a portal account);
    # with ``perm=None`` the entry is shown only when it is true
    also: Callable | None = None


def is_official(user) -> bool:
    """Whether the user's account is linked to an active official of the roster (cached per request)."""
    cached = getattr(user, "_sakip_is_official", None)
    if cached is None:
        from rewards.models import Official

        cached = Official.objects.filter(user_id=user.pk, is_active=True).exists()
        user._sakip_is_official = cached
    return cached


def _official_without_discipline_view(user) -> bool:
    return not has_perm(user, P.DISCIPLINE_VIEW) and is_official(user)  # no query for admin and pimpinan


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Beranda"), "home", None, "home"),
    NavItem(_("Perjanjian Kinerja"), "agreements:pk_list", P.PK_VIEW, "file-signature"),
    NavItem(_("Realisasi"), "evaluations:realisation_home", P.REAL_VIEW, "chart-line"),
    NavItem(_("Monitoring"), "evaluations:monitoring_matrix", P.MONITOR_VIEW, "table"),
    NavItem(_("Evaluasi AKIP"), "evaluations:lke_home", P.EVAL_VIEW, "clipboard-check"),
    NavItem(_("Tindak lanjut"), "evaluations:followup_list", P.EVAL_VIEW, "list-check"),
    NavItem(_("Hasil KemenPAN-RB"), "evaluations:pemda_result_list", P.EVAL_VIEW, "award"),
    NavItem(_("Peringkat kinerja"), "rewards:ranking_home", P.RANKING_VIEW, "trophy"),
    NavItem(_("Keputusan"), "rewards:decision_list", P.DECISION_VIEW, "gavel"),
    NavItem(_("Laporan bulanan"), "evaluations:report_list", P.REPORT_VIEW, "file-text"),
    NavItem(_("Kewajiban"), "rewards:obligation_home", P.OBLIGATION_VIEW, "check-square", also=is_official),
    NavItem(_("Disiplin pegawai"), "rewards:discipline_home", P.DISCIPLINE_VIEW, "user-check"),
    NavItem(
        _("Disiplin saya"),
        "rewards:discipline_mine",
        None,
        "user-check",
        also=_official_without_discipline_view,
    ),  # fmt: skip
    NavItem(_("Penilaian eksternal"), "rewards:assessment_list", P.ASSESSMENT_VIEW, "star"),
    NavItem(_("Perangkat daerah"), "core:unit_list", P.UNIT_VIEW, "building", _("Pengaturan")),
    NavItem(_("Pengguna & peran"), "core:user_list", P.USER_MANAGE, "users", _("Pengaturan")),
    NavItem(_("Tahun & kalender"), "core:year_list", P.YEAR_MANAGE, "calendar", _("Pengaturan")),
    NavItem(_("Aturan reward/punishment"), "rewards:rule_list", P.RULE_MANAGE, "sliders", _("Pengaturan")),
    NavItem(_("Templat LKE"), "evaluations:lke_template_list", P.EVAL_MANAGE, "clipboard-list", _("Pengaturan")),
    NavItem(_("Profil Pemda"), "core:pemda_detail", P.PEMDA_VIEW, "landmark", _("Pengaturan")),
]


def nav_for(request) -> list[dict]:
    user = request.user
    items = []
    for item in NAV_ITEMS:
        held = item.perm is None if item.also is None else False
        held = held or (item.perm is not None and has_perm(user, item.perm))
        if not held and (item.also is None or not item.also(user)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an entry whose app is not installed in this deployment
            continue
        active = request.path == url if item.url_name == "home" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "icon": item.icon, "section": item.section, "active": active})
    return items
