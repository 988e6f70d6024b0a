"""PK pages per persona: visibility (404), read-only writes (403), the list, detail and workflow actions."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def url(name, *args, **query):
    path = reverse(f"agreements:{name}", args=args)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def text(response) -> str:
    return response.content.decode()


# --- visibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["pk_detail", "pk_edit", "pk_pdf", "pk_versions"])
def test_operator_of_unit_b_cannot_see_unit_a_draft(client_for, draft_a, operator_b, name):
    assert client_for(operator_b).get(url(name, draft_a.uid)).status_code == 404


def test_operator_of_unit_b_reads_unit_a_signed_pk_but_cannot_edit_it(client_for, signed_a, operator_b):
    client = client_for(operator_b)
    assert client.get(url("pk_detail", signed_a.uid)).status_code == 200
    assert client.get(url("pk_edit", signed_a.uid)).status_code == 403


@pytest.mark.parametrize("persona", ["pimpinan", "admin", "evaluator"])
def test_pemda_wide_readers_see_every_draft(client_for, draft_a, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(url("pk_detail", draft_a.uid))
    assert response.status_code == 200
    assert "Prevalensi stunting" in text(response)


def test_other_pemda_gets_404(client_for, draft_a, other_admin):
    client = client_for(other_admin)
    for name in ("pk_detail", "pk_pdf", "pk_edit", "pk_versions", "pk_compare"):
        assert client.get(url(name, draft_a.uid)).status_code == 404, name


def test_malformed_or_unknown_uid_is_404(client_for, draft_a, pimpinan):
    client = client_for(pimpinan)
    sasaran = draft_a.sasaran.get()
    assert client.get(url("sasaran_row", draft_a.uid, "00000000-0000-0000-0000-000000000000")).status_code == 403
    assert client_for(draft_a.events.first().actor).get(url("sasaran_row", draft_a.uid, draft_a.uid)).status_code == 404
    assert client.get(f"/pk/{sasaran.uid}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("evaluator", "pk_submit"),
        ("pimpinan", "pk_submit"),
        ("operator_a", "pk_approve"),
        ("evaluator", "pk_sign"),
        ("kepala_a", "pk_sign"),
        ("pimpinan", "sasaran_new"),
        ("admin", "program_new"),
        ("evaluator", "pk_import"),
    ],
)
def test_read_only_user_attempting_a_write_gets_403(client_for, draft_a, persona, name, request):
    response = client_for(request.getfixturevalue(persona)).post(url(name, draft_a.uid), {"x": "1"})
    assert response.status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.status == "draft"


def test_anonymous_is_sent_to_login(client, draft_a):
    response = client.get(url("pk_detail", draft_a.uid))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


# --- list -----------------------------------------------------------------------------------


def test_list_shows_every_active_unit_with_status_counts_and_late_flag(client_for, signed_a, unit_b, pimpinan):
    UnitFactory(pemda=unit_b.pemda, name="Dinas Nonaktif", code="9.99", is_active=False)
    response = client_for(pimpinan).get(url("pk_list", tahun=2025))
    page = text(response)
    overview = response.context["overview"]
    assert overview.total == 2  # the inactive unit is not listed
    assert overview.counts["signed"] == 1 and overview.counts["missing"] == 1
    rows = {r.unit.name: r for r in overview.rows}
    assert rows["Dinas Kesehatan"].late is False  # signed 20 January, deadline 31 January
    assert rows["Kecamatan Astambul"].late is True  # nothing signed and the deadline has passed
    assert "Dinas Nonaktif" not in page
    assert "31 Januari 2025" in page  # the deadline is shown
    assert "Terlambat" in page


def test_list_late_signature_is_flagged(client_for, approved_a, admin, pimpinan):
    services.agreement_sign(agreement=approved_a, by=admin, signed_on=dt.date(2025, 2, 14))
    overview = client_for(pimpinan).get(url("pk_list", tahun=2025, status="late")).context["overview"]
    assert [r.unit.name for r in overview.rows] == ["Dinas Kesehatan"]


def test_list_filters_by_status_category_and_search(client_for, draft_a, unit_b, pimpinan):
    client = client_for(pimpinan)
    assert [r.unit.code for r in client.get(url("pk_list", status="draft")).context["page"]] == ["1.02.01"]
    assert [r.unit.code for r in client.get(url("pk_list", kategori="kecamatan")).context["page"]] == ["7.01.02"]
    assert [r.unit.code for r in client.get(url("pk_list", q="astambul")).context["page"]] == ["7.01.02"]
    empty = client.get(url("pk_list", q="tidak-ada"))
    assert "Tidak ada unit yang cocok" in text(empty)


def test_operator_sees_own_unit_first_with_create_button_but_no_link_to_other_drafts(
    client_for, year, draft_a, unit_b, operator_b
):
    response = client_for(operator_b).get(url("pk_list"))
    rows = list(response.context["page"])
    assert rows[0].unit == unit_b and rows[0].is_own
    assert rows[1].link is None  # unit A's draft is not offered to unit B
    page = text(response)
    assert "Unit Anda" in page and "Mulai susun PK" in page
    assert str(draft_a.uid) not in page


def test_list_without_years_explains_the_next_step(client_for, pemda, pimpinan):
    assert "Belum ada tahun anggaran" in text(client_for(pimpinan).get(url("pk_list")))


def test_pemda_pk_is_on_top_and_admin_can_start_it(client_for, year, admin):
    client = client_for(admin)
    assert "Mulai PK Pemda" in text(client.get(url("pk_list")))
    response = client.post(url("pk_create"), {"year": 2025, "unit": "pemda"})
    pk = Agreement.objects.get(unit__isnull=True)
    assert response.status_code == 302 and response["Location"] == url("pk_edit", pk.uid)


def test_operator_starts_pk_of_own_unit_only(client_for, year, unit_a, unit_b, operator_a):
    client = client_for(operator_a)
    assert client.post(url("pk_create"), {"year": 2025, "unit": str(unit_a.uid)}).status_code == 302
    assert Agreement.objects.filter(unit=unit_a).count() == 1
    assert client.post(url("pk_create"), {"year": 2025, "unit": str(unit_b.uid)}).status_code == 403
    again = client.post(url("pk_create"), {"year": 2025, "unit": str(unit_a.uid)}, follow=True)
    assert "sudah ada" in text(again)


def test_list_query_count_does_not_grow_with_units(client_for, year, pemda, pimpinan, django_assert_max_num_queries):
    client = client_for(pimpinan)
    for n in range(3):
        UnitFactory(pemda=pemda, code=f"2.{n:02d}")
    with django_assert_max_num_queries(12):
        assert client.get(url("pk_list")).status_code == 200
    for n in range(40):
        UnitFactory(pemda=pemda, code=f"3.{n:02d}")
    with django_assert_max_num_queries(12):
        response = client.get(url("pk_list"))
    assert response.context["overview"].total == 43


# --- detail and workflow ----------------------------------------------------------------------


def test_detail_shows_targets_programs_total_history_and_actions(client_for, draft_a, operator_a):
    page = text(client_for(operator_a).get(url("pk_detail", draft_a.uid)))
    for expected in ("Prevalensi stunting", "14,5", "15,2", "Rp 1.250.000.000", "Dibuat", "Ajukan untuk persetujuan"):
        assert expected in page
    assert "Catat penandatanganan" not in page


def test_workflow_through_the_pages(client_for, draft_a, operator_a, kepala_a, pimpinan):
    response = client_for(operator_a).post(url("pk_submit", draft_a.uid), follow=True)
    assert "PK diajukan" in text(response)
    response = client_for(kepala_a).post(url("pk_approve", draft_a.uid), follow=True)
    assert "PK disetujui" in text(response)
    signer = client_for(pimpinan)
    assert "Catat penandatanganan" in text(signer.get(url("pk_detail", draft_a.uid)))
    data = {"sign-signed_on": "2025-01-20", "sign-place": "Martapura"}
    response = signer.post(url("pk_sign", draft_a.uid), data, follow=True)
    assert "Penandatanganan PK dicatat" in text(response)
    draft_a.refresh_from_db()
    assert draft_a.status == "signed" and draft_a.signed_on == dt.date(2025, 1, 20)


def test_return_needs_a_note(client_for, submitted_a, kepala_a):
    client = client_for(kepala_a)
    response = client.post(url("pk_return", submitted_a.uid), {"ret-note": ""}, follow=True)
    assert "Tuliskan catatan" in text(response)
    response = client.post(url("pk_return", submitted_a.uid), {"ret-note": "Target TW II terlalu rendah"}, follow=True)
    submitted_a.refresh_from_db()
    assert submitted_a.status == "draft"
    assert "Target TW II terlalu rendah" in text(response)


def test_submit_refusal_lists_the_problems(client_for, year, unit_a, operator_a):
    pk = services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)
    response = client_for(operator_a).post(url("pk_submit", pk.uid), follow=True)
    assert "belum memiliki sasaran" in text(response)


def test_revision_banner_versions_and_comparison(client_for, signed_a, operator_a, pimpinan):
    client = client_for(operator_a)
    data = {"rev-reason": "budget", "rev-note": "APBD Perubahan", "rev-effective_date": "2025-09-01"}
    response = client.post(url("pk_revise", signed_a.uid), data)
    revision = Agreement.objects.get(version=2)
    assert response["Location"] == url("pk_edit", revision.uid)
    indicator = revision.sasaran.get().indicators.get(name="Prevalensi stunting")
    services.indicator_update(
        indicator=indicator, data={"target": "14"}, quarter_targets=[17, 16, 15, 14], by=operator_a
    )
    services.program_create(
        agreement=revision, data={"code": "1.02.03", "name": "Program Baru", "budget": 5_000_000}, by=operator_a
    )
    old_page = text(client_for(pimpinan).get(url("pk_detail", signed_a.uid)))
    assert "Versi lama" not in old_page and "Versi yang berlaku." in old_page and str(revision.uid) in old_page
    compare = client_for(pimpinan).get(url("pk_compare", revision.uid))
    page = text(compare)
    assert compare.status_code == 200
    counts = compare.context["comparison"].counts
    assert counts["changed"] == 1 and counts["added"] == 1
    assert '<span class="diff-old">14,5</span>' in page and '<span class="diff-new">14</span>' in page
    assert "Program Baru" in page


def test_old_version_shows_banner_to_version_in_force(client_for, signed_a, operator_a, kepala_a, pimpinan):
    revision = services.agreement_revise(
        agreement=signed_a, by=operator_a, reason="official", effective_date=dt.date(2025, 6, 1)
    )
    services.agreement_submit(agreement=revision, by=operator_a)
    services.agreement_approve(agreement=revision, by=kepala_a)
    services.agreement_sign(agreement=revision, by=pimpinan, signed_on=dt.date(2025, 6, 1))
    page = text(client_for(pimpinan).get(url("pk_detail", signed_a.uid)))
    assert "Versi lama." in page and "Lihat versi yang berlaku" in page and str(revision.uid) in page


def test_detail_query_count_does_not_grow_with_indicators(
    client_for, draft_a, operator_a, django_assert_max_num_queries
):
    client = client_for(operator_a)
    with django_assert_max_num_queries(25) as small:
        client.get(url("pk_detail", draft_a.uid))
    sasaran = draft_a.sasaran.get()
    for n in range(10):
        services.indicator_create(
            sasaran=sasaran, data={"name": f"Indikator {n}", "satuan": "%", "target": 5}, by=operator_a
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("pk_detail", draft_a.uid))
