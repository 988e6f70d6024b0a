"""Reads of rankings, snapshots, rules, proposals and decisions, scoped to what the user may see.

Access (issue 6):

* ``P.RANKING_VIEW`` (admin, evaluator, pimpinan): live rankings and frozen snapshots of the Pemda.
* ``P.RULE_MANAGE`` (admin): weights and rules (rule list is also readable with ``P.RANKING_VIEW``).
* ``P.DECISION_ISSUE`` (pimpinan): proposals.
* ``P.DECISION_VIEW``: admin and pimpinan see every decision of the Pemda; operator/kepala only their
  own unit's; evaluators none.
* Another Pemda's object, or a decision of another unit, is **404**; a list the user may not open
  at all is **403**.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rewards import metrics, ranking
from rewards.models import (
    TPP_TYPES,
    Decision,
    Proposal,
    RankingSetting,
    RankingSnapshot,
    RewardRule,
    RuleRun,
    Target,
)
from rewards.rules_defaults import DEFAULT_WEIGHTS, RANKING_METRICS
from sakip.core.models import Pemda, Period
from sakip.core.permissions import P, get_object_or_404_for, has_perm, unit_ids_with


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _require(user, perm: P) -> None:
    if not has_perm(user, perm):
        raise _deny()


# --- weights and live rankings ------------------------------------------------------------------


def weights_for(pemda: Pemda, year: int, specs=None) -> dict[str, Decimal]:
    """The composite weights of the Pemda for ``year`` (points of 100): the stored setting, else defaults.

    ``specs``: the Pemda's further metrics (``metrics.metric_specs``; read when not given and the
    setting names one). A stored setting that no longer validates falls back to the defaults. One query
    (two when the setting weights an assessment or obligation compliance and ``specs`` is not given).
    """
    setting = RankingSetting.objects.filter(pemda=pemda, year=year).only("weights").first()
    if setting is not None:
        weights = setting.weights or {}
        if specs is None and any(m not in RANKING_METRICS for m in weights):
            specs = metrics.metric_specs(pemda)
        try:
            return ranking.validate_weights(weights, specs or ())
        except ranking.RewardsError:
            pass
    return dict(DEFAULT_WEIGHTS)


def build_rankings(rows, weights, *, capaian_cap, categories=None, specs=()) -> dict:
    """See :func:`rewards.metrics.build_rankings`."""
    return metrics.build_rankings(rows, weights, capaian_cap=capaian_cap, categories=categories, specs=specs)


def period_json(period: Period | None) -> dict | None:
    if period is None:
        return None
    return {"id": period.pk, "kind": period.kind, "number": period.number, "label": str(period.label)}


def live_rankings(pemda: Pemda, year: int, *, period: Period | None = None, weights=None) -> dict:
    """The live ranking data of ``year`` (to ``period``), the same shape a snapshot stores in ``data``.

    ``{"year", "period": {id, kind, number, label} | None, "capaian_period", "as_of": iso date, "weights",
    "capaian_cap", "units": [UnitFigures.to_json()], "rankings": build_rankings(...)}``; the further
    metrics (assessments, obligation compliance) weighted this year are in ``rankings["metrics"]``.
    Queries: a constant dozen, whatever the number of units.
    """
    gathered = metrics.gather(pemda, year, period=period)
    specs = gathered.specs
    weights = weights_for(pemda, year, specs) if weights is None else ranking.validate_weights(weights, specs)
    rankings = metrics.build_rankings(
        gathered.rows, weights, capaian_cap=gathered.capaian_cap, categories=gathered.categories, specs=specs
    )
    return {
        "year": year,
        "period": period_json(period),
        # the reporting period capaian is computed to (``period`` or the latest ended one)
        "capaian_period": period_json(gathered.period),
        "as_of": gathered.today.isoformat(),
        "weights": rankings["weights"],
        "capaian_cap": rankings["capaian_cap"],
        "units": [row.to_json() for row in gathered.rows],
        "rankings": rankings,
    }


def ranking_of(data: dict, kind: str = ranking.KIND_COMPOSITE, category: str | None = None) -> dict:
    """One ranking out of live/snapshot data: ``category=None`` overall, else that category's."""
    rankings = data["rankings"]
    if category is None:
        return rankings["overall"][kind]
    try:
        return rankings["by_category"][category][kind]
    except KeyError:
        raise Http404 from None


# --- snapshots, rules, runs ------------------------------------------------------------------------


