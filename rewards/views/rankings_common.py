"""Helpers of the ranking pages: access, the year and period chosen, and the ranking JSON (live from
``selectors.live_rankings`` or frozen in ``RankingSnapshot.data``) turned into rows for the templates.

Access (issue 6): rankings, snapshots and the leader dashboard need ``P.RANKING_VIEW`` (admin,
evaluators, pimpinan; unit users 403); freezing a snapshot and running the rules: pimpinan
(``P.DECISION_ISSUE``) or the admin (``P.RULE_MANAGE``); weights and rules: ``P.RULE_MANAGE``.
Another Pemda's object is 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from rewards.ranking import KIND_COMPOSITE, KIND_MOST_IMPROVED, PART_INCREASE, PART_PREVIOUS, RewardsError
from rewards.rules_defaults import (
    METRIC_AKIP,
    METRIC_ASSESSMENT_PREFIX,
    METRIC_CAPAIAN,
    METRIC_OBLIGATIONS,
    METRIC_TIMELINESS,
)
from sakip.core import permissions
from sakip.core.models import FiscalYear
from sakip.core.permissions import P
from sakip.lib.numbers import to_decimal

REFUSED = (ValidationError, RewardsError)
KINDS = (KIND_COMPOSITE, METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS, KIND_MOST_IMPROVED)


def kind_labels() -> dict[str, str]:
    return {
        KIND_COMPOSITE: _("Indeks komposit"),
        METRIC_AKIP: _("Nilai AKIP"),
        METRIC_CAPAIAN: _("Capaian kinerja"),
        METRIC_TIMELINESS: _("Ketepatan waktu"),
        KIND_MOST_IMPROVED: _("Kenaikan terbesar"),
    }


def part_labels(data: Mapping | None = None) -> dict[str, str]:
    """Labels of the breakdown parts: the base metrics, then the further metrics stored with the data
    (``rankings.metrics``, issue 9: assessments and obligation compliance; absent in older snapshots)."""
    labels = {
        METRIC_AKIP: _("Nilai AKIP"),
        METRIC_CAPAIAN: _("Capaian"),
        METRIC_TIMELINESS: _("Ketepatan waktu"),
        PART_PREVIOUS: _("Nilai AKIP tahun sebelumnya"),
        PART_INCREASE: _("Kenaikan nilai AKIP"),
        METRIC_OBLIGATIONS: _("Kepatuhan kewajiban"),
    }
    for spec in further_metrics(data):
        labels[spec["code"]] = spec["label"]
    return labels


def further_metrics(data: Mapping | None) -> list[dict]:
    """``[{code, label, unit, ...}]`` of the further metrics stored with ranking data (may be empty)."""
    found = ((data or {}).get("rankings") or {}).get("metrics") or ()
    return [dict(m) for m in found if isinstance(m, Mapping) and m.get("code")]


def fallback_label(metric: str) -> str:
    """A readable label for a metric code without a stored one (``penilaian_ikm`` → “Penilaian ikm”)."""
    if metric.startswith(METRIC_ASSESSMENT_PREFIX):
        return _("Penilaian %(c)s") % {"c": metric[len(METRIC_ASSESSMENT_PREFIX) :]}
    return metric


def metric_places(data: Mapping | None = None) -> dict[str, int]:
    """Decimals to show per further metric (0 for a level such as SPIP maturity); others 2."""
    return {m["code"]: int(m.get("places", 2)) for m in further_metrics(data)}


def percent_metrics(data: Mapping | None = None) -> set[str]:
    found = {METRIC_CAPAIAN, METRIC_TIMELINESS, METRIC_OBLIGATIONS}
    return found | {m["code"] for m in further_metrics(data) if m.get("unit") == "%"}


def score_suffix(kind: str) -> str:
    return "%" if kind in (METRIC_CAPAIAN, METRIC_TIMELINESS) else ""


# --- access --------------------------------------------------------------------------------------


def require_view(user) -> None:
    permissions.require(user, P.RANKING_VIEW)


def can_freeze(user) -> bool:
    return permissions.has_perm(user, P.DECISION_ISSUE) or permissions.has_perm(user, P.RULE_MANAGE)


def can_manage(user) -> bool:
    return permissions.has_perm(user, P.RULE_MANAGE)


def require_freeze(user) -> None:
    if not can_freeze(user):
        raise PermissionDenied(_("Anda tidak berwenang membekukan peringkat."))


def require_manage(user) -> None:
    permissions.require(user, P.RULE_MANAGE)


def flash_refusal(request, exc: Exception) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, str(message))


def form_refusal(form, exc: Exception) -> None:
    """A refused write's messages on the form: on the field it names when the form has it, else on top."""
    by_field = getattr(exc, "message_dict", None) if getattr(exc, "error_dict", None) else None
    if by_field:
        for key, found in by_field.items():
            form.add_error(key if key in form.fields else None, list(found))
        return
    for message in getattr(exc, "messages", None) or [str(exc)]:
        form.add_error(None, str(message))


