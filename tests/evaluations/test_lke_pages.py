# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE pages per persona: the home, a round (stage badges, units, filters), the worksheet (who sees
which side, read-only with the reason), the htmx answer saves (score panel out of band, an answer
outside the scale, an answer after the stage closed), evidence, and the workflow through the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations import lke_services as s
from evaluations.lke_models import AnswerEvidence, CriterionAnswer, Evaluation
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

pytestmark = pytest.mark.django_db
Status = Evaluation.Status
HX = {"HTTP_HX_REQUEST": "true"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


# --- home and round -------------------------------------------------------------------------


def test_home_lists_rounds_and_my_worksheet(client_for, operator_a, evaluation_a):
    response = client_for(operator_a).get(url("lke_home"))
    assert response.status_code == 200
    body = text(response)
    assert "Evaluasi AKIP Perangkat Daerah Tahun 2025" in body
    assert url("lke_worksheet", evaluation_a.uid) in body
    assert "Putaran baru" not in body


def test_home_offers_new_round_to_managers(client_for, admin, evaluator_lead):
    for user in (admin, evaluator_lead):
        assert "Putaran baru" in text(client_for(user).get(url("lke_home")))


def test_round_detail_shows_stage_badges_and_units(client_for, admin, evaluation_a, unit_b):
    body = text(client_for(admin).get(url("lke_round_detail", evaluation_a.round.uid)))
    assert "Dibuka" in body and "Belum dibuka" in body  # self open on 10 March, the others upcoming
    assert evaluation_a.unit.name in body and unit_b.name in body
    assert "Tim 1" in body


def test_round_detail_filters_and_search(client_for, admin, evaluation_a, unit_b):
    client = client_for(admin)
    body = text(client.get(url("lke_round_detail", evaluation_a.round.uid), {"q": unit_b.name[:6]}))
    assert unit_b.name in body and url("lke_worksheet", evaluation_a.uid) not in body
    body = text(client.get(url("lke_round_detail", evaluation_a.round.uid), {"team": "none"}))
    assert url("lke_worksheet", evaluation_a.uid) not in body


def test_unit_user_sees_only_own_unit_in_round(client_for, operator_a, evaluation_a, unit_b):
    body = text(client_for(operator_a).get(url("lke_round_detail", evaluation_a.round.uid)))
    assert evaluation_a.unit.name in body and unit_b.name not in body
    assert "Buka putaran" not in body and "Tambah tim" not in body


def test_round_detail_query_count_is_pinned(
    client_for, admin, evaluator, pemda, lke_team, evaluation_a, django_assert_max_num_queries
):
    from tests.factories import UnitFactory

    units = [UnitFactory(pemda=pemda, name=f"Unit {i}", code=f"9.{i:02d}") for i in range(8)]
    s.round_open(user=admin, round=evaluation_a.round)  # worksheets for the new units
    s.team_assign(user=admin, team=lke_team, units=units)
    scorer = client_for(evaluator)
    with django_assert_max_num_queries(14):  # 9 worksheets of the evaluator's team
        assert scorer.get(url("lke_round_detail", evaluation_a.round.uid)).status_code == 200
    client = client_for(admin)
    with django_assert_max_num_queries(16):
        assert client.get(url("lke_round_detail", evaluation_a.round.uid)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url("lke_home")).status_code == 200


def test_round_of_other_pemda_is_404(client_for, other_admin, lke_round):
    assert client_for(other_admin).get(url("lke_round_detail", lke_round.uid)).status_code == 404


def test_create_round_through_the_form(client_for, admin, year, lke_template, lke_clock):
    data = {
        "fiscal_year": year.pk,
        "template": lke_template.pk,
        "name": "Evaluasi AKIP 2025",
        "basis": "PermenPAN-RB 88/2021",
        "scope": "Semua perangkat daerah",
        "lhe_number_prefix": "700/",
        "self_start": "2025-03-01",
        "self_end": "2025-03-31",
        "eval_start": "2025-04-01",
        "eval_end": "2025-04-30",
        "review_start": "2025-05-01",
        "review_end": "2025-05-15",
        "response_start": "2025-05-16",
        "response_end": "2025-05-31",
    }
    client = client_for(admin)
    bad = {**data, "self_end": "2025-02-01"}
    response = client.post(url("lke_round_create"), bad)
    assert response.status_code == 200
    assert "tanggal mulai" in text(response)  # the service's message, in Indonesian
    response = client.post(url("lke_round_create"), data)
    assert response.status_code == 302
    response = client.post(url("lke_round_create"), data)
    assert "sudah ada" in text(response)


def test_round_create_is_403_for_operator_and_pimpinan(client_for, operator_a, pimpinan):
    for user in (operator_a, pimpinan):
        assert client_for(user).get(url("lke_round_create")).status_code == 403


# --- the worksheet --------------------------------------------------------------------------


def test_worksheet_for_the_unit_hides_the_evaluator_side(client_for, operator_a, evaluation_a, evaluator):
    c = criterion(evaluation_a, "1.a.1")
    CriterionAnswer.objects.filter(evaluation=evaluation_a, criterion=c).update(note="Catatan rahasia evaluator")
    body = text(client_for(operator_a).get(url("lke_worksheet", evaluation_a.uid)))
    assert "Kriteria 1.a.1" in body
    assert "Catatan rahasia evaluator" not in body
    assert "Ajukan penilaian mandiri" in body
    assert f'id="sa-{c.pk}"' in body and f'id="ea-{c.pk}"' not in body
    assert 'class="lke-side lke-eval"' not in body and ">Evaluator</th>" not in body  # no column, no score


def test_pimpinan_reads_only_published_worksheets(
    client_for, pimpinan, operator_a, evaluator, evaluator_lead, evaluation_a, lke_clock
):
    client = client_for(pimpinan)
    assert client.get(url("lke_worksheet", evaluation_a.uid)).status_code == 404
    answer_all(evaluation_a, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=evaluation_a)
    lke_clock.move_to(at("evaluation"))
    answer_all(evaluation_a, evaluator, "evaluator", "Y")
    s.evaluation_submit_review(user=evaluator, evaluation=evaluation_a)
    lke_clock.move_to(at("review"))
    s.evaluation_publish(user=evaluator_lead, evaluation=evaluation_a)
    body = text(client_for(pimpinan).get(url("lke_worksheet", evaluation_a.uid)))
    assert ">Evaluator</th>" in body and "Unduh LHE (PDF)" in body
    assert 'name="answer"' not in body and "Langkah berikutnya" not in body  # read-only


def test_worksheet_is_404_for_other_unit_and_other_pemda(client_for, operator_b, other_admin, evaluation_a):
    for user in (operator_b, other_admin):
        assert client_for(user).get(url("lke_worksheet", evaluation_a.uid)).status_code == 404


def test_unassigned_evaluator_gets_404(client_for, pemda, lke_round, unit_b):
    from sakip.core.models import RoleAssignment
    from tests.conftest import _user

    stranger = _user(pemda, "evaluator_lain", RoleAssignment.Role.EVALUATOR)
    ev_b = Evaluation.objects.get(round=lke_round, unit=unit_b)
    assert client_for(stranger).get(url("lke_worksheet", ev_b.uid)).status_code == 404


def test_worksheet_query_count_is_pinned(
    client_for, operator_a, evaluator, evaluation_a, django_assert_max_num_queries
):
    answer_all(evaluation_a, operator_a, "self", "Y")
    for c in criterion(evaluation_a, "1.a.1"), criterion(evaluation_a, "2.a.1"):
        answer = CriterionAnswer.objects.get(evaluation=evaluation_a, criterion=c)
        s.evidence_add(user=operator_a, answer=answer, kind="link", url="https://contoh.go.id/" + c.code)
    for user in (operator_a, evaluator):  # 80 criteria, evidence on two: the same number of queries
        client = client_for(user)
        with django_assert_max_num_queries(22):
            assert client.get(url("lke_worksheet", evaluation_a.uid)).status_code == 200


def test_self_answer_saves_and_updates_the_score_panel(client_for, operator_a, evaluation_a):
    c = criterion(evaluation_a, "1.a.1")
    response = client_for(operator_a).post(
        url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "Y", "note": "Renstra ada"}, **HX
    )
    assert response.status_code == 200
    body = text(response)
    assert "Tersimpan" in body and 'id="lke-score"' in body and 'hx-swap-oob="true"' in body
    row = CriterionAnswer.objects.get(evaluation=evaluation_a, criterion=c)
    assert (row.self_answer, row.self_note) == ("Y", "Renstra ada")


