# ruff: noqa: F811  (fixtures imported from lke_factories)
"""Demo steps 400 and 420: templates for every demo Pemda, follow-up states, three years of KemenPAN-RB results."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.utils.module_loading import autodiscover_modules
from pypdf import PdfReader

from evaluations import lke_admin_demo as demo
from evaluations import lke_admin_selectors as sel
from evaluations import lke_followup_services as fs
from evaluations.lke_models import FollowUpEvidence, LkeTemplate, PemdaResult, Recommendation
from sakip.core.demo import DEMO_STEPS, DemoContext
from tests.evaluations.lke_factories import (  # noqa: F401
    evaluation_a,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)

NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)


def _run_core_and_ours() -> DemoContext:
    autodiscover_modules("demo")
    ctx = DemoContext()
    for step in sorted(DEMO_STEPS, key=lambda s: (s.order, s.name)):
        if step.order < 100 or step.func in (demo.seed_templates, demo.seed_followup_and_results):
            step.func(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_templates_and_results_are_consistent_and_idempotent():
    with time_machine.travel(NOW, tick=False):
        ctx = _run_core_and_ours()
        banjar = ctx.pemdas["banjar"]
        for pemda in ctx.pemdas.values():
            assert set(LkeTemplate.objects.filter(pemda=pemda).values_list("family", flat=True)) == {
                "88-2021",
                "12-2015",
            }
        trend = sel.pemda_trend(banjar)
        assert [(r.year, r.score, r.predicate) for r in trend.results] == [
            (2023, Decimal("61.20"), "B"),
            (2024, Decimal("63.45"), "B"),
            (2025, Decimal("65.10"), "B"),
        ]
        assert trend.sentence == "Predikat B tiga tahun berturut-turut (2023–2025)"
        for result in trend.results:
            components = [s for s in result.scores.all() if s.level == "component"]
            assert sum(c.score for c in components) == result.score
            assert result.target_predicate == "BB"
        gap = sel.pemda_gap(trend.results[-1], "BB")
        assert gap.points_needed == Decimal("4.91")
        recs = Recommendation.objects.filter(pemda=banjar).select_related("owner")
        assert Counter(r.status for r in recs) == {"selesai": 4, "proses": 3, "belum": 2}
        assert "Bagian Organisasi" in {r.owner.name for r in recs}
        assert all(r.evidence.exists() for r in recs if r.status == "selesai")
        assert sel.overdue_for(ctx.users["admin.banjar"]).count() >= 1
        evidence = FollowUpEvidence.objects.filter(file__gt="").first()
        assert "LAPORAN TINDAK LANJUT" in PdfReader(evidence.file.open("rb")).pages[0].extract_text()
        again = _run_core_and_ours()
    assert again.created["hasil KemenPAN-RB"] == 0 and again.created["templat LKE"] == 0
    assert PemdaResult.objects.count() == 3 and Recommendation.objects.count() == 9


def test_unit_recommendations_get_varied_follow_up_once(evaluation_a, admin, unit_a, operator_a, pemda):
    type(evaluation_a).objects.filter(pk=evaluation_a.pk).update(status="published")
    for n in range(12):
        due = dt.date(2025, 1, 1) + dt.timedelta(days=60 * n)
        fs.recommendation_add(
            user=admin, owner=unit_a, text=f"Agar perbaikan {n}", due_date=due, evaluation=evaluation_a
        )
    ctx = DemoContext()
    demo._unit_followups(ctx, pemda, admin)
    statuses = Counter(Recommendation.objects.values_list("status", flat=True))
    assert set(statuses) == {"belum", "proses", "selesai"}
    done = Recommendation.objects.filter(status="selesai")
    assert all(r.evidence.count() == 1 and r.completed_at for r in done)
    assert {r.updated_by for r in Recommendation.objects.exclude(status="belum")} == {operator_a}
    before = list(Recommendation.objects.order_by("id").values_list("status", "action_plan"))
    demo._unit_followups(DemoContext(), pemda, admin)
    assert list(Recommendation.objects.order_by("id").values_list("status", "action_plan")) == before