def proposals_url(**query) -> str | None:
    """The proposal list (another helper's page) when its route exists, else None."""
    try:
        url = reverse("rewards:proposal_list")
    except NoReverseMatch:
        return None
    params = "&".join(f"{k}={v}" for k, v in query.items() if v not in (None, ""))
    return f"{url}?{params}" if params else url


# --- year and period ------------------------------------------------------------------------------


def years_of(user) -> list[FiscalYear]:
    return list(FiscalYear.objects.filter(pemda_id=user.pemda_id).order_by("-year"))


def chosen_year(years: list[FiscalYear], raw) -> FiscalYear | None:
    """The year asked for (``?tahun=``), else the current one, else the latest."""
    wanted = str(raw or "").strip()
    found = next((y for y in years if str(y.year) == wanted), None)
    return found or next((y for y in years if y.is_current), None) or (years[0] if years else None)


def chosen_period(fiscal_year: FiscalYear | None, raw):
    """``(periods, chosen period or None)``: None ranks the whole year."""
    if fiscal_year is None:
        return [], None
    periods = list(fiscal_year.reporting_periods().order_by("number"))
    wanted = str(raw or "").strip()
    return periods, next((p for p in periods if str(p.number) == wanted), None)


# --- ranking JSON -> rows -------------------------------------------------------------------------


def _dec(value) -> Decimal | None:
    return None if value in (None, "") else to_decimal(value)


def _part(raw: Mapping, labels: Mapping[str, str], percent: set[str] | None = None, places=None) -> dict:
    metric = str(raw.get("metric", ""))
    percent = percent if percent is not None else {METRIC_CAPAIAN, METRIC_TIMELINESS}
    return {
        "metric": metric,
        "label": labels.get(metric) or fallback_label(metric),
        "value": _dec(raw.get("value")),
        "normalised": _dec(raw.get("normalised")),
        "weight": _dec(raw.get("weight")),
        "effective_weight": _dec(raw.get("effective_weight")),
        "contribution": _dec(raw.get("contribution")),
        "missing": bool(raw.get("missing")),
        "suffix": "%" if metric in percent else "",
        "places": (places or {}).get(metric, 2),
    }


def _entry(raw: Mapping, labels: Mapping[str, str], unit_names: Mapping[str, str], percent=None, places=None) -> dict:
    key = str(raw.get("unit_key", ""))
    return {
        "rank": raw.get("rank"),
        "unit_key": key,
        "unit_name": raw.get("unit_name") or unit_names.get(key, key),
        "unit_uid": raw.get("unit_uid") or None,
        "category": raw.get("category") or "",
        "score": _dec(raw.get("score")),
        "renormalised": bool(raw.get("renormalised")),
        "breakdown": [_part(p, labels, percent, places) for p in raw.get("breakdown") or ()],
    }


