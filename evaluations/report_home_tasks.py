"""Home-page panel of the monthly reports (registered through ``EvaluationsConfig.ready``).

Operators and heads of a unit see the latest one-page report of each of their units, with its
download, and a link to the earlier ones. Two queries whatever the number of units or reports.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakip.core import permissions
from sakip.core.home import Panel, register_panel

from . import report_selectors as selectors
from .report_forms import month_label


@register_panel
def unit_report_panel(user) -> Panel | None:
    """The newest one-pager per own unit (operator / kepala); nothing for Pemda-wide roles."""
    units = permissions.own_unit_ids(user)
    if not units:
        return None
    latest: dict[int, object] = {}
    for unit_report in selectors.unit_reports_for(user).filter(unit_id__in=units)[:50]:
        latest.setdefault(unit_report.unit_id, unit_report)  # newest first
    rows = sorted(latest.values(), key=lambda ur: ur.unit.code or "")
    for unit_report in rows:
        unit_report.month_label = month_label(unit_report.report.year, unit_report.report.month)
    return Panel(
        "unit_report",
        _("Laporan bulanan unit"),
        template="evaluations/reports/_home_panel.html",
        order=40,
        data={"rows": rows},
    )
