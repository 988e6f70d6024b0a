"""The demo data (``seed_demo``) of every capability, loaded once for this module.

Loading the demo takes a while, so it runs once (at a frozen clock), then ``seed_demo`` runs a second
time to prove it changes nothing; every test reads the same data. Tests that need an empty database
(refusals, registering a step) stay in ``tests/core/test_seed_demo.py``.
"""

import datetime as dt
import io
import re
from collections import Counter

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.http import Http404
from django.test import override_settings

from agreements.models import Agreement
from agreements.services import agreement_problems
from evaluations import lke_selectors as sel
from evaluations.lke_models import AnswerEvidence, Evaluation, EvaluationRound, Recommendation
from evaluations.models import PeriodReport, Realisation, RealisationChange
from rewards import selectors as reward_selectors
from rewards import services as reward_services
from rewards.models import Decision, Proposal, RankingSnapshot, RewardRule, RuleRun
from sakip.core import permissions, selectors
from sakip.core.demo import DEMO_PASSWORD, is_demo_pemda, run_demo
from sakip.core.models import FiscalYear, Pemda, Period, RoleAssignment, Unit, UnitHead, User
from tests.factories import UserFactory

Role = RoleAssignment.Role
NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)
# Models whose rows a second run must leave alone (every app's own models).
APPS = ("core", "agreements", "evaluations", "rewards")


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for label in APPS
        for m in apps.get_app_config(label).get_models()
        if not m._meta.label.split(".")[1].startswith("Historical")
    }


class Demo:
    def __init__(self, ctx, second_output, counts_after_first, counts_after_second):
        self.ctx = ctx
        self.second_output = second_output
        self.counts_after_first = counts_after_first
        self.counts_after_second = counts_after_second


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory):
    """What ``tests/conftest.py``'s ``_fast_settings`` sets per test, held for the whole module."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        CELERY_TASK_ALWAYS_EAGER=True,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        yield


@pytest.fixture
def _fast_settings(demo_settings):
    """Overrides the per-test settings of conftest: the demo's files and password hashes stay valid."""
    yield


@pytest.fixture(scope="module")
def demo(demo_settings, django_db_setup, django_db_blocker):
    """Run the whole demo once, then ``seed_demo`` again; flush the database afterwards."""
    with django_db_blocker.unblock():
        try:
            with time_machine.travel(NOW, tick=False):
                ctx = run_demo()
                first = _counts()
                banjar = Pemda.objects.get(name="Kabupaten Banjar")
                # a user added later in the portal keeps the Pemda a demo one
                UserFactory(pemda=banjar, username="operator.baru", email="operator@banjarkab.go.id")
                out = io.StringIO()
                call_command("seed_demo", stdout=out)
                second = _counts()
            yield Demo(ctx, out.getvalue(), first, second)
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def banjar(demo, db):
    return Pemda.objects.get(name="Kabupaten Banjar")


def test_running_twice_changes_nothing(demo, banjar):
    first = dict(demo.counts_after_first)
    first["core.User"] += 1  # the user the fixture added between the runs
    assert demo.counts_after_second == first
    assert "tidak ada yang diubah" in demo.second_output
    assert is_demo_pemda(banjar)
    assert first["core.Pemda"] == 2


def test_output_lists_every_demo_login_with_the_demo_password(demo, db):
    for username in ("admin.banjar", "operator.dinkes", "kepala.dinkes", "operator.astambul", "evaluator"):
        assert re.search(rf"{re.escape(username)}\s+{re.escape(DEMO_PASSWORD)}", demo.second_output)
    assert "KHUSUS DEMO" in demo.second_output


