"""What the decision and proposal pages show besides the fields: the basis figures in words and the
decision's own timeline (issued, responded, revoked), readable by everyone who sees the decision
(the audit trail of ``components/history.html`` is shown only to holders of ``P.AUDIT_VIEW``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from sakip.lib.numbers import format_number, format_rupiah

from ..models import Decision
from ..rules_defaults import RULE_METRIC_LABELS, RULE_METRICS

PERCENT_METRICS = {"capaian", "capaian_bulanan", "ketepatan_waktu"}
# basis metrics of proposals that do not come from a ranking rule (issue 9: discipline records)
EXTRA_LABELS = {"hari_tanpa_keterangan": gettext_noop("Hari tidak masuk tanpa keterangan (kumulatif)")}


@dataclass
class BasisRow:
    label: str
    value: str
    text: str


def _value(metric: str, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or RULE_METRICS.get(metric) == "flag":
        return _("ya") if value in (True, "true", "True", 1) else _("tidak")
    if isinstance(value, list):
        return "; ".join(_value(metric, v) for v in value)
    if RULE_METRICS.get(metric) == "letter":
        return str(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    places = 0 if RULE_METRICS.get(metric) == "integer" else 2
    text = format_number(number, places)
    return f"{text}%" if metric in PERCENT_METRICS else text


def basis_rows(basis) -> list[BasisRow]:
    """``[{metric, value, months, text}]`` as label / value / sentence rows (unknown keys shown raw)."""
    rows = []
    for item in basis or []:
        if not isinstance(item, dict):
            rows.append(BasisRow(label="", value="", text=str(item)))
            continue
        metric = str(item.get("metric") or "")
        labels = RULE_METRIC_LABELS if metric in RULE_METRIC_LABELS else EXTRA_LABELS
        label = _(labels[metric]) if metric in labels else metric
        value = _value(metric, item.get("value"))
        months = item.get("months")
        if months:
            value = (
                f"{value} ({_('bulan')}: {', '.join(str(m) for m in months) if isinstance(months, list) else months})"
            )
        rows.append(BasisRow(label=label, value=value, text=str(item.get("text") or "")))
    return rows


@dataclass
class Event:
    when: object
    who: str
    label: str
    text: str = ""
    level: str = "info"


def timeline(decision: Decision) -> list[Event]:
    """Issued, answered and revoked, oldest first (the users are selected by the selector)."""

    def name(user) -> str:
        return (getattr(user, "display_name", "") or getattr(user, "username", "")) if user else "–"

    events = [Event(decision.issued_at, name(decision.issued_by), _("Diterbitkan"), level="success")]
    if decision.proposal_id:
        events[0].text = _("Berdasarkan usulan aturan %(rule)s.") % {"rule": decision.proposal.rule_name}
    if decision.responded_at:
        events.append(
            Event(decision.responded_at, name(decision.responded_by), _("Ditanggapi unit"), decision.response)
        )
    if decision.revoked_at:
        events.append(
            Event(decision.revoked_at, name(decision.revoked_by), _("Dicabut"), decision.revoke_reason, level="danger")
        )
    return events


def parameter_text(parameters) -> str:
    """``{"persen": "25", "bulan": 3}`` as "25% · 3 bulan" (unknown keys shown as key: value)."""
    parts = []
    for key, value in (parameters or {}).items():
        if value in (None, ""):
            continue
        if key == "persen":
            parts.append(f"{format_number(Decimal(str(value)), 2, strip=True)}%")
        elif key == "bulan":
            months = int(Decimal(str(value)))
            parts.append(ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months})
        elif key == "nilai":
            parts.append(format_rupiah(Decimal(str(value))))
        else:
            parts.append(f"{key}: {value}")
    return " · ".join(parts)
