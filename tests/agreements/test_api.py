"""PK API: scoping (404/403), writes through the services, workflow endpoints, pinned query counts."""

import pytest

from agreements import services
from agreements.models import Agreement, Indicator

pytestmark = pytest.mark.django_db

API = "/api/v1"


def pk_url(pk, action=""):
    return f"{API}/pk/{pk.uid}/" + (f"{action}/" if action else "")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("operator_a", 200),
        ("kepala_a", 200),
        ("admin", 200),
        ("evaluator", 200),
        ("pimpinan", 200),
        ("operator_b", 404),
        ("other_admin", 404),
    ],
)
def test_who_sees_unit_a_draft(draft_a, personas, client_for, persona, expected):
    assert client_for(personas[persona]).get(pk_url(draft_a)).status_code == expected


def test_operator_b_sees_signed_pk_of_unit_a_but_cannot_write(signed_a, operator_b, client_for):
    client = client_for(operator_b)
    assert client.get(pk_url(signed_a)).status_code == 200
    ind = Indicator.objects.filter(sasaran__agreement=signed_a).first()
    assert (
        client.patch(f"{API}/pk-indicators/{ind.uid}/", {"target": 1}, content_type="application/json").status_code
        == 403
    )


def test_operator_b_cannot_see_unit_a_draft_content(draft_a, operator_b, client_for):
    client = client_for(operator_b)
    ind = Indicator.objects.filter(sasaran__agreement=draft_a).first()
    assert client.get(f"{API}/pk-indicators/{ind.uid}/").status_code == 404
    assert client.get(f"{API}/pk-indicators/", {"pk": str(draft_a.uid)}).json()["count"] == 0
    response = client.post(
        f"{API}/pk-sasaran/", {"agreement": str(draft_a.uid), "name": "X"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_read_only_user_write_is_403(draft_a, evaluator, pimpinan, client_for):
    for user in (evaluator, pimpinan):
        client = client_for(user)
        response = client.post(
            f"{API}/pk-sasaran/", {"agreement": str(draft_a.uid), "name": "X"}, content_type="application/json"
        )
        assert response.status_code == 403
        assert client.post(pk_url(draft_a, "submit")).status_code == 403


def test_pimpinan_reads_all(draft_a, pimpinan, client_for):
    data = client_for(pimpinan).get(f"{API}/pk/", {"year": 2025}).json()
    assert [row["uid"] for row in data["results"]] == [str(draft_a.uid)]


def test_detail_shows_content(draft_a, operator_a, client_for):
    data = client_for(operator_a).get(pk_url(draft_a)).json()
    assert data["status"] == "draft" and data["budget_total"] == "1250000000.00"
    indicators = data["sasaran"][0]["indicators"]
    stunting = next(i for i in indicators if i["name"] == "Prevalensi stunting")
    assert [t["value"] for t in stunting["targets"] if t["kind"] == "quarter"] == [
        "17.0000",
        "16.0000",
        "15.2000",
        "14.5000",
    ]


def test_create_indicator_with_targets_via_api(draft_a, operator_a, client_for):
    sasaran = draft_a.sasaran.get()
    payload = {
        "sasaran": str(sasaran.uid),
        "name": "Cakupan pelayanan kesehatan dasar",
        "satuan": "%",
        "period_rule": "last",
        "target": "95,5",
        "quarter_targets": ["80", "85", "90", "95,5"],
    }
    response = client_for(operator_a).post(f"{API}/pk-indicators/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["target"] == "95.5000"


def test_bad_input_via_api_is_refused_in_indonesian(draft_a, operator_a, client_for):
    client = client_for(operator_a)
    sasaran = draft_a.sasaran.get()
    base = {"sasaran": str(sasaran.uid), "name": "Cakupan imunisasi", "satuan": "%", "period_rule": "cumulative"}
    response = client.post(f"{API}/pk-indicators/", {**base, "target": "seratus"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"target": ["Bukan angka: seratus"]}
    response = client.post(
        f"{API}/pk-indicators/",
        {**base, "target": 100, "quarter_targets": [25, 25, 25, 20]},
        content_type="application/json",
    )
    assert response.json()["tw4"] == ["Jumlah target TW I–IV (95) harus sama dengan target tahunan (100)."]
    response = client.post(
        f"{API}/pk-indicators/", {**base, "name": "prevalensi STUNTING"}, content_type="application/json"
    )
    assert "sudah ada pada sasaran ini" in response.json()["name"][0]
    assert Indicator.objects.filter(sasaran=sasaran).count() == 2


def test_edit_of_signed_pk_via_api_is_refused(signed_a, operator_a, client_for):
    client = client_for(operator_a)
    ind = Indicator.objects.filter(sasaran__agreement=signed_a).first()
    response = client.patch(f"{API}/pk-indicators/{ind.uid}/", {"target": 1}, content_type="application/json")
    assert response.status_code == 400
    assert "PK yang sudah ditandatangani tidak dapat diubah" in response.json()["non_field_errors"][0]
    assert client.delete(f"{API}/pk-indicators/{ind.uid}/").status_code == 400
    assert Indicator.objects.filter(pk=ind.pk).exists()


def test_workflow_endpoints(draft_a, operator_a, kepala_a, pimpinan, client_for):
    op, kepala, bupati = client_for(operator_a), client_for(kepala_a), client_for(pimpinan)
    assert op.post(pk_url(draft_a, "approve")).status_code == 403
    assert op.post(pk_url(draft_a, "submit")).json()["status"] == "submitted"
    assert op.post(pk_url(draft_a, "submit")).status_code == 400
    assert kepala.post(pk_url(draft_a, "return"), {"note": ""}, content_type="application/json").status_code == 400
    assert (
        kepala.post(pk_url(draft_a, "return"), {"note": "Perbaiki"}, content_type="application/json").json()[
            "return_note"
        ]
        == "Perbaiki"
    )
    op.post(pk_url(draft_a, "submit"))
    assert (
        bupati.post(pk_url(draft_a, "sign"), {"signed_on": "2025-01-20"}, content_type="application/json").status_code
        == 400
    )
    assert kepala.post(pk_url(draft_a, "approve")).json()["status"] == "approved"
    signed = bupati.post(pk_url(draft_a, "sign"), {"signed_on": "2025-01-20"}, content_type="application/json").json()
    assert signed["status"] == "signed" and signed["signatories"]["pihak_pertama"]["nip"] == "197001011998031001"
    response = op.post(
        pk_url(draft_a, "revise"),
        {"revision_reason": "budget", "revision_note": "APBD-P", "effective_date": "2025-09-01"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["version"] == 2
    assert response.json()["previous"] == str(draft_a.uid)


def test_create_pk_via_api(year, unit_a, operator_a, operator_b, client_for):
    payload = {"year": 2025, "unit": str(unit_a.uid)}
    assert client_for(operator_b).post(f"{API}/pk/", payload, content_type="application/json").status_code == 403
    response = client_for(operator_a).post(f"{API}/pk/", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["version"] == 1
    again = client_for(operator_a).post(f"{API}/pk/", payload, content_type="application/json")
    assert again.status_code == 400 and "sudah ada" in again.json()["non_field_errors"][0]


def test_overview_lists_every_unit_with_status(draft_a, unit_b, admin, client_for):
    data = client_for(admin).get(f"{API}/pk/overview/", {"year": 2025}).json()
    assert {row["unit"]["name"]: row["status"] for row in data["units"]} == {
        "Dinas Kesehatan": "draft",
        "Kecamatan Astambul": "missing",
    }
    assert data["pemda"]["status"] == "missing"


def _many_pks(year, pemda, admin, n=6):
    from tests.factories import UnitFactory, UnitHeadFactory

    for i in range(n):
        unit = UnitFactory(pemda=pemda, code=f"9.{i:02d}")
        UnitHeadFactory(unit=unit)
        user = admin
        from sakip.core import services as core_services

        core_services.role_assign(user=user, role="operator", unit=unit)
        user._sakip_roles = None
        del user._sakip_roles
        pk = services.agreement_create(fiscal_year=year, unit=unit, by=user)
        services.sasaran_create(agreement=pk, name="Sasaran", by=user)


@pytest.mark.parametrize("count", [1, 6])
def test_list_query_count_is_pinned(year, pemda, admin, pimpinan, client_for, django_assert_max_num_queries, count):
    _many_pks(year, pemda, admin, count)
    client = client_for(pimpinan)
    with django_assert_max_num_queries(8):  # session, user, roles, count, page, session save (3)
        response = client.get(f"{API}/pk/", {"year": 2025})
    assert response.json()["count"] == count


def test_detail_query_count_is_pinned(draft_a, operator_a, client_for, django_assert_max_num_queries):
    client = client_for(operator_a)
    with django_assert_max_num_queries(14):
        assert client.get(pk_url(draft_a)).status_code == 200


def test_other_pemda_gets_404_on_items(draft_a, other_admin, client_for):
    client = client_for(other_admin)
    assert client.get(f"{API}/pk-sasaran/{draft_a.sasaran.get().uid}/").status_code == 404
    assert client.get(f"{API}/pk-programs/{draft_a.programs.get().uid}/").status_code == 404
    assert client.post(pk_url(draft_a, "submit")).status_code == 404


def test_anonymous_is_refused(draft_a, client_for):
    assert client_for(None).get(f"{API}/pk/").status_code in (401, 403)


def test_program_via_api(draft_a, operator_a, client_for):
    client = client_for(operator_a)
    parent = draft_a.programs.get()
    response = client.post(
        f"{API}/pk-programs/",
        {
            "agreement": str(draft_a.uid),
            "parent": str(parent.uid),
            "code": "1.02.02.2.01",
            "name": "Kegiatan",
            "level": "kegiatan",
            "budget": "500.000.000",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["budget"] == "500000000.00"
    assert Agreement.objects.get(pk=draft_a.pk).programs.count() == 2


def test_schema_is_valid():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