def test_answer_outside_the_scale_is_refused_with_message(client_for, operator_a, evaluation_a):
    c = criterion(evaluation_a, "1.a.1")
    response = client_for(operator_a).post(url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "Q"}, **HX)
    assert response.status_code == 200
    assert "di luar skala" in text(response)
    assert CriterionAnswer.objects.get(evaluation=evaluation_a, criterion=c).self_answer == ""


def test_answer_after_the_stage_closed_is_refused(client_for, operator_a, evaluation_a, lke_clock):
    lke_clock.move_to(at("evaluation"))
    c = criterion(evaluation_a, "1.a.1")
    client = client_for(operator_a)
    page = text(client.get(url("lke_worksheet", evaluation_a.uid)))
    assert "Hanya baca." in page and "31 Maret 2025" in page
    assert f'id="sa-{c.pk}"' not in page  # no form, the answer is shown as text
    response = client.post(url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "Y"}, **HX)
    assert response.status_code == 200
    assert "ditutup" in text(response) and "31 Maret 2025" in text(response)
    assert CriterionAnswer.objects.get(evaluation=evaluation_a, criterion=c).self_answer == ""


def test_answer_without_htmx_redirects_with_message(client_for, operator_a, evaluation_a):
    c = criterion(evaluation_a, "1.a.2")
    client = client_for(operator_a)
    response = client.post(url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "T"}, follow=True)
    assert "Jawaban kriteria 1.a.2 tersimpan." in text(response)


