"""Rule runs: evaluating the Pemda's active rules over a frozen snapshot, making proposals.

A :class:`RuleRun` goes pending → running → done / failed. :func:`rule_run_request` creates it and
enqueues ``rewards.tasks.run_rules`` after the commit (eager without a broker). :func:`rule_run_execute`
claims it with a conditional UPDATE (pending → running), so a task delivered twice does nothing the
second time, and creates proposals idempotently (one per snapshot, rule code, unit and target), so
evaluating the same snapshot again never duplicates them. :func:`rule_runs_sweep` puts runs stuck in
``running`` for more than 30 minutes back to pending (attempts are bounded).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal

from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rewards import rules
from rewards.models import Proposal, RankingSnapshot, RuleRun
from rewards.services_rankings import active_rules, require_any, same_pemda, snapshot_to_rules_input
from sakip.core.models import Unit
from sakip.core.permissions import P

logger = logging.getLogger(__name__)
Status = RuleRun.Status
STUCK_AFTER = dt.timedelta(minutes=30)
MAX_ATTEMPTS = 3


def _json_value(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_json_value(v) for v in value]
    return value


def basis_json(basis: tuple[rules.BasisFigure, ...]) -> list[dict]:
    return [
        {"metric": b.metric, "value": _json_value(b.value), "months": list(b.months), "text": b.text} for b in basis
    ]


def parameters_json(outcome: rules.Outcome) -> dict:
    out = {}
    for name, value in outcome.parameters:
        if isinstance(value, Decimal) and value == value.to_integral_value() and name == "bulan":
            out[name] = int(value)
        else:
            out[name] = _json_value(value)
    return out


@transaction.atomic
def rule_run_request(*, user, snapshot: RankingSnapshot, trigger: str = "manual") -> RuleRun:
    """Queue an evaluation of the active rules over ``snapshot`` (admin or pimpinan)."""
    same_pemda(user, snapshot)
    require_any(user, P.RULE_MANAGE, P.DECISION_ISSUE)
    run = RuleRun.objects.create(pemda_id=snapshot.pemda_id, snapshot=snapshot, trigger=trigger, requested_by=user)
    _enqueue(run)
    return run


def _enqueue(run: RuleRun) -> None:
    from rewards.tasks import run_rules

    transaction.on_commit(lambda: run_rules.delay(run.pk))


def claim(run_id: int) -> bool:
    """Pending → running with one conditional UPDATE; False when another worker got it first (or it is done)."""
    updated = RuleRun.objects.filter(pk=run_id, status=Status.PENDING).update(
        status=Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error=""
    )
    return updated == 1


def _create_proposals(run: RuleRun) -> int:
    snapshot = run.snapshot
    stored_rules = active_rules(snapshot.pemda)
    by_code = {parsed.code: row for row, parsed in stored_rules}
    found = rules.evaluate([parsed for _row, parsed in stored_rules], snapshot_to_rules_input(snapshot))
    units = {u.code: u for u in Unit.objects.filter(pemda_id=snapshot.pemda_id, code__in={p.unit_key for p in found})}
    created = 0
    for proposal in found:
        unit = units.get(proposal.unit_key)
        if unit is None:  # the unit was renamed or removed since the snapshot: nothing to propose to
            continue
        _obj, made = Proposal.objects.get_or_create(
            snapshot=snapshot,
            rule_code=proposal.rule_code,
            unit=unit,
            target=proposal.outcome.target,
            defaults={
                "pemda_id": snapshot.pemda_id,
                "run": run,
                "rule": by_code.get(proposal.rule_code),
                "rule_name": proposal.rule_name[:200],
                "kind": proposal.outcome.type,
                "parameters": parameters_json(proposal.outcome),
                "basis": json.loads(json.dumps(basis_json(proposal.basis), default=str)),
            },
        )
        created += int(made)
    return created


def rule_run_execute(run_id: int) -> RuleRun | None:
    """Claim and evaluate one run; ``None`` when it was not pending (already claimed or finished).

    Done: ``proposals_created`` = proposals new in this run. A rule or data problem marks the run
    failed with the error. A transient database error puts the run back to pending and re-raises
    (the task retries, bounded by ``MAX_ATTEMPTS``).
    """
    if not claim(run_id):
        return None
    run = RuleRun.objects.select_related("snapshot__pemda").get(pk=run_id)
    try:
        with transaction.atomic():
            created = _create_proposals(run)
    except OperationalError as error:
        back = Status.PENDING if run.attempts < MAX_ATTEMPTS else Status.FAILED
        RuleRun.objects.filter(pk=run_id).update(status=back, error=str(error)[:2000], finished_at=timezone.now())
        raise
    except Exception as error:  # a rule or data problem: record it on the run instead of leaving it running
        message = "; ".join(getattr(error, "messages", [])) or str(error) or error.__class__.__name__
        logger.warning("rule run %s failed: %s", run_id, message, exc_info=not isinstance(error, rules.RuleError))
        RuleRun.objects.filter(pk=run_id).update(
            status=Status.FAILED, error=(_("Gagal mengevaluasi aturan: %(e)s") % {"e": message})[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        run.refresh_from_db()
        return run
    RuleRun.objects.filter(pk=run_id).update(
        status=Status.DONE, proposals_created=created, finished_at=timezone.now(), error=""
    )
    run.refresh_from_db()
    return run


def rule_runs_sweep(now: dt.datetime | None = None) -> int:
    """Runs ``running`` for more than 30 minutes go back to pending (or failed after the last attempt)."""
    now = now or timezone.now()
    stuck = RuleRun.objects.filter(status=Status.RUNNING, started_at__lt=now - STUCK_AFTER)
    failed = stuck.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, finished_at=now, error=_("Evaluasi aturan terhenti terlalu lama dan dihentikan.")
    )
    reset = stuck.filter(attempts__lt=MAX_ATTEMPTS).update(status=Status.PENDING)
    return failed + reset
