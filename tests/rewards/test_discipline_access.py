# ruff: noqa: F811 (fixtures imported from test_discipline_helpers)
"""Personal data: who sees discipline records (pages and API), the access log written on every view,
and pinned query counts on the lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rewards import services_discipline as svc
from rewards.models import PersonalDataAccess
from tests.factories import UserFactory
from tests.rewards.test_discipline_helpers import (  # noqa: F401
    NIP_A1,
    NIP_A2,
    NIP_B1,
    clock,
    official,
    officials,
    workbook,
)

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def records(admin, officials):
    for month in (1, 2):
        data = workbook([(NIP_A1, "", 2, 30, 0), (NIP_A2, "", 0, 0, 0), (NIP_B1, "", 1, 0, 0)])
        svc.discipline_import(user=admin, pemda=admin.pemda, year=2026, month=month, data=data, file_name="a.xlsx")
    return officials


def _log():
    return list(PersonalDataAccess.objects.order_by("id").values_list("user__username", "official__nip", "action"))


def test_admin_and_pimpinan_see_the_list_and_each_view_is_logged(admin, pimpinan, records, client_for):
    for user in (admin, pimpinan):
        page = client_for(user).get(reverse("rewards:discipline_records"), {"tahun": 2026, "bulan": 1})
        assert page.status_code == 200
        assert "Budi Santoso, S.Kom." in page.content.decode() and "Ahmad Fauzi" in page.content.decode()
    assert _log() == [(admin.username, None, "lihat-daftar"), (pimpinan.username, None, "lihat-daftar")]
    assert PersonalDataAccess.objects.first().path.startswith("/reward/disiplin/rekap/?")


def test_list_filters_by_unit_and_search(admin, records, client_for, unit_b):
    client = client_for(admin)
    by_unit = client.get(reverse("rewards:discipline_records"), {"tahun": 2026, "unit": unit_b.pk}).content.decode()
    assert "Ahmad Fauzi" in by_unit and "Budi Santoso" not in by_unit
    by_nip = client.get(reverse("rewards:discipline_records"), {"tahun": 2026, "q": NIP_A2[:10]}).content.decode()
    assert "Siti Rahmah" in by_nip and "Ahmad Fauzi" not in by_nip


@pytest.mark.parametrize("persona", ["operator_a", "kepala_a", "operator_b", "evaluator"])
def test_unit_users_and_evaluators_never_see_the_list(persona, records, client_for, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("rewards:discipline_records")).status_code == 403
    assert client_for(user).get(reverse("rewards:discipline_export")).status_code == 403
    assert client_for(user).get("/api/v1/discipline-records/?year=2026").status_code == 403
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize(
    ("persona", "own_unit_official", "other_unit_official"),
    [("operator_a", 403, 404), ("kepala_a", 403, 404), ("operator_b", 404, 403), ("evaluator", 404, 404),
     ("pimpinan", 200, 200), ("admin", 200, 200), ("other_admin", 404, 404)],
)  # fmt: skip
def test_an_officials_page_by_persona(persona, own_unit_official, other_unit_official, records, client_for, request):
    client = client_for(request.getfixturevalue(persona))
    for key, expected in (("a1", own_unit_official), ("b1", other_unit_official)):
        url = reverse("rewards:discipline_official", kwargs={"uid": records[key].uid})
        assert client.get(url).status_code == expected, (persona, key)
    logged = PersonalDataAccess.objects.count()
    assert logged == (2 if own_unit_official == 200 else 0)


def test_the_official_concerned_sees_their_own_records_only(pemda, records, client_for):
    user = UserFactory(pemda=pemda, username="budi")
    records["a1"].user = user
    records["a1"].save()
    client = client_for(user)
    mine = client.get(reverse("rewards:discipline_mine"), {"tahun": 2026})
    assert mine.status_code == 200
    text = mine.content.decode()
    assert "Budi Santoso, S.Kom." in text and "Siti Rahmah" not in text
    own = reverse("rewards:discipline_official", kwargs={"uid": records["a1"].uid})
    assert client.get(own).status_code == 200
    other = reverse("rewards:discipline_official", kwargs={"uid": records["a2"].uid})
    assert client.get(other).status_code == 404
    assert client.get(reverse("rewards:discipline_records")).status_code == 403
    api = client.get("/api/v1/discipline-records/?year=2026")
    assert api.status_code == 403
    own_record = records["a1"].discipline_records.first()
    assert client.get(f"/api/v1/discipline-records/{own_record.pk}/").status_code == 200
    other_record = records["a2"].discipline_records.first()
    assert client.get(f"/api/v1/discipline-records/{other_record.pk}/").status_code == 404
    assert _log() == [
        ("budi", NIP_A1, "lihat-sendiri"), ("budi", NIP_A1, "lihat-sendiri"), ("budi", NIP_A1, "api-detail"),
    ]  # fmt: skip


def test_an_operator_who_is_the_official_sees_their_own_page(records, operator_a, client_for):
    records["a2"].user = operator_a
    records["a2"].save()
    client = client_for(operator_a)
    assert client.get(reverse("rewards:discipline_official", kwargs={"uid": records["a2"].uid})).status_code == 200
    assert client.get(reverse("rewards:discipline_official", kwargs={"uid": records["a1"].uid})).status_code == 403


def test_mine_without_a_linked_official_is_an_empty_page(operator_b, client_for):
    page = client_for(operator_b).get(reverse("rewards:discipline_mine"))
    assert page.status_code == 200 and "belum terhubung" in page.content.decode()


def test_api_list_detail_and_export_are_logged(admin, pimpinan, records, client_for):
    client = client_for(pimpinan)
    listing = client.get("/api/v1/discipline-records/", {"year": 2026, "month": 2})
    assert listing.status_code == 200
    rows = listing.json()["results"]
    assert {r["official"]["nip"] for r in rows} == {NIP_A1, NIP_A2, NIP_B1} and {r["month"] for r in rows} == {2}
    detail = client.get(f"/api/v1/discipline-records/{rows[0]['id']}/")
    assert detail.status_code == 200 and detail.json()["days_absent"] in (0, 1, 2)
    export = client.get(reverse("rewards:discipline_export"), {"tahun": 2026})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [a for _u, _o, a in _log()] == ["api-daftar", "api-detail", "ekspor"]


def test_another_pemdas_record_is_404_on_the_api(records, other_admin, client_for):
    record = records["a1"].discipline_records.first()
    assert client_for(other_admin).get(f"/api/v1/discipline-records/{record.pk}/").status_code == 404
    assert client_for(other_admin).get("/api/v1/discipline-records/?year=2026").json()["results"] == []


def test_the_access_log_page_lists_and_filters(admin, pimpinan, records, client_for):
    client_for(pimpinan).get(reverse("rewards:discipline_official", kwargs={"uid": records["b1"].uid}))
    client_for(pimpinan).get(reverse("rewards:discipline_records"))
    client = client_for(admin)
    page = client.get(reverse("rewards:discipline_access_log"), {"action": "lihat-pegawai"}).content.decode()
    assert "Ahmad Fauzi" in page and '<span class="badge">lihat-pegawai</span>' in page
    assert '<span class="badge">lihat-daftar</span>' not in page
    page = client.get(reverse("rewards:discipline_access_log"), {"q": "Siti"}).content.decode()
    assert "Belum ada akses yang tercatat" in page
    assert client_for(pimpinan).get(reverse("rewards:discipline_access_log")).status_code == 403


def _more_records(admin, pemda, unit_a, count, start):
    rows = []
    for n in range(count):
        nip = f"19900101202001{start + n:04d}"
        official(pemda, unit_a, nip, f"Pegawai {start + n}")
        rows.append((nip, "", 1, 0, 0))
    data = workbook(rows)
    svc.discipline_import(user=admin, pemda=pemda, year=2026, month=3 + start // 100, data=data, file_name="x.xlsx")


@pytest.mark.parametrize("count", [3, 30])
def test_list_page_queries_stay_constant(admin, pemda, unit_a, client_for, django_assert_max_num_queries, count):
    _more_records(admin, pemda, unit_a, count, 0)
    client = client_for(admin)
    client.get(reverse("rewards:discipline_records"))  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(reverse("rewards:discipline_records"), {"tahun": 2026}).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_api_list_and_access_log_queries_stay_constant(
    admin, pemda, unit_a, client_for, django_assert_max_num_queries, count
):
    _more_records(admin, pemda, unit_a, count, 0)
    client = client_for(admin)
    for _ in range(count):
        client.get(reverse("rewards:discipline_records"))
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/discipline-records/?year=2026").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("rewards:discipline_access_log")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("rewards:discipline_home"), {"tahun": 2026}).status_code == 200
