"""Demo PKs: every active Banjar unit gets signed PKs for 2024/2025, 2026 in mixed states; idempotent."""

from collections import Counter

import pytest

from agreements.models import Agreement
from agreements.services import agreement_problems
from sakip.core.demo import run_demo
from sakip.core.models import Unit

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_agreements_are_complete_consistent_and_idempotent():
    ctx = run_demo()
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
    count = pks.count()
    again = run_demo()
    assert again.created["PK"] == 0 and Agreement.objects.filter(pemda=banjar).count() == count
