# ruff: noqa: F811  (fixtures imported from lke_factories)
"""The LHE letter (PDF) of a published worksheet and the Pemda recap (page and PDF): their text,
who may download them, and the pinned query count of the recap page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluations import lke_services as s
from evaluations.lke_models import Evaluation
from sakip.core.models import Unit
from tests.evaluations.lke_factories import (  # noqa: F401
    answer_all,
    at,
    criterion,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)
from tests.factories import UnitFactory, UnitHeadFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def inspektorat(pemda):
    unit = UnitFactory(pemda=pemda, name="Inspektorat", short_name="Inspektorat", code="6.01.01", type="inspektorat")
    UnitHeadFactory(
        unit=unit, name="Drs. H. Inspektur Uji, M.Si.", nip="196805051990031005", title="Inspektur",
        rank="Pembina Utama Muda (IV/c)", start_date=dt.date(2020, 1, 1),
    )  # fmt: skip
    return unit


@pytest.fixture
def published(evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock, inspektorat):
    ev = evaluation_a
    answer_all(ev, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    lke_clock.move_to(at("evaluation"))
    answer_all(ev, evaluator, "evaluator", lambda c: "T" if c.code.startswith("1.c") else "Y")
    s.answer_evaluate(
        user=evaluator, evaluation=ev, criterion=criterion(ev, "1.c.1"), answer="T",
        recommendation="Agar anggaran disusun berdasarkan kinerja.",
    )  # fmt: skip
    c1 = criterion(ev, "1.a.1").subcomponent.component
    s.component_note_set(user=evaluator, evaluation=ev, component=c1, note="Perencanaan belum dimanfaatkan.")
    s.evaluation_submit_review(user=evaluator, evaluation=ev)
    lke_clock.move_to(at("review"))
    s.evaluation_publish(user=evaluator_lead, evaluation=ev, lhe_date=dt.date(2025, 5, 5))
    return fresh(ev)


def test_lhe_pdf_text(client_for, operator_a, published):
    ev = published
    response = client_for(operator_a).get(url("lke_lhe_pdf", ev.uid))
    assert response.status_code == 200
    assert 'filename="lhe-2025-dinkes.pdf"' in response["Content-Disposition"]
    text = pdf_text(response)
    assert "INSPEKTORAT" in text
    assert "LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA" in text
    assert ev.lhe_number in text and "5 Mei 2025" in text
    assert "Kepala Dinkes" in text  # addressed to the head of the unit
    assert "Peraturan Bupati tentang evaluasi AKIP" in text and "Seluruh perangkat daerah" in text
    for name in ("Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja"):
        assert name in text
    score = f"{ev.score:.2f}".replace(".", ",")
    assert score in text and f"“{ev.predicate}”" in text
    assert "Perencanaan belum dimanfaatkan." in text
    assert "Agar anggaran disusun berdasarkan kinerja." in text
    assert "Drs. H. Inspektur Uji, M.Si." in text and "NIP. 196805051990031005" in text


def test_lhe_pdf_is_indonesian_for_an_english_reader(client_for, operator_a, published):
    client = client_for(operator_a)
    client.cookies["django_language"] = "en"
    text = pdf_text(client.get(url("lke_lhe_pdf", published.uid), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Rekomendasi" in text and "Dasar Evaluasi" in text


def test_lhe_is_404_before_publication_and_for_other_units(client_for, operator_a, operator_b, admin, evaluation_a):
    assert client_for(operator_a).get(url("lke_lhe_pdf", evaluation_a.uid)).status_code == 404
    assert client_for(admin).get(url("lke_lhe_pdf", evaluation_a.uid)).status_code == 404


def test_lhe_other_unit_404(client_for, operator_b, other_admin, published):
    for user in (operator_b, other_admin):
        assert client_for(user).get(url("lke_lhe_pdf", published.uid)).status_code == 404


def test_recap_page_lists_units_with_score_and_distribution(client_for, pimpinan, published, unit_b):
    response = client_for(pimpinan).get(url("lke_recap", published.round.uid))
    assert response.status_code == 200
    body = response.content.decode()
    score = f"{published.score:.2f}".replace(".", ",")
    assert published.unit.name in body and score in body
    assert unit_b.name in body and "Penilaian mandiri" in body  # not published: its status
    assert "<svg" in body and "Sebaran predikat" in body


def test_recap_is_403_for_unit_users(client_for, operator_a, published):
    assert client_for(operator_a).get(url("lke_recap", published.round.uid)).status_code == 403
    assert client_for(operator_a).get(url("lke_recap_pdf", published.round.uid)).status_code == 403


def test_recap_pdf_text(client_for, admin, published, unit_b):
    text = pdf_text(client_for(admin).get(url("lke_recap_pdf", published.round.uid)))
    assert "REKAPITULASI HASIL EVALUASI AKIP" in text and "2025" in text
    assert published.unit.name in text and unit_b.name in text
    assert "Sangat Memuaskan" in text  # the predicate table


def test_recap_query_count_is_pinned(client_for, admin, published, pemda, lke_round, django_assert_max_num_queries):
    for i in range(15):
        UnitFactory(pemda=pemda, name=f"Unit {i}", code=f"9.{i:02d}")
    s.round_open(user=admin, round=lke_round)  # worksheets for the new units
    assert Evaluation.objects.filter(round=lke_round).count() >= 17
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        assert client.get(url("lke_recap", lke_round.uid)).status_code == 200
    assert Unit.objects.filter(pemda=pemda).count() >= 17