def test_every_role_has_a_demo_user_who_can_sign_in(banjar):
    assignments = RoleAssignment.objects.filter(pemda=banjar)
    assert {a.role for a in assignments} == set(Role.values)
    assert assignments.filter(role=Role.EVALUATOR, is_team_lead=True).exists()
    assert set(assignments.filter(role=Role.PIMPINAN).values_list("position", flat=True)) == {"kepala_daerah", "sekda"}
    dinkes = Unit.objects.get(pemda=banjar, short_name="Dinkes")
    assert assignments.filter(role=Role.OPERATOR, unit=dinkes).exists()
    assert assignments.filter(role=Role.KEPALA, unit=dinkes).exists()
    assert assignments.filter(role=Role.OPERATOR, unit__name="Kecamatan Astambul").exists()
    for username in ("admin.banjar", "operator.astambul", "bupati", "admin.banjarbaru"):
        user = User.objects.get(username=username)
        assert user.is_active and user.check_password(DEMO_PASSWORD), username


def test_kabupaten_has_at_least_25_units_of_every_type_in_a_proper_tree(banjar):
    units = Unit.objects.filter(pemda=banjar)
    assert units.count() >= 25
    assert set(units.values_list("type", flat=True)) == set(Unit.Type.values)
    martapura = units.get(name="Kecamatan Martapura")
    assert {"Kelurahan Jawa", "Kelurahan Keraton"} <= set(martapura.children.values_list("name", flat=True))
    dinkes = units.get(name="Dinas Kesehatan")
    children = set(dinkes.children.values_list("name", flat=True))
    assert {"UPTD Puskesmas Martapura 1", "UPTD Puskesmas Astambul", "RSUD Ratu Zalecha"} <= children
    for unit in units:
        unit.full_clean()  # parent rules and code format hold for every demo unit
    for name in ("Inspektorat", "Kecamatan Sambung Makmur", "Kecamatan Beruntung Baru"):
        assert units.filter(name=name).exists()
    assert units.get(name="Dinas Kebudayaan, Kepemudaan, Olahraga dan Pariwisata").short_name == "Disbudporapar"
    assert banjar.letterhead_lines[0] == "PEMERINTAH KABUPATEN BANJAR"
    assert banjar.timezone == Pemda.Zone.WITA and banjar.seat == "Martapura"


def test_every_unit_has_a_current_head_with_a_plausible_nip(banjar):
    today = dt.date(2026, 11, 1)
    for unit in Unit.objects.filter(pemda=banjar).prefetch_related("heads"):
        head = unit.head_on(today)
        assert head is not None, unit.name
        assert re.fullmatch(r"\d{18}", head.nip)
        born = dt.datetime.strptime(head.nip[:8], "%Y%m%d").date()
        cpns = dt.datetime.strptime(head.nip[8:14], "%Y%m").date()
        assert 18 <= (cpns - born).days // 365 <= 40, head.name
        assert head.nip[14] in "12"
        assert head.rank and head.title


def test_acting_heads_and_a_change_of_head_during_the_year(banjar):
    today = dt.date(2026, 11, 1)
    acting_now = [u.head_on(today) for u in Unit.objects.filter(pemda=banjar).prefetch_related("heads")]
    assert sum(1 for h in acting_now if h.acting == UnitHead.Acting.PLT) >= 2
    disdik = Unit.objects.get(pemda=banjar, short_name="Disdik")
    assert disdik.head_on(dt.date(2026, 3, 1)).name != disdik.head_on(dt.date(2026, 9, 1)).name
    ended = disdik.heads.get(end_date__isnull=False)
    assert ended.end_date.year == 2026


def test_fiscal_years_with_monthly_calendar(banjar):
    years = FiscalYear.objects.filter(pemda=banjar).order_by("year")
    assert [y.year for y in years] == [2024, 2025, 2026]
    assert years.get(is_current=True).year == 2026
    assert all(y.frequency == "monthly" and y.deadline_day == 10 and y.grace_days == 5 for y in years)
    assert Period.objects.filter(fiscal_year__in=years).count() == 3 * 16


