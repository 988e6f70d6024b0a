"""``{% unit_assessments unit %}``: the unit page's panel of external assessments (issue #9), the latest
result per type with the trend over the years. Shown to users with ``P.ASSESSMENT_VIEW`` on the unit."""

from __future__ import annotations

from django import template

from rewards.selectors_assessments import can_manage, unit_panel

register = template.Library()


@register.inclusion_tag("rewards/assessments/_unit_panel.html", takes_context=True)
def unit_assessments(context, unit):
    user = context["request"].user
    rows = unit_panel(user, unit)
    return {"unit": unit, "rows": rows, "can_manage": can_manage(user), "shown": bool(rows) or can_manage(user)}
