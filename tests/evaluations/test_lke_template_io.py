# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE templates and worksheets as spreadsheets: export, checked import, all-or-nothing commit."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from evaluations import lke_data
from evaluations import lke_template_io as tio
from evaluations import lke_template_services as ts
from evaluations.lke_models import CriterionAnswer, LkeCriterion, LkeSubComponent, LkeTemplate, ScoreChange
from tests.evaluations.lke_factories import (  # noqa: F401
    answer_all,
    answers_of,
    at,
    evaluation_a,
    fresh,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)

D = Decimal


@pytest.fixture
def t88(pemda, admin):
    ts.template_install_defaults(pemda=pemda, user=admin)
    return LkeTemplate.objects.get(pemda=pemda, family="88-2021")


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _edit(data: bytes, change) -> bytes:
    wb = _book(data)
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- templates ----------------------------------------------------------------------------------


def test_export_lists_every_criterion_with_its_weights(t88, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        data = tio.template_export(t88)
    wb = _book(data)
    assert wb["Templat"]["B3"].value == "percent_grade"
    assert wb["Templat"]["B4"].value == "88-2021"
    rows = list(wb["Kriteria"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 80
    assert rows[0][:8] == (
        "1",
        "Perencanaan Kinerja",
        30,
        "1.a",
        "Keberadaan perencanaan kinerja",
        "keberadaan",
        6,
        "1.a.1",
    )
    assert rows[0][9] == "yt" and rows[0][10]
    assert [r[6] for r in rows if r[3] == "3.b"][0] == 4.5


def test_round_trip_gives_the_same_template_as_a_new_version(t88, admin, pemda):
    preview = tio.template_import_preview(user=admin, pemda=pemda, file=tio.template_export(t88))
    assert preview.ok, preview.messages
    assert preview.counts == {"components": 4, "subcomponents": 12, "criteria": 80}
    assert (preview.existing, preview.version) == (t88, 2)
    assert LkeTemplate.objects.filter(pemda=pemda).count() == 2  # the preview saved nothing
    copy = tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=preview)
    assert (copy.family, copy.version, copy.previous_id, copy.method) == ("88-2021", 2, t88.pk, "percent_grade")
    assert lke_data.to_pure(copy) == lke_data.to_pure(t88)
    guidance = dict(LkeCriterion.objects.filter(subcomponent__component__template=copy).values_list("code", "guidance"))
    assert guidance == dict(
        LkeCriterion.objects.filter(subcomponent__component__template=t88).values_list("code", "guidance")
    )


def test_import_as_a_new_family(t88, admin, pemda):
    stored = tio.template_import_commit(
        user=admin, pemda=pemda, preview_or_file=tio.template_export(t88), family="lokal-2026"
    )
    assert (stored.family, stored.version, stored.previous_id) == ("lokal-2026", 1, None)


def test_formulae_are_escaped_on_export_and_restored_on_import(t88, admin, pemda):
    criterion = LkeCriterion.objects.get(subcomponent__component__template=t88, code="1.a.1")
    ts.criterion_update(user=admin, criterion=criterion, text='=HYPERLINK("http://x","klik")', guidance="@SUM(A1)")
    data = tio.template_export(t88)
    row = next(wb_row for wb_row in _book(data)["Kriteria"].iter_rows(min_row=2, values_only=True))
    assert row[8] == '\'=HYPERLINK("http://x","klik")' and row[10] == "'@SUM(A1)"
    copy = tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=data, family="salinan")
    restored = LkeCriterion.objects.get(subcomponent__component__template=copy, code="1.a.1")
    assert (restored.text, restored.guidance) == ('=HYPERLINK("http://x","klik")', "@SUM(A1)")


def test_import_with_weights_that_do_not_add_up_is_refused(t88, admin, pemda):
    def change(wb):
        for row in wb["Kriteria"].iter_rows(min_row=2):
            if row[3].value == "1.a":
                row[6].value = 7

    data = _edit(tio.template_export(t88), change)
    preview = tio.template_import_preview(user=admin, pemda=pemda, file=data)
    assert not preview.ok and preview.template is None
    assert any("Jumlah bobot subkomponen komponen 1 (31)" in m for m in preview.messages)
    with pytest.raises(ValidationError):
        tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=data)
    assert LkeTemplate.objects.filter(pemda=pemda).count() == 2