def snapshots_for(user, *, year: int | None = None) -> QuerySet[RankingSnapshot]:
    """The Pemda's frozen rankings, newest first (403 without ``P.RANKING_VIEW``)."""
    _require(user, P.RANKING_VIEW)
    qs = RankingSnapshot.objects.filter(pemda_id=user.pemda_id).select_related("frozen_by", "period")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-frozen_at", "-id")


def snapshot_for(user, uid) -> RankingSnapshot:
    """One snapshot of the user's Pemda (404 otherwise; 403 without ``P.RANKING_VIEW``)."""
    snapshot = get_object_or_404_for(
        RankingSnapshot.objects.select_related("frozen_by", "period", "pemda"), user, uid=uid
    )
    _require(user, P.RANKING_VIEW)
    return snapshot


def latest_snapshot(pemda: Pemda, year: int | None = None) -> RankingSnapshot | None:
    qs = RankingSnapshot.objects.filter(pemda=pemda)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-frozen_at", "-id").first()


def rules_for(user) -> QuerySet[RewardRule]:
    """The Pemda's rules in order (admin manages; pimpinan and evaluators may read them)."""
    if not (has_perm(user, P.RULE_MANAGE) or has_perm(user, P.RANKING_VIEW)):
        raise _deny()
    return RewardRule.objects.filter(pemda_id=user.pemda_id).order_by("order", "code")


def rule_for(user, uid) -> RewardRule:
    rule = get_object_or_404_for(RewardRule.objects.all(), user, uid=uid)
    if not (has_perm(user, P.RULE_MANAGE) or has_perm(user, P.RANKING_VIEW)):
        raise _deny()
    return rule


def runs_for(user, *, snapshot: RankingSnapshot | None = None) -> QuerySet[RuleRun]:
    _require(user, P.RANKING_VIEW)
    qs = RuleRun.objects.filter(pemda_id=user.pemda_id).select_related("snapshot", "requested_by")
    return qs.filter(snapshot=snapshot) if snapshot is not None else qs


def run_for(user, uid) -> RuleRun:
    run = get_object_or_404_for(RuleRun.objects.select_related("snapshot", "requested_by"), user, uid=uid)
    _require(user, P.RANKING_VIEW)
    return run


# --- proposals and decisions ----------------------------------------------------------------------


def proposals_for(
    user, *, status: str | None = None, year: int | None = None, snapshot: RankingSnapshot | None = None
) -> QuerySet[Proposal]:
    """Proposals of the Pemda (pimpinan decides; admin may read them too), pending first."""
    if not (has_perm(user, P.DECISION_ISSUE) or has_perm(user, P.RULE_MANAGE)):
        raise _deny()
    qs = Proposal.objects.filter(pemda_id=user.pemda_id).select_related(
        "unit", "snapshot", "decided_by", "decision", "rule", "official"
    )
    if status:
        qs = qs.filter(status=status)
    if year:  # proposals without a snapshot (discipline, obligations) carry the year in their source key
        qs = qs.filter(Q(snapshot__year=year) | Q(snapshot__isnull=True, source_key__contains=f":{year}:"))
    if snapshot is not None:
        qs = qs.filter(snapshot=snapshot)
    return qs.order_by("status", "unit__code", "rule_code", "id")


def proposal_for(user, uid) -> Proposal:
    proposal = get_object_or_404_for(
        Proposal.objects.select_related("unit", "snapshot", "decided_by", "rule", "run", "official"), user, uid=uid
    )
    if not (has_perm(user, P.DECISION_ISSUE) or has_perm(user, P.RULE_MANAGE)):
        raise _deny()
    return proposal


def _decisions_base(user) -> QuerySet[Decision]:
    """Decisions the user may see: all of the Pemda (admin, pimpinan), own unit's (unit users)."""
    ids = unit_ids_with(user, P.DECISION_VIEW)
    qs = Decision.objects.filter(pemda_id=user.pemda_id).select_related(
        "unit", "snapshot", "issued_by", "revoked_by", "responded_by", "proposal"
    )
    if ids is None:
        return qs if has_perm(user, P.DECISION_VIEW) else qs.none()
    # a decision about an official (discipline: personal data) is the official's own, not the unit's
    return qs.filter(unit_id__in=ids).filter(~Q(target=Target.OFFICIAL) | Q(official__user=user))


