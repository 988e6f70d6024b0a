"""Writes of rankings and rules: composite weights, frozen snapshots, reward/punishment rules.

Access: weights and rules need ``P.RULE_MANAGE`` (admin); freezing a snapshot ``P.DECISION_ISSUE``
(pimpinan) or ``P.RULE_MANAGE`` (admin). Another Pemda's object is 404. Every service is atomic and
refuses bad input with a ``ValidationError`` in Bahasa Indonesia, saving nothing.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rewards import ranking, rules
from rewards.metrics import UnitFigures, metric_specs
from rewards.models import Proposal, RankingSetting, RankingSnapshot, RewardRule, RuleRun
from rewards.rules_defaults import CAPAIAN_CAP, DEFAULT_RULES
from rewards.selectors import live_rankings
from sakip.core.models import Pemda, Period
from sakip.core.permissions import P, has_perm
from sakip.lib.dates import format_date


def deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def require_any(user, *perms: P) -> None:
    if not any(has_perm(user, perm) for perm in perms):
        raise deny()


def same_pemda(user, *objects) -> None:
    """404 when an object belongs to another Pemda than the user's."""
    for obj in objects:
        if obj is None:
            continue
        pemda_id = obj.pk if isinstance(obj, Pemda) else getattr(obj, "pemda_id", None)
        if pemda_id != getattr(user, "pemda_id", None):
            raise Http404


def rewards_error(error: ranking.RewardsError, field: str | None = None) -> ValidationError:
    return ValidationError({field: error.messages} if field else error.messages)


# --- weights -------------------------------------------------------------------------------------


@transaction.atomic
def weights_save(*, user, pemda: Pemda, year: int, weights: dict) -> RankingSetting:
    """Store the composite weights of ``year`` (points of 100, validated by ``ranking.validate_weights``)."""
    same_pemda(user, pemda)
    require_any(user, P.RULE_MANAGE)
    try:
        checked = ranking.validate_weights(weights, metric_specs(pemda))
    except ranking.RewardsError as error:
        raise rewards_error(error, "weights") from None
    stored = {metric: str(value) for metric, value in checked.items()}
    setting = RankingSetting.objects.filter(pemda=pemda, year=year).first() or RankingSetting(pemda=pemda, year=year)
    setting.weights = stored
    setting.full_clean()
    setting.save()
    return setting