def test_import_reports_rows_and_columns_in_indonesian(t88, admin, pemda):
    def change(wb):
        ws = wb["Kriteria"]
        ws["J3"] = "skala-10"  # answer type of the second criterion
        ws["G4"] = "enam"  # weight of the third
        ws["H5"] = "1.a.1"  # a code used twice
        wb["Templat"]["B3"] = "rata-rata"

    preview = tio.template_import_preview(user=admin, pemda=pemda, file=_edit(tio.template_export(t88), change))
    messages = preview.messages
    assert (
        "Lembar Kriteria baris 3, kolom Jenis Jawaban: Jenis jawaban tidak dikenal: skala-10 (pilihan: yt, ae, grade)."
        in messages
    )
    assert "Lembar Kriteria baris 4, kolom Bobot Subkomponen: Bobot harus berupa angka (mis. 4,5)." in messages
    assert "Lembar Kriteria baris 5, kolom Kode Kriteria: Kode kriteria 1.a.1 sudah dipakai di baris 2." in messages
    assert any(
        m.startswith("Lembar Templat baris 3, kolom B: Metode penilaian tidak dikenal: rata-rata") for m in messages
    )
    with pytest.raises(ValidationError):
        tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=preview)
    assert LkeTemplate.objects.filter(pemda=pemda).count() == 2


def test_answer_type_must_fit_the_method(t88, admin, pemda):
    def change(wb):
        wb["Kriteria"]["J2"] = "ae"

    preview = tio.template_import_preview(user=admin, pemda=pemda, file=_edit(tio.template_export(t88), change))
    assert any(
        "Jenis jawaban kriteria 1.a.1 (ae) tidak dapat dinilai dengan metode percent_grade." in m
        for m in preview.messages
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Kode;Kriteria\n1.a.1;Teks\n", "Berkas harus berupa lembar kerja Excel (.xlsx)."),
        (b"%PDF-1.4 bukan excel", "Berkas harus berupa lembar kerja Excel (.xlsx)."),
        ("zip", "Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca."),
    ],
)
def test_non_xlsx_files_are_refused_clearly(pemda, admin, data, message):
    if data == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("isi.txt", "bukan lembar kerja")
        data = buffer.getvalue()
    preview = tio.template_import_preview(user=admin, pemda=pemda, file=data)
    assert preview.messages == [message]
    with pytest.raises(ValidationError):
        tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=data)
    assert not LkeTemplate.objects.filter(pemda=pemda).exists()


def test_import_needs_manage_permission(t88, pemda, evaluator, other_admin):
    data = tio.template_export(t88)
    for user in (evaluator, other_admin):
        with pytest.raises(PermissionDenied):
            tio.template_import_preview(user=user, pemda=pemda, file=data)


def test_12_2015_round_trip(pemda, admin):
    ts.template_install_defaults(pemda=pemda, user=admin)
    t12 = LkeTemplate.objects.get(pemda=pemda, family="12-2015")
    copy = tio.template_import_commit(user=admin, pemda=pemda, preview_or_file=tio.template_export(t12))
    assert lke_data.to_pure(copy) == lke_data.to_pure(t12)
    assert LkeSubComponent.objects.get(component__template=copy, code="2.b").weight == D("12.5")


# --- worksheets ---------------------------------------------------------------------------------


def _fill(data: bytes, answers: dict[str, tuple], *, first_col: int = 6) -> bytes:
    """Write values into the editable columns of the rows whose code is in ``answers``."""

    def change(wb):
        ws = wb["LKE"]
        for row in ws.iter_rows(min_row=6):
            values = answers.get(row[0].value)
            if values is not None:
                for offset, value in enumerate(values):
                    row[first_col - 1 + offset].value = value

    return _edit(data, change)


