"""Realisation pages per persona: the home list, the entry grid (visibility 404, read-only 403), the
htmx preview and autosave fragments, locks refusing a stale post, evidence, workflow, history."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations import services
from evaluations.models import Evidence, PeriodReport, Realisation, RealisationChange
from tests.evaluations.realisation_factories import indicators_of, signed_pk

pytestmark = pytest.mark.django_db

# 2025-03-05 10:00 WITA: January and February are reportable; February's deadline is 10 March.
NOW = dt.datetime(2025, 3, 5, 2, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def pk_a(year, unit_a):
    return signed_pk(
        year,
        unit_a,
        indicators=[
            {"name": "Persentase balita ditimbang", "target": D(90), "quarters": [D(90)] * 4},
            {
                "name": "Jumlah puskesmas terakreditasi",
                "satuan": "unit",
                "period_rule": "cumulative",
                "target": D(12),
                "quarters": [D(3)] * 4,
            },
        ],
    )


@pytest.fixture
def report_feb(pk_a, unit_a, year, operator_a):
    period = year.periods.get(kind="month", number=2)
    return services.report_get_or_create(unit=unit_a, period=period, by=operator_a)


def lineage(pk, index=0):
    return indicators_of(pk)[index].lineage


# --- home list --------------------------------------------------------------------------------


def test_operator_sees_the_periods_of_own_unit_with_deadline_and_status(client_for, operator_a, report_feb):
    response = client_for(operator_a).get(url("realisation_home"))
    assert response.status_code == 200
    body = text(response)
    assert "Dinas Kesehatan" in body and "Kecamatan Astambul" not in body
    assert "Januari 2025" in body and "10 Februari 2025" in body
    assert "Belum lapor" in body  # January: deadline passed, nothing submitted


def test_admin_sees_every_unit_in_one_period(client_for, admin, unit_a, unit_b, report_feb):
    response = client_for(admin).get(url("realisation_home") + "?periode=2")
    body = text(response)
    assert "Dinas Kesehatan" in body and "Kecamatan Astambul" in body
    assert "Februari 2025" in body


def test_open_starts_a_report_for_an_editor_and_shows_an_empty_state_to_readers(
    client_for, operator_a, pimpinan, unit_a, pk_a, year
):
    path = url("report_open", unit_a.uid, 2025, 2)
    response = client_for(pimpinan).get(path)
    assert response.status_code == 200 and "belum mulai mengisi" in text(response)
    assert not PeriodReport.objects.exists()
    response = client_for(operator_a).get(path)
    report = PeriodReport.objects.get()
    assert response.status_code == 302 and response.url == url("report_detail", report.uid)


# --- visibility --------------------------------------------------------------------------------


def test_operator_b_cannot_see_unit_a_grid_or_fragments(client_for, operator_b, report_feb, pk_a, unit_a):
    client = client_for(operator_b)
    assert client.get(url("report_detail", report_feb.uid)).status_code == 404
    assert client.get(url("report_open", unit_a.uid, 2025, 2)).status_code == 404
    assert client.post(url("value_save", report_feb.uid, lineage(pk_a)), {"value": "5"}).status_code == 404
    assert client.get(url("indicator_detail", unit_a.uid, 2025, lineage(pk_a))).status_code == 404


def test_other_pemda_gets_404(client_for, other_admin, report_feb, pk_a):
    client = client_for(other_admin)
    assert client.get(url("report_detail", report_feb.uid)).status_code == 404
    assert client.post(url("report_accept", report_feb.uid)).status_code == 404


@pytest.mark.parametrize("persona", ["pimpinan", "evaluator", "admin"])
def test_read_only_personas_see_the_grid_disabled_and_writes_are_403(client_for, request, persona, report_feb, pk_a):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(url("report_detail", report_feb.uid))
    assert response.status_code == 200
    assert "Persentase balita ditimbang" in text(response)
    assert "<fieldset disabled" in text(response)
    assert client.post(url("value_save", report_feb.uid, lineage(pk_a)), {"value": "5"}).status_code == 403
    assert client.post(url("value_preview", report_feb.uid, lineage(pk_a)), {"value": "5"}).status_code == 403
    assert client.post(url("report_submit", report_feb.uid)).status_code == 403


# --- grid, preview and autosave -----------------------------------------------------------------


def test_grid_lists_every_indicator_with_targets_and_workflow_button(client_for, operator_a, report_feb):
    response = client_for(operator_a).get(url("report_detail", report_feb.uid))
    body = text(response)
    assert "Persentase balita ditimbang" in body and "Jumlah puskesmas terakreditasi" in body
    assert 'hx-trigger="input changed delay:400ms"' in body
    assert "Selesai, ajukan" in body
    assert "realisation-grid.js" in body


def test_preview_returns_the_capaian_cell_without_saving(client_for, operator_a, report_feb, pk_a):
    lin = lineage(pk_a)
    response = client_for(operator_a).post(
        url("value_preview", report_feb.uid, lin), {"value": "45"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200
    assert f'id="cap-{lin}"' in body and "50,00%" in body and "Sangat Rendah" in body
    assert "kendala dan upaya wajib diisi" in body
    assert not Realisation.objects.exists()


def test_preview_of_non_number_says_so_in_indonesian(client_for, operator_a, report_feb, pk_a):
    response = client_for(operator_a).post(
        url("value_preview", report_feb.uid, lineage(pk_a)), {"value": "abc"}, HTTP_HX_REQUEST="true"
    )
    assert "Masukkan angka" in text(response)


def test_autosave_stores_the_value_and_shows_the_time(client_for, operator_a, report_feb, pk_a):
    lin = lineage(pk_a)
    response = client_for(operator_a).post(
        url("value_save", report_feb.uid, lin), {"value": "70,5", "kendala": "", "upaya": ""}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert "Tersimpan 10.00" in body  # 02:00 UTC = 10.00 WITA
    assert f'id="cap-{lin}" class="rg-cap cat-tinggi" hx-swap-oob="true"' in body
    assert Realisation.objects.get(indicator_lineage=lin).value == D("70.5")
    assert RealisationChange.objects.get().new_value == D("70.5")


def test_autosave_of_negative_value_is_refused_next_to_the_field(client_for, operator_a, report_feb, pk_a):
    response = client_for(operator_a).post(
        url("value_save", report_feb.uid, lineage(pk_a)), {"value": "-3"}, HTTP_HX_REQUEST="true"
    )
    assert "tidak boleh negatif" in text(response)
    assert 'data-field="value"' in text(response)
    assert not Realisation.objects.exists()


def test_locked_grid_refuses_a_stale_post_with_the_indonesian_message(client_for, operator_a, report_feb, pk_a, admin):
    client = client_for(operator_a)
    client.get(url("report_detail", report_feb.uid))  # the page is open…
    report_feb.status = PeriodReport.Status.ACCEPTED  # …when the admin accepts it
    report_feb.save()
    response = client.post(url("value_save", report_feb.uid, lineage(pk_a)), {"value": "80"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "sudah diterima Admin SAKIP sehingga terkunci" in text(response)
    assert "Hanya Admin SAKIP" in text(response)
    assert not Realisation.objects.exists()
    page = text(client.get(url("report_detail", report_feb.uid)))
    assert "<fieldset disabled" in page and "Terkunci." in page and "Hanya Admin SAKIP" in page


def test_history_fragment_lists_changes(client_for, operator_a, report_feb, pk_a):
    indicator = indicators_of(pk_a)[0]
    services.realisation_save(report=report_feb, indicator=indicator, value=D(70), by=operator_a)
    services.realisation_save(report=report_feb, indicator=indicator, value=D(80), by=operator_a)
    body = text(client_for(operator_a).get(url("row_history", report_feb.uid, indicator.lineage)))
    assert "70" in body and "80" in body and "Operator A" in body


# --- evidence --------------------------------------------------------------------------------


def test_evidence_upload_download_and_delete(client_for, operator_a, operator_b, report_feb, pk_a):
    client = client_for(operator_a)
    lin = lineage(pk_a)
    upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    response = client.post(url("evidence_upload", report_feb.uid, lin), {"file": upload}, HTTP_HX_REQUEST="true")
    assert "bukti.pdf" in text(response)
    evidence = Evidence.objects.get()
    download = client.get(url("evidence_download", evidence.uid))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client_for(operator_b).get(url("evidence_download", evidence.uid)).status_code == 404
    response = client.post(url("evidence_delete", evidence.uid), HTTP_HX_REQUEST="true")
    assert "Belum ada bukti" in text(response)
    assert not Evidence.objects.exists()


def test_fake_pdf_is_refused_with_a_message(client_for, operator_a, report_feb, pk_a):
    upload = SimpleUploadedFile("palsu.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    response = client_for(operator_a).post(
        url("evidence_upload", report_feb.uid, lineage(pk_a)), {"file": upload}, HTTP_HX_REQUEST="true"
    )
    assert "dari isinya" in text(response)
    assert not Evidence.objects.exists()


# --- workflow ----------------------------------------------------------------------------------


def _fill(report, pk, by):
    for indicator in indicators_of(pk):
        services.realisation_save(report=report, indicator=indicator, value=indicator.target, by=by)


def test_workflow_submit_verify_accept_then_locked(client_for, operator_a, kepala_a, admin, report_feb, pk_a):
    _fill(report_feb, pk_a, operator_a)
    response = client_for(operator_a).post(url("report_submit", report_feb.uid), follow=True)
    assert "Realisasi diajukan" in text(response)
    assert client_for(operator_a).post(url("report_verify", report_feb.uid)).status_code == 403
    client_for(kepala_a).post(url("report_verify", report_feb.uid))
    response = client_for(admin).post(url("report_accept", report_feb.uid), follow=True)
    assert "Laporan diterima" in text(response)
    report_feb.refresh_from_db()
    assert report_feb.status == PeriodReport.Status.ACCEPTED and not report_feb.is_late
    page = text(client_for(operator_a).get(url("report_detail", report_feb.uid)))
    assert "<fieldset disabled" in page and "sudah diterima" in page


def test_return_needs_a_note_and_unlock_needs_a_reason(client_for, operator_a, kepala_a, admin, report_feb, pk_a):
    _fill(report_feb, pk_a, operator_a)
    services.report_submit(report=report_feb, by=operator_a)
    response = client_for(kepala_a).post(url("report_return", report_feb.uid), {"ret-note": ""}, follow=True)
    assert "Tuliskan catatan" in text(response)
    client_for(kepala_a).post(url("report_return", report_feb.uid), {"ret-note": "Periksa data puskesmas"})
    report_feb.refresh_from_db()
    assert report_feb.status == PeriodReport.Status.RETURNED
    assert "Periksa data puskesmas" in text(client_for(operator_a).get(url("report_detail", report_feb.uid)))
    assert client_for(kepala_a).post(url("report_unlock", report_feb.uid), {"unl-reason": "x"}).status_code == 403


def test_indicator_page_shows_capaian_chart_history_and_evidence(
    client_for, operator_a, pimpinan, report_feb, pk_a, unit_a
):
    indicator = indicators_of(pk_a)[0]
    services.realisation_save(report=report_feb, indicator=indicator, value=D(81), by=operator_a)
    response = client_for(pimpinan).get(url("indicator_detail", unit_a.uid, 2025, indicator.lineage))
    body = text(response)
    assert response.status_code == 200
    assert "Tren capaian" in body and "<svg" in body
    assert "Februari 2025" in body and "81" in body
    assert "Operator A" in body  # the change history: who


def test_changed_after_acceptance_is_marked(client_for, operator_a, kepala_a, admin, report_feb, pk_a, unit_a):
    _fill(report_feb, pk_a, operator_a)
    services.report_submit(report=report_feb, by=operator_a)
    services.report_verify(report=report_feb, by=kepala_a)
    services.report_accept(report=report_feb, by=admin)
    services.report_unlock(report=report_feb, by=admin, reason="Koreksi data Dinkes")
    indicator = indicators_of(pk_a)[0]
    services.realisation_save(report=report_feb, indicator=indicator, value=D(88), reason="Data susulan", by=operator_a)
    body = text(client_for(admin).get(url("indicator_detail", unit_a.uid, 2025, indicator.lineage)))
    assert "berubah setelah diterima" in body and "Data susulan" in body


def test_periods_not_started_offer_no_entry_and_are_not_created(client_for, operator_a, unit_a, pk_a):
    client = client_for(operator_a)
    body = text(client.get(url("realisation_home")))
    assert "Belum dimulai" in body  # April 2025 onwards
    assert url("report_open", unit_a.uid, 2025, 4) not in body
    response = client.get(url("report_open", unit_a.uid, 2025, 4))
    assert response.status_code == 200 and "baru dimulai 1 April 2025" in text(response)
    assert not PeriodReport.objects.exists()


def test_save_without_javascript_redirects_back_with_a_message(client_for, operator_a, report_feb, pk_a):
    response = client_for(operator_a).post(
        url("value_save", report_feb.uid, lineage(pk_a)), {"value": "80"}, follow=True
    )
    assert "Tersimpan 10.00." in text(response)
    assert Realisation.objects.get().value == D(80)
