"""Demo rankings and decisions: a frozen 2025 ranking, proposals decided, a direct TPP cut, a response;
idempotent."""

import datetime as dt
from collections import Counter

import pytest
import time_machine

from rewards import selectors, services
from rewards.models import Decision, Proposal, RankingSnapshot, RewardRule, RuleRun
from sakip.core.demo import run_demo

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_rewards_are_complete_consistent_and_idempotent():
    with time_machine.travel(dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC), tick=False):
        ctx = run_demo()
        snapshot = RankingSnapshot.objects.get()
        assert (snapshot.year, snapshot.frozen_by.username) == (2025, "bupati")
        assert services.snapshot_intact(snapshot)
        units = snapshot.data["units"]
        assert sum(1 for u in units if u["akip"]) >= 5 and sum(1 for u in units if u["capaian"]) >= 5
        assert RewardRule.objects.count() == 6
        assert RuleRun.objects.get().status == "done"
        statuses = Counter(Proposal.objects.values_list("status", flat=True))
        assert statuses["changed"] == 1 and statuses["rejected"] == 1
        rejected = Proposal.objects.get(status="rejected")
        assert rejected.reason and rejected.decided_by.username == "bupati"
        # piagam for the best three of every category
        piagam = Decision.objects.filter(kind="piagam_penghargaan")
        by_category = snapshot.data["rankings"]["by_category"]
        expected = {e["unit_key"] for k in by_category.values() for e in k["komposit"]["entries"] if e["rank"] <= 3}
        assert {d.unit.code for d in piagam} == expected
        cut = Decision.objects.get(kind="pemotongan_tpp", proposal=None)
        assert (cut.percent, cut.months) == (25, 3)
        lowest = snapshot.data["rankings"]["overall"]["komposit"]["entries"][-1]["unit_key"]
        assert cut.unit.code == lowest
        assert Decision.objects.exclude(response="").count() == 1
        assert selectors.tpp_adjustments(snapshot.pemda, year=2026, month=cut.effective_start.month)
        counts = (RankingSnapshot.objects.count(), Proposal.objects.count(), Decision.objects.count())
        assert ctx.created["keputusan (SK)"] == counts[2]
        run_demo()
        assert (RankingSnapshot.objects.count(), Proposal.objects.count(), Decision.objects.count()) == counts