def test_second_pemda_is_isolated(banjar):
    kota = Pemda.objects.get(name="Kota Banjarbaru")
    assert kota.head_title == Pemda.HeadTitle.WALI_KOTA and kota.timezone == Pemda.Zone.WITA
    kota_admin = User.objects.get(username="admin.banjarbaru")
    banjar_admin = User.objects.get(username="admin.banjar")
    kota_units = set(selectors.units_for(kota_admin).values_list("pemda_id", flat=True))
    assert kota_units == {kota.pk}
    assert 3 <= Unit.objects.filter(pemda=kota).count() < 10
    # the same unit code exists in both Pemda, yet each admin only reaches their own
    code = "1.02.0.00.0.00.01.0000"
    kota_dinkes = Unit.objects.get(pemda=kota, code=code)
    with pytest.raises(Http404):
        permissions.get_object_or_404_for(Unit.objects.all(), banjar_admin, uid=kota_dinkes.uid)
    assert not permissions.has_perm(banjar_admin, permissions.P.UNIT_VIEW, pemda_id=kota.pk)


def test_demo_agreements_are_complete_and_consistent(demo, db):
    ctx = demo.ctx
    assert ctx.created["PK"] > 0 and ctx.created["PK Perubahan"] == 2
    banjar = ctx.pemdas["banjar"]
    units = Unit.objects.filter(pemda=banjar, is_active=True)
    pks = Agreement.objects.filter(pemda=banjar).select_related("fiscal_year", "unit")
    for year in (2024, 2025, 2026):
        assert {a.unit_id for a in pks if a.fiscal_year.year == year and a.unit_id} == set(
            units.values_list("id", flat=True)
        )
        assert any(a.unit_id is None for a in pks if a.fiscal_year.year == year)  # the Pemda's own PK
    states_2026 = Counter(a.status for a in pks if a.fiscal_year.year == 2026)
    assert set(states_2026) == {"draft", "submitted", "approved", "signed"}
    assert any(a.signatories.get("late") for a in pks if a.status == "signed")
    assert any(a.return_note for a in pks)
    revision = pks.get(version=2, fiscal_year__year=2025)
    assert revision.unit.short_name == "Dinas PUPRP" and revision.revision_reason == "budget" and revision.is_signed
    # The demo accounts' unit has a signed 2026 PK to report against and a PK Perubahan for its head.
    dinkes = pks.filter(fiscal_year__year=2026, unit__short_name="Dinkes")
    assert dinkes.get(version=1).is_signed
    assert dinkes.get(version=2).status == "submitted" and dinkes.get(version=2).previous == dinkes.get(version=1)
    for a in pks:  # every PK satisfies the submit rules (targets consistent with the period rule)
        assert agreement_problems(a) == [], a
    supported = {s.supports_id for a in pks if a.unit_id for s in a.sasaran.all()}
    assert len(supported - {None}) >= 4  # cascading to the Pemda sasaran


def test_demo_realisation_is_complete_and_consistent(demo, db):
    ctx = demo.ctx
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
    assert ctx.created["laporan realisasi"] == PeriodReport.objects.count()