def test_read_only_users_get_403_on_writes(client_for, pimpinan, evaluator, operator_a, evaluation_a):
    c = criterion(evaluation_a, "1.a.1")
    assert (
        client_for(evaluator).post(url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "Y"}).status_code == 403
    )
    assert (
        client_for(operator_a).post(url("lke_answer_evaluator", evaluation_a.uid, c.pk), {"answer": "Y"}).status_code
        == 403
    )
    # pimpinan does not even see an unpublished worksheet
    assert client_for(pimpinan).post(url("lke_answer_self", evaluation_a.uid, c.pk), {"answer": "Y"}).status_code == 404


def test_evidence_upload_link_and_delete(client_for, operator_a, evaluation_a):
    c = criterion(evaluation_a, "1.a.1")
    client = client_for(operator_a)
    upload = SimpleUploadedFile("renstra.pdf", PDF, content_type="application/pdf")
    response = client.post(url("lke_evidence_add", evaluation_a.uid, c.pk), {"kind": "file", "file": upload}, **HX)
    assert response.status_code == 200 and "renstra.pdf" in text(response)
    response = client.post(
        url("lke_evidence_add", evaluation_a.uid, c.pk), {"kind": "link", "url": "https://contoh.go.id/renstra"}, **HX
    )
    assert "contoh.go.id" in text(response)
    evidence = AnswerEvidence.objects.filter(answer__evaluation=evaluation_a).order_by("created_at")
    assert evidence.count() == 2
    download = client.get(url("lke_evidence_download", evidence[0].uid))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    response = client.post(url("lke_evidence_delete", evidence[0].uid), **HX)
    assert response.status_code == 200 and evidence.count() == 1
    missing = client.post(url("lke_evidence_add", evaluation_a.uid, c.pk), {"kind": "file"}, **HX)
    assert "Pilih berkas bukti" in text(missing)


