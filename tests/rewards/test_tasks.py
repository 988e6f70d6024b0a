# ruff: noqa: F811  (fixtures imported from tests/rewards/factories.py)
"""Celery tasks of rewards: rule runs on demand and on the beat schedule, retries, the stuck-run sweep."""

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError

from rewards import services, tasks
from rewards.models import Proposal, RuleRun
from sakip.core.schedule import beat_schedule
from tests.rewards.factories import rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(rewards_world, pemda, pimpinan):
    services.rules_install_defaults(pemda=pemda)
    return services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)


def test_beat_schedule_declares_the_rule_evaluation(monkeypatch):
    monkeypatch.setenv("SAKIP_RULES_HOUR", "4")
    entry = beat_schedule()["rewards-evaluate-rules"]
    assert entry["task"] == "rewards.tasks.evaluate_rules_on_latest_snapshots"
    assert entry["schedule"].hour == {4}


def test_scheduled_task_runs_each_latest_snapshot_once(snapshot):
    result = tasks.evaluate_rules_on_latest_snapshots.delay().get()
    assert result["started"] == 1
    run = RuleRun.objects.get()
    assert (run.trigger, run.status, run.proposals_created) == ("schedule", "done", 9)
    again = tasks.evaluate_rules_on_latest_snapshots.delay().get()
    assert again["started"] == 0 and RuleRun.objects.count() == 1 and Proposal.objects.count() == 9


def test_scheduled_task_skips_pemda_without_active_rules(rewards_world, pemda, pimpinan):
    services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)
    assert tasks.evaluate_rules_on_latest_snapshots.delay().get()["started"] == 0


def test_scheduled_task_sweeps_and_reenqueues_stuck_runs(snapshot, pimpinan, rewards_clock):
    run = RuleRun.objects.create(pemda=snapshot.pemda, snapshot=snapshot, status="running", attempts=1,
                                 started_at=dt.datetime(2025, 4, 20, 2, 0, tzinfo=dt.UTC))  # fmt: skip
    result = tasks.evaluate_rules_on_latest_snapshots.delay().get()
    run.refresh_from_db()
    assert result["swept"] == 1 and run.status == "done" and run.attempts == 2
    assert result["started"] == 0  # the latest snapshot already had a run


def test_run_rules_twice_does_nothing_the_second_time(snapshot, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.rule_run_request(user=pimpinan, snapshot=snapshot)
    assert tasks.run_rules.delay(run.pk).get()["status"] == "done"
    assert tasks.run_rules.delay(run.pk).get() == {"run": run.pk, "status": "skipped"}
    assert Proposal.objects.count() == 9


def test_transient_error_puts_the_run_back_to_pending(snapshot, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.rule_run_request(user=pimpinan, snapshot=snapshot)
    with mock.patch("rewards.services_runs._create_proposals", side_effect=OperationalError("database is locked")):
        assert tasks.run_rules.delay(run.pk).get()["status"] == "retry-later"
    run.refresh_from_db()
    assert run.status == "pending" and "locked" in run.error and not Proposal.objects.exists()
    assert tasks.run_rules.delay(run.pk).get()["status"] == "done"  # the next delivery succeeds
    run.refresh_from_db()
    assert run.attempts == 2 and run.proposals_created == 9


def test_transient_error_on_the_last_attempt_fails_the_run(snapshot, pimpinan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.rule_run_request(user=pimpinan, snapshot=snapshot)
    RuleRun.objects.filter(pk=run.pk).update(attempts=2)
    with mock.patch("rewards.services_runs._create_proposals", side_effect=OperationalError("database is locked")):
        tasks.run_rules.delay(run.pk).get()
    run.refresh_from_db()
    assert run.status == "failed" and run.attempts == 3