def _ranking(
    raw: Mapping | None, kind: str, category: str, name: str, unit_names: Mapping[str, str], data=None
) -> dict:
    raw = raw or {}
    labels, percent, places = part_labels(data), percent_metrics(data), metric_places(data)
    entries = [_entry(e, labels, unit_names, percent, places) for e in raw.get("entries") or ()]
    return {
        "kind": kind,
        "category": category,
        "category_name": name,
        # the breakdown's parts as column heads (every entry of one ranking has the same parts)
        "columns": [(p["metric"], p["label"]) for p in entries[0]["breakdown"]] if entries else [],
        "wide": bool(entries) and len(entries[0]["breakdown"]) > 3,  # further metrics: print contributions per cell
        "entries": entries,
        "unranked": [unit_names.get(str(k), str(k)) for k in raw.get("unranked") or ()],
        "suffix": score_suffix(kind),
    }


def categories_of(data: Mapping | None) -> list[tuple[str, str]]:
    """``(code, name)`` of the ranking categories stored with the ranking data, in their order."""
    rankings = (data or {}).get("rankings") or {}
    return [(str(c.get("code", "")), str(c.get("name", ""))) for c in rankings.get("categories") or ()]


def sections(data: Mapping | None, names: Mapping[str, str] | None = None) -> list[dict]:
    """One section per kind (composite, AKIP, capaian, timeliness, most improved), each with one ranking
    per category in the stored order, then (when there are several categories) all units together.

    ``data`` is the live ranking data (``selectors.live_rankings``) or a snapshot's ``data``:
    ``{"units": [...], "rankings": {"categories": [{code, name}], "overall": {kind: ranking},
    "by_category": {code: {kind: ranking}}}}``.
    """
    data = data or {}
    rankings = data.get("rankings") or {}
    cats = categories_of(data)
    if names:  # current names for codes the stored data does not name
        cats = [(code, name or names.get(code, code)) for code, name in cats]
    unit_names = {
        str(u.get("unit_key")): u.get("unit_name", "") for u in data.get("units") or () if isinstance(u, Mapping)
    }
    by_category = rankings.get("by_category") or {}
    overall = rankings.get("overall") or {}
    kinds, result = kind_labels(), []
    for kind in KINDS:
        items = [
            _ranking((by_category.get(code) or {}).get(kind), kind, code, name, unit_names, data) for code, name in cats
        ]
        if len(cats) != 1 and overall.get(kind):
            everyone = _("Semua unit (lintas kategori)")
            items.append(_ranking(overall.get(kind), kind, "", everyone, unit_names, data))
        result.append({"kind": kind, "label": kinds[kind], "rankings": items})
    return result


def section(all_sections: Iterable[dict], kind: str) -> dict:
    return next((s for s in all_sections if s["kind"] == kind), {"kind": kind, "label": kind, "rankings": []})


ALL_UNITS = "semua"


def pick(current: dict, category: str) -> list[dict]:
    """The rankings of a section to show: one per category (or the one asked for); ``semua``: all units together."""
    if category == ALL_UNITS:
        return [r for r in current["rankings"] if not r["category"]]
    found = [r for r in current["rankings"] if r["category"] and (not category or r["category"] == category)]
    return found or [r for r in current["rankings"] if not category]


def top_bottom(ranking: dict, n: int = 3) -> tuple[list[dict], list[dict]]:
    entries = ranking["entries"]
    top = entries[:n]
    bottom = [e for e in entries[-n:] if e not in top]
    return top, bottom


def weights_rows(weights: Mapping | None, data: Mapping | None = None) -> list[tuple[str, Decimal | None]]:
    """``(label, weight)`` of the base metrics, then of every further metric weighted above 0."""
    labels = part_labels(data)
    weights = weights or {}
    base = (METRIC_AKIP, METRIC_CAPAIAN, METRIC_TIMELINESS)
    rows = [(labels[m], _dec(weights.get(m))) for m in base]
    for metric, raw in weights.items():
        if metric not in base and (_dec(raw) or 0) > 0:
            rows.append((labels.get(metric) or fallback_label(metric), _dec(raw)))
    return rows