# --- snapshots -----------------------------------------------------------------------------------


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def snapshot_hash(*, pemda_uid, year: int, period_id, weights: dict, data: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of what a snapshot freezes."""
    content = {"pemda": str(pemda_uid), "year": year, "period": period_id, "weights": weights, "data": data}
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def snapshot_intact(snapshot: RankingSnapshot) -> bool:
    """Whether the stored data still match the hash taken when the snapshot was frozen."""
    expected = snapshot_hash(
        pemda_uid=snapshot.pemda.uid,
        year=snapshot.year,
        period_id=snapshot.period_id,
        weights=snapshot.weights,
        data=snapshot.data,
    )
    return expected == snapshot.content_hash


@transaction.atomic
def snapshot_freeze(
    *, user, pemda: Pemda, year: int, period: Period | None = None, title: str = "", note: str = ""
) -> RankingSnapshot:
    """Freeze the live ranking of ``year`` (to ``period``) with the year's weights.

    Stores the weights, every unit's figures (AKIP, previous AKIP, predicate, capaian and its monthly
    series, on-time rate, late count, PK missed) and every ranking, with a SHA-256 ``content_hash``
    of the canonical JSON. Nothing changes a snapshot afterwards.
    """
    same_pemda(user, pemda)
    require_any(user, P.DECISION_ISSUE, P.RULE_MANAGE)
    if period is not None and (period.fiscal_year.pemda_id != pemda.pk or period.fiscal_year.year != year):
        raise ValidationError({"period": _("Periode tidak termasuk tahun %(y)s Pemda ini.") % {"y": year}})
    data = live_rankings(pemda, year, period=period)
    if not data["units"]:
        raise ValidationError(_("Belum ada unit yang memiliki kategori peringkat; peringkat tidak dapat dibekukan."))
    now = timezone.now()
    data["generated"] = now.isoformat()
    weights = data["weights"]
    if not title.strip():
        label = period.label if period is not None else str(year)
        title = _("Peringkat %(p)s (dibekukan %(d)s)") % {"p": label, "d": format_date(now.astimezone(pemda.tz).date())}
    snapshot = RankingSnapshot(
        pemda=pemda,
        year=year,
        period=period,
        title=title.strip()[:160],
        note=note.strip(),
        weights=weights,
        data=data,
        frozen_at=now,
        frozen_by=user,
        content_hash=snapshot_hash(
            pemda_uid=pemda.uid, year=year, period_id=period.pk if period else None, weights=weights, data=data
        ),
    )
    snapshot.full_clean()
    snapshot.save()
    return snapshot


def snapshot_units(snapshot: RankingSnapshot) -> list[UnitFigures]:
    return [UnitFigures.from_json(row) for row in snapshot.data.get("units", [])]


def snapshot_to_rules_input(snapshot: RankingSnapshot) -> rules.Snapshot:
    """The rule engine's input from a frozen snapshot: figures plus the ranks within each category.

    ``rank``: composite rank within the unit's category; ``improvement`` / ``improvement_rank``: AKIP
    increase over the previous year and its rank within the category; ``capaian`` capped as in rankings.
    """
    data = snapshot.data
    cap_text = data.get("capaian_cap", data.get("rankings", {}).get("capaian_cap"))
    cap = Decimal(cap_text) if cap_text else None
    by_category = data.get("rankings", {}).get("by_category", {})
    ranks, improved = {}, {}
    for kinds in by_category.values():
        for entry in kinds.get(ranking.KIND_COMPOSITE, {}).get("entries", []):
            ranks[entry["unit_key"]] = entry["rank"]
        for entry in kinds.get(ranking.KIND_MOST_IMPROVED, {}).get("entries", []):
            improved[entry["unit_key"]] = (entry["rank"], Decimal(entry["score"]))
    units = []
    for row in snapshot_units(snapshot):
        improvement_rank, improvement = improved.get(row.unit_key, (None, None))
        units.append(
            rules.UnitSnapshot(
                unit_key=row.unit_key,
                unit_name=row.unit_name,
                category=row.category,
                akip=row.akip,
                predicate=row.predicate,
                capaian=None if row.capaian is None else min(row.capaian, cap or CAPAIAN_CAP),
                monthly_capaian=row.monthly_capaian,
                on_time=row.on_time,
                late_count=row.late_count,
                pk_missed=row.pk_missed,
                rank=ranks.get(row.unit_key),
                improvement=improvement,
                improvement_rank=improvement_rank,
                extra=dict(row.extra),
            )
        )
    return rules.Snapshot(year=snapshot.year, units=tuple(units))


# --- rules ---------------------------------------------------------------------------------------


def rule_data(rule: RewardRule) -> dict:
    """The stored rule as the mapping ``rules.rule_from_dict`` reads (code and name from the columns)."""
    return {**(rule.definition or {}), "code": rule.code, "name": rule.name}


def _checked_rule(code: str, name: str, definition: dict) -> rules.Rule:
    if not isinstance(definition, dict):
        raise ValidationError({"definition": [_("Definisi aturan harus berupa objek JSON.")]})
    try:
        parsed = rules.rule_from_dict({**definition, "code": code, "name": name})
    except rules.RuleError as error:
        raise rewards_error(error, "definition") from None
    problems = rules.rule_problems(parsed)
    if problems:
        raise ValidationError({"definition": problems})
    return parsed


def _stored_definition(definition: dict) -> dict:
    return {key: definition[key] for key in ("conditions", "outcome", "scope") if key in definition}


@transaction.atomic
def rules_install_defaults(*, pemda: Pemda, user=None) -> list[RewardRule]:
    """Install ``rules_defaults.DEFAULT_RULES`` for the Pemda; rules whose code exists are left as they are."""
    if user is not None:
        same_pemda(user, pemda)
        require_any(user, P.RULE_MANAGE)
    existing = set(RewardRule.objects.filter(pemda=pemda).values_list("code", flat=True))
    created = []
    for order, row in enumerate(DEFAULT_RULES, start=1):
        if row["code"] in existing:
            continue
        created.append(
            RewardRule.objects.create(
                pemda=pemda,
                code=row["code"],
                name=row["name"],
                definition=json.loads(canonical_json(_stored_definition(row))),
                order=order * 10,
            )
        )
    return created


@transaction.atomic
def rule_save(
    *,
    user,
    pemda: Pemda,
    code: str,
    name: str,
    definition: dict,
    is_active: bool = True,
    order: int = 0,
    rule: RewardRule | None = None,
) -> RewardRule:
    """Create (``rule=None``) or update a rule, validated by ``rules.rule_from_dict`` / ``rule_problems``.

    Refused: an unknown metric, comparator, outcome or parameter, a malformed threshold or window,
    a code used by another rule of the Pemda.
    """
    same_pemda(user, pemda, rule)
    require_any(user, P.RULE_MANAGE)
    code = slugify(code or "").replace("-", "_")[:60]
    if not code:
        raise ValidationError({"code": [_("Kode aturan wajib diisi.")]})
    if not (name or "").strip():
        raise ValidationError({"name": [_("Nama aturan wajib diisi.")]})
    _checked_rule(code, name.strip(), definition)
    clash = RewardRule.objects.filter(pemda=pemda, code=code).exclude(pk=rule.pk if rule else None)
    if clash.exists():
        raise ValidationError({"code": [_("Kode aturan %(c)s sudah dipakai.") % {"c": code}]})
    rule = rule or RewardRule(pemda=pemda)
    rule.code, rule.name = code, name.strip()[:200]
    rule.definition = json.loads(canonical_json(_stored_definition(definition)))
    rule.is_active, rule.order = bool(is_active), int(order or 0)
    rule.full_clean()
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise ValidationError({"code": [_("Kode aturan %(c)s sudah dipakai.") % {"c": code}]}) from None
    return rule


@transaction.atomic
def rule_toggle(*, user, rule: RewardRule, is_active: bool | None = None) -> RewardRule:
    """Activate or deactivate a rule (``None``: flip it)."""
    same_pemda(user, rule)
    require_any(user, P.RULE_MANAGE)
    rule.is_active = (not rule.is_active) if is_active is None else bool(is_active)
    rule.save(update_fields=["is_active", "updated_at"])
    return rule


@transaction.atomic
def rule_delete(*, user, rule: RewardRule) -> None:
    """Delete a rule. Proposals it made keep its code and name (their ``rule`` link is cleared)."""
    same_pemda(user, rule)
    require_any(user, P.RULE_MANAGE)
    Proposal.objects.filter(rule=rule).update(rule=None)
    rule.delete()


def active_rules(pemda: Pemda) -> list[tuple[RewardRule, rules.Rule]]:
    """The Pemda's active rules in order, parsed; a stored rule that no longer parses raises ``RuleError``."""
    stored = list(RewardRule.objects.filter(pemda=pemda, is_active=True).order_by("order", "code"))
    return [(row, rules.rule_from_dict(rule_data(row))) for row in stored]


__all__ = [
    "RuleRun",
    "active_rules",
    "rule_data",
    "rule_delete",
    "rule_save",
    "rule_toggle",
    "rules_install_defaults",
    "snapshot_freeze",
    "snapshot_hash",
    "snapshot_intact",
    "snapshot_to_rules_input",
    "snapshot_units",
    "weights_save",
]
