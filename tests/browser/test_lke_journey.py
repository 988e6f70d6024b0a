# ruff: noqa: F811  (fixtures imported from lke_factories)
"""The LKE journey in Chromium with a frozen clock moved from stage to stage: the unit answers a
criterion (autosaved, the score panel updates) and submits its self-assessment; the evaluator
answers with a note and a recommendation and submits for review; the team lead publishes; the unit
sees the evaluator's side and downloads the LHE, whose text is checked; after the response window
the lead makes the result final."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluations.lke_models import Evaluation
from tests.evaluations.lke_factories import (  # noqa: F401
    AFTER_ALL,
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

pytestmark = pytest.mark.browser


def row(page, code: str):
    return page.locator("article.lke-row").filter(has=page.locator(".lke-code", has_text=code)).first


def settle(page):
    """Blur the field in focus (its change event saves it) and let every save finish before the next
    click: a user's click does the blur too, but then the save and the click's request overlap, and
    the test live server shares one SQLite connection between its threads, where they collide."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_load_state("networkidle")


def test_self_assessment_evaluation_review_publish_lhe_and_final(
    as_user, evaluation_a, operator_a, evaluator, evaluator_lead, lke_clock, tmp_path
):
    ev = evaluation_a
    # Every criterion but 1.a.1 answered "Y" beforehand; the unit answers 1.a.1 on the page.
    answer_all(ev, operator_a, "self", lambda c: "" if c.code == "1.a.1" else "Y")

    unit = as_user(operator_a)
    unit.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Evaluasi AKIP").click()
    unit.get_by_role("link", name="Buka lembar kerja").click()
    expect(unit.get_by_role("heading", name="Lembar Kerja Evaluasi Dinas Kesehatan")).to_be_visible()
    panel = unit.locator("#lke-score")
    first = row(unit, "1.a.1")
    first.get_by_label("Penjelasan").fill("Perbup pedoman perencanaan kinerja tahun 2024.")
    first.get_by_label("Jawaban").select_option("Y")
    expect(first.locator(".lke-saved")).to_be_visible()
    expect(panel).to_contain_text("80,00")  # all criteria met: BB on every sub-component
    expect(panel).to_contain_text("Sangat Baik")
    settle(unit)
    unit.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(unit.locator(".messages")).to_contain_text("Penilaian mandiri diajukan")
    expect(unit.get_by_role("status").filter(has_text="nilai evaluator tampil di sini setelah")).to_be_visible()
    expect(row(unit, "1.a.1").get_by_label("Jawaban")).to_have_count(0)  # read-only once submitted

    lke_clock.move_to(at("evaluation"))
    answer_all(ev, evaluator, "evaluator", "Y")
    scorer = as_user(evaluator)
    scorer.goto(f"/evaluasi/lke/lembar-kerja/{ev.uid}/")
    first = row(scorer, "1.a.1")
    evaluator_side = first.locator(".lke-eval")
    evaluator_side.get_by_label("Catatan").fill("Pedoman belum memuat tata cara penyusunan IKU.")
    evaluator_side.get_by_label("Rekomendasi").fill("Agar pedoman perencanaan kinerja memuat tata cara penyusunan IKU.")
    evaluator_side.get_by_label("Jawaban").select_option("T")
    expect(evaluator_side.locator(".lke-saved")).to_be_visible()
    expect(scorer.locator("#lke-score")).to_contain_text("79,40")  # 1.a: 5 of 6 → B, 6 × 70% = 4,20 (was 4,80)
    settle(scorer)
    scorer.get_by_role("button", name="Ajukan untuk reviu").click()
    expect(scorer.locator(".messages")).to_contain_text("diajukan kepada ketua tim")

    lke_clock.move_to(at("review"))
    lead = as_user(evaluator_lead)
    lead.goto(f"/evaluasi/lke/lembar-kerja/{ev.uid}/")
    lead.get_by_role("button", name="Terbitkan hasil").click()
    expect(lead.locator(".messages")).to_contain_text("Hasil evaluasi diterbitkan")
    assert fresh(ev).status == Evaluation.Status.PUBLISHED

    unit = as_user(operator_a)
    unit.goto(f"/evaluasi/lke/lembar-kerja/{ev.uid}/")
    expect(row(unit, "1.a.1")).to_contain_text("Pedoman belum memuat tata cara penyusunan IKU.")
    expect(unit.locator("#lke-score")).to_contain_text("79,40")
    with unit.expect_download() as download_info:
        unit.get_by_role("link", name="Unduh LHE (PDF)").click()
    path = tmp_path / "lhe.pdf"
    download_info.value.save_as(path)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA" in text
    assert "700/LHE-AKIP/001" in text and "79,40" in text and "Sangat Baik" in text
    assert "Agar pedoman perencanaan kinerja memuat tata cara penyusunan IKU." in text

    lke_clock.move_to(AFTER_ALL)
    lead = as_user(evaluator_lead)
    lead.goto(f"/evaluasi/lke/lembar-kerja/{ev.uid}/")
    lead.get_by_role("button", name="Tetapkan final").click()
    expect(lead.locator(".messages")).to_contain_text("ditetapkan final")
    expect(lead.locator(".page-head")).to_contain_text("Final")
    assert fresh(ev).status == Evaluation.Status.FINAL
