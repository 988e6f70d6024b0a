"""The OpenAPI schema generates without warnings and the docs are served by the portal itself."""

import re

from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    # --fail-on-warn turns every drf-spectacular warning (untyped parameter, enum clash, ...) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in (
        "/api/v1/me/",
        "/api/v1/pemda/",
        "/api/v1/units/{uid}/",
        "/api/v1/unit-heads/",
        "/api/v1/fiscal-years/{uid}/set-current/",
        "/api/v1/ranking-categories/",
        "/api/v1/users/{uid}/roles/{role_uid}/",
    ):
        assert f"  {path}:" in text, path


def test_schema_documents_token_and_session_auth(api_for, admin):
    response = api_for(admin).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    unit_params = {p["name"] for p in schema["paths"]["/api/v1/units/"]["get"]["parameters"]}
    assert {"search", "type", "is_active", "parent", "ranking_category", "page", "page_size"} <= unit_params


def test_schema_and_docs_need_login(client, db):
    assert client.get("/api/schema/").status_code == 401
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=/api/docs/")


def test_docs_load_assets_from_our_static_files(client_for, admin):
    response = client_for(admin).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
    assert assets, html[:500]
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a collected static file"
    assert "//cdn" not in html and "https://" not in html
