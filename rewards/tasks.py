"""Celery tasks of rewards: evaluating the rules over a snapshot (on demand and on a schedule).

* ``run_rules(run_id)``: calls :func:`rewards.services_runs.rule_run_execute`; a transient database
  error (``OperationalError``) is retried, at most ``MAX_ATTEMPTS`` times with a growing delay.
* ``evaluate_rules_on_latest_snapshots()`` (beat entry ``rewards-evaluate-rules`` in
  ``sakip/core/schedule.py``): first sweeps runs stuck in ``running`` for more than 30 minutes back to
  pending, re-enqueues pending runs, then, for every active Pemda with active rules, runs the rules on its
  latest snapshot unless a run of that snapshot is already pending, running or done. Proposals are
  idempotent, so a repeated run never duplicates them.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError, transaction

from rewards.models import RankingSnapshot, RewardRule, RuleRun
from rewards.services_runs import MAX_ATTEMPTS, rule_run_execute, rule_runs_sweep
from sakip.core.models import Pemda

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="rewards.tasks.run_rules", max_retries=MAX_ATTEMPTS - 1)
def run_rules(self, run_id: int) -> dict:
    """Evaluate one rule run (see the module docstring). Returns its status and proposals created."""
    try:
        run = rule_run_execute(run_id)
    except OperationalError as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            logger.warning("rule run %s: transient error, not retried: %s", run_id, error)
            return {"run": run_id, "status": "retry-later"}
        raise self.retry(exc=error, countdown=30 * (self.request.retries + 1)) from error
    if run is None:
        return {"run": run_id, "status": "skipped"}
    return {"run": run_id, "status": run.status, "proposals_created": run.proposals_created}


@shared_task(name="rewards.tasks.evaluate_rules_on_latest_snapshots")
def evaluate_rules_on_latest_snapshots() -> dict:
    """Sweep stuck runs, re-enqueue pending ones, and evaluate each Pemda's latest snapshot once."""
    swept = rule_runs_sweep()
    pending = list(RuleRun.objects.filter(status=RuleRun.Status.PENDING).values_list("pk", flat=True))
    started = 0
    with_rules = set(RewardRule.objects.filter(is_active=True).values_list("pemda_id", flat=True))
    for pemda in Pemda.objects.filter(is_active=True, pk__in=with_rules).order_by("pk"):
        snapshot = RankingSnapshot.objects.filter(pemda=pemda).order_by("-frozen_at", "-id").first()
        if snapshot is None or snapshot.runs.exclude(status=RuleRun.Status.FAILED).exists():
            continue
        with transaction.atomic():
            run = RuleRun.objects.create(pemda=pemda, snapshot=snapshot, trigger="schedule")
        pending.append(run.pk)
        started += 1
    for run_id in pending:
        run_rules.delay(run_id)
    return {"swept": swept, "enqueued": len(pending), "started": started}