def test_demo_lke_rounds_are_complete_and_spread(demo, db):
    pemda = Pemda.objects.get(name="Kabupaten Banjar")
    rounds = {r.fiscal_year.year: r for r in EvaluationRound.objects.filter(pemda=pemda).select_related("fiscal_year")}
    assert set(rounds) == {2024, 2025, 2026}
    assert rounds[2024].status == rounds[2025].status == "closed" and rounds[2026].status == "open"
    assert rounds[2025].self_start == dt.date(2026, 2, 3)
    for year in (2024, 2025):
        evaluations = list(Evaluation.objects.filter(round=rounds[year]))
        assert len(evaluations) >= 20 and {e.status for e in evaluations} == {"final"}
        assert all(e.lhe_number and e.result.get("components") for e in evaluations)
        assert len({e.lhe_number for e in evaluations}) == len(evaluations)
        assert f"/001/LHE-AKIP/ITDA/{year + 1}" in {e.lhe_number[7:] for e in evaluations}
        assert all(e.self_score is not None for e in evaluations)
        predicates = Counter(e.predicate for e in evaluations)
        assert {"A", "BB", "B", "CC", "C"} <= set(predicates), predicates
        assert {e.response_outcome for e in evaluations} >= {"revised", "kept"}
    assert "A" in {e.predicate for e in Evaluation.objects.filter(round__in=[rounds[2024], rounds[2025]])}
    assert all(e.published_at.date() < dt.date(2026, 5, 1) for e in Evaluation.objects.filter(round=rounds[2025]))
    current = Counter(Evaluation.objects.filter(round=rounds[2026]).values_list("status", flat=True))
    assert {"self", "evaluating", "review", "published", "responded"} <= set(current), current
    assert Recommendation.objects.filter(evaluation__round=rounds[2024]).count() >= 20
    assert AnswerEvidence.objects.filter(answer__evaluation__round=rounds[2025], kind="agreement").exists()
    dinkes_2026 = AnswerEvidence.objects.filter(answer__evaluation__round=rounds[2026], kind="realisation")
    assert dinkes_2026.get().realisation_evidence.original_name == "rekap-oktober.pdf"
    scores_2025 = sel.published_scores(pemda, 2025)
    assert scores_2025[0].score > scores_2025[-1].score
    evaluator = User.objects.get(username="evaluator")
    mine = sel.evaluations_for(evaluator, round=rounds[2026])
    assert 0 < mine.count() < Evaluation.objects.filter(round=rounds[2026]).count()
    dinkes = Evaluation.objects.get(round=rounds[2026], unit__short_name="Dinkes")
    assert dinkes.status == "published"


def test_demo_rewards_are_complete_and_consistent(demo, db):
    ctx = demo.ctx
    snapshot = RankingSnapshot.objects.get()
    assert (snapshot.year, snapshot.frozen_by.username) == (2025, "bupati")
    assert reward_services.snapshot_intact(snapshot)
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
    assert reward_selectors.tpp_adjustments(snapshot.pemda, year=2026, month=cut.effective_start.month)
    assert ctx.created["keputusan (SK)"] == Decision.objects.count()


def test_demo_reports_and_issue_9_inputs_are_in_place(demo, db):
    """Monthly reports (rendered, with unit one-pagers), a meeting pack, settings for every Pemda;
    officials, obligations with a year of submissions, attendance imports with discipline proposals,
    external assessments, and a composite weighting that uses them."""
    from evaluations.report_models import Report, ReportSetting, UnitReport
    from rewards.models import (
        Assessment,
        DisciplineImport,
        ObligationSubmission,
        Official,
        Proposal,
        RankingSetting,
    )

    ctx = demo.ctx
    assert ReportSetting.objects.count() == 2
    reports = list(Report.objects.all())
    assert len(reports) == ctx.created["laporan bulanan & bahan rakor"] == 4
    assert all(r.status == "done" and r.file and r.pages and len(r.content_hash) == 64 for r in reports)
    monthly = [r for r in reports if r.kind == "bulanan"]
    assert sorted(r.version for r in monthly) == [1, 1, 2]
    assert UnitReport.objects.filter(report__in=monthly).count() == sum(r.unit_count for r in monthly) > 0
    pack = next(r for r in reports if r.kind == "rakor")
    assert pack.sections == list(Report.Section.values) and pack.meeting_date
    # issue 9
    assert Official.objects.filter(user__username="kepala.dinkes").exists()
    assert ObligationSubmission.objects.filter(status="diterima").count() > 100
    assert ObligationSubmission.objects.filter(status="dikembalikan").exists()
    assert DisciplineImport.objects.count() >= 6
    discipline = Proposal.objects.filter(source_key__startswith="disiplin:")
    assert (
        discipline.filter(kind="pemotongan_tpp").exists()
        and discipline.filter(official__isnull=False).count() == discipline.count()
    )
    assert Assessment.objects.values("type__code").distinct().count() == 3
    weights = RankingSetting.objects.get(year=2026).weights
    assert "kepatuhan_kewajiban" in weights and any(k.startswith("penilaian_") for k in weights)
