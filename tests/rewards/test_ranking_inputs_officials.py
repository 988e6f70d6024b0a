"""The per-official obligation rule (issue #9): a month without an accepted innovation → a pending
penundaan TPP proposal about the official, once per official and month (idempotent by source_key);
the obligations module is stubbed so the months missed are exact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rewards.models import Obligation, Official, Proposal
from rewards.services_obligation_rules import obligation_rules_evaluate, source_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(pemda):
    return Obligation.objects.create(
        pemda=pemda, code="inovasi-bulanan", name="Satu inovasi per bulan", subject="pegawai",
        position_levels=["jpt", "administrator"], frequency="bulanan", due_offset_days=0,
        start_date=dt.date(2026, 1, 1),
    )  # fmt: skip


@pytest.fixture
def officials(pemda, unit_a, unit_b):
    a = Official.objects.create(
        pemda=pemda, unit=unit_a, name="Budi", nip="198001012005011001", position_level="administrator"
    )
    b = Official.objects.create(pemda=pemda, unit=unit_b, name="Sari", nip="198502022010012002", position_level="jpt")
    return a, b


@pytest.fixture
def misses(monkeypatch, officials):
    a, b = officials
    found = {a.pk: [2, 5], b.pk: []}
    monkeypatch.setattr("rewards.selectors_obligations.official_monthly_misses", lambda *args, **kw: found)
    return found


def test_one_proposal_per_official_and_missed_month(innovation, misses, officials, pimpinan, pemda, unit_a):
    created = obligation_rules_evaluate(user=pimpinan, pemda=pemda, year=2026)
    a, _b = officials
    assert [p.source_key for p in created] == [
        source_key(2026, 2, a.nip, "inovasi-bulanan"),
        source_key(2026, 5, a.nip, "inovasi-bulanan"),
    ]
    first = created[0]
    assert first.source_key == "kewajiban:2026:2:198001012005011001:inovasi-bulanan"
    assert (first.kind, first.target, first.official, first.unit, first.snapshot) == (
        "penundaan_tpp",
        "pegawai",
        a,
        unit_a,
        None,
    )
    assert first.parameters == {"bulan": 1} and first.status == Proposal.Status.PENDING
    assert first.basis[0]["months"] == [2]
    assert "Februari 2026" in first.basis[0]["text"] and "Maret 2026" in first.basis[0]["text"]


def test_evaluating_again_adds_nothing(innovation, misses, officials, pimpinan, admin, pemda):
    assert len(obligation_rules_evaluate(user=pimpinan, pemda=pemda, year=2026)) == 2
    Proposal.objects.filter(source_key__contains=":2:").update(status=Proposal.Status.REJECTED)
    assert obligation_rules_evaluate(user=admin, pemda=pemda, year=2026) == []
    assert Proposal.objects.count() == 2


def test_december_miss_holds_january_of_next_year(innovation, monkeypatch, officials, pimpinan, pemda):
    a, _b = officials
    monkeypatch.setattr("rewards.selectors_obligations.official_monthly_misses", lambda *args, **kw: {a.pk: [12]})
    (proposal,) = obligation_rules_evaluate(user=pimpinan, pemda=pemda, year=2026)
    assert "Januari 2027" in proposal.basis[0]["text"]


def test_without_the_obligation_nothing_happens(misses, pimpinan, pemda):
    assert obligation_rules_evaluate(user=pimpinan, pemda=pemda, year=2026) == []


def test_access(innovation, misses, operator_a, evaluator, other_admin, pemda):
    for user in (operator_a, evaluator):
        with pytest.raises(PermissionDenied):
            obligation_rules_evaluate(user=user, pemda=pemda, year=2026)
    with pytest.raises(Http404):
        obligation_rules_evaluate(user=other_admin, pemda=pemda, year=2026)
    assert not Proposal.objects.exists()


def test_run_from_the_rule_list(innovation, misses, admin, operator_a, year, client_for):
    from django.urls import reverse

    page = client_for(admin).get(reverse("rewards:rule_list"))
    assert "Aturan kewajiban per pegawai" in page.content.decode()
    url = reverse("rewards:obligation_rules_run")
    assert client_for(operator_a).post(url, {"tahun": year.year}).status_code == 403
    response = client_for(admin).post(url, {"tahun": year.year})
    assert response.status_code == 302
    assert Proposal.objects.filter(source_key__startswith=f"kewajiban:{year.year}:").count() == 2
