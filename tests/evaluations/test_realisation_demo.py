"""Demo realisation: past years fully accepted, the current year up to last month in a realistic
mix, consistent with the rules, deterministic and idempotent."""

import datetime as dt
from collections import Counter

import pytest
import time_machine

from evaluations.models import PeriodReport, Realisation, RealisationChange
from sakip.core.demo import run_demo

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_realisation_is_complete_consistent_and_idempotent():
    with time_machine.travel(dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC), tick=False):
        ctx = run_demo()
        reports = list(PeriodReport.objects.select_related("period__fiscal_year"))
        by_year = Counter((r.period.fiscal_year.year, r.status) for r in reports)
        assert {s for (y, s) in by_year if y in (2024, 2025)} == {"accepted"}
        assert max(r.period.number for r in reports if r.period.fiscal_year.year == 2026) == 10
        statuses_2026 = {s for (y, s) in by_year if y == 2026}
        assert {"accepted", "verified", "submitted", "draft", "returned"} <= statuses_2026
        returned = next(r for r in reports if r.status == "returned")
        assert returned.return_note and returned.returned_by is not None
        assert any(r.unlock_reason and r.unlocked_until for r in reports)
        assert any(r.changed_after_acceptance for r in reports)
        assert any(r.is_late for r in reports) and not all(r.is_late for r in reports)
        for r in reports:  # lateness follows the calendar
            if r.submitted_at:
                assert r.is_late == (r.submitted_at.astimezone(r.pemda.tz).date() > r.deadline)
        assert Realisation.objects.exclude(kendala="").exclude(upaya="").exists()
        stunting = list(
            Realisation.objects.filter(indicator__name="Prevalensi stunting")
            .order_by("report__period__start_date")
            .values_list("value", flat=True)
        )
        assert 23 < stunting[0] < 25 and stunting[-1] < stunting[0] - 2
        assert RealisationChange.objects.count() >= Realisation.objects.exclude(value=None).count()
        count = PeriodReport.objects.count()
        again = run_demo()
    assert ctx.created["laporan realisasi"] == count
    assert again.created["laporan realisasi"] == 0 and PeriodReport.objects.count() == count
