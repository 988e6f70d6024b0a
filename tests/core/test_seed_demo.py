"""seed_demo on an empty database: it refuses to touch real data, and other capabilities add steps.

The demo data themselves (every capability, idempotency, the printed logins) are checked once in
``tests/test_demo.py``, which loads the whole demo a single time.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from sakip.core.demo import DEMO_STEPS, demo_step, is_demo_pemda
from sakip.core.models import Pemda, User
from tests.factories import PemdaFactory, UnitFactory, UserFactory


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


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


def test_other_capabilities_can_register_demo_steps(db):
    calls = []
    saved = DEMO_STEPS[:]
    # only the foundation steps and ours: the whole demo is exercised once in tests/test_demo.py
    DEMO_STEPS[:] = [s for s in saved if s.order < 100]

    @demo_step(order=9000, name="uji langkah tambahan")
    def extra(ctx):
        calls.append(ctx.unit("banjar", "1.02.0.00.0.00.01.0000").name)

    try:
        seed()
    finally:
        DEMO_STEPS[:] = saved
    assert calls == ["Dinas Kesehatan"]
