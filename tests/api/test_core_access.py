"""Every core API route × every persona × expected status (reads and writes), and a check that no
core route is missing from the table.

Personas: admin, operator_a, kepala_a, operator_b, evaluator, pimpinan of Pemda A and other_admin
of Pemda B. Another Pemda's object is 404, a read-only user attempting a write is 403.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import UnitFactory, UnitHeadFactory

PERSONAS = ["admin", "operator_a", "kepala_a", "operator_b", "evaluator", "pimpinan", "other_admin"]


@pytest.fixture
def world(personas, unit_a, unit_b, year):
    spare = UnitFactory(pemda=unit_a.pemda, name="Badan Cadangan", code="9.00.01", type="badan")
    return {
        **personas,
        "unit_a": unit_a,
        "unit_b": unit_b,
        "spare": spare,
        "head_a": unit_a.heads.get(),
        "year": year,
        "category": unit_a.ranking_category,
        "operator_b_role": personas["operator_b"].roles.get(),
    }


def expect(codes: str) -> dict[str, int]:
    """``"200 403 403 403 403 200 404"`` in PERSONAS order -> {persona: status}."""
    return dict(zip(PERSONAS, (int(c) for c in codes.split()), strict=True))


ALL_OK = "200 200 200 200 200 200 200"
MEMBERS_NOT_OTHER = "200 200 200 200 200 200 404"
ADMIN_ONLY_OBJ = "200 403 403 403 403 403 404"
USER_VIEW_LIST = "200 403 403 403 403 200 200"
USER_VIEW_OBJ = "200 403 403 403 403 200 404"

# (route name, method, path, payload, expected statuses)
CASES = [
    ("api-root", "get", "/api/v1/", None, ALL_OK),
    ("me", "get", "/api/v1/me/", None, ALL_OK),
    ("pemda", "get", "/api/v1/pemda/", None, ALL_OK),
    ("pemda", "put", "/api/v1/pemda/", lambda w: {"name": "Kabupaten Ubah", "kind": "kabupaten",
     "province": "Kalimantan Selatan", "head_title": "Bupati"}, "200 403 403 403 403 403 200"),
    ("pemda", "patch", "/api/v1/pemda/", lambda w: {"seat": "Martapura Baru"}, "200 403 403 403 403 403 200"),
    ("unit-list", "get", "/api/v1/units/", None, ALL_OK),
    ("unit-list", "post", "/api/v1/units/", lambda w: {"code": "9.99.01", "name": "Badan Baru", "type": "badan"},
     "201 403 403 403 403 403 201"),
    ("unit-detail", "get", "/api/v1/units/{unit_a}/", None, MEMBERS_NOT_OTHER),
    ("unit-detail", "put", "/api/v1/units/{unit_a}/",
     lambda w: {"code": "1.02.01", "name": "Dinas Kesehatan Ubah", "type": "dinas"}, ADMIN_ONLY_OBJ),
    ("unit-detail", "patch", "/api/v1/units/{unit_a}/", lambda w: {"short_name": "Dinkes2"}, ADMIN_ONLY_OBJ),
    ("unit-detail", "delete", "/api/v1/units/{spare}/", None, "204 403 403 403 403 403 404"),
    ("unit-head-list", "get", "/api/v1/unit-heads/", None, ALL_OK),
    ("unit-head-list", "post", "/api/v1/unit-heads/", lambda w: {"unit": str(w["unit_b"].uid), "name": "Camat Baru",
     "nip": "198503032010011003", "title": "Camat Astambul", "start_date": "2025-06-01"},
     "201 403 403 403 403 403 400"),
    ("unit-head-detail", "get", "/api/v1/unit-heads/{head_a}/", None, MEMBERS_NOT_OTHER),
    ("unit-head-detail", "put", "/api/v1/unit-heads/{head_a}/", lambda w: {"name": "dr. Kepala Baru",
     "nip": "197001011998031001", "title": "Kepala Dinas Kesehatan", "start_date": "2023-01-02"}, ADMIN_ONLY_OBJ),
    ("unit-head-detail", "patch", "/api/v1/unit-heads/{head_a}/", lambda w: {"rank": "Pembina (IV/a)"},
     ADMIN_ONLY_OBJ),
    ("fiscal-year-list", "get", "/api/v1/fiscal-years/", None, ALL_OK),
    ("fiscal-year-list", "post", "/api/v1/fiscal-years/", lambda w: {"year": 2026}, "201 403 403 403 403 403 201"),
    ("fiscal-year-detail", "get", "/api/v1/fiscal-years/{year}/", None, MEMBERS_NOT_OTHER),
    ("fiscal-year-detail", "put", "/api/v1/fiscal-years/{year}/", lambda w: {"frequency": "quarterly"},
     ADMIN_ONLY_OBJ),
    ("fiscal-year-detail", "patch", "/api/v1/fiscal-years/{year}/", lambda w: {"deadline_day": 15}, ADMIN_ONLY_OBJ),
    ("fiscal-year-set-current", "post", "/api/v1/fiscal-years/{year}/set-current/", None, ADMIN_ONLY_OBJ),
    ("ranking-category-list", "get", "/api/v1/ranking-categories/", None, ALL_OK),
    ("ranking-category-detail", "get", "/api/v1/ranking-categories/{category}/", None, MEMBERS_NOT_OTHER),
    ("user-list", "get", "/api/v1/users/", None, USER_VIEW_LIST),
    ("user-list", "post", "/api/v1/users/", lambda w: {"username": "baru", "full_name": "Pengguna Baru",
     "email": "baru@contoh.go.id"}, "201 403 403 403 403 403 201"),
    ("user-detail", "get", "/api/v1/users/{operator_a}/", None, USER_VIEW_OBJ),
    ("user-detail", "put", "/api/v1/users/{operator_b}/", lambda w: {"username": "operator_b",
     "full_name": "Operator B Ubah"}, ADMIN_ONLY_OBJ),
    ("user-detail", "patch", "/api/v1/users/{operator_b}/", lambda w: {"phone": "0811-5000-1"}, ADMIN_ONLY_OBJ),
    ("user-add-role", "post", "/api/v1/users/{evaluator}/roles/", lambda w: {"role": "pimpinan",
     "position": "sekda"}, "201 403 403 403 403 403 404"),
    ("user-remove-role", "delete", "/api/v1/users/{operator_b}/roles/{operator_b_role}/", None,
     "204 403 403 403 403 403 404"),
]  # fmt: skip


def _path(template: str, world) -> str:
    return template.format(**{k: getattr(v, "uid", v) for k, v in world.items()})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("route", "method", "template", "payload", "codes"),
    CASES,
    ids=[f"{c[1]}:{c[2]}" for c in CASES],
)
def test_core_api_access(api_for, world, persona, route, method, template, payload, codes):
    client = api_for(world[persona])
    data = payload(world) if payload else None
    response = getattr(client, method)(_path(template, world), data, format="json")
    assert response.status_code == expect(codes)[persona], response.content[:300]


@pytest.mark.parametrize(("route", "method", "template"), [(c[0], c[1], c[2]) for c in CASES])
def test_anonymous_gets_401(client, db, world, route, method, template):
    response = getattr(client, method)(_path(template, world), content_type="application/json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def _core_routes() -> set[tuple[str, str]]:
    """(route name, method) of every /api/v1/ route served by sakip.api.core (and the API root)."""
    found: set[tuple[str, str]] = set()

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern):
                callback = p.callback
                cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
                if cls is None or not (cls.__module__ == "sakip.api.core" or p.name == "api-root"):
                    continue
                actions = getattr(callback, "actions", None)
                methods = actions.keys() if actions else [m for m in cls.http_method_names if hasattr(cls, m)]
                found.update((p.name, m) for m in methods if m not in ("options", "head"))

    walk(get_resolver("sakip.api.v1").url_patterns)
    return found


def test_every_core_route_is_in_the_table():
    table = {(c[0], c[1]) for c in CASES}
    routes = _core_routes()
    assert routes, "no routes found: the walk is broken"
    assert routes - table == set(), "routes missing from CASES"
    assert table - routes == set(), "CASES lists routes that do not exist"


def test_other_pemda_unit_cannot_be_read_or_written(api_for, admin, other_admin, unit_a, other_unit):
    client = api_for(admin)
    for method in ("get", "put", "patch", "delete"):
        response = getattr(client, method)(f"/api/v1/units/{other_unit.uid}/", {"name": "X"}, format="json")
        assert response.status_code == 404, method
        assert response.json() == {"detail": "Data tidak ditemukan."}
    other_unit.refresh_from_db()
    assert other_unit.name == "Dinas Kesehatan Kota Lain"
    # ... and the other admin sees only their own units
    rows = api_for(other_admin).get("/api/v1/units/").json()["results"]
    assert [r["uid"] for r in rows] == [str(other_unit.uid)]


def test_other_pemda_lists_are_empty_of_our_data(api_for, other_admin, world):
    client = api_for(other_admin)
    for url in ("/api/v1/unit-heads/", "/api/v1/fiscal-years/", "/api/v1/users/"):
        rows = client.get(url).json()["results"]
        ours = {str(world[k].uid) for k in ("head_a", "year", "admin", "operator_a")}
        assert not ours & {r["uid"] for r in rows}, url
    assert client.get("/api/v1/pemda/").json()["name"] == "Kota Lain Uji"


def test_operator_may_read_but_not_write_own_unit(api_for, operator_a, unit_a):
    client = api_for(operator_a)
    assert client.get(f"/api/v1/units/{unit_a.uid}/").status_code == 200
    response = client.patch(f"/api/v1/units/{unit_a.uid}/", {"name": "Diubah operator"}, format="json")
    assert response.status_code == 403
    unit_a.refresh_from_db()
    assert unit_a.name == "Dinas Kesehatan"


def test_malformed_uid_is_404(api_for, admin):
    assert api_for(admin).get("/api/v1/units/bukan-uuid/").status_code == 404


def test_user_without_role_is_refused_but_may_see_me(api_for, pemda):
    from tests.factories import UserFactory

    user = UserFactory(pemda=pemda)
    client = api_for(user)
    assert client.get("/api/v1/units/").status_code == 403
    me = client.get("/api/v1/me/").json()
    assert me["roles"] == [] and me["permissions"] == []


def test_session_writes_need_csrf_token(admin, unit_a):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.patch(f"/api/v1/units/{unit_a.uid}/", {"short_name": "X"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_token_auth_reads_and_writes_without_csrf(token_client, admin, unit_a):
    client = token_client(admin)
    assert client.get("/api/v1/me/").json()["username"] == "admin_sakip"
    response = client.patch(f"/api/v1/units/{unit_a.uid}/", {"short_name": "Dinkes Baru"}, format="json")
    assert response.status_code == 200
    assert response.json()["short_name"] == "Dinkes Baru"


def test_bad_token_is_401(db, unit_a):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/units/").status_code == 401


def test_token_of_read_only_user_cannot_write(token_client, operator_a, unit_a):
    response = token_client(operator_a).post("/api/v1/units/", {"code": "X1", "name": "X", "type": "dinas"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Anda tidak memiliki izin untuk melakukan tindakan ini."


def test_head_dates_are_today_in_pemda_time(api_for, admin, unit_b):
    """A head assignment that starts in the future is not the unit's current head yet."""
    UnitHeadFactory(unit=unit_b, name="Camat Mendatang", nip="199001012015011001", start_date=dt.date(2999, 1, 1))
    row = api_for(admin).get(f"/api/v1/units/{unit_b.uid}/").json()
    assert row["current_head"]["name"] == "Camat Astambul, S.STP."
