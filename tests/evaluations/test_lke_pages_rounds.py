# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE pages, second part: editing and opening a round, teams (create, assign units, delete),
linking the unit's PK as evidence, qualifiers and component notes, the evaluator's read-only
reason, and another Pemda's team or evidence (404)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations import lke_services as s
from evaluations.lke_models import AnswerEvidence, ComponentNote, Evaluation, EvaluationRound, SubComponentQualifier
from tests.evaluations.lke_factories import (  # noqa: F401
    WINDOWS,
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
from tests.evaluations.realisation_factories import signed_pk

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft_round(year, lke_template, admin, lke_clock):
    return s.round_create(user=admin, fiscal_year=year, template=lke_template, name="Draf 2025", windows=WINDOWS)


def test_edit_round_windows_and_texts(client_for, admin, draft_round):
    client = client_for(admin)
    page = client.get(url("lke_round_edit", draft_round.uid))
    assert page.status_code == 200 and 'value="2025-03-31"' in text(page)
    data = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in page.context["form"].initial.items()}
    data.update({"name": "Evaluasi AKIP 2025 (ubah)", "template": draft_round.template_id, "self_end": "2025-02-01"})
    response = client.post(url("lke_round_edit", draft_round.uid), data)
    assert response.status_code == 200  # the self window ends before it starts
    assert "setelah tanggal selesai" in text(response)
    data["self_end"] = "2025-03-25"
    assert client.post(url("lke_round_edit", draft_round.uid), data).status_code == 302
    draft_round.refresh_from_db()
    assert (draft_round.name, str(draft_round.self_end)) == ("Evaluasi AKIP 2025 (ubah)", "2025-03-25")


def test_draft_round_is_hidden_from_unit_users_and_opened_by_admin(client_for, admin, operator_a, draft_round, unit_a):
    assert client_for(operator_a).get(url("lke_round_detail", draft_round.uid)).status_code == 404
    client = client_for(admin)
    assert "Putaran belum dibuka" in text(client.get(url("lke_round_detail", draft_round.uid)))
    response = client.post(url("lke_round_open", draft_round.uid), follow=True)
    assert "lembar kerja unit disiapkan" in text(response)
    assert Evaluation.objects.filter(round=draft_round, unit=unit_a).exists()
    response = client.post(url("lke_round_close", draft_round.uid), follow=True)
    assert "belum final" in text(response)  # refused with the service's message
    assert EvaluationRound.objects.get(pk=draft_round.pk).status == EvaluationRound.Status.OPEN


def test_operator_cannot_open_a_round(client_for, operator_a, lke_round):
    assert client_for(operator_a).post(url("lke_round_open", lke_round.uid)).status_code == 403


def test_team_create_assign_and_delete(client_for, admin, evaluator, evaluator_lead, lke_round, unit_b):
    client = client_for(admin)
    page = client.get(url("lke_team_create", lke_round.uid))
    assert page.status_code == 200 and unit_b.name in text(page)
    data = {"name": "Tim 2", "lead": evaluator_lead.pk, "members": [evaluator.pk], "units": [unit_b.pk]}
    assert client.post(url("lke_team_create", lke_round.uid), data).status_code == 302
    ev_b = Evaluation.objects.select_related("team").get(round=lke_round, unit=unit_b)
    assert ev_b.team.name == "Tim 2" and list(ev_b.team.members.all()) == [evaluator]
    duplicate = client.post(url("lke_team_create", lke_round.uid), {**data, "units": []})
    assert "sudah dipakai" in text(duplicate)
    edit = client.get(url("lke_team_edit", ev_b.team.uid))
    assert edit.status_code == 200 and "Hapus tim" in text(edit)
    response = client.post(url("lke_team_delete", ev_b.team.uid), follow=True)
    assert "Tim 2 dihapus" in text(response)
    assert Evaluation.objects.get(pk=ev_b.pk).team is None


def test_team_lead_must_be_an_evaluator(client_for, admin, operator_a, lke_round):
    response = client_for(admin).post(url("lke_team_create", lke_round.uid), {"name": "Tim X", "lead": operator_a.pk})
    assert response.status_code == 200 and "Pilih" in text(response)  # not among the choices