def decisions_for(
    user,
    *,
    kind: str | None = None,
    unit=None,
    year: int | None = None,
    status: str | None = None,
    q: str | None = None,
) -> QuerySet[Decision]:
    """The decision register as the user may see it (403 without ``P.DECISION_VIEW``), newest SK first.

    Filters: ``kind`` (DecisionType), ``unit`` (Unit or id), ``year`` (of the SK date), ``status``
    (issued/revoked), ``q`` (SK number, unit name or official's name, case-insensitive).
    """
    _require(user, P.DECISION_VIEW)
    qs = _decisions_base(user)
    if kind:
        qs = qs.filter(kind=kind)
    if unit:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    if year:
        qs = qs.filter(sk_date__year=year)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(sk_number__icontains=q) | Q(unit__name__icontains=q) | Q(official_name__icontains=q))
    return qs.order_by("-sk_date", "-id")


def decision_for(user, uid) -> Decision:
    """One decision the user may see; another Pemda's or another unit's is 404."""
    if not has_perm(user, P.DECISION_VIEW):
        get_object_or_404_for(Decision.objects.all(), user, uid=uid)  # 404 first for another Pemda
        raise _deny()
    return get_object_or_404_for(_decisions_base(user), user, uid=uid)


def can_respond(user, decision: Decision, today: dt.date | None = None) -> bool:
    """Whether ``user`` (operator/kepala of the decision's unit) may still answer it."""
    from rewards.services_decisions import response_open

    ids = unit_ids_with(user, P.DECISION_VIEW)
    return (
        ids is not None
        and decision.unit_id in ids
        and decision.status == Decision.Status.ISSUED
        and not decision.response
        and response_open(decision, today)
    )


@dataclass
class TppAdjustment:
    decision: Decision
    unit_code: str
    unit_name: str
    target: str
    official_name: str
    official_nip: str
    kind: str
    kind_label: str
    percent: Decimal | None
    months: int | None
    sk_number: str
    sk_date: dt.date
    effective_start: dt.date
    effective_end: dt.date | None


def tpp_adjustments(pemda: Pemda, *, year: int, month: int) -> list[TppAdjustment]:
    """TPP holds and cuts in force in ``month`` of ``year`` (issued, not revoked), for payroll. One query.

    In force: ``effective_start`` on or before the month's last day and ``effective_end`` empty or on or
    after its first day. Penundaan TPP has no percent (the whole TPP is held).
    """
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    qs = (
        Decision.objects.filter(pemda=pemda, kind__in=list(TPP_TYPES), status=Decision.Status.ISSUED)
        .filter(effective_start__lte=last)
        .filter(Q(effective_end__isnull=True) | Q(effective_end__gte=first))
        .select_related("unit")
        .order_by("unit__code", "sk_date", "id")
    )
    return [
        TppAdjustment(
            d,
            d.unit.code,
            d.unit.name,
            d.target,
            d.official_name,
            d.official_nip,
            d.kind,
            str(d.get_kind_display()),
            d.percent,
            d.months,
            d.sk_number,
            d.sk_date,
            d.effective_start,
            d.effective_end,
        )
        for d in qs
    ]


def leader_summary(user, year: int) -> dict:
    """The leader dashboard's figures: proposals waiting, recent decisions, top and bottom units.

    ``{"proposals_waiting": int, "decisions_count": {"issued": n, "revoked": n}, "recent": [Decision],
    "snapshot": RankingSnapshot | None, "top": [entry], "bottom": [entry]}``; top/bottom from the latest
    snapshot of ``year`` (composite, all units), else from the live ranking. Needs ``P.RANKING_VIEW``.
    """
    _require(user, P.RANKING_VIEW)
    pemda = user.pemda
    waiting = Proposal.objects.filter(pemda=pemda, status=Proposal.Status.PENDING).count()
    counts = dict(
        Decision.objects.filter(pemda=pemda, sk_date__year=year)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    recent = list(_decisions_base(user).order_by("-sk_date", "-id")[:5]) if has_perm(user, P.DECISION_VIEW) else []
    snapshot = latest_snapshot(pemda, year)
    data = snapshot.data if snapshot is not None else live_rankings(pemda, year)
    entries = ranking_of(data)["entries"]
    return {
        "year": year,
        "proposals_waiting": waiting,
        "decisions_count": {s: counts.get(s, 0) for s in Decision.Status.values},
        "recent": recent,
        "snapshot": snapshot,
        "top": entries[:3],
        "bottom": list(reversed(entries[-3:])) if len(entries) > 3 else [],
    }
