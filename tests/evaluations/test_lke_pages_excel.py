# ruff: noqa: F811  (fixtures imported from lke_factories)
"""The LKE worksheet as Excel through the pages: download, check (nothing saved), save all or nothing."""

import io

from openpyxl import load_workbook

from evaluations.lke_models import CriterionAnswer
from evaluations.lke_template_io_worksheet import FIRST_ROW, HEADER_ROW
from tests.evaluations.lke_factories import (  # noqa: F401
    evaluation_a,
    lke_clock,
    lke_round,
    lke_team,
    lke_template,
)


def _download(client, evaluation):
    response = client.get(f"/evaluasi/lke/lembar-kerja/{evaluation.uid}/excel/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _fill(workbook, answers: dict[str, str]) -> io.BytesIO:
    sheet = workbook["LKE"]
    headers = {sheet.cell(HEADER_ROW, c).value: c for c in range(1, sheet.max_column + 1)}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row, headers["Kode Kriteria"]).value
        if code in answers:
            sheet.cell(row, headers["Jawaban"]).value = answers[code]
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "lke.xlsx"
    return out


def _post(client, evaluation, file, action):
    return client.post(f"/evaluasi/lke/lembar-kerja/{evaluation.uid}/excel/impor/", {"file": file, "action": action})


def test_unit_checks_then_saves_its_self_assessment_from_excel(client_for, operator_a, evaluation_a, lke_clock):
    client = client_for(operator_a)
    workbook = _download(client, evaluation_a)
    response = _post(client, evaluation_a, _fill(workbook, {"1.a.1": "Y", "1.a.2": "T"}), "check")
    assert response.status_code == 200
    assert "2 jawaban berubah" in response.content.decode()
    assert not CriterionAnswer.objects.filter(evaluation=evaluation_a).exclude(self_answer="").exists()
    response = _post(client, evaluation_a, _fill(workbook, {"1.a.1": "Y", "1.a.2": "T"}), "save")
    assert response.status_code == 302
    saved = dict(
        CriterionAnswer.objects.filter(evaluation=evaluation_a)
        .exclude(self_answer="")
        .values_list("criterion__code", "self_answer")
    )
    assert saved == {"1.a.1": "Y", "1.a.2": "T"}


def test_unknown_criterion_or_answer_outside_the_scale_saves_nothing(client_for, operator_a, evaluation_a, lke_clock):
    client = client_for(operator_a)
    workbook = _download(client, evaluation_a)
    workbook["LKE"].cell(FIRST_ROW, 1).value = "9.z.9"  # a code the template does not have
    response = _post(client, evaluation_a, _fill(workbook, {"1.a.2": "Y", "1.a.3": "X"}), "save")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kriteria tidak dikenal di templat: 9.z.9." in page
    assert "di luar skala" in page and "tidak ada yang disimpan" in page
    assert not CriterionAnswer.objects.filter(evaluation=evaluation_a).exclude(self_answer="").exists()


def test_pimpinan_may_not_fill_the_worksheet(client_for, pimpinan, evaluation_a, lke_clock):
    assert client_for(pimpinan).get(f"/evaluasi/lke/lembar-kerja/{evaluation_a.uid}/excel/").status_code in (403, 404)