def test_other_pemda_team_and_evidence_are_404(client_for, other_admin, lke_team, operator_a, evaluation_a):
    answer = evaluation_a.answers.first()
    ev = s.evidence_add(user=operator_a, answer=answer, kind="link", url="https://contoh.go.id/a")
    client = client_for(other_admin)
    assert client.get(url("lke_team_edit", lke_team.uid)).status_code == 404
    assert client.get(url("lke_evidence_download", ev.uid)).status_code == 404


def test_link_the_units_pk_as_evidence(client_for, operator_a, evaluation_a, year, unit_a):
    pk = signed_pk(year, unit_a, count=1)
    c = criterion(evaluation_a, "1.a.4")
    client = client_for(operator_a)
    page = text(client.get(url("lke_worksheet", evaluation_a.uid)))
    assert "PK di portal" in page and str(pk.uid) in page
    response = client.post(
        url("lke_evidence_add", evaluation_a.uid, c.pk), {"kind": "agreement", "agreement": pk.uid}, **HX
    )
    assert "Perjanjian Kinerja 2025" in text(response)
    link = AnswerEvidence.objects.get(answer__criterion=c, answer__evaluation=evaluation_a)
    assert link.agreement_id == pk.pk
    download = client.get(url("lke_evidence_download", link.uid))
    assert download.status_code == 302 and download.url == reverse("agreements:pk_detail", args=[pk.uid])


def test_a_pk_of_another_unit_cannot_be_linked(client_for, operator_a, evaluation_a, year, unit_b):
    other = signed_pk(year, unit_b, count=1)
    c = criterion(evaluation_a, "1.a.4")
    response = client_for(operator_a).post(
        url("lke_evidence_add", evaluation_a.uid, c.pk), {"kind": "agreement", "agreement": other.uid}, **HX
    )
    assert "bukan milik unit ini" in text(response)
    assert not AnswerEvidence.objects.filter(answer__evaluation=evaluation_a).exists()


def _evaluating(ev, operator_a, lke_clock):
    answer_all(ev, operator_a, "self", "Y")
    s.evaluation_self_submit(user=operator_a, evaluation=ev)
    lke_clock.move_to(at("evaluation"))
    return fresh(ev)


def test_qualifier_and_component_note(client_for, operator_a, evaluator, evaluation_a, lke_clock):
    ev = _evaluating(evaluation_a, operator_a, lke_clock)
    answer_all(ev, evaluator, "evaluator", "Y")
    c = criterion(ev, "1.a.1")
    client = client_for(evaluator)
    response = client.post(url("lke_qualifier_save", ev.uid, c.subcomponent_id), {"years_kept": "2"}, **HX)
    assert response.status_code == 200 and "Tersimpan" in text(response) and 'id="lke-score"' in text(response)
    assert SubComponentQualifier.objects.get(evaluation=ev, subcomponent=c.subcomponent).years_kept == 2
    assert fresh(ev).score == Decimal("80.60")  # 1.a kept a year: A (90 %) instead of BB (80 %)
    component = c.subcomponent.component
    response = client.post(url("lke_component_note", ev.uid, component.pk), {"note": "Renstra belum diperbarui."}, **HX)
    assert "Tersimpan" in text(response)
    assert ComponentNote.objects.get(evaluation=ev, component=component).note == "Renstra belum diperbarui."


def test_qualifier_for_a_subcomponent_of_another_template_is_404(
    client_for, evaluator, operator_a, evaluation_a, lke_clock
):
    ev = _evaluating(evaluation_a, operator_a, lke_clock)
    assert client_for(evaluator).post(url("lke_qualifier_save", ev.uid, 999999), {"years_kept": "1"}).status_code == 404


def test_evaluator_sees_why_the_worksheet_is_read_only(client_for, operator_a, evaluator, evaluation_a, lke_clock):
    _evaluating(evaluation_a, operator_a, lke_clock)
    lke_clock.move_to(at("review", day=10))  # the evaluation window closed on 30 April
    body = text(client_for(evaluator).get(url("lke_worksheet", evaluation_a.uid)))
    assert "Hanya baca." in body and "30 April 2025" in body
    assert "Ajukan untuk reviu" not in body