def test_unit_fills_its_self_assessment_in_excel(evaluation_a, operator_a):
    data = tio.worksheet_export(evaluation=evaluation_a, side="self", user=operator_a)
    ws = _book(data)["LKE"]
    assert ws["A3"].value == str(evaluation_a.uid) and ws["B3"].value == "self"
    assert ws.max_row == 5 + 80
    filled = _fill(data, {"1.a.1": ("y", "Ada pedoman"), "1.a.2": ("T", "")})
    dry = tio.worksheet_import(user=operator_a, evaluation=evaluation_a, side="self", file=filled)
    assert dry.ok and dry.counts["changed"] == 2 and not CriterionAnswer.objects.exclude(self_answer="").exists()
    done = tio.worksheet_import(user=operator_a, evaluation=evaluation_a, side="self", file=filled, dry_run=False)
    assert done.saved == 2
    answers = answers_of(evaluation_a)
    assert (answers["1.a.1"].self_answer, answers["1.a.1"].self_note) == ("Y", "Ada pedoman")
    assert answers["1.a.2"].self_answer == "T"
    assert ScoreChange.objects.filter(evaluation=evaluation_a, side="self", criterion__isnull=False).count() == 2


def test_worksheet_import_refuses_unknown_criteria_and_answers_outside_the_scale(evaluation_a, operator_a):
    def change(wb):
        ws = wb["LKE"]
        ws["A7"] = "9.z.9"
        ws["F8"] = "B"

    data = _edit(_fill(tio.worksheet_export(evaluation=evaluation_a, side="self"), {"1.a.1": ("Y", "")}), change)
    result = tio.worksheet_import(user=operator_a, evaluation=evaluation_a, side="self", file=data, dry_run=False)
    assert "Baris 7, kolom Kode Kriteria: Kriteria tidak dikenal di templat: 9.z.9." in result.messages
    assert any(
        m.startswith("Baris 8, kolom Jawaban: Jawaban B untuk kriteria 1.a.3 di luar skala (Y/T)")
        for m in result.messages
    )
    assert result.saved == 0 and not CriterionAnswer.objects.exclude(self_answer="").exists()


def test_worksheet_of_another_evaluation_or_side_is_refused(evaluation_a, operator_a, admin):
    data = tio.worksheet_export(evaluation=evaluation_a, side="evaluator", user=admin)
    result = tio.worksheet_import(user=operator_a, evaluation=evaluation_a, side="self", file=data, dry_run=False)
    assert result.messages == [
        "Baris 3, kolom A: Berkas ini bukan lembar kerja penilaian mandiri untuk Dinas Kesehatan pada putaran ini. "
        "Unduh dari halaman ini."
    ]


def test_unit_cannot_download_the_evaluators_side_before_publication(evaluation_a, operator_a, operator_b):
    with pytest.raises(PermissionDenied):
        tio.worksheet_export(evaluation=evaluation_a, side="evaluator", user=operator_a)
    with pytest.raises(PermissionDenied):
        tio.worksheet_export(evaluation=evaluation_a, side="self", user=operator_b)
    with pytest.raises(PermissionDenied):
        tio.worksheet_import(user=operator_b, evaluation=evaluation_a, side="self", file=b"")


def test_evaluator_answers_in_excel_after_the_self_stage(evaluation_a, operator_a, evaluator, lke_clock):
    from evaluations import lke_services

    answer_all(evaluation_a, operator_a, "self", "Y")
    lke_services.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    # the evaluation stage has not opened yet: one message, nothing saved
    data = tio.worksheet_export(evaluation=evaluation_a, side="evaluator", user=evaluator)
    filled = _fill(
        data, {"1.c.1": ("T", "Anggaran belum mengikuti kinerja", "Agar anggaran mengacu sasaran")}, first_col=8
    )
    early = tio.worksheet_import(user=evaluator, evaluation=evaluation_a, side="evaluator", file=filled, dry_run=False)
    assert not early.ok and early.saved == 0
    lke_clock.move_to(at("evaluation"))
    answers = dict.fromkeys([f"1.a.{i}" for i in range(1, 7)], ("Y", "", ""))
    answers["1.c.1"] = ("T", "Anggaran belum mengikuti kinerja", "Agar anggaran mengacu sasaran")
    done = tio.worksheet_import(
        user=evaluator, evaluation=evaluation_a, side="evaluator", file=_fill(data, answers, first_col=8), dry_run=False
    )
    assert done.ok, done.messages
    assert done.saved == 7
    row = answers_of(evaluation_a)["1.c.1"]
    assert (row.answer, row.note, row.recommendation) == (
        "T",
        "Anggaran belum mengikuti kinerja",
        "Agar anggaran mengacu sasaran",
    )
    assert fresh(evaluation_a).score is not None