# --- the workflow through the pages ---------------------------------------------------------


def test_workflow_through_the_pages(client_for, operator_a, evaluator, evaluator_lead, evaluation_a, lke_clock):
    ev = evaluation_a
    unit = client_for(operator_a)
    answer_all(ev, operator_a, "self", "Y")
    response = unit.post(url("lke_self_submit", ev.uid), follow=True)
    assert "Penilaian mandiri diajukan" in text(response)
    assert fresh(ev).status == Status.EVALUATING

    lke_clock.move_to(at("evaluation"))  # sessions expire over weeks: sign in again after each jump
    scorer = client_for(evaluator)
    c = criterion(ev, "1.a.1")
    response = scorer.get(url("lke_worksheet", ev.uid))
    assert response.status_code == 200, response
    page = text(response)
    assert f'id="ea-{c.pk}"' in page and "Ajukan untuk reviu" in page
    answer_all(ev, evaluator, "evaluator", "Y")
    response = scorer.post(
        url("lke_answer_evaluator", ev.uid, c.pk),
        {"answer": "T", "note": "Renstra belum ditetapkan", "recommendation": "Agar menetapkan Renstra."},
        **HX,
    )
    assert "Tersimpan" in text(response)
    s.component_note_set(
        user=evaluator, evaluation=fresh(ev), component=c.subcomponent.component, note="Perlu Renstra."
    )
    response = scorer.post(url("lke_submit_review", ev.uid), follow=True)
    assert "diajukan kepada ketua tim" in text(response)

    lke_clock.move_to(at("review"))
    lead = client_for(evaluator_lead)
    response = lead.post(url("lke_return", ev.uid), {"ret-note": ""}, follow=True)
    assert "Tulis catatan" in text(response) and fresh(ev).status == Status.REVIEW
    response = lead.post(url("lke_publish", ev.uid), {"pub-lhe_date": "2025-05-05"}, follow=True)
    assert "Hasil evaluasi diterbitkan" in text(response)
    ev = fresh(ev)
    assert ev.status == Status.PUBLISHED and ev.score is not None

    unit = client_for(operator_a)
    page = text(unit.get(url("lke_worksheet", ev.uid)))
    assert "Renstra belum ditetapkan" in page and "Unduh LHE (PDF)" in page

    lke_clock.move_to(at("response"))
    unit, scorer = client_for(operator_a), client_for(evaluator)
    response = unit.post(url("lke_respond", ev.uid), {"rsp-text": "Renstra sudah ditetapkan Maret."}, follow=True)
    assert "Tanggapan unit dikirim" in text(response)
    response = scorer.post(
        url("lke_resolve", ev.uid), {"res-outcome": "kept", "res-note": "Penetapan setelah periode."}, follow=True
    )
    assert "Jawaban atas tanggapan" in text(response)
    assert fresh(ev).status in (Status.FINAL, Status.RESPONDED)


def test_submit_is_refused_with_message_when_unanswered(client_for, operator_a, evaluation_a):
    response = client_for(operator_a).post(url("lke_self_submit", evaluation_a.uid), follow=True)
    assert fresh(evaluation_a).status == Status.SELF
    assert "alert-error" in text(response)


def test_history_page_shows_changes(client_for, operator_a, evaluation_a):
    answer_all(evaluation_a, operator_a, "self", "Y")
    response = client_for(operator_a).get(url("lke_history", evaluation_a.uid))
    assert response.status_code == 200
    assert "4.c.5" in text(response) and "Nilai total" in text(response)  # newest first
    assert "Berikutnya" in text(response)  # 160 changes: paginated
