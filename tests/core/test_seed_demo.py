"""seed_demo: idempotent, realistic, one user per role, isolated second Pemda, safe on real data."""

import datetime as dt
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.http import Http404

from sakip.core import permissions, selectors
from sakip.core.demo import DEMO_PASSWORD, DEMO_STEPS, demo_step, is_demo_pemda
from sakip.core.models import FiscalYear, Pemda, Period, RoleAssignment, Unit, UnitHead, User
from tests.factories import PemdaFactory, UnitFactory, UserFactory

Role = RoleAssignment.Role
MODELS = (Pemda, Unit, UnitHead, User, RoleAssignment, FiscalYear, Period)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def seeded(db):
    return seed()


@pytest.fixture
def banjar(seeded):
    return Pemda.objects.get(name="Kabupaten Banjar")


def test_running_twice_changes_nothing(seeded):
    before = counts()
    heads_before = list(UnitHead.objects.order_by("pk").values("unit_id", "nip", "start_date", "end_date", "acting"))
    output = seed()
    assert counts() == before
    assert list(UnitHead.objects.order_by("pk").values("unit_id", "nip", "start_date", "end_date", "acting")) == (
        heads_before
    )
    assert "tidak ada yang diubah" in output
    assert before["Pemda"] == 2


def test_output_lists_every_demo_login_with_the_demo_password(seeded):
    for username in ("admin.banjar", "operator.dinkes", "kepala.dinkes", "operator.astambul", "evaluator"):
        assert re.search(rf"{re.escape(username)}\s+{re.escape(DEMO_PASSWORD)}", seeded)
    assert "KHUSUS DEMO" in seeded


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


def test_refuses_to_touch_a_real_pemda_with_the_demo_name(db):
    real = PemdaFactory(name="Kabupaten Banjar")
    UnitFactory(pemda=real, code="X.01")
    UserFactory(pemda=real, username="admin", email="admin@banjarkab.go.id")
    assert not is_demo_pemda(real)
    with pytest.raises(CommandError, match="bukan Pemda demo"):
        call_command("seed_demo", stdout=io.StringIO())
    # all or nothing: no demo user, no second Pemda
    assert not User.objects.filter(email__endswith="@demo.invalid").exists()
    assert not Pemda.objects.filter(name="Kota Banjarbaru").exists()


def test_refuses_a_demo_username_taken_outside_the_demo(db):
    UserFactory(pemda=PemdaFactory(name="Kabupaten Lain"), username="bupati")
    with pytest.raises(CommandError, match="bupati"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Pemda.objects.filter(name="Kabupaten Banjar").exists()


def test_users_added_later_in_the_portal_keep_the_pemda_a_demo_one(banjar):
    UserFactory(pemda=banjar, username="operator.baru", email="operator@banjarkab.go.id")
    assert is_demo_pemda(banjar)
    assert "tidak ada yang diubah" in seed()


def test_other_capabilities_can_register_demo_steps(db):
    calls = []

    @demo_step(order=500, name="uji langkah tambahan")
    def extra(ctx):
        calls.append(ctx.unit("banjar", "1.02.0.00.0.00.01.0000").name)

    try:
        seed()
    finally:
        DEMO_STEPS[:] = [s for s in DEMO_STEPS if s.name != "uji langkah tambahan"]
    assert calls == ["Dinas Kesehatan"]
